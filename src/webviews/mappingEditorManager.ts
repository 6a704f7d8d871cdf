import * as vscode from 'vscode';
import type { GraphConnections } from '../auth/graphConnections';
import type { ReadOnlyDocuments } from '../host/readOnlyDocuments';
import type { JobTarget } from '../shared/targets';
import type { Logger } from '../shared/logger';
import type { EditorDocument } from '../shared/mappingEditor';
import { parseEditorDocument, parseJobReference, type FilterOperatorInfo } from '../shared/webviewProtocol';
import { filterOperatorsOf } from '../shared/mappingEditor/rules';
import { MAPPING_EDITOR_VIEW_TYPE, mappingEditorResourceRoots } from './mappingEditorHtml';
import { MappingEditorSession, type SaveOptions, type SaveResult } from './mappingEditorSession';
import type { RunAsCommand } from './runAsCommand';

export interface MappingEditorManagerDeps {
  readonly extensionUri: vscode.Uri;
  readonly logger: Logger;
  readonly graph: GraphConnections;
  /** Where the schema snapshots of the "what will change" diff are shown from. */
  readonly documents: ReadOnlyDocuments;
  /** Where unsaved edits of a closed editor are kept until it is reopened (workspace state). */
  readonly drafts: vscode.Memento;
  /** Runs work as a command would (the webview's Save button gets the command wrapper's handling). */
  readonly runAsCommand: RunAsCommand;
}

/** Key of a job's editor: one panel per job and connection. */
function mappingEditorKey(target: Pick<JobTarget, 'connectionId' | 'servicePrincipalId' | 'jobId'>): string {
  return `${target.connectionId}/${target.servicePrincipalId}/${target.jobId}`;
}

const DRAFT_PREFIX = 'mappingEditor.draft:';
/** How long after the last edit the recoverable copy is written. */
const DRAFT_DELAY_MS = 1000;

/**
 * Opens mapping editors (one per job; opening again reveals it), keeps a recoverable copy of the
 * edits of an editor closed unsaved, and is what the save command and tests reach. Part of the
 * mapping editor's own bundle: MappingEditorPanels builds it on first use and registers the panel
 * serializer at activation.
 */
export class MappingEditorManager implements vscode.Disposable, vscode.WebviewPanelSerializer {
  private readonly sessions = new Map<string, MappingEditorSession>();
  private readonly opening = new Map<string, Promise<MappingEditorSession>>();
  private disposing = false;
  private readonly pendingDrafts = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly deps: MappingEditorManagerDeps) {}

  /** The open editor of a job, if any. */
  get(target: Pick<JobTarget, 'connectionId' | 'servicePrincipalId' | 'jobId'>): MappingEditorSession | undefined {
    return this.sessions.get(mappingEditorKey(target));
  }

  /** Every open editor. */
  list(): MappingEditorSession[] {
    return [...this.sessions.values()];
  }

  /** Opens the editor of a job, or reveals it when it is open. */
  async open(target: JobTarget, options: { signal?: AbortSignal; objectMapping?: string } = {}): Promise<MappingEditorSession> {
    const key = mappingEditorKey(target);
    let session = this.sessions.get(key);
    if (session) session.reveal();
    else {
      let pending = this.opening.get(key);
      if (!pending) {
        pending = this.create(key, target, options.signal).finally(() => this.opening.delete(key));
        this.opening.set(key, pending);
      }
      session = await pending;
    }
    if (options.objectMapping) session.focusObjectMapping(options.objectMapping);
    return session;
  }

  /**
   * Brings back a panel VS Code restored after a reload, from the job ids the webview kept in its
   * state; the unsaved edits come back from the recoverable copy. A panel that cannot be restored
   * (unknown job, signed out) is closed, and its copy is kept for the next open.
   */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const reference = parseJobReference(typeof state === 'object' && state !== null ? (state as { target?: unknown }).target : undefined);
    const known = (r: typeof reference): boolean => {
      try {
        return Boolean(r && this.deps.graph.connection(r.connectionId));
      } catch {
        return false;
      }
    };
    // An editor already open, or being opened right now, for the same job wins: two sessions of one
    // job would save over each other.
    if (!reference || !known(reference) || this.sessions.has(mappingEditorKey(reference)) || this.opening.has(mappingEditorKey(reference))) {
      panel.dispose();
      return;
    }
    try {
      const key = mappingEditorKey(reference);
      const pending = this.create(key, reference, undefined, panel).finally(() => this.opening.delete(key));
      this.opening.set(key, pending);
      await pending;
    } catch (error) {
      this.deps.logger.warn(`could not restore the mapping editor of ${reference.servicePrincipalId}/${reference.jobId}: ${error instanceof Error ? error.message : String(error)}`);
      panel.dispose();
    }
  }

  private async create(key: string, target: JobTarget, signal?: AbortSignal, restored?: vscode.WebviewPanel): Promise<MappingEditorSession> {
    const service = await this.deps.graph.service(target.connectionId);
    const [schema, operators, label] = await Promise.all([
      service.schema.get(target.servicePrincipalId, target.jobId, signal),
      service.schema.filterOperators(target.servicePrincipalId, target.jobId, signal).catch((e: unknown) => {
        this.deps.logger.warn(`could not list filter operators: ${e instanceof Error ? e.message : String(e)}`);
        return [];
      }),
      target.appDisplayName
        ? Promise.resolve(target.appDisplayName)
        : service.apps.getApp(target.servicePrincipalId, signal).then((sp) => sp.displayName ?? target.servicePrincipalId, () => target.servicePrincipalId),
    ]);
    const filterOperators: FilterOperatorInfo[] = filterOperatorsOf(operators);
    const recovered = this.takeDraft(key);
    const options = { enableScripts: true, localResourceRoots: mappingEditorResourceRoots(this.deps.extensionUri) };
    const panel = restored ?? vscode.window.createWebviewPanel(MAPPING_EDITOR_VIEW_TYPE, label, vscode.ViewColumn.Active, options);
    if (restored) panel.webview.options = options;
    const session = new MappingEditorSession(key, target, label, schema, filterOperators, panel, { ...this.deps, onDocumentChanged: (s) => this.scheduleDraft(s) }, recovered);
    this.sessions.set(key, session);
    session.onDidClose(() => this.closed(session));
    this.deps.logger.info(`opened the mapping editor for ${target.servicePrincipalId}/${target.jobId} (schema version ${String(schema.version)})${recovered ? ' with recovered unsaved edits' : ''}`);
    if (recovered) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Restored the unsaved mapping changes of {0} from when its editor was closed.', label));
    }
    return session;
  }

  /** Saves a job's open editor. */
  save(target: Pick<JobTarget, 'connectionId' | 'servicePrincipalId' | 'jobId'>, options: SaveOptions = {}): Promise<SaveResult> {
    const session = this.get(target);
    if (!session) throw new Error(`No mapping editor is open for ${mappingEditorKey(target)}.`);
    return session.save(options);
  }

  private takeDraft(key: string): EditorDocument | undefined {
    const stored = this.deps.drafts.get<unknown>(DRAFT_PREFIX + key);
    if (stored === undefined) return undefined;
    void this.deps.drafts.update(DRAFT_PREFIX + key, undefined);
    return parseEditorDocument(stored);
  }

  /** True when a closed editor of the job left unsaved edits to recover. */
  hasDraft(target: Pick<JobTarget, 'connectionId' | 'servicePrincipalId' | 'jobId'>): boolean {
    return this.deps.drafts.get(DRAFT_PREFIX + mappingEditorKey(target)) !== undefined;
  }

  /**
   * Keeps a copy of unsaved edits in workspace state a moment after each change, so that not even a
   * window reload or crash loses them; a clean document removes the copy.
   */
  private scheduleDraft(session: MappingEditorSession): void {
    clearTimeout(this.pendingDrafts.get(session.key));
    this.pendingDrafts.set(
      session.key,
      setTimeout(() => {
        this.pendingDrafts.delete(session.key);
        if (this.sessions.get(session.key) === session) void this.writeDraft(session);
      }, DRAFT_DELAY_MS),
    );
  }

  private writeDraft(session: MappingEditorSession): Thenable<void> {
    return this.deps.drafts.update(DRAFT_PREFIX + session.key, session.dirty ? session.document : undefined);
  }

  private closed(session: MappingEditorSession): void {
    clearTimeout(this.pendingDrafts.get(session.key));
    this.pendingDrafts.delete(session.key);
    this.sessions.delete(session.key);
    void this.writeDraft(session);
    if (!session.dirty) return;
    // A webview panel cannot refuse to close: the edits are kept, and the notification asks what a
    // dirty editor's close would have asked (Save / Don't Save), acting on the kept copy.
    this.deps.logger.info(`kept the unsaved mapping edits of ${session.key} after its editor was closed`);
    if (this.disposing) return;
    const save = vscode.l10n.t('Save');
    const dontSave = vscode.l10n.t("Don't Save");
    const reopen = vscode.l10n.t('Reopen');
    void vscode.window
      .showWarningMessage(vscode.l10n.t('Do you want to save the changes you made to the mappings of {0}? The editor was closed; the changes are kept until you decide.', session.label), save, dontSave, reopen)
      .then((answer) => {
        const decision = answer === save ? 'save' : answer === dontSave ? 'discard' : answer === reopen ? 'reopen' : undefined;
        if (decision) void this.resolveDraft(session.target, decision).catch((e: unknown) => this.deps.logger.error(e instanceof Error ? e : String(e)));
      });
  }

  /**
   * What the closed-with-unsaved-changes notification does with the kept copy: `save` reopens the
   * editor with it and runs the save as the Save button does (diff, confirmation; a failure or a
   * cancel leaves the edits open in the editor), `discard` drops it, `reopen` brings the editor back.
   */
  async resolveDraft(target: JobTarget, decision: 'save' | 'discard' | 'reopen', options: Omit<SaveOptions, 'signal'> = {}): Promise<SaveResult | undefined> {
    if (decision === 'discard') {
      await this.deps.drafts.update(DRAFT_PREFIX + mappingEditorKey(target), undefined);
      return undefined;
    }
    const session = await this.open(target);
    if (decision === 'reopen') return undefined;
    return session.saveAsCommand(options);
  }

  dispose(): void {
    this.disposing = true;
    for (const session of this.sessions.values()) session.panel.dispose();
    this.sessions.clear();
  }
}
