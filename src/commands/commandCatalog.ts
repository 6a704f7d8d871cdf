import * as vscode from 'vscode';
import { CommandId } from '../shared/commandIds';
import type { CommandDefinition } from './commandDefinition';
import { connectSandbox } from './connectSandbox';
import { showLog } from './showLog';
import { signIn } from './signIn';
import { signOut } from './signOut';
import { switchTenant } from './switchTenant';
import { mappingEditorCommands } from './mappingEditorCommands';
import { activityCommands } from './activityCommands';
import { openWalkthrough } from './openWalkthrough';
import { addGalleryApp, assignUsers } from './galleryAndAssignments';
import { saveCredentials, testConnection } from './credentials';
import { copyId } from './copyId';
import { openInPortal } from './openInPortal';
import { allowHeldDeletions, pauseJob, restartJob, startJob } from './jobActions';
import { createJob, deleteJob } from './jobLifecycle';
import { editProvisioningSettings } from './provisioningSettings';
import { provisionOnDemand } from './provisionOnDemand';
import { exportSchema, importSchema } from './schemaFiles';
import { loadMoreApps, refresh, searchApps, toggleProvisioningOnly } from './treeCommands';

/** Connection and view commands; feature folders export their own lists. */
export const coreCommands: CommandDefinition[] = [
  { id: CommandId.showLog, handler: showLog, title: () => vscode.l10n.t('Show Log') },
  { id: CommandId.refresh, handler: refresh, title: () => vscode.l10n.t('Refresh') },
  { id: CommandId.signIn, handler: signIn, title: () => vscode.l10n.t('Sign in') },
  { id: CommandId.signOut, handler: signOut, title: () => vscode.l10n.t('Sign out') },
  { id: CommandId.switchTenant, handler: switchTenant, title: () => vscode.l10n.t('Switch tenant') },
  { id: CommandId.openWalkthrough, handler: openWalkthrough, title: () => vscode.l10n.t('Open walkthrough') },
  { id: CommandId.connectSandbox, handler: connectSandbox, title: () => vscode.l10n.t('Connect to sandbox tenant') },
];

/** The enterprise-app and provisioning-job commands of the tree and the palette. */
export const provisioningCommands: CommandDefinition[] = [
  { id: CommandId.searchApps, handler: searchApps, title: () => vscode.l10n.t('Search enterprise apps') },
  { id: CommandId.toggleProvisioningOnly, handler: toggleProvisioningOnly, title: () => vscode.l10n.t('Show only apps with provisioning') },
  { id: CommandId.loadMoreApps, handler: loadMoreApps, title: () => vscode.l10n.t('Load more apps') },
  { id: CommandId.addGalleryApp, handler: addGalleryApp, title: () => vscode.l10n.t('Add an app from the gallery') },
  { id: CommandId.assignUsers, handler: assignUsers, title: () => vscode.l10n.t('Assign users and groups') },
  { id: CommandId.createJob, handler: createJob, title: () => vscode.l10n.t('Create provisioning job') },
  { id: CommandId.deleteJob, handler: deleteJob, title: () => vscode.l10n.t('Delete provisioning job') },
  { id: CommandId.saveCredentials, handler: saveCredentials, title: () => vscode.l10n.t('Save admin credentials') },
  { id: CommandId.testConnection, handler: testConnection, title: () => vscode.l10n.t('Test connection') },
  { id: CommandId.editProvisioningSettings, handler: editProvisioningSettings, title: () => vscode.l10n.t('Provisioning settings') },
  { id: CommandId.startJob, handler: startJob, title: () => vscode.l10n.t('Start provisioning') },
  { id: CommandId.pauseJob, handler: pauseJob, title: () => vscode.l10n.t('Stop provisioning') },
  { id: CommandId.restartJob, handler: restartJob, title: () => vscode.l10n.t('Restart provisioning') },
  { id: CommandId.allowHeldDeletions, handler: allowHeldDeletions, title: () => vscode.l10n.t('Allow held deletions') },
  { id: CommandId.provisionOnDemand, handler: provisionOnDemand, title: () => vscode.l10n.t('Provision on demand') },
  { id: CommandId.exportSchema, handler: exportSchema, title: () => vscode.l10n.t('Export schema') },
  { id: CommandId.importSchema, handler: importSchema, title: () => vscode.l10n.t('Apply schema') },
  { id: CommandId.copyId, handler: copyId, title: () => vscode.l10n.t('Copy ID') },
  { id: CommandId.openInPortal, handler: openInPortal, title: () => vscode.l10n.t('Open in Entra admin center') },
];

/** Every command with its handler: what the features runtime hands to the registration. */
export const commandCatalog: readonly CommandDefinition[] = [...coreCommands, ...provisioningCommands, ...mappingEditorCommands, ...activityCommands];
