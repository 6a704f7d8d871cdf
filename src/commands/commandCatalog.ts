import { CommandId } from '../shared/commandIds';
import type { CommandDefinition } from './commandDefinition';
import { connectSandbox } from './connectSandbox';
import { showLog } from './showLog';
import { signIn } from './signIn';
import { signOut } from './signOut';
import { switchTenant } from './switchTenant';
import { openMappingEditor } from './openMappingEditor';
import { saveMappings } from './saveMappings';
import { activityCommands } from './activityCommands';
import { openWalkthrough } from './openWalkthrough';
import { addGalleryApp, assignUsers } from './galleryAndAssignments';
import { saveCredentials, testConnection } from './credentials';
import { checkScimEndpoint } from './checkScimEndpoint';
import { copyAppRegistrationScript } from './copyAppRegistrationScript';
import { copyId } from './copyId';
import { openInPortal } from './openInPortal';
import { allowHeldDeletions, pauseJob, restartJob, startJob } from './jobActions';
import { bulkJobAction, withSelection } from './bulkJobAction';
import { createJob, deleteJob } from './jobLifecycle';
import { editProvisioningSettings } from './provisioningSettings';
import { pointSandboxJobAtScimApp } from './pointSandboxJobAtScimApp';
import { provisionOnDemand } from './provisionOnDemand';
import { exportSchema, importSchema } from './schemaFiles';
import { applyJobFile, checkDrift, exportJobFile, planJobFile } from './jobFiles';
import { compareJobs } from './compareJobs';
import { copyAsCode } from './copyAsCode';
import { explainError } from './explainError';
import { openReport } from './openReport';
import { loadMoreApps, refresh, refreshFleet, searchApps, toggleProvisioningOnly } from './treeCommands';
import { addTestUsers, provisionTestUsers, removeTestUser } from './testUsers';
import { queryLogs } from './queryLogs';
import { openLogsWorkbench } from './openLogsWorkbench';

/** Connection and view commands. */
const coreCommands: CommandDefinition[] = [
  { id: CommandId.showLog, handler: showLog },
  { id: CommandId.refresh, handler: refresh },
  { id: CommandId.refreshFleet, handler: refreshFleet },
  { id: CommandId.signIn, handler: signIn },
  { id: CommandId.signOut, handler: signOut },
  { id: CommandId.switchTenant, handler: switchTenant },
  { id: CommandId.openWalkthrough, handler: openWalkthrough },
  { id: CommandId.connectSandbox, handler: connectSandbox },
  { id: CommandId.copyAppRegistrationScript, handler: copyAppRegistrationScript },
  { id: CommandId.checkScimEndpoint, handler: checkScimEndpoint },
  { id: CommandId.pointSandboxJobAtScimApp, handler: pointSandboxJobAtScimApp },
];

/** The enterprise-app and provisioning-job commands of the tree and the palette. */
const provisioningCommands: CommandDefinition[] = [
  { id: CommandId.searchApps, handler: searchApps },
  { id: CommandId.toggleProvisioningOnly, handler: toggleProvisioningOnly },
  { id: CommandId.loadMoreApps, handler: loadMoreApps },
  { id: CommandId.addGalleryApp, handler: addGalleryApp },
  { id: CommandId.assignUsers, handler: assignUsers },
  { id: CommandId.createJob, handler: createJob },
  { id: CommandId.deleteJob, handler: deleteJob },
  { id: CommandId.saveCredentials, handler: saveCredentials },
  { id: CommandId.testConnection, handler: testConnection },
  { id: CommandId.editProvisioningSettings, handler: editProvisioningSettings },
  // With several job rows selected in a tree, these act on all of them (see withSelection).
  { id: CommandId.startJob, handler: withSelection('start', startJob) },
  { id: CommandId.pauseJob, handler: withSelection('pause', pauseJob) },
  { id: CommandId.restartJob, handler: withSelection('restart', restartJob) },
  { id: CommandId.allowHeldDeletions, handler: allowHeldDeletions },
  { id: CommandId.provisionOnDemand, handler: provisionOnDemand },
  { id: CommandId.exportSchema, handler: exportSchema },
  { id: CommandId.importSchema, handler: importSchema },
  { id: CommandId.copyId, handler: copyId },
  { id: CommandId.openInPortal, handler: openInPortal },
  { id: CommandId.openMappingEditor, handler: openMappingEditor },
  { id: CommandId.saveMappings, handler: saveMappings },
  { id: CommandId.exportJobFile, handler: exportJobFile },
  { id: CommandId.planJobFile, handler: planJobFile },
  { id: CommandId.applyJobFile, handler: applyJobFile },
  { id: CommandId.checkDrift, handler: checkDrift },
  { id: CommandId.compareJobs, handler: compareJobs },
  { id: CommandId.copyAsCode, handler: copyAsCode },
  { id: CommandId.explainError, handler: explainError },
  { id: CommandId.openReport, handler: openReport },
  { id: CommandId.addTestUsers, handler: addTestUsers },
  { id: CommandId.removeTestUser, handler: removeTestUser },
  { id: CommandId.provisionTestUsers, handler: provisionTestUsers },
  { id: CommandId.bulkJobAction, handler: bulkJobAction },
  { id: CommandId.queryLogs, handler: queryLogs },
  { id: CommandId.openLogsWorkbench, handler: openLogsWorkbench },
];

/** Every command with its handler: what the handlers bundle hands to the registration. */
export const commandCatalog: readonly CommandDefinition[] = [...coreCommands, ...provisioningCommands, ...activityCommands];
