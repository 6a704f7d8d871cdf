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
  openWalkthrough: 'entraProvisioning.openWalkthrough',
  openMappingEditor: 'entraProvisioning.openMappingEditor',
  saveMappings: 'entraProvisioning.saveMappings',
  searchApps: 'entraProvisioning.searchApps',
  toggleProvisioningOnly: 'entraProvisioning.toggleProvisioningOnly',
  loadMoreApps: 'entraProvisioning.loadMoreApps',
  addGalleryApp: 'entraProvisioning.addGalleryApp',
  assignUsers: 'entraProvisioning.assignUsers',
  createJob: 'entraProvisioning.createJob',
  deleteJob: 'entraProvisioning.deleteJob',
  saveCredentials: 'entraProvisioning.saveCredentials',
  testConnection: 'entraProvisioning.testConnection',
  editProvisioningSettings: 'entraProvisioning.editProvisioningSettings',
  startJob: 'entraProvisioning.startJob',
  pauseJob: 'entraProvisioning.pauseJob',
  restartJob: 'entraProvisioning.restartJob',
  allowHeldDeletions: 'entraProvisioning.allowHeldDeletions',
  provisionOnDemand: 'entraProvisioning.provisionOnDemand',
  exportSchema: 'entraProvisioning.exportSchema',
  importSchema: 'entraProvisioning.importSchema',
  copyId: 'entraProvisioning.copyId',
  openInPortal: 'entraProvisioning.openInPortal',
  streamActivity: 'entraProvisioning.streamActivity',
  stopActivity: 'entraProvisioning.stopActivity',
  showActivityDetails: 'entraProvisioning.showActivityDetails',
  filterActivity: 'entraProvisioning.filterActivity',
  copyAppRegistrationScript: 'entraProvisioning.copyAppRegistrationScript',
  checkScimEndpoint: 'entraProvisioning.checkScimEndpoint',
  pointSandboxJobAtScimApp: 'entraProvisioning.pointSandboxJobAtScimApp',
  exportJobFile: 'entraProvisioning.exportJobFile',
  planJobFile: 'entraProvisioning.planJobFile',
  applyJobFile: 'entraProvisioning.applyJobFile',
  checkDrift: 'entraProvisioning.checkDrift',
  compareJobs: 'entraProvisioning.compareJobs',
  copyAsCode: 'entraProvisioning.copyAsCode',
  bulkJobAction: 'entraProvisioning.bulkJobAction',
} as const;

export type CommandId = (typeof CommandId)[keyof typeof CommandId];

export const allCommandIds: readonly CommandId[] = Object.values(CommandId);
