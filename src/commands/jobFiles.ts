import * as vscode from 'vscode';
import type { SecretPair } from '../graph/secretsApi';
import { ScimPreviewer, type ScimPreviewEntry } from '../sandbox/engine/scimPreview';
import { CommandId } from '../shared/commandIds';
import { isCancellation, UserFacingError } from '../shared/errors';
import {
  applyConfigurationToSchema,
  buildProvisioningFile,
  changedSettings,
  configurationOf,
  diffConfigurations,
  fingerprintOf,
  normaliseConfiguration,
  parseProvisioningFile,
  provisioningFileText,
  type ConfigurationChange,
  type JobConfiguration,
  type JobFileIdentity,
  type ProvisioningFile,
} from '../shared/provisioningFile';
import type { RawSchema } from '../shared/synchronizationSchema';
import { hasJobTarget, type JobTarget } from '../shared/targets';
import { describeError, type CommandContext } from './commandRunner';
import { resolveJobTarget } from './jobTarget';
import { settingsToSecrets } from './provisioningSettings';
import { PREVIEW_PAGE_SIZE, PREVIEW_PAGES, PreviewEvaluationError, previewSample } from './planSample';
import { fileFromArgument } from './schemaFiles';
import type { FileDrift } from './jobFileDriftNotices';
import type { Services } from './services';

/** The glob of provisioning files in the workspace. */
export const PROVISIONING_FILE_GLOB = '**/*.provisioning.json';

/** A job as the tenant has it now, in the file's terms. */
export interface TenantState {
  readonly connectionId: string;
  readonly identity: JobFileIdentity;
  readonly schema: RawSchema;
  readonly secrets: ReadonlyArray<{ key: string; value: string | null }>;
  /** The app template's default schema; undefined when the service would not give it. */
  readonly templateSchema?: RawSchema;
  readonly config: JobConfiguration;
  readonly fingerprint: string;
}

/** Reads a job's schema, settings and template default, and what they make as a configuration. */
export async function readTenantState(services: Services, connectionId: string, servicePrincipalId: string, jobId: string, signal: AbortSignal, appDisplayName?: string): Promise<TenantState> {
  const connection = services.graph.connection(connectionId);
  const service = await services.graph.service(connection.id);
  const [schema, secrets, job, name] = await Promise.all([
    service.schema.get(servicePrincipalId, jobId, signal),
    service.secrets.list(servicePrincipalId, signal),
    service.jobs.getJob(servicePrincipalId, jobId, signal),
    appDisplayName ? Promise.resolve(appDisplayName) : service.apps.getApp(servicePrincipalId, signal).then((a) => a.displayName ?? undefined, () => undefined),
  ]);
  const templateId = job.templateId ?? undefined;
  // Without the template, nothing is known to be user-added: the file then lists no added attributes.
  const templateSchema = templateId ? await service.schema.templateSchema(servicePrincipalId, templateId, signal).catch(() => undefined) : undefined;
  const config = normaliseConfiguration(configurationOf(schema, secrets, templateSchema));
  const identity: JobFileIdentity = { tenantId: connection.tenantId, connection: connection.label, servicePrincipalId, appDisplayName: name, jobId, templateId };
  return { connectionId: connection.id, identity, schema, secrets, templateSchema, config, fingerprint: fingerprintOf(config) };
}

function defaultFolder(): vscode.Uri | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri;
}

/** The file a scripted `file` names, or the one the user picks (undefined when none is picked). */
async function fileToRead(services: Services, context: CommandContext, arg: unknown): Promise<vscode.Uri | undefined> {
  // The editor title's buttons pass the file's URI; a drifted job's row, the job (its file is known).
  if (arg instanceof vscode.Uri) return arg;
  if (hasJobTarget(arg)) {
    const drifted = services.tree.driftedFile(arg.jobTarget);
    if (drifted) return vscode.Uri.file(drifted);
  }
  const file = (arg as { file?: unknown } | undefined)?.file;
  if (typeof file === 'string' && file) return fileFromArgument(file);
  if (file !== undefined) throw new UserFacingError(vscode.l10n.t('file must be the path of a .provisioning.json file.'));
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active?.path.endsWith('.provisioning.json')) return active;
  const picked = await context.waitForUser(() => vscode.window.showOpenDialog({ title: vscode.l10n.t('Which provisioning file?'), defaultUri: defaultFolder(), filters: { [vscode.l10n.t('Provisioning file')]: ['provisioning.json', 'json'] }, canSelectMany: false }));
  return picked?.[0];
}

/** Reads and checks a provisioning file; a broken one is the user's to fix, with the reason. */
export async function readProvisioningFile(uri: vscode.Uri): Promise<ProvisioningFile> {
  let text: string;
  try {
    text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
  } catch (error) {
    throw new UserFacingError(vscode.l10n.t('Could not read {0}: {1}', uri.fsPath, (error as Error).message));
  }
  try {
    return parseProvisioningFile(text);
  } catch (error) {
    throw new UserFacingError(vscode.l10n.t('{0} is not a provisioning file: {1}', uri.fsPath, (error as Error).message));
  }
}

/** The connection to the file's tenant: the current one when it is that tenant, else another signed-in one. */
export function connectionForTenant(services: Services, tenantId: string): string {
  const current = services.connections.current;
  if (current?.tenantId === tenantId) return current.id;
  const other = services.connections.list().find((c) => c.tenantId === tenantId);
  if (other) return other.id;
  throw new UserFacingError(vscode.l10n.t('This file is for tenant {0}, and no connection to it is signed in: sign in to that tenant first.', tenantId));
}

async function writeFile(uri: vscode.Uri, file: ProvisioningFile): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, Buffer.from(provisioningFileText(file), 'utf8'));
}

/**
 * Writes a job's configuration (identity, settings, mappings; never a credential) to a
 * `*.provisioning.json` file, for review and version control. Public contract:
 * `{ servicePrincipalId, jobId, file?, connectionId? }` → `{ uri }`.
 */
export async function exportJobFile(services: Services, context: CommandContext, arg?: unknown): Promise<{ uri: string } | undefined> {
  const target = await resolveJobTarget(services, context, arg);
  if (!target) return undefined;
  context.report(vscode.l10n.t('Reading the job’s configuration…'));
  const state = await readTenantState(services, target.connectionId, target.servicePrincipalId, target.jobId, context.signal, target.appDisplayName);
  const fileArg = (arg as { file?: unknown } | undefined)?.file;
  let uri: vscode.Uri | undefined;
  if (typeof fileArg === 'string' && fileArg) uri = fileFromArgument(fileArg);
  else {
    const folder = defaultFolder();
    const name = `${(state.identity.appDisplayName ?? target.servicePrincipalId).replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'job'}.provisioning.json`;
    uri = await context.waitForUser(() => vscode.window.showSaveDialog({ title: vscode.l10n.t('Export the job as a provisioning file'), defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined, filters: { JSON: ['json'] } }));
  }
  if (!uri) return undefined;
  await writeFile(uri, buildProvisioningFile(state.identity, state.schema, state.secrets, state.templateSchema, new Date()));
  if (typeof fileArg !== 'string') await vscode.window.showTextDocument(uri, { preview: true });
  return { uri: uri.toString() };
}

/** Marks or unmarks the job in the tree and the file's notice after a command compared them. */
function noteDrift(services: Services, uri: vscode.Uri, target: JobTarget, drifted: boolean): void {
  services.tree.driftChecked([target], drifted ? [{ ...target, file: uri.fsPath }] : []);
  services.driftNotices.record(uri, { drifted, job: { connectionId: target.connectionId, servicePrincipalId: target.servicePrincipalId, jobId: target.jobId } });
}

/**
 * Whether an open provisioning file's job drifted (its notice; not a command, so nothing is shown on
 * failure). Undefined for a file that does not parse or whose tenant no connection is signed in to.
 */
export async function provisioningFileDrift(services: Services, document: vscode.TextDocument, signal: AbortSignal): Promise<FileDrift | undefined> {
  let file: ProvisioningFile;
  let connectionId: string;
  try {
    file = parseProvisioningFile(document.getText());
    connectionId = connectionForTenant(services, file.identity.tenantId);
  } catch {
    return undefined;
  }
  const state = await readTenantState(services, connectionId, file.identity.servicePrincipalId, file.identity.jobId, signal, file.identity.appDisplayName);
  const target: JobTarget = { connectionId, servicePrincipalId: file.identity.servicePrincipalId, jobId: file.identity.jobId };
  const drifted = state.fingerprint !== file.version.fingerprint;
  services.tree.driftChecked([target], drifted ? [{ ...target, file: document.uri.fsPath }] : []);
  return { drifted, job: target };
}

/** The plan of a file against its tenant (the public result of planJobFile). */
export interface JobFilePlan {
  readonly drift: boolean;
  readonly changes: ConfigurationChange[];
  readonly scimPreview: ScimPreviewEntry[];
}

interface PlanParts {
  readonly uri: vscode.Uri;
  readonly file: ProvisioningFile;
  readonly state: TenantState;
  readonly plan: JobFilePlan;
  /** The schema applying the file would PUT. */
  readonly planned: RawSchema;
  /** The preview with the attributes each object keeps (the public result leaves those out). */
  readonly entries: readonly ScimPreviewEntry[];
}

/** The schema the file makes of the tenant's; an expression that does not parse is the file's fault. */
function plannedSchema(uri: vscode.Uri, file: ProvisioningFile, state: TenantState): RawSchema {
  try {
    return applyConfigurationToSchema(state.schema, file, state.templateSchema);
  } catch (error) {
    throw new UserFacingError(vscode.l10n.t('{0} cannot be applied: {1}', uri.fsPath, (error as Error).message));
  }
}

async function planOf(services: Services, context: CommandContext, uri: vscode.Uri, sampleSize: number): Promise<PlanParts> {
  const file = await readProvisioningFile(uri);
  const connectionId = connectionForTenant(services, file.identity.tenantId);
  context.report(vscode.l10n.t('Comparing the file with the tenant…'));
  const state = await readTenantState(services, connectionId, file.identity.servicePrincipalId, file.identity.jobId, context.signal, file.identity.appDisplayName);
  const planned = plannedSchema(uri, file, state);
  const changes = diffConfigurations(state.config, file);
  let preview: ScimPreviewEntry[] = [];
  if (sampleSize > 0 && changes.length > 0) {
    context.report(vscode.l10n.t('Previewing the SCIM requests for sample users…'));
    const before = { syncAll: state.config.settings.scope === 'all', skipOutOfScopeDeletions: state.config.settings.skipOutOfScopeDeletions };
    const after = { syncAll: file.settings.scope === 'all', skipOutOfScopeDeletions: file.settings.skipOutOfScopeDeletions };
    let previewer: ScimPreviewer;
    try {
      previewer = new ScimPreviewer(state.schema, planned, before, after);
    } catch (error) {
      throw new UserFacingError(vscode.l10n.t('{0} cannot be applied: {1}', uri.fsPath, (error as Error).message));
    }
    const needAssignments = state.config.settings.scope !== 'all' || file.settings.scope !== 'all';
    try {
      preview = await previewSample(await services.graph.service(connectionId), file.identity.servicePrincipalId, previewer, { sampleSize, needAssignments, signal: context.signal });
    } catch (error) {
      if (error instanceof PreviewEvaluationError) throw new UserFacingError(vscode.l10n.t('The SCIM preview failed: {0}', error.message));
      throw error;
    }
  }
  return { uri, file, state, planned, entries: preview, plan: { drift: state.fingerprint !== file.version.fingerprint, changes, scimPreview: preview.map(({ subject, requests }) => ({ subject, requests })) } };
}

function sampleSizeOf(arg: unknown): number {
  const given = (arg as { sampleSize?: unknown } | undefined)?.sampleSize;
  if (given === undefined) return 10;
  if (typeof given !== 'number' || !Number.isInteger(given) || given < 0 || given > 1000) throw new UserFacingError(vscode.l10n.t('sampleSize must be a whole number from 0 to 1000.'));
  return given;
}

function cell(value: unknown): string {
  if (value === undefined) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  // Backticks and pipes would end the code span or the table cell: the text is the user's.
  return `\`${text.replace(/`/g, 'ʼ').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')}\``;
}

/** The plan as a Markdown report. */
function planMarkdown(parts: PlanParts, sampleSize: number): string {
  const { file, state, plan } = parts;
  const app = file.identity.appDisplayName ?? file.identity.servicePrincipalId;
  const lines = [`# ${vscode.l10n.t('Plan: {0}', app)}`, '', vscode.l10n.t('File: {0}', parts.uri.fsPath), '', vscode.l10n.t('Job {0} in tenant {1}.', file.identity.jobId, file.identity.tenantId), ''];
  if (plan.drift) {
    lines.push(`> **${vscode.l10n.t('Drift')}:** ${vscode.l10n.t('the job changed in the tenant since this file was exported or last applied (version {0}, now {1}). Applying replaces those changes.', file.version.fingerprint, state.fingerprint)}`, '');
  }
  lines.push(`## ${vscode.l10n.t('Configuration changes ({0})', plan.changes.length)}`, '');
  if (plan.changes.length === 0) lines.push(vscode.l10n.t('The tenant already has this configuration: applying changes nothing.'), '');
  else {
    lines.push(`| ${vscode.l10n.t('Path')} | ${vscode.l10n.t('In the tenant')} | ${vscode.l10n.t('In the file')} |`, '|---|---|---|');
    for (const c of plan.changes) lines.push(`| ${cell(c.path)} | ${cell(c.before)} | ${cell(c.after)} |`);
    lines.push('');
  }
  if (plan.changes.length > 0 && sampleSize > 0) {
    lines.push(`## ${vscode.l10n.t('SCIM requests of the next cycle ({0} sample users and groups in scope)', plan.scimPreview.length)}`, '');
    lines.push(`_${vscode.l10n.t('Assumption: each user’s and group’s object in the app holds what the tenant’s current mappings produce for it now, and a group’s members in the app are its members in scope now; the app’s real state is not read. {0} stands for the app’s id of the object, which the cycle finds by the matching attribute.', '`{id}`')}_`, '');
    if (plan.scimPreview.length === 0) lines.push(vscode.l10n.t('No user or group in scope was found in the first {0} of each type, or the change touches no object mapping or scope.', PREVIEW_PAGES * PREVIEW_PAGE_SIZE), '');
    for (const entry of parts.entries) {
      lines.push(`### ${entry.subject.replace(/[#*_`<>[\]]/g, ' ')}`, '');
      if (entry.requests.length === 0) lines.push(vscode.l10n.t('No request: the change does not alter what is sent for this object.'), '');
      for (const r of entry.requests) lines.push('```http', `${r.method} ${r.path}`, ...(r.body === null ? [] : ['', JSON.stringify(r.body, null, 2).replace(/```/g, 'ʼʼʼ')]), '```', '');
      if (entry.kept?.length) lines.push(vscode.l10n.t('{0} become(s) empty: outbound provisioning does not clear an attribute in the app, so the app keeps its value (no request).', entry.kept.map((k) => cell(k)).join(', ')), '');
    }
  }
  return lines.join('\n');
}

async function showPlan(services: Services, parts: PlanParts, sampleSize: number): Promise<void> {
  const name = (parts.file.identity.appDisplayName ?? parts.file.identity.jobId).replace(/[\\/]+/g, ' ');
  const uri = services.documents.add('plans', `${vscode.l10n.t('Plan')} ${name}.md`, planMarkdown(parts, sampleSize), vscode.l10n.t('Plan: {0}', name));
  await services.documents.showRendered(uri);
}

/**
 * What applying a provisioning file would change in its job, whether the tenant drifted since the
 * file was exported or last applied, and the SCIM requests the next cycle would send for sample
 * users; shown as a report. Public contract: `{ file, sampleSize? }` → `{ drift, changes, scimPreview }`.
 */
export async function planJobFile(services: Services, context: CommandContext, arg?: unknown): Promise<JobFilePlan | undefined> {
  const sampleSize = sampleSizeOf(arg);
  const uri = await fileToRead(services, context, arg);
  if (!uri) return undefined;
  const parts = await planOf(services, context, uri, sampleSize);
  noteDrift(services, uri, { connectionId: parts.state.connectionId, servicePrincipalId: parts.file.identity.servicePrincipalId, jobId: parts.file.identity.jobId }, parts.plan.drift);
  await showPlan(services, parts, sampleSize);
  return parts.plan;
}

/** The result of applyJobFile (public contract). */
export interface ApplyJobFileResult {
  readonly outcome: 'applied' | 'unchanged' | 'conflict';
  /** The tenant's fingerprint after the command: the file's new version when applied. */
  readonly version: string;
}

/**
 * Makes the job what the file says: mappings (one schema PUT) and settings. Refuses when the tenant
 * changed since the file was exported or last applied, unless told to overwrite; afterwards the
 * file records the tenant's new version. Public contract:
 * `{ file, skipConfirmation?, onConflict?: "fail" | "overwrite" }` → `{ outcome, version }`.
 */
export async function applyJobFile(services: Services, context: CommandContext, arg?: unknown): Promise<ApplyJobFileResult | undefined> {
  const { skipConfirmation, onConflict } = (arg ?? {}) as { skipConfirmation?: unknown; onConflict?: unknown };
  if (skipConfirmation !== undefined && typeof skipConfirmation !== 'boolean') throw new UserFacingError(vscode.l10n.t('skipConfirmation must be true or false.'));
  if (onConflict !== undefined && onConflict !== 'fail' && onConflict !== 'overwrite') throw new UserFacingError(vscode.l10n.t('onConflict must be one of {0}.', 'fail, overwrite'));
  const uri = await fileToRead(services, context, arg);
  if (!uri) return undefined;
  const interactive = skipConfirmation !== true;
  const preview = await planOf(services, context, uri, interactive ? 10 : 0);
  const { file, state, plan } = preview;
  noteDrift(services, uri, { connectionId: state.connectionId, servicePrincipalId: file.identity.servicePrincipalId, jobId: file.identity.jobId }, plan.drift);
  await services.graph.ensureScopes(state.connectionId, 'manageJobs');
  let overwrite = onConflict === 'overwrite';
  if (plan.changes.length === 0) {
    // Nothing to write; the file still learns the tenant's version, so a drift that agrees with it ends.
    if (plan.drift) await writeFile(uri, buildProvisioningFile(file.identity, state.schema, state.secrets, state.templateSchema, new Date()));
    noteDrift(services, uri, { connectionId: state.connectionId, servicePrincipalId: file.identity.servicePrincipalId, jobId: file.identity.jobId }, false);
    return { outcome: 'unchanged', version: state.fingerprint };
  }
  if (plan.drift && !overwrite && (onConflict === 'fail' || !interactive)) return { outcome: 'conflict', version: state.fingerprint };
  if (interactive) {
    await showPlan(services, preview, 10);
    const apply = vscode.l10n.t('Apply');
    const overwriteLabel = vscode.l10n.t('Overwrite and Apply');
    const app = file.identity.appDisplayName ?? file.identity.jobId;
    const detail = [
      plan.drift ? vscode.l10n.t('The job changed in the tenant since this file was exported or last applied; applying replaces those changes.') : '',
      vscode.l10n.t('Changing mappings makes the next cycle re-evaluate every user and group.'),
    ].filter(Boolean).join('\n\n');
    const choice = await context.waitForUser(() => vscode.window.showWarningMessage((plan.changes.length === 1 ? vscode.l10n.t('Apply 1 change to {0}?', app) : vscode.l10n.t('Apply {0} changes to {1}?', plan.changes.length, app)), { modal: true, detail }, plan.drift ? overwriteLabel : apply));
    if (choice === undefined) return undefined;
    overwrite = true;
  }
  if (plan.drift && !overwrite) return { outcome: 'conflict', version: state.fingerprint };
  const service = await services.graph.service(state.connectionId);
  context.report(vscode.l10n.t('Applying the provisioning file…'));
  const sp = file.identity.servicePrincipalId;
  if (plan.changes.some((c) => c.path.startsWith('objectMappings'))) await service.schema.put(sp, file.identity.jobId, preview.planned, context.signal);
  const settings = changedSettings(state.config.settings, file.settings);
  if (Object.keys(settings).length > 0) await service.secrets.save(sp, settingsToSecrets(state.secrets, settings), context.signal);
  const after = await readTenantState(services, state.connectionId, sp, file.identity.jobId, context.signal, file.identity.appDisplayName);
  await writeFile(uri, buildProvisioningFile({ ...file.identity, ...after.identity }, after.schema, after.secrets, after.templateSchema, new Date()));
  noteDrift(services, uri, { connectionId: state.connectionId, servicePrincipalId: sp, jobId: file.identity.jobId }, false);
  return { outcome: 'applied', version: after.fingerprint };
}

/**
 * What applying a file would send (copy-as-code): the schema PUT when mappings change, the settings
 * secrets when settings change, and the connection to the file's tenant.
 */
export async function applyRequestsOf(services: Services, context: CommandContext, arg: unknown): Promise<{ connectionId: string; servicePrincipalId: string; jobId: string; schema?: RawSchema; settings?: SecretPair[] }> {
  const uri = await fileToRead(services, context, arg);
  if (!uri) throw new UserFacingError(vscode.l10n.t('file must be the path of a .provisioning.json file.'));
  const { state, file, plan, planned } = await planOf(services, context, uri, 0);
  const settings = settingsToSecrets(state.secrets, changedSettings(state.config.settings, file.settings));
  return {
    connectionId: state.connectionId,
    servicePrincipalId: file.identity.servicePrincipalId,
    jobId: file.identity.jobId,
    schema: plan.changes.some((c) => c.path.startsWith('objectMappings')) ? planned : undefined,
    settings: settings.length ? settings : undefined,
  };
}

/**
 * Which provisioning files of the workspace no longer match their job's tenant version (someone
 * changed the job there). Files for tenants no connection is signed in to are skipped (logged); a
 * file whose job could not be read (deleted, tenant out of reach) is logged with why and counted in
 * a warning, and the others are still checked.
 * Public contract: `{}` → `{ drifted: [{ file, servicePrincipalId, jobId }] }`.
 */
export async function checkDrift(services: Services, context: CommandContext, arg?: unknown): Promise<{ drifted: Array<{ file: string; servicePrincipalId: string; jobId: string }> }> {
  context.report(vscode.l10n.t('Checking provisioning files for drift…'));
  const uris = await vscode.workspace.findFiles(PROVISIONING_FILE_GLOB, '**/node_modules/**', 500);
  const drifted: Array<{ file: string; servicePrincipalId: string; jobId: string }> = [];
  const checked: JobTarget[] = [];
  const driftedJobs: Array<JobTarget & { file: string }> = [];
  let unchecked = 0;
  for (const uri of uris.sort((a, b) => a.fsPath.localeCompare(b.fsPath))) {
    let file: ProvisioningFile;
    let connectionId: string;
    try {
      file = await readProvisioningFile(uri);
      connectionId = connectionForTenant(services, file.identity.tenantId);
    } catch (error) {
      services.logger.warn(`[drift] skipped ${uri.fsPath}: ${(error as Error).message}`);
      continue;
    }
    let state: TenantState;
    try {
      state = await readTenantState(services, connectionId, file.identity.servicePrincipalId, file.identity.jobId, context.signal, file.identity.appDisplayName);
    } catch (error) {
      if (isCancellation(error) || context.signal.aborted) throw error;
      // One file's job deleted or its tenant out of reach must not hide the other files' drift.
      services.logger.warn(`[drift] could not check ${uri.fsPath}: ${describeError(error)}`);
      unchecked++;
      continue;
    }
    const target: JobTarget = { connectionId, servicePrincipalId: file.identity.servicePrincipalId, jobId: file.identity.jobId };
    checked.push(target);
    const isDrifted = state.fingerprint !== file.version.fingerprint;
    if (isDrifted) {
      drifted.push({ file: uri.fsPath, servicePrincipalId: file.identity.servicePrincipalId, jobId: file.identity.jobId });
      driftedJobs.push({ ...target, file: uri.fsPath });
    }
    services.driftNotices.record(uri, { drifted: isDrifted, job: target });
  }
  // The tree marks the drifted jobs (and unmarks the ones in step again).
  services.tree.driftChecked(checked, driftedJobs);
  if (arg === undefined) void announceDrift(drifted);
  if (unchecked > 0) void warnUnchecked(unchecked);
  return { drifted };
}

/** Says how many files could not be checked (the log has each one's reason), with "Show Log". */
async function warnUnchecked(count: number): Promise<void> {
  const showLog = vscode.l10n.t('Show Log');
  const message = count === 1
    ? vscode.l10n.t('1 provisioning file could not be checked against its tenant; the log says why.')
    : vscode.l10n.t('{0} provisioning files could not be checked against their tenant; the log says why.', String(count));
  if ((await vscode.window.showWarningMessage(message, showLog)) === showLog) await vscode.commands.executeCommand(CommandId.showLog);
}

/** From the palette: says what drifted, with "Plan" for the first file. */
async function announceDrift(drifted: ReadonlyArray<{ file: string }>): Promise<void> {
  if (drifted.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No provisioning file in the workspace has drifted from its tenant.'));
    return;
  }
  const plan = vscode.l10n.t('Plan');
  const choice = await vscode.window.showWarningMessage(vscode.l10n.t('{0} provisioning file(s) drifted from their tenant: {1}', drifted.length, drifted.map((d) => vscode.workspace.asRelativePath(d.file)).join(', ')), plan);
  if (choice === plan) await vscode.commands.executeCommand(CommandId.planJobFile, { file: drifted[0].file });
}
