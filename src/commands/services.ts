import type * as vscode from 'vscode';
import type { ActivityStreamer } from '../activity/activityStreamer';
import type { ConnectionStore } from '../auth/connectionStore';
import type { GraphSessions } from '../auth/graphSessions';
import type { SandboxSessions } from '../auth/sandboxSessions';
import type { OutputChannelLogger } from '../host/outputChannelLogger';
import type { ProvisioningTreeProvider } from '../tree/provisioningTreeProvider';
import type { WalkthroughProgress } from '../walkthrough/walkthroughProgress';
import type { MappingEditorManager } from '../webviews/mappingEditorManager';
import type { ReadOnlyDocuments } from '../host/readOnlyDocuments';

/** The services built once in activate() and handed to every command. */
export interface Services {
  readonly extensionUri: vscode.Uri;
  readonly logger: OutputChannelLogger;
  readonly connections: ConnectionStore;
  readonly sandboxes: SandboxSessions;
  readonly graph: GraphSessions;
  readonly secrets: vscode.SecretStorage;
  readonly tree: ProvisioningTreeProvider;
  /** Open mapping editors (one per job); tests reach save through it. */
  readonly mappingEditors: MappingEditorManager;
  /** Read-only documents: reports, event details, schema snapshots. */
  readonly documents: ReadOnlyDocuments;
  /** Provisioning activity streams, their channel and the events they saw. */
  readonly activity: ActivityStreamer;
  /** Ticks the walkthrough's steps as their actions succeed. */
  readonly walkthrough: WalkthroughProgress;
}
