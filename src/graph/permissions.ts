import type { GraphAccess } from '../shared/graphPermissions';

/**
 * The kind of each Graph call, named in its CallOptions: a 403 then says which permissions and which
 * directory role the call needs (src/shared/graphPermissions.ts has the table).
 */
export const Access = {
  readApps: 'readApps',
  manageApps: 'manageApps',
  readSync: 'readSync',
  manageSync: 'manageSync',
  manageAssignments: 'manageAssignments',
  readDirectory: 'readDirectory',
  readLogs: 'readLogs',
} as const satisfies Record<GraphAccess, GraphAccess>;
