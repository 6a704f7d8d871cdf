import * as vscode from 'vscode';
import { ConnectionStatusBar } from './auth/connectionStatusBar';
import { ConnectionStore } from './auth/connectionStore';
import { GraphConnections } from './auth/graphConnections';
import { SandboxSessions } from './auth/sandboxSessions';
import { registerCommands } from './commands/registerCommands';
import type { Services } from './commands/services';
import { CommandId } from './shared/commandIds';
import { OutputChannelLogger } from './host/outputChannelLogger';
import { ReadOnlyDocuments } from './host/readOnlyDocuments';
import type { JobStatusRefresher } from './tree/jobStatusRefresher';
import { FleetShell } from './tree/fleetShell';
import type { FleetView } from './tree/fleetProvider';
import { ProvisioningTreeShell } from './tree/provisioningTreeShell';
import { TestUserStore } from './shared/testUsers';
import { WalkthroughProgress } from './walkthrough/walkthroughProgress';
import { MappingEditorPanels } from './webviews/mappingEditorPanels';
import { LogsWorkbenchPanels } from './webviews/logsWorkbenchPanels';

/** What activate() returns; tests use it to reach the running services. */
export interface ExtensionApi {
  readonly services: Services;
  /** Refreshes running jobs' status while the view is visible (tests drive `tick()`); loads the tree. */
  readonly jobStatus: JobStatusRefresher;
  /** The fleet view's data (tests drive `refresh()` and `tick()`); loads the fleet. */
  readonly fleet: FleetView;
}

/**
 * Composition root: build the services once, register everything, hand all disposables to VS Code.
 * What VS Code is given here is small on purpose (bench/activation measures it): the tree, the
 * mapping editor and the command handlers are loaded from their own bundles on first use.
 */
export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const channel = vscode.window.createOutputChannel('Entra Provisioning', { log: true });
  const logger = new OutputChannelLogger(channel);
  const connections = new ConnectionStore(context.globalState);
  const sandboxes = new SandboxSessions();
  const graph = new GraphConnections(connections, sandboxes, context.secrets, logger);
  const documents = new ReadOnlyDocuments();
  const testUsers = new TestUserStore(context.workspaceState);
  const tree = new ProvisioningTreeShell(connections, graph, logger.child('tree'), documents, testUsers);
  const fleet = new FleetShell(connections, graph, logger.child('fleet'), tree.onDidChangeTreeData);
  const walkthrough = new WalkthroughProgress(context.extension.id, logger.child('walkthrough'));
  const { services, runAsCommand, disposables: commands } = registerCommands(
    {
      extensionUri: context.extensionUri, logger, connections, sandboxes, graph, secrets: context.secrets, documents, walkthrough, testUsers,
      tree: () => tree.tree,
      fleet: () => fleet.fleet,
      mappingEditors: () => mappingEditors.manager,
      logsWorkbenches: () => logsWorkbenches.manager,
    },
    {
      extensionPath: context.extensionPath,
      manifest: context.extension.packageJSON,
      language: vscode.env.language,
      onFinished: (id, result) => walkthrough.commandFinished(id, result),
    },
  );
  const mappingEditors = new MappingEditorPanels({
    extensionUri: context.extensionUri,
    logger: logger.child('mappingEditor'),
    graph,
    documents,
    drafts: context.workspaceState,
    runAsCommand,
  });
  const logsWorkbenches = new LogsWorkbenchPanels({ extensionUri: context.extensionUri, logger: logger.child('logsWorkbench'), graph });
  const statusBar = new ConnectionStatusBar(connections, CommandId.switchTenant);

  const treeView = vscode.window.createTreeView('entraProvisioning.apps', { treeDataProvider: tree, showCollapseAll: true, canSelectMany: true });
  tree.attachView(treeView);
  const fleetView = vscode.window.createTreeView('entraProvisioning.fleet', { treeDataProvider: fleet, canSelectMany: true });
  fleet.attachView(fleetView);
  context.subscriptions.push(channel, connections, sandboxes, graph, tree, mappingEditors, logsWorkbenches, documents, treeView, statusBar, fleet, fleetView, ...commands);
  // Drives the welcome view; a connection (signed in, or the sandbox) is the walkthrough's first step.
  const setConnectedContext = () => {
    const connected = connections.list().length > 0;
    void vscode.commands.executeCommand('setContext', 'entraProvisioning.connected', connected);
    if (connected) walkthrough.complete('signIn');
  };
  setConnectedContext();
  context.subscriptions.push(connections.onDidChange(setConnectedContext));
  logger.info(`activated (VS Code ${vscode.version})`);
  if (vscode.workspace.getConfiguration('entraProvisioning').get<boolean>('sandbox.connectOnStartup')) {
    // Not awaited: activation must stay fast; the command reports its own progress and errors.
    void vscode.commands.executeCommand(CommandId.connectSandbox);
  }
  return {
    services,
    get jobStatus() {
      return tree.refresher;
    },
    get fleet() {
      return fleet.fleet;
    },
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
