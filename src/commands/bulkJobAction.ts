import * as vscode from 'vscode';
import { localizedStatusWords } from '../host/jobStatusWords';
import type { ProvisioningService } from '../graph/provisioningService';
import {
  bulkActions, countResults, parseBulkJobActionArgs, resetScopeNames, runBounded, targetKey,
  type BulkAction, type BulkArgProblem, type BulkCounts, type BulkJobActionResult, type BulkJobResult,
} from '../shared/bulkJobAction';
import { isCancellation, UserFacingError } from '../shared/errors';
import { summarizeJob } from '../shared/jobStatus';
import type { Logger } from '../shared/logger';
import { hasJobTarget, type JobTarget } from '../shared/targets';
import { escapeMarkdown, inlineCode } from '../tree/markdown';
import type { CommandDefinition } from './commandDefinition';
import { describeError, type CommandContext } from './commandRunner';
import { InputFlow } from './inputFlow';
import { jobAfter, requestJobAction, resetScopes, withAppName } from './jobActions';
import { pickJobs } from './jobTarget';
import type { Services } from './services';

/**
 * Jobs acted on at once. Graph throttles a tenant's synchronization calls; four keep a bulk action
 * of dozens of jobs quick without tripping that, and a slow job does not hold up the rest.
 */
const CONCURRENCY = 4;

/** Jobs the confirmation lists by name; more are counted (a modal dialog does not scroll). */
const LISTED_IN_CONFIRMATION = 15;

/**
 * A job ready to act on: its target (with the app's name when known), tenant and service; or, when
 * its tenant could not be reached (signed out, consent refused), why not, so it fails alone.
 */
interface PreparedJob {
  readonly target: JobTarget;
  readonly tenant: string;
  /** Undefined when the tenant could not be reached; `unavailable` is then why. */
  readonly service?: ProvisioningService;
  readonly unavailable?: unknown;
}

/** What a bulk run was asked to do, however it was invoked (script, palette, tree selection). */
interface BulkRequest {
  readonly action: BulkAction;
  readonly targets: readonly JobTarget[];
  readonly resetScope?: readonly string[];
  readonly skipConfirmation?: boolean;
}

/**
 * Starts, pauses or restarts several jobs (issue #16): `{ action, targets: [{ servicePrincipalId,
 * jobId, connectionId? }], resetScope?, skipConfirmation? }` → `{ results: [{ servicePrincipalId,
 * jobId, ok, status?, error? }] }`. Without an argument (the palette) it asks the action and the
 * jobs. One job failing does not stop the others; each result says how its job went.
 */
export async function bulkJobAction(services: Services, context: CommandContext, arg?: unknown): Promise<BulkJobActionResult | undefined> {
  if (arg === undefined) {
    const asked = await askBulkRequest(services, context);
    return asked ? runBulkJobAction(services, context, asked) : undefined;
  }
  const parsed = parseBulkJobActionArgs(arg, services.connections.current?.id);
  if ('problem' in parsed) throw new UserFacingError(describeArgProblem(parsed.problem));
  const { args } = parsed;
  const known = new Set(services.connections.list().map((c) => c.id));
  const targets = args.targets.map((t, index): JobTarget => {
    if (t.connectionId !== undefined && !known.has(t.connectionId)) {
      throw new UserFacingError(vscode.l10n.t('Target {0}: there is no connection {1}; leave connectionId out for the current tenant.', String(index + 1), t.connectionId));
    }
    const connectionId = services.graph.connection(t.connectionId).id;
    return { connectionId, servicePrincipalId: t.servicePrincipalId, jobId: t.jobId };
  });
  return runBulkJobAction(services, context, { ...args, targets });
}

/**
 * Start, Pause and Restart as the tree invokes them: with several rows selected, VS Code passes the
 * clicked row and the selection, and the action runs over every selected job (one confirmation,
 * one summary). With one job it is the single command, unchanged, as it is for the palette and
 * scripts. Rows below a job (its credentials, mappings) stand for that job; other rows are left out.
 */
export function withSelection(action: BulkAction, single: CommandDefinition['handler']): CommandDefinition['handler'] {
  return (services, context, ...args) => {
    const targets = selectedJobTargets(args[0], args[1]);
    return targets.length > 1 ? runBulkJobAction(services, context, { action, targets }) : single(services, context, ...args);
  };
}

/**
 * The distinct jobs of a tree selection, when the clicked row is one of the selected ones (VS Code
 * passes the selection only then; a script's second argument is not a selection of rows).
 */
export function selectedJobTargets(clicked: unknown, selection: unknown): JobTarget[] {
  if (!hasJobTarget(clicked) || !Array.isArray(selection) || !selection.includes(clicked)) return [];
  const byKey = new Map<string, JobTarget>();
  for (const node of selection) {
    if (hasJobTarget(node) && !byKey.has(targetKey(node.jobTarget))) byKey.set(targetKey(node.jobTarget), node.jobTarget);
  }
  return [...byKey.values()];
}

/** Asks, as one flow, what to do and to which jobs (checked: those selected in the tree), and for a restart what it clears. */
async function askBulkRequest(services: Services, context: CommandContext): Promise<BulkRequest | undefined> {
  const flow = new InputFlow(context, vscode.l10n.t('Start, Pause or Restart Jobs stopped: no job was changed.'));
  try {
    const [chosen] = await flow.pick(
      bulkActions.map((action) => ({ label: actionTitle(action), action })),
      { title: vscode.l10n.t('What should happen to the jobs?') },
    ) ?? [];
    if (!chosen) return undefined;
    const targets = await pickJobs(services, context, flow, { many: true, title: vscode.l10n.t('{0}: which jobs?', actionTitle(chosen.action)) });
    if (!targets) return undefined;
    if (chosen.action !== 'restart') return { action: chosen.action, targets };
    const scopes = resetScopes();
    const picked = await flow.pick(scopes, {
      title: vscode.l10n.t('Restart provisioning of {0} jobs', String(targets.length)),
      placeholder: vscode.l10n.t('What should the restart clear?'),
      canPickMany: true,
      checked: scopes.filter((s) => s.picked),
    });
    return picked ? { action: 'restart', targets, resetScope: picked.map((p) => p.value) } : undefined;
  } finally {
    flow.dispose();
  }
}

/**
 * The bulk run proper: the reset scope asked once for all jobs (a restart without one), one modal
 * confirmation listing the jobs, then the jobs with bounded concurrency under the command's
 * progress. Its Cancel stops before the next job: jobs already asked finish (their request may have
 * reached Graph), the rest are reported as not run. A summary with "Show Details" ends it.
 */
export async function runBulkJobAction(services: Services, context: CommandContext, request: BulkRequest): Promise<BulkJobActionResult | undefined> {
  const { action } = request;
  let resetScope = request.resetScope;
  if (action === 'restart' && resetScope === undefined) {
    const picked = await context.waitForUser(() => vscode.window.showQuickPick(resetScopes(), {
      title: vscode.l10n.t('Restart provisioning of {0} jobs', String(request.targets.length)),
      placeHolder: vscode.l10n.t('What should the restart clear?'),
      canPickMany: true,
    }, context.token));
    if (!picked) return undefined;
    resetScope = picked.map((p) => p.value);
  }
  const jobs = await prepareJobs(services, context, request.targets);
  if (request.skipConfirmation !== true && !(await confirm(context, action, jobs, resetScope))) return undefined;
  // Cancelled while names were read: nothing was done, so nothing to summarize.
  if (context.token.isCancellationRequested) throw new vscode.CancellationError();
  const log = services.logger.child('bulk');

  let settled = 0;
  context.report(vscode.l10n.t('{0} of {1} jobs done', '0', String(jobs.length)));
  // The jobs' requests do not take the command's cancellation: Cancel stops before the next job,
  // and a job whose request is under way finishes rather than leaving its state unknown.
  const jobSignal = new AbortController().signal;
  const outcomes = await runBounded(jobs, CONCURRENCY, (job) => actOn(services, log, jobSignal, job, action, resetScope), {
    stopped: () => context.token.isCancellationRequested,
    succeeded: (result) => result.ok,
    onSettled: () => context.report(vscode.l10n.t('{0} of {1} jobs done', String(++settled), String(jobs.length))),
  });
  const results = outcomes.map((outcome, index): BulkJobResult => {
    const { servicePrincipalId, jobId } = jobs[index].target;
    if (outcome.kind === 'done') return outcome.value;
    if (outcome.kind === 'failed') return { servicePrincipalId, jobId, ok: false, error: describeError(outcome.error) };
    return { servicePrincipalId, jobId, ok: false, error: vscode.l10n.t('Not run: the action was cancelled before this job.') };
  });
  for (const [index, result] of results.entries()) {
    const outcome = result.ok ? `ok, ${result.status ?? 'status not read'}` : outcomes[index].kind === 'notRun' ? 'not run' : 'failed';
    log.info(`${action} ${result.servicePrincipalId}/${result.jobId}: ${outcome}`);
  }
  summarize(services, action, jobs, results, countResults(outcomes));
  return { results };
}

/**
 * Write consent and the service for each tenant involved (once each), and the apps' names for the
 * confirmation and the report (the tree's, else read; a failed read leaves the id).
 */
async function prepareJobs(services: Services, context: CommandContext, targets: readonly JobTarget[]): Promise<PreparedJob[]> {
  const byConnection = new Map<string, Omit<PreparedJob, 'target'>>();
  for (const connectionId of new Set(targets.map((t) => t.connectionId))) {
    const tenant = services.graph.connection(connectionId).label;
    try {
      await services.graph.ensureScopes(connectionId, 'manageJobs');
      byConnection.set(connectionId, { tenant, service: await services.graph.service(connectionId) });
    } catch (error) {
      if (isCancellation(error) || context.token.isCancellationRequested) throw error;
      // One tenant out of reach must not stop the others: its jobs fail with the reason.
      services.logger.child('bulk').warn(`${tenant}: ${describeError(error)}`);
      byConnection.set(connectionId, { tenant, unavailable: error });
      continue;
    }
    services.tree.rememberApp(connectionId, targets.find((t) => t.connectionId === connectionId)!.servicePrincipalId);
  }
  context.report(vscode.l10n.t('Loading provisioning jobs…'));
  const named = await runBounded(targets, CONCURRENCY, async (target) => {
    const { service } = byConnection.get(target.connectionId)!;
    return service ? withAppName(services, service, target, context.signal) : target;
  });
  return targets.map((target, index) => {
    const outcome = named[index];
    return { ...byConnection.get(target.connectionId)!, target: outcome.kind === 'done' ? outcome.value : target };
  });
}

/** One modal confirmation for all jobs, listing them by app and tenant. */
async function confirm(context: CommandContext, action: BulkAction, jobs: readonly PreparedJob[], resetScope: readonly string[] | undefined): Promise<boolean> {
  const lines = jobs.slice(0, LISTED_IN_CONFIRMATION).map((job) => `• ${vscode.l10n.t('{0} in {1}', appName(job.target), job.tenant)}`);
  if (jobs.length > LISTED_IN_CONFIRMATION) lines.push(vscode.l10n.t('… and {0} more', String(jobs.length - LISTED_IN_CONFIRMATION)));
  if (action === 'restart') lines.push('', vscode.l10n.t('The restart clears: {0}', resetScope?.length ? resetScope.join(', ') : vscode.l10n.t('nothing')));
  const button = actionButton(action);
  const choice = await context.waitForUser(() => vscode.window.showWarningMessage(confirmQuestion(action, jobs.length), { modal: true, detail: lines.join('\n') }, button));
  return choice === button;
}

/** The job's status after the action, in the tree's words, for the report (the result keeps Graph's code). */
const statusTexts = new WeakMap<PreparedJob, string>();

/** Acts on one job; a failure becomes its result (the others go on). */
async function actOn(services: Services, log: Logger, signal: AbortSignal, job: PreparedJob, action: BulkAction, resetScope: readonly string[] | undefined): Promise<BulkJobResult> {
  const { servicePrincipalId, jobId } = job.target;
  if (!job.service) return { servicePrincipalId, jobId, ok: false, error: describeError(job.unavailable) };
  try {
    await requestJobAction(services, signal, job.target, job.service, action, resetScope);
  } catch (error) {
    // The result carries one sentence; the log keeps the details (a defect's stack, Graph's request-id).
    log.warn(`${action} ${servicePrincipalId}/${jobId} failed`);
    log.error(error instanceof Error ? error : String(error));
    return { servicePrincipalId, jobId, ok: false, error: describeError(error) };
  }
  try {
    // Also redraws the job's app in the tree (started and restarted jobs show as queued).
    const after = await jobAfter(services, signal, job.target, job.service);
    // The report says what the tree says ("Queued" after a start), not Graph's code (NotRun).
    const request = services.tree.tenant(job.target.connectionId)?.model.cycleRequests.get(jobId);
    statusTexts.set(job, summarizeJob(after, new Date(), localizedStatusWords(), request).status);
    return { servicePrincipalId, jobId, ok: true, status: after.status?.code ?? 'Unknown' };
  } catch {
    // The action went through; only the read after it failed (the next refresh shows the job).
    return { servicePrincipalId, jobId, ok: true };
  }
}

/** The summary notification; "Show Details" opens the report of every job. Not awaited: it must not hold the command open. */
function summarize(services: Services, action: BulkAction, jobs: readonly PreparedJob[], results: readonly BulkJobResult[], counts: BulkCounts): void {
  const message = summaryMessage(action, counts);
  const details = vscode.l10n.t('Show Details');
  const show = counts.failed + counts.notRun > 0 ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  void show(message, details).then(async (choice) => {
    if (choice !== details) return;
    const name = `${actionTitle(action)} ${new Date().toISOString().slice(0, 19).replace('T', ' ')}`;
    const rows = results.map((result, index) => ({ app: appName(jobs[index].target), tenant: jobs[index].tenant, result, statusText: statusTexts.get(jobs[index]) }));
    const uri = services.documents.add('bulk', `${name.replace(/:/g, '.')}.md`, bulkReport(action, rows, counts), message);
    await services.documents.showRendered(uri);
  });
}

function summaryMessage(action: BulkAction, counts: BulkCounts): string {
  const title = actionTitle(action);
  return counts.notRun > 0
    ? vscode.l10n.t('{0}: {1} succeeded, {2} failed, {3} not run (cancelled).', title, String(counts.succeeded), String(counts.failed), String(counts.notRun))
    : vscode.l10n.t('{0}: {1} succeeded, {2} failed.', title, String(counts.succeeded), String(counts.failed));
}

/** One job's line of the report. */
export interface BulkReportRow {
  readonly app: string;
  readonly tenant: string;
  readonly result: BulkJobResult;
  /** The status after the action as the tree words it; without it the report shows Graph's code. */
  readonly statusText?: string;
}

/** The report "Show Details" opens (Markdown): one row per job, names from the tenant made inert. */
export function bulkReport(action: BulkAction, rows: readonly BulkReportRow[], counts: BulkCounts): string {
  const cell = (text: string) => escapeMarkdown(text);
  const lines = rows.map(({ app, tenant, result, statusText }) => {
    const outcome = result.ok ? vscode.l10n.t('succeeded') : vscode.l10n.t('failed');
    const status = statusText ? cell(statusText) : result.status ? inlineCode(result.status) : '';
    return `| ${cell(app)} | ${cell(tenant)} | ${inlineCode(result.jobId)} | ${outcome} | ${status} | ${cell(result.error ?? '')} |`;
  });
  return [
    `# ${cell(summaryMessage(action, counts))}`,
    '',
    `| ${[vscode.l10n.t('App'), vscode.l10n.t('Tenant'), vscode.l10n.t('Job'), vscode.l10n.t('Result'), vscode.l10n.t('Status after'), vscode.l10n.t('Error')].join(' | ')} |`,
    '| --- | --- | --- | --- | --- | --- |',
    ...lines,
    '',
  ].join('\n');
}

const appName = (target: JobTarget) => target.appDisplayName ?? target.servicePrincipalId;

function actionTitle(action: BulkAction): string {
  switch (action) {
    case 'start': return vscode.l10n.t('Start provisioning');
    case 'pause': return vscode.l10n.t('Pause provisioning');
    case 'restart': return vscode.l10n.t('Restart provisioning');
  }
}

function actionButton(action: BulkAction): string {
  switch (action) {
    case 'start': return vscode.l10n.t('Start');
    case 'pause': return vscode.l10n.t('Pause');
    case 'restart': return vscode.l10n.t('Restart');
  }
}

function confirmQuestion(action: BulkAction, count: number): string {
  switch (action) {
    case 'start': return vscode.l10n.t('Start provisioning of {0} jobs?', String(count));
    case 'pause': return vscode.l10n.t('Pause provisioning of {0} jobs?', String(count));
    case 'restart': return vscode.l10n.t('Restart provisioning of {0} jobs?', String(count));
  }
}

/** A script's argument problem in one sentence; targets are counted from 1, as people count. */
function describeArgProblem(problem: BulkArgProblem): string {
  switch (problem.kind) {
    case 'notObject': return vscode.l10n.t('Give an object: {0}.', '{ action, targets: [{ servicePrincipalId, jobId, connectionId? }], resetScope?, skipConfirmation? }');
    case 'unknownKey': return vscode.l10n.t('Unknown property {0}: the argument takes action, targets, resetScope and skipConfirmation.', problem.key);
    case 'action': return vscode.l10n.t('action must be "start", "pause" or "restart", not {0}.', JSON.stringify(problem.given) ?? 'undefined');
    case 'targets': return vscode.l10n.t('targets must be a non-empty list of {0}.', '{ servicePrincipalId, jobId, connectionId? }');
    case 'target': return vscode.l10n.t('Target {0}: give servicePrincipalId and jobId as non-empty strings.', String(problem.index + 1));
    case 'targetKey': return vscode.l10n.t('Target {0}: unknown property {1}; a target takes servicePrincipalId, jobId and connectionId.', String(problem.index + 1), problem.key);
    case 'connectionId': return vscode.l10n.t('Target {0}: connectionId must be a non-empty string when given.', String(problem.index + 1));
    case 'duplicate': return vscode.l10n.t('Target {0} names the same job as target {1}.', String(problem.index + 1), String(problem.first + 1));
    case 'resetScope': return vscode.l10n.t('resetScope must be a list of: {0}.', resetScopeNames.join(', '));
    case 'resetScopeNotRestart': return vscode.l10n.t('resetScope applies only to the restart action.');
    case 'skipConfirmation': return vscode.l10n.t('skipConfirmation must be true or false.');
  }
}
