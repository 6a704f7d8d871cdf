import * as vscode from 'vscode';
import { ConnectionStatusBar } from './auth/connectionStatusBar';
import { ConnectionStore } from './auth/connectionStore';
import { GraphConnections } from './auth/graphConnections';
import { SandboxSessions } from './auth/sandboxSessions';
import { CommandRunner } from './commands/commandRunner';
import { commandTitles } from './commands/commandTitles';
import { registerCommands } from './commands/registerCommands';
import type { Services } from './commands/services';
import { CommandId } from './shared/commandIds';
import { OutputChannelLogger } from './host/outputChannelLogger';
import { ReadOnlyDocuments } from './host/readOnlyDocuments';
import { JobStatusRefresher } from './tree/jobStatusRefresher';
import { WalkthroughProgress } from './walkthrough/walkthroughProgress';
import { ProvisioningTreeProvider } from './tree/provisioningTreeProvider';
import { MappingEditorManager } from './webviews/mappingEditorManager';

/** What activate() returns; tests use it to reach the running services. */
export interface ExtensionApi {
  readonly services: Services;
  /** Refreshes running jobs' status while the view is visible (tests drive `tick()`). */
  readonly jobStatus: JobStatusRefresher;
}

/** Composition root: build the services once, register everything, hand all disposables to VS Code. */
export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const channel = vscode.window.createOutputChannel('Entra Provisioning', { log: true });
  const logger = new OutputChannelLogger(channel);
  const connections = new ConnectionStore(context.globalState);
  const sandboxes = new SandboxSessions();
  const graph = new GraphConnections(connections, sandboxes, context.secrets, logger);
  const documents = new ReadOnlyDocuments();
  const tree = new ProvisioningTreeProvider(connections, graph, logger.child('tree'), documents);
  const walkthrough = new WalkthroughProgress(context.extension.id, logger.child('walkthrough'));
  const titles = commandTitles(context.extensionPath, context.extension.packageJSON, vscode.env.language);
  const runner = new CommandRunner(logger, titles, (id, result) => walkthrough.commandFinished(id, result));
  const mappingEditors = new MappingEditorManager({
    extensionUri: context.extensionUri,
    logger: logger.child('mappingEditor'),
    graph,
    documents,
    drafts: context.workspaceState,
    runAsCommand: (id, work) => runner.runTask(id, work),
  });
  const { services, disposables: commands } = registerCommands(runner, {
    extensionUri: context.extensionUri, logger, connections, sandboxes, graph, secrets: context.secrets, tree, documents, mappingEditors, walkthrough,
  });
  const statusBar = new ConnectionStatusBar(connections, CommandId.switchTenant);

  const treeView = vscode.window.createTreeView('entraProvisioning.apps', { treeDataProvider: tree, showCollapseAll: true });
  tree.attachView(treeView);
  const refresher = new JobStatusRefresher(tree, treeView, logger.child('tree'));
  context.subscriptions.push(channel, connections, sandboxes, graph, tree, mappingEditors, documents, treeView, refresher, statusBar, ...commands);
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
  return { services, jobStatus: refresher };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
