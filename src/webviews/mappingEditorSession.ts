import * as vscode from 'vscode';
import { CommandId } from '../shared/commandIds';
import type { GraphConnections } from '../auth/graphConnections';
import type { JobTarget } from '../shared/targets';
import type { ProvisioningService } from '../graph';
import { redactSecrets, type Logger } from '../shared/logger';
import { UserFacingError } from '../shared/errors';
import { assignedUserIds, DEFAULT_ACCESS_ROLE_ID } from '../shared/scoping';
import {
  applyEdit,
  canSave,
  changeText,
  createDocument,
  describeChanges,
  EditError,
  isDirty,
  issueArgs,
  previewUserSelect,
  readableMappings,
  sourceObjectFromGraphUser,
  toSchema,
  validateDocument,
} from '../shared/mappingEditor';
import type { EditorDocument, Issue, RawSchema, SampleUser, ValidationContext } from '../shared/mappingEditor';
import { attributeCatalog } from '../shared/mappingEditor/document';
import { validationContextFor } from '../shared/mappingEditor/rules';
import type { DocumentMessage, EditorRequest, ExtensionToWebviewMessage, FilterOperatorInfo, ResponseResult } from '../shared/webviewProtocol';
import { readWebviewMessage } from '../shared/webviewProtocol';
import { LatestOnly } from './latestOnly';
import { mappingEditorHtml } from './mappingEditorHtml';
import { fill, mappingEditorStrings } from './mappingEditorStrings';
import type { RunAsCommand } from './runAsCommand';
import type { ReadOnlyDocuments } from '../host/readOnlyDocuments';
import { RejectedMessages } from './rejectedMessages';

/**
 * How long the preview reuses the app's assignments: long enough for a search typed in the sample
 * picker, short enough that an assignment made meanwhile shows without a reload.
 */
const ASSIGNMENTS_REUSED_MS = 60_000;

/** What a save ended with. */
export type SaveOutcome = 'saved' | 'unchanged' | 'cancelled' | 'conflict' | 'reloaded';

/** How a save proceeds without a person: for scripts and tests. */
export interface SaveOptions {
  /** Save without showing the diff and asking. */
  readonly skipConfirmation?: boolean;
  /**
   * What to do when the server's schema changed since it was loaded: ask (default when confirming),
   * overwrite it, reload (discard the edits), cancel (outcome `conflict`), or fail with an error
   * (default when `skipConfirmation`).
   */
  readonly onConflict?: 'ask' | 'overwrite' | 'reload' | 'cancel' | 'fail';
  readonly signal?: AbortSignal;
}

export interface SaveResult {
  readonly outcome: SaveOutcome;
  /** The schema version on the server after the save (or as loaded, when nothing was written). */
  readonly version?: string;
}

/** What the session needs from the extension. */
export interface SessionDeps {
  readonly extensionUri: vscode.Uri;
  readonly logger: Logger;
  readonly graph: GraphConnections;
  readonly documents: ReadOnlyDocuments;
  /** Runs the Save button's save as the save command would (log, progress, error sentence, walkthrough). */
  readonly runAsCommand: RunAsCommand;
  /** Called after every change of the document (the manager keeps a recoverable copy). */
  readonly onDocumentChanged?: (session: MappingEditorSession) => void;
}

/** A message from the webview that was refused, with why (also logged). */
/** Scheme-safe short name for diff URIs. */
function slug(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 60) || 'job';
}

/**
 * One open mapping editor: the webview panel of one job and the document it edits. The extension owns
 * the document (edits from the webview are validated and applied here); the webview renders it.
 */
export class MappingEditorSession implements vscode.Disposable {
  private doc: EditorDocument;
  private saving = false;
  private refusedWhileSaving = false;
  private focusId: string | undefined;
  /** The right-hand documents of the diffs this editor opened. */
  private readonly diffs = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly posted = new vscode.EventEmitter<ExtensionToWebviewMessage>();
  private readonly closed = new vscode.EventEmitter<void>();
  /** Every message sent to the webview (tests wait on responses through it). */
  readonly onDidPostMessage = this.posted.event;
  /** Fires once when the panel is closed. */
  readonly onDidClose = this.closed.event;
  /** Messages refused since the panel opened, newest last (each is logged too). */
  readonly rejected: RejectedMessages;
  /**
   * User searches and samples read Graph: one runs at a time per kind and only the newest waits,
   * so a webview that floods them (a script in it, a stuck key) cannot flood Graph.
   */
  private readonly userReads = { searchUsers: new LatestOnly<ResponseResult>(), sampleUsers: new LatestOnly<ResponseResult>() };
  /**
   * Who is assigned to the app, as the preview's scope last read it: reused by the sample requests
   * that follow (a search per keystroke would otherwise read the assignments and every assigned
   * group's members each time), forgotten after a while and whenever the document is replaced.
   */
  private assigned: { readonly readAt: number; readonly users: Promise<ReadonlySet<string>> } | undefined;

  constructor(
    readonly key: string,
    readonly target: JobTarget,
    readonly label: string,
    schema: RawSchema,
    private readonly filterOperators: readonly FilterOperatorInfo[],
    readonly panel: vscode.WebviewPanel,
    private readonly deps: SessionDeps,
    recovered?: EditorDocument,
  ) {
    this.rejected = new RejectedMessages(deps.logger, 'mapping editor');
    this.doc = recovered ?? createDocument(schema);
    panel.webview.html = mappingEditorHtml(panel.webview, deps.extensionUri);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: unknown) => {
        this.handleMessage(message).catch((e: unknown) => deps.logger.error(e instanceof Error ? e : String(e)));
      }),
      panel.onDidDispose(() => {
        this.closed.fire();
        this.dispose();
      }),
    );
    this.updateTitle();
  }

  /** The document as the extension holds it (unsaved edits included). */
  get document(): EditorDocument {
    return this.doc;
  }

  get dirty(): boolean {
    return isDirty(this.doc);
  }

  private service(): Promise<ProvisioningService> {
    return this.deps.graph.service(this.target.connectionId);
  }

  private post(message: ExtensionToWebviewMessage): void {
    this.posted.fire(message);
    void this.panel.webview.postMessage(message);
  }

  private updateTitle(): void {
    this.deps.onDocumentChanged?.(this);
    const title = vscode.l10n.t('Mappings: {0}', this.label);
    this.panel.title = this.dirty ? `● ${title}` : title;
  }

  private reject(reason: string, message: unknown): void {
    this.rejected.record(reason, message);
  }

  /** Replaces the document (after a save, reload or restore) and tells the webview. */
  replaceDocument(doc: EditorDocument, reason: DocumentMessage['reason']): void {
    this.doc = doc;
    // A save or reload is where the user expects the server's state, scope included.
    this.assigned = undefined;
    this.updateTitle();
    this.post({ type: 'document', document: doc, reason });
  }

  /**
   * Handles one message from the webview: validated first, refused (and logged) when it is not a
   * protocol message or does not fit the document. Public so tests drive it with real messages.
   */
  async handleMessage(raw: unknown): Promise<void> {
    const reading = readWebviewMessage(raw);
    if (!('message' in reading)) {
      this.reject(reading.problem, raw);
      // A request the webview waits for is told it was refused instead of timing out.
      if (reading.requestId !== undefined) this.post({ type: 'response', requestId: reading.requestId, ok: false, error: vscode.l10n.t('The extension refused a request from the mapping editor that it could not read (the log says why). Reopen the editor if this happens again.') });
      return;
    }
    const { message } = reading;
    switch (message.type) {
      case 'ready':
        this.post({
          type: 'init',
          document: this.doc,
          strings: mappingEditorStrings(),
          filterOperators: this.filterOperators,
          jobLabel: this.label,
          target: { connectionId: this.target.connectionId, servicePrincipalId: this.target.servicePrincipalId, jobId: this.target.jobId },
        });
        if (this.focusId) this.post({ type: 'focus', objectMappingId: this.focusId });
        return;
      case 'edit':
        if (this.saving) {
          // The save writes what was confirmed; the webview gets the document back when it ends.
          this.reject('edit while saving', raw);
          this.refusedWhileSaving = true;
          return;
        }
        try {
          this.doc = applyEdit(this.doc, message.edit);
          this.updateTitle();
        } catch (e) {
          if (!(e instanceof EditError)) throw e;
          this.reject(e.message, raw);
          // The webview's copy has drifted from ours: send ours back.
          this.post({ type: 'document', document: this.doc, reason: 'resync' });
        }
        return;
      case 'request': {
        try {
          const result = await this.answer(message.request);
          this.post({ type: 'response', requestId: message.requestId, ok: true, result });
        } catch (e) {
          this.deps.logger.warn(`mapping editor request ${message.request.kind} failed: ${e instanceof Error ? e.message : String(e)}`);
          this.post({ type: 'response', requestId: message.requestId, ok: false, error: redactSecrets(e instanceof Error ? e.message : String(e)) });
        }
        return;
      }
    }
  }

  private async answer(request: EditorRequest): Promise<ResponseResult> {
    switch (request.kind) {
      case 'save': {
        const result = await this.saveAsCommand();
        return { kind: 'save', outcome: result ? (result.outcome === 'conflict' || result.outcome === 'reloaded' ? 'cancelled' : result.outcome) : 'failed' };
      }
      case 'showChanges':
        await this.showChanges();
        return { kind: 'done' };
      case 'reload':
        await this.reload(true);
        return { kind: 'done' };
      case 'restoreDefaults':
        await this.restoreDefaults();
        return { kind: 'done' };
      case 'searchUsers':
        return this.userReads.searchUsers.run(async () => ({ kind: 'users', users: await this.users(request.query, 20) }));
      case 'sampleUsers':
        return this.userReads.sampleUsers.run(async () => ({ kind: 'users', users: await this.users(request.query ?? '', request.count) }));
    }
  }

  private async users(search: string, top: number): Promise<SampleUser[]> {
    const service = await this.service();
    const [page, scope] = await Promise.all([service.apps.listUsers({ search, select: previewUserSelect, top }), this.jobScope(service)]);
    return page.items.slice(0, top).map((user) => ({
      id: String(user.id),
      label: `${String(user.displayName ?? user.id)}${user.userPrincipalName ? ` (${String(user.userPrincipalName)})` : ''}`,
      attributes: sourceObjectFromGraphUser(user),
      ...(scope ? { assignment: { assigned: scope.assigned.has(String(user.id)), syncAll: scope.syncAll } } : {}),
    }));
  }

  /**
   * What the preview's scope needs besides a user's attributes: the job's scope setting and who is
   * assigned to the app. Undefined when it cannot be read (the preview then says it checked the
   * filter only) rather than a guess.
   */
  private async jobScope(service: ProvisioningService): Promise<{ syncAll: boolean; assigned: ReadonlySet<string> } | undefined> {
    const sp = this.target.servicePrincipalId;
    try {
      const secrets = await service.secrets.list(sp);
      const syncAll = secrets.find((s) => s.key === 'SyncAll')?.value?.toLowerCase() === 'true';
      if (syncAll) return { syncAll, assigned: new Set() };
      return { syncAll, assigned: await this.assignedUsers(service) };
    } catch (e) {
      this.deps.logger.warn(`could not read the scope of ${sp}/${this.target.jobId} for the preview: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  }

  /** The users assigned to the app, directly or through a group: read again once the last read is a minute old. */
  private assignedUsers(service: ProvisioningService): Promise<ReadonlySet<string>> {
    const cached = this.assigned;
    if (cached && Date.now() - cached.readAt < ASSIGNMENTS_REUSED_MS) return cached.users;
    const entry = { readAt: Date.now(), users: this.readAssignedUsers(service) };
    this.assigned = entry;
    // A failed read is not reused: the next request tries again.
    entry.users.catch(() => {
      if (this.assigned === entry) this.assigned = undefined;
    });
    return entry.users;
  }

  private async readAssignedUsers(service: ProvisioningService): Promise<ReadonlySet<string>> {
    const assignments = (await service.apps.listAssignments(this.target.servicePrincipalId)).map((a) => ({ principalId: a.principalId ?? '', principalType: a.principalType, appRoleId: a.appRoleId ?? DEFAULT_ACCESS_ROLE_ID }));
    const groups = assignments.filter((a) => a.principalType === 'Group' && a.appRoleId !== DEFAULT_ACCESS_ROLE_ID);
    const members = new Map(await Promise.all(groups.map(async (g) => [g.principalId, await service.apps.listGroupMemberUserIds(g.principalId)] as const)));
    const users = new Set(assignments.filter((a) => a.principalType === 'User').map((a) => a.principalId));
    return assignedUserIds(assignments, (id) => members.get(id) ?? (users.has(id) ? [id] : []));
  }

  private validationContext(): ValidationContext {
    return validationContextFor((om) => attributeCatalog(this.doc.base, om), this.filterOperators);
  }

  /**
   * Opens a diff editor of the mappings as loaded (left) against the unsaved ones (right), one line
   * per mapping in the editor's words: a change reads as that mapping's old and new line.
   */
  async showChanges(): Promise<void> {
    this.schemaToWrite();
    await this.showDiff(createDocument(this.doc.base), 'loaded', vscode.l10n.t('{0}: loaded ↔ unsaved mappings', this.label));
  }

  /** Diffs `before` against the document's unsaved mappings; the tab is closed after a save. */
  private async showDiff(before: EditorDocument, name: 'loaded' | 'server', title: string): Promise<void> {
    const folder = `mappings/${slug(this.label)}/${slug(this.target.jobId)}`;
    const left = this.deps.documents.set(`${folder}/${name}.txt`, this.readable(before));
    const right = this.deps.documents.set(`${folder}/unsaved.txt`, this.readable(this.doc));
    this.diffs.add(right.toString());
    await vscode.commands.executeCommand('vscode.diff', left, right, title, { preview: true });
  }

  private readable(doc: EditorDocument): string {
    const strings = mappingEditorStrings() as Record<string, string>;
    return readableMappings(doc.objectMappings, (key, ...args) => fill(strings[key] ?? key, args));
  }

  /** Closes the diff tabs this editor opened: after a save they compare against what is gone. */
  private async closeDiffs(): Promise<void> {
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((tab) => tab.input instanceof vscode.TabInputTextDiff && this.diffs.has(tab.input.modified.toString()));
    this.diffs.clear();
    if (tabs.length) await vscode.window.tabGroups.close(tabs, true);
  }

  private schemaToWrite(): RawSchema {
    const problems = validateDocument(this.doc, this.validationContext()).filter((i) => i.severity === 'error');
    if (!canSave(problems)) {
      throw new UserFacingError(problems.length === 1
        ? vscode.l10n.t('Fix the problem shown in the mapping editor first ({0}).', this.describeIssue(problems[0]))
        : vscode.l10n.t('Fix the {0} problems shown in the mapping editor first ({1}).', problems.length, this.describeIssue(problems[0])));
    }
    const { ['@odata.context']: _context, ...schema } = toSchema(this.doc);
    return schema;
  }

  /** The schema a save would PUT now (copy-as-code shows it); throws while the editor shows errors. */
  schemaToSave(): RawSchema {
    return this.schemaToWrite();
  }

  private describeIssue(issue: Issue): string {
    const strings = mappingEditorStrings() as Record<string, string>;
    return fill(strings[`issue.${issue.code}`] ?? issue.code, issueArgs(issue, strings));
  }

  /**
   * The safe save: validates, shows the diff and asks (unless skipped), checks that the server's
   * schema is still the one loaded (asks what to do if not), then PUTs the whole schema. A failure
   * leaves every edit in place.
   */
  async save(options: SaveOptions = {}): Promise<SaveResult> {
    if (this.saving) throw new UserFacingError(vscode.l10n.t('A save of these mappings is already running.'));
    if (!this.dirty) return { outcome: 'unchanged', version: this.doc.base.version };
    const after = this.schemaToWrite();
    const changes = describeChanges(this.doc);
    // From here until the end, edits are refused: what is written must be what was confirmed.
    this.saving = true;
    this.post({ type: 'busy', busy: true });
    try {
      if (!options.skipConfirmation && !(await this.confirm(changes))) return { outcome: 'cancelled', version: this.doc.base.version };
      // Like every other write: a Microsoft account is asked for the write permission before the PUT.
      await this.deps.graph.ensureScopes(this.target.connectionId, 'manageJobs');
      const service = await this.service();
      const { servicePrincipalId: sp, jobId } = this.target;
      const current = await service.schema.get(sp, jobId, options.signal);
      if (current.version !== this.doc.base.version) {
        const decision = await this.resolveConflict(current, options);
        if (decision === 'cancel') return { outcome: 'conflict', version: current.version };
        if (decision === 'reload') {
          this.replaceDocument(createDocument(current), 'reloaded');
          return { outcome: 'reloaded', version: current.version };
        }
      }
      await service.schema.put(sp, jobId, after, options.signal);
      const saved = await service.schema.get(sp, jobId, options.signal);
      this.deps.logger.info(`saved the mappings of ${sp}/${jobId}: ${changes.length} changes, version ${String(this.doc.base.version)} → ${String(saved.version)}`);
      this.replaceDocument(createDocument(saved), 'saved');
      await this.closeDiffs();
      return { outcome: 'saved', version: saved.version };
    } finally {
      this.saving = false;
      this.post({ type: 'busy', busy: false });
      if (this.refusedWhileSaving) {
        this.refusedWhileSaving = false;
        this.post({ type: 'document', document: this.doc, reason: 'resync' });
      }
    }
  }

  /** Saves as the save command does (progress, one error sentence); undefined when it failed or was cancelled. */
  saveAsCommand(options: Omit<SaveOptions, 'signal'> = {}): Promise<SaveResult | undefined> {
    return this.deps.runAsCommand(CommandId.saveMappings, (context) => {
      context.report(vscode.l10n.t('Saving the attribute mappings…'));
      return this.save({ ...options, signal: context.signal });
    });
  }

  /** Shows the diff and asks, naming the changes and warning that a full cycle follows. */
  private async confirm(changes: ReturnType<typeof describeChanges>): Promise<boolean> {
    await this.showChanges();
    const strings = mappingEditorStrings() as Record<string, string>;
    const lines = changes.slice(0, 12).map((c) => `• ${changeText(c, (key, ...args) => fill(strings[key] ?? key, args))}`);
    if (changes.length > 12) lines.push(vscode.l10n.t('…and {0} more', changes.length - 12));
    const saveChoice = vscode.l10n.t('Save');
    const answer = await vscode.window.showWarningMessage(
      changes.length === 1
        ? vscode.l10n.t('Save 1 change to the attribute mappings of {0}?', this.label)
        : vscode.l10n.t('Save {0} changes to the attribute mappings of {1}?', changes.length, this.label),
      { modal: true, detail: `${lines.join('\n')}\n\n${strings.fullCycleWarning}` },
      saveChoice,
    );
    return answer === saveChoice;
  }

  private async resolveConflict(current: RawSchema, options: SaveOptions): Promise<'overwrite' | 'reload' | 'cancel'> {
    const policy = options.onConflict ?? (options.skipConfirmation ? 'fail' : 'ask');
    const sentence = vscode.l10n.t('The attribute mappings of {0} were changed on the server after you opened them (version {1}, now {2}).', this.label, String(this.doc.base.version), String(current.version));
    if (policy === 'fail') throw new UserFacingError(vscode.l10n.t('{0} Nothing was saved; your edits are kept.', sentence));
    if (policy !== 'ask') return policy;
    const overwrite = vscode.l10n.t('Overwrite Server Changes');
    const reload = vscode.l10n.t('Discard My Edits and Reload');
    const compare = vscode.l10n.t('Compare with Server');
    for (;;) {
      const answer = await vscode.window.showWarningMessage(sentence, { modal: true, detail: vscode.l10n.t('Overwriting replaces the server\'s changes with your version of every mapping.') }, overwrite, reload, compare);
      if (answer === overwrite) return 'overwrite';
      if (answer === reload) return 'reload';
      if (answer !== compare) return 'cancel';
      await this.showDiff(createDocument(current), 'server', vscode.l10n.t('{0}: server ↔ unsaved mappings', this.label));
    }
  }

  /** Reads the schema again; asks first when that would discard unsaved edits. */
  async reload(ask: boolean): Promise<boolean> {
    if (ask && this.dirty) {
      const discard = vscode.l10n.t('Discard and Reload');
      const answer = await vscode.window.showWarningMessage(vscode.l10n.t('Discard your unsaved changes to the mappings of {0}?', this.label), { modal: true }, discard);
      if (answer !== discard) return false;
    }
    const service = await this.service();
    const schema = await service.schema.get(this.target.servicePrincipalId, this.target.jobId);
    this.replaceDocument(createDocument(schema), 'reloaded');
    return true;
  }

  /**
   * Replaces the mappings with the job template's defaults, as unsaved edits (saving writes them; Reload
   * undoes it). The template must have the job schema's shape (same rules and object mappings).
   */
  async restoreDefaults(): Promise<void> {
    const service = await this.service();
    const { servicePrincipalId: sp, jobId } = this.target;
    const job = await service.jobs.getJob(sp, jobId);
    if (!job.templateId) throw new UserFacingError(vscode.l10n.t('This job has no template to restore defaults from.'));
    const template = await service.schema.templateSchema(sp, job.templateId);
    const shape = (s: RawSchema) => (s.synchronizationRules ?? []).map((r) => (r.objectMappings ?? []).map((o) => `${o.sourceObjectName}>${o.targetObjectName}`).join(',')).join(';');
    if (shape(template) !== shape(this.doc.base)) {
      throw new UserFacingError(vscode.l10n.t('The template\'s object mappings differ from this job\'s, so its defaults cannot be applied here.'));
    }
    const defaults = createDocument({ ...this.doc.base, synchronizationRules: template.synchronizationRules, directories: template.directories ?? this.doc.base.directories });
    this.replaceDocument({ base: this.doc.base, objectMappings: defaults.objectMappings }, 'restored');
  }

  reveal(): void {
    this.panel.reveal();
  }

  /** Shows the object mapping of that name (from the tree's row); ignored when there is none. */
  focusObjectMapping(name: string): void {
    const om = this.doc.objectMappings.find((o) => o.name === name);
    if (!om) return;
    this.focusId = om.id;
    this.post({ type: 'focus', objectMappingId: om.id });
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
    this.posted.dispose();
    this.closed.dispose();
  }
}
