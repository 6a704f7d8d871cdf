import * as vscode from 'vscode';
import { CommandId } from '../shared/commandIds';
import type { JobTarget } from '../shared/targets';

/** What a drift check found for one provisioning file. */
export interface FileDrift {
  readonly drifted: boolean;
  readonly job: Pick<JobTarget, 'connectionId' | 'servicePrincipalId' | 'jobId'>;
}

/** How long a finding for an unchanged document is trusted when the file is shown again. */
const FRESH_MS = 60_000;

const isProvisioningFile = (uri: vscode.Uri) => uri.path.endsWith('.provisioning.json');

/**
 * The notice at the top of a `*.provisioning.json` whose job changed in the tenant since the file was
 * exported or last applied (issue #15): a CodeLens line saying so, with Plan and Compare. A file is
 * checked when it is opened or shown (once per document version, again when shown a minute later or
 * when a connection signs in), never while typing; checkDrift, plan and apply record what they find.
 * With CodeLens turned off, the notice is a warning with the same actions, once per file and session.
 */
export class DriftNotices implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly findings = new Map<string, { version: number; at: number; drift?: FileDrift }>();
  private readonly checking = new Map<string, Promise<void>>();
  private readonly warned = new Set<string>();
  /** Per file, the stamp of the last finding a command recorded: a check started before it is stale. */
  private readonly recorded = new Map<string, number>();
  private stamps = 0;
  /** Aborted on dispose, so checks under way stop reading the tenant. */
  private readonly stopped = new AbortController();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  /**
   * @param check Reads the document's job in its tenant; undefined when the file is not for a
   *   signed-in tenant or not a provisioning file yet (it then shows no notice). `signal` aborts
   *   when the notices are disposed.
   */
  constructor(private readonly check: (document: vscode.TextDocument, signal: AbortSignal) => Promise<FileDrift | undefined>, private readonly warn: (message: string) => void, onConnectionsChanged: vscode.Event<unknown>) {
    this.disposables.push(
      vscode.languages.registerCodeLensProvider({ pattern: '**/*.provisioning.json' }, this),
      vscode.workspace.onDidOpenTextDocument((d) => void this.checkDocument(d)),
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => void this.checkDocument(e.document))),
      vscode.workspace.onDidCloseTextDocument((d) => this.findings.delete(d.uri.toString())),
      onConnectionsChanged(() => {
        this.findings.clear();
        vscode.window.visibleTextEditors.forEach((e) => void this.checkDocument(e.document));
      }),
    );
    vscode.window.visibleTextEditors.forEach((e) => void this.checkDocument(e.document));
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const drift = this.findings.get(document.uri.toString())?.drift;
    if (!drift?.drifted) return [];
    const top = new vscode.Range(0, 0, 0, 0);
    const file = { file: document.uri.fsPath };
    return [
      new vscode.CodeLens(top, { title: `$(warning) ${vscode.l10n.t('The job changed in the tenant since this file was exported or last applied')}`, command: CommandId.planJobFile, arguments: [file] }),
      new vscode.CodeLens(top, { title: vscode.l10n.t('Plan'), tooltip: vscode.l10n.t('What applying this file would change in the tenant'), command: CommandId.planJobFile, arguments: [file] }),
      new vscode.CodeLens(top, { title: vscode.l10n.t('Compare'), tooltip: vscode.l10n.t('The tenant’s job beside this file'), command: CommandId.compareJobs, arguments: [{ left: { ...drift.job }, right: file }] }),
    ];
  }

  /** The last finding for a file (tests and the tree read it). */
  driftOf(uri: vscode.Uri): FileDrift | undefined {
    return this.findings.get(uri.toString())?.drift;
  }

  /** Records what a command found for a file (checkDrift, plan, apply), so the notice follows it. */
  record(uri: vscode.Uri, drift: FileDrift): void {
    this.recorded.set(uri.toString(), ++this.stamps);
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    this.findings.set(uri.toString(), { version: document?.version ?? -1, at: Date.now(), drift });
    this.changed.fire();
    if (document) this.warnWithoutLens(document, drift);
  }

  /** Checks a shown or opened provisioning file unless a fresh finding for this version exists. */
  checkDocument(document: vscode.TextDocument): Promise<void> {
    if (!isProvisioningFile(document.uri) || document.uri.scheme !== 'file') return Promise.resolve();
    const key = document.uri.toString();
    const known = this.findings.get(key);
    if (known && (known.version === document.version || known.version === -1) && Date.now() - known.at < FRESH_MS) return Promise.resolve();
    const running = this.checking.get(key);
    if (running) return running;
    const started = this.stamps;
    const work = this.check(document, this.stopped.signal).then(
      (drift) => {
        // A command recorded a newer finding while this check ran (plan, apply, checkDrift): it wins.
        if ((this.recorded.get(key) ?? 0) > started || this.stopped.signal.aborted) return;
        this.findings.set(key, { version: document.version, at: Date.now(), drift });
        this.changed.fire();
        if (drift) this.warnWithoutLens(document, drift);
      },
      (error: unknown) => {
        if (!this.stopped.signal.aborted) this.warn(`[drift] could not check ${document.uri.fsPath}: ${(error as Error).message}`);
      },
    ).finally(() => this.checking.delete(key));
    this.checking.set(key, work);
    return work;
  }

  private warnWithoutLens(document: vscode.TextDocument, drift: FileDrift): void {
    if (!drift.drifted || vscode.workspace.getConfiguration('editor', document).get<boolean>('codeLens') !== false) return;
    const key = document.uri.toString();
    if (this.warned.has(key)) return;
    this.warned.add(key);
    const plan = vscode.l10n.t('Plan');
    const compare = vscode.l10n.t('Compare');
    void vscode.window.showWarningMessage(vscode.l10n.t('{0}: the job changed in the tenant since this file was exported or last applied.', vscode.workspace.asRelativePath(document.uri)), plan, compare).then((choice) => {
      if (choice === plan) void vscode.commands.executeCommand(CommandId.planJobFile, { file: document.uri.fsPath });
      if (choice === compare) void vscode.commands.executeCommand(CommandId.compareJobs, { left: { ...drift.job }, right: { file: document.uri.fsPath } });
    });
  }

  dispose(): void {
    this.stopped.abort();
    this.disposables.forEach((d) => d.dispose());
  }
}
