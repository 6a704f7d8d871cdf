import * as vscode from 'vscode';
import type { ActivityChannel } from '../activity/activityChannel';
import type { ScimCheckLog } from '../host/scimCheckLog';
import type { FleetView } from '../tree/fleetProvider';
import type { ProvisioningTreeProvider } from '../tree/provisioningTreeProvider';
import type { RunAsCommand } from '../webviews/runAsCommand';
import type { MappingEditorManager } from '../webviews/mappingEditorManager';
import type { LogsWorkbenchManager } from '../webviews/logsWorkbenchManager';
import { allCommandIds, CommandId } from '../shared/commandIds';
import { loadCommandHandlers } from './commandHandlersLoader';
import { DriftNotices } from './jobFileDriftNotices';
import type * as CommandHandlers from './commandHandlers';
import type { CommandRunner } from './commandRunner';
import type { Services } from './services';

/** What registerCommands() builds the services from: the tree and the mapping editors are reached on first use. */
export interface ServiceParts extends Omit<Services, 'activity' | 'tree' | 'fleet' | 'mappingEditors' | 'logsWorkbenches' | 'scimCheckLog' | 'driftNotices'> {
  readonly tree: () => ProvisioningTreeProvider;
  readonly fleet: () => FleetView;
  readonly mappingEditors: () => MappingEditorManager;
  readonly logsWorkbenches: () => LogsWorkbenchManager;
}

/** Where the command wrapper finds command titles (see commandTitles.ts), and who hears every result. */
export interface RunnerParts {
  readonly extensionPath: string;
  readonly manifest: unknown;
  readonly language: string;
  /** Told every command's result (the walkthrough ticks the step a result completes). */
  readonly onFinished: (id: CommandId, result: unknown) => void;
}

/**
 * Registers every command id through the one wrapper. The handlers and the wrapper live in their own
 * bundle (dist/commandHandlers.js), required when the first command runs, so activation only pays
 * for the ids; an id without a handler is a programming error reported when it is invoked (and by a
 * test).
 *
 * The services read the tree, the mapping editors and the activity streamer (which lives in the
 * handlers' bundle) on first use; the returned services are the ones the handlers see (tests reach
 * them). `runAsCommand` runs work through the same wrapper without `executeCommand`.
 */
export function registerCommands(parts: ServiceParts, runnerParts: RunnerParts): { services: Services; runAsCommand: RunAsCommand; disposables: vscode.Disposable[] } {
  let activity: ActivityChannel | undefined;
  let scimCheckLog: ScimCheckLog | undefined;
  // The check lives in the handlers' bundle, loaded only once a provisioning file is shown.
  const driftNotices = new DriftNotices((document, signal) => loadCommandHandlers().provisioningFileDrift(services, document, signal), (message) => parts.logger.warn(message), parts.connections.onDidChange);
  const services: Services = {
    extensionUri: parts.extensionUri,
    logger: parts.logger,
    connections: parts.connections,
    sandboxes: parts.sandboxes,
    graph: parts.graph,
    secrets: parts.secrets,
    documents: parts.documents,
    walkthrough: parts.walkthrough,
    testUsers: parts.testUsers,
    get tree() {
      return parts.tree();
    },
    get fleet() {
      return parts.fleet();
    },
    get mappingEditors() {
      return parts.mappingEditors();
    },
    get logsWorkbenches() {
      return parts.logsWorkbenches();
    },
    get activity() {
      return (activity ??= new (loadCommandHandlers().ActivityChannel)(parts.graph, parts.connections, parts.logger, CommandId.stopActivity));
    },
    get scimCheckLog() {
      return (scimCheckLog ??= new (loadCommandHandlers().ScimCheckLog)());
    },
    driftNotices,
  };
  let runner: CommandRunner | undefined;
  const runnerOf = (): CommandRunner => {
    if (runner) return runner;
    const handlers = loadCommandHandlers();
    const titles = handlers.commandTitles(runnerParts.extensionPath, runnerParts.manifest, runnerParts.language);
    return (runner = new handlers.CommandRunner(parts.logger, titles, runnerParts.onFinished));
  };
  const disposables = allCommandIds.map((id) =>
    vscode.commands.registerCommand(id, (...args: unknown[]) => {
      const definition = loadCommandHandlers().commandCatalog.find((d) => d.id === id);
      if (!definition) throw new Error(`Command ${id} has no handler.`);
      return runnerOf().run(id, (context, ...rest) => definition.handler(services, context, ...rest), args);
    }),
  );
  const runAsCommand: RunAsCommand = (id, work) => runnerOf().runTask(id, work);
  return { services, runAsCommand, disposables: [...disposables, ...provisioningFileProblems(services), driftNotices, { dispose: () => activity?.dispose() }, { dispose: () => scimCheckLog?.dispose() }] };
}

/**
 * Keeps the Problems panel's entries for open `*.provisioning.json` files (issue #15). The checks
 * (and the reads of each file's job from its tenant) live in the handlers' bundle, loaded only once
 * such a file is open.
 */
function provisioningFileProblems(services: Services): vscode.Disposable[] {
  const collection = vscode.languages.createDiagnosticCollection('entraProvisioning');
  const isProvisioningFile = (document: vscode.TextDocument) => document.uri.path.endsWith('.provisioning.json');
  let problems: CommandHandlers.ProvisioningFileProblems | undefined;
  const checker = () => (problems ??= new (loadCommandHandlers().ProvisioningFileProblems)(services, collection, isProvisioningFile));
  const check = (document: vscode.TextDocument) => {
    if (isProvisioningFile(document)) checker().check(document);
  };
  vscode.workspace.textDocuments.forEach(check);
  return [
    collection,
    vscode.workspace.onDidOpenTextDocument(check),
    // A change that leaves the document clean is a reload from disk (an apply rewrites the file): the job may have changed too.
    vscode.workspace.onDidChangeTextDocument((e) => (isProvisioningFile(e.document) ? (e.document.isDirty ? checker().check(e.document) : checker().reread(e.document)) : undefined)),
    vscode.workspace.onDidSaveTextDocument((document) => (isProvisioningFile(document) ? checker().reread(document) : undefined)),
    vscode.workspace.onDidCloseTextDocument((document) => collection.delete(document.uri)),
    { dispose: () => problems?.dispose() },
  ];
}
