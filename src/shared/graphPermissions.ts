import { CommandId } from './commandIds';

/**
 * What the extension needs from a real tenant, in one table: each kind of Graph call with its least
 * delegated permissions and the least-privileged built-in directory role that may make it. The Graph
 * layer names them in a 403, the delegated sign-in asks for them (graphScopes), the app registration
 * script requests them, and the README's "Using a real tenant" table is rendered from them (a unit
 * test keeps the README in step).
 *
 * Sources, each the API page's "Permissions" table and role note (learn.microsoft.com/graph/api/...):
 * serviceprincipal-list, serviceprincipal-list-approleassignedto, applicationtemplate-instantiate,
 * serviceprincipal-post-approleassignedto, synchronization-synchronization-list-jobs,
 * synchronization-synchronizationjob-start (and -provisionondemand, -serviceprincipal-put-synchronization,
 * synchronization-synchronizationschema-update), user-list, group-list-members, organization-get,
 * provisioningobjectsummary-list. The synchronization pages share one role note: "at least the
 * Application Administrator or Cloud Application Administrator" (Cloud Application Administrator is
 * the lesser of the two). Creating an enterprise app from the gallery needs Cloud Application
 * Administrator (learn.microsoft.com/entra/identity/enterprise-apps/add-application-portal).
 */

/** Microsoft Graph's application id: the resource every permission below belongs to. */
export const MICROSOFT_GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

/**
 * The delegated Graph permissions the extension uses, with their scope ids (the `id` of Graph's
 * oauth2PermissionScopes, listed in learn.microsoft.com/graph/permissions-reference). Every one needs
 * admin consent.
 */
export const delegatedPermissionIds = {
  'Application.Read.All': 'c79f8feb-a9db-4090-85f9-90d820caa0eb',
  'Application.ReadWrite.All': 'bdfbf15f-ee85-4955-8675-146e8e5296b5',
  'AppRoleAssignment.ReadWrite.All': '84bccea3-f856-4a8a-967b-dbe0a3d53a64',
  'AuditLog.Read.All': 'e4c9e354-4dc5-45b8-9e7c-e1393b0b1a20',
  'Directory.Read.All': '06da0dbc-49e2-44d2-8312-53f166ab848a',
  'Synchronization.Read.All': '7aa02aeb-824f-4fbe-a3f7-611f751f5b55',
  'Synchronization.ReadWrite.All': '7bb27fa3-ea8f-4d67-a916-87715b6188bd',
} as const;

export type PermissionName = keyof typeof delegatedPermissionIds;

/** A kind of Graph call, by what it touches. */
export type GraphAccess = 'readApps' | 'manageApps' | 'manageAssignments' | 'readSync' | 'manageSync' | 'readDirectory' | 'readLogs';

export interface AccessRequirement {
  /** What the calls of this kind do (README wording). */
  readonly what: string;
  /** The least delegated permissions; all of them are needed. */
  readonly permissions: readonly PermissionName[];
  /** The least-privileged built-in directory role the signed-in user needs for these calls. */
  readonly role: string;
}

export const graphAccess: Readonly<Record<GraphAccess, AccessRequirement>> = {
  // Member users read apps and the directory by default; the role is what a guest needs.
  readApps: { what: 'list enterprise apps and their assignments', permissions: ['Application.Read.All'], role: 'Directory Readers' },
  manageApps: { what: 'add an app from the gallery', permissions: ['Application.ReadWrite.All'], role: 'Cloud Application Administrator' },
  manageAssignments: { what: 'assign users and groups to an app', permissions: ['AppRoleAssignment.ReadWrite.All', 'Application.Read.All'], role: 'Cloud Application Administrator' },
  readSync: { what: 'read provisioning jobs, schemas and templates', permissions: ['Synchronization.Read.All'], role: 'Cloud Application Administrator' },
  manageSync: {
    what: 'create, start, pause, restart and delete jobs; save credentials, settings and mappings; provision on demand',
    permissions: ['Synchronization.ReadWrite.All'],
    role: 'Cloud Application Administrator',
  },
  // Directory.Read.All covers users, groups, group members and the organization in one consent
  // (the least for each alone would be User.Read.All, GroupMember.Read.All and User.Read).
  readDirectory: { what: 'read the tenant, users, groups and group members', permissions: ['Directory.Read.All'], role: 'Directory Readers' },
  readLogs: { what: 'read provisioning logs', permissions: ['AuditLog.Read.All', 'Directory.Read.All'], role: 'Reports Reader' },
};

/**
 * Delegated permissions asked for as features first need them: `read` at sign-in, the others just
 * before the first write of their kind (VS Code then asks for consent to the larger set).
 */
export const graphScopes = {
  read: uniquePermissions(['readApps', 'readSync', 'readLogs', 'readDirectory']),
  manageJobs: uniquePermissions(['manageSync']),
  manageAssignments: ['AppRoleAssignment.ReadWrite.All'],
  manageApps: uniquePermissions(['manageApps']),
} as const satisfies Record<string, readonly PermissionName[]>;

export type ScopeGroup = keyof typeof graphScopes;

/** Every delegated permission the extension may ask for: what an app registration of its own needs. */
export const allDelegatedPermissions: readonly PermissionName[] = uniquePermissions(Object.keys(graphAccess) as GraphAccess[]);

/** The kinds of Graph call each command makes (for the README's "what each command needs"). */
export const commandAccess: Readonly<Partial<Record<CommandId, readonly GraphAccess[]>>> = {
  [CommandId.signIn]: ['readDirectory', 'readApps', 'readSync'],
  [CommandId.refresh]: ['readApps', 'readSync'],
  [CommandId.refreshFleet]: ['readApps', 'readSync'],
  [CommandId.searchApps]: ['readApps'],
  [CommandId.addGalleryApp]: ['manageApps'],
  [CommandId.assignUsers]: ['manageAssignments', 'readDirectory'],
  [CommandId.createJob]: ['manageSync'],
  [CommandId.deleteJob]: ['manageSync'],
  [CommandId.saveCredentials]: ['manageSync'],
  [CommandId.testConnection]: ['manageSync'],
  [CommandId.editProvisioningSettings]: ['manageSync'],
  [CommandId.startJob]: ['manageSync'],
  [CommandId.pauseJob]: ['manageSync'],
  [CommandId.restartJob]: ['manageSync'],
  [CommandId.allowHeldDeletions]: ['manageSync'],
  [CommandId.bulkJobAction]: ['manageSync'],
  [CommandId.provisionOnDemand]: ['manageSync', 'readDirectory'],
  [CommandId.addTestUsers]: ['readApps', 'readDirectory'],
  [CommandId.provisionTestUsers]: ['manageSync', 'readDirectory'],
  [CommandId.importSchema]: ['manageSync'],
  [CommandId.saveMappings]: ['manageSync'],
  [CommandId.exportSchema]: ['readSync'],
  [CommandId.exportJobFile]: ['readApps', 'readSync'],
  [CommandId.planJobFile]: ['readSync', 'readDirectory'],
  [CommandId.applyJobFile]: ['manageSync'],
  [CommandId.checkDrift]: ['readSync'],
  [CommandId.compareJobs]: ['readSync'],
  [CommandId.openMappingEditor]: ['readSync', 'readDirectory'],
  [CommandId.streamActivity]: ['readLogs'],
  [CommandId.showActivityDetails]: ['readLogs'],
  [CommandId.queryLogs]: ['readLogs'],
  [CommandId.openLogsWorkbench]: ['readLogs'],
};

/** "AuditLog.Read.All and Directory.Read.All". */
export function permissionList(permissions: readonly string[]): string {
  return permissions.join(' and ');
}

/**
 * The README's table of what a real tenant must grant, one row per kind of call, rendered from the
 * table above so the two cannot drift apart.
 */
export function permissionsMarkdownTable(): string {
  const rows = (Object.entries(graphAccess) as Array<[GraphAccess, AccessRequirement]>).map(([access, req]) => {
    const commands = (Object.entries(commandAccess) as Array<[CommandId, readonly GraphAccess[]]>)
      .filter(([, kinds]) => kinds.includes(access))
      .map(([id]) => `\`${id.replace(/^entraProvisioning\./, '')}\``);
    return `| ${req.what} | ${req.permissions.map((p) => `\`${p}\``).join(' + ')} | ${req.role} | ${commands.join(', ') || '—'} |`;
  });
  return ['| to … | delegated permissions | least-privileged directory role | commands |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

function uniquePermissions(kinds: readonly GraphAccess[]): PermissionName[] {
  return [...new Set(kinds.flatMap((k) => graphAccess[k].permissions))];
}
