import type * as vscode from 'vscode';
import type { ActivityChannel } from '../activity/activityChannel';
import type { ConnectionStore } from '../auth/connectionStore';
import type { GraphConnections } from '../auth/graphConnections';
import type { SandboxSessions } from '../auth/sandboxSessions';
import type { OutputChannelLogger } from '../host/outputChannelLogger';
import type { FleetView } from '../tree/fleetProvider';
import type { ProvisioningTreeProvider } from '../tree/provisioningTreeProvider';
import type { WalkthroughProgress } from '../walkthrough/walkthroughProgress';
import type { MappingEditorManager } from '../webviews/mappingEditorManager';
import type { LogsWorkbenchManager } from '../webviews/logsWorkbenchManager';
import type { ReadOnlyDocuments } from '../host/readOnlyDocuments';
import type { ScimCheckLog } from '../host/scimCheckLog';
import type { TestUserStore } from '../shared/testUsers';
import type { DriftNotices } from './jobFileDriftNotices';

/** The services built once in activate() and handed to every command. */
export interface Services {
  readonly extensionUri: vscode.Uri;
  readonly logger: OutputChannelLogger;
  readonly connections: ConnectionStore;
  readonly sandboxes: SandboxSessions;
  readonly graph: GraphConnections;
  readonly secrets: vscode.SecretStorage;
  readonly tree: ProvisioningTreeProvider;
  /** The fleet view's data: every job of every tenant by what needs attention. */
  readonly fleet: FleetView;
  /** Open mapping editors (one per job); tests reach save through it. */
  readonly mappingEditors: MappingEditorManager;
  /** Open logs workbenches (one per job, app or tenant); tests drive them through it. */
  readonly logsWorkbenches: LogsWorkbenchManager;
  /** Read-only documents: reports, event details, schema snapshots. */
  readonly documents: ReadOnlyDocuments;
  /** Provisioning activity streams, their channel and the events they saw. */
  readonly activity: ActivityChannel;
  /** Ticks the walkthrough's steps as their actions succeed. */
  readonly walkthrough: WalkthroughProgress;
  /** Each job's saved test users (workspace state). */
  readonly testUsers: TestUserStore;
  /** The SCIM endpoint check's raw log channel. */
  readonly scimCheckLog: ScimCheckLog;
  /** The notice in provisioning files whose job drifted (checkDrift, plan and apply record what they find). */
  readonly driftNotices: DriftNotices;
}
