/**
 * Every command the extension contributes, in one list. A test checks it against package.json both
 * ways, so a command cannot be declared without a handler or registered without a declaration.
 */
export const CommandId = {
  showLog: 'entraProvisioning.showLog',
  refresh: 'entraProvisioning.refresh',
  signIn: 'entraProvisioning.signIn',
  connectSandbox: 'entraProvisioning.connectSandbox',
  signOut: 'entraProvisioning.signOut',
  switchTenant: 'entraProvisioning.switchTenant',
} as const;

export type CommandId = (typeof CommandId)[keyof typeof CommandId];

export const allCommandIds: readonly CommandId[] = Object.values(CommandId);
