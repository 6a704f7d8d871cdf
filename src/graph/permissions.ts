/** Least delegated permissions per kind of call (from the Graph permission tables), named in 403 errors. */
export const Permission = {
  readApps: 'Application.Read.All',
  manageApps: 'Application.ReadWrite.All',
  readSync: 'Synchronization.Read.All',
  manageSync: 'Synchronization.ReadWrite.All',
  manageAssignments: 'AppRoleAssignment.ReadWrite.All',
  readDirectory: 'Directory.Read.All',
  readLogs: 'AuditLog.Read.All and Directory.Read.All',
} as const;
