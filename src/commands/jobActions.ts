import type { SynchronizationJob } from '@microsoft/microsoft-graph-types';
import * as vscode from 'vscode';
import type { ProvisioningService } from '../graph/provisioningService';
import { holdsDeletions } from '../graph/facts';
import { localizedStatusWords } from '../host/jobStatusWords';
import { CommandId } from '../shared/commandIds';
import { UserFacingError, type FollowUpAction } from '../shared/errors';
import { describeSchedule } from '../shared/jobStatus';
import { isResetScope, resetScopeNames, type BulkAction } from '../shared/bulkJobAction';
import type { CommandContext } from './commandRunner';
import type { InputFlow } from './inputFlow';
import type { JobTarget } from '../shared/targets';
import { resolveJobTarget } from './jobTarget';
import type { Services } from './services';

/** Result of start / pause / restart: the job's status code after the call (public contract). */
export interface JobStatusResult {
  readonly status: string;
}

/**
 * Resolves the job (asked as a step of `flow` when the command asks more afterwards), makes sure
 * write consent is there, and hands over its service. The target carries the app's name, so
 * messages say "GoToMeeting" where a script gave only ids.
 */
export async function jobForWrite(services: Services, context: CommandContext, arg: unknown, flow?: InputFlow): Promise<{ target: JobTarget; service: ProvisioningService } | undefined> {
  const target = await resolveJobTarget(services, context, arg, flow);
  if (!target) return undefined;
  await services.graph.ensureScopes(target.connectionId, 'manageJobs');
  const service = await services.graph.service(target.connectionId);
  return { target: await withAppName(services, service, target, context.signal), service };
}

/** The button that opens the credentials form for a job (for errors and failed tests). */
export function enterCredentialsAction(target: JobTarget, title: string): FollowUpAction {
  // A tree node's shape, so the form asks (a plain `{ servicePrincipalId, jobId }` is a script's call).
  return { title, command: CommandId.saveCredentials, argument: { jobTarget: target } };
}

/** The target with its app's name (the tree's, else read once), for messages. */
export async function withAppName(services: Services, service: ProvisioningService, target: JobTarget, signal: AbortSignal): Promise<JobTarget> {
  if (target.appDisplayName) return target;
  const known = services.tree.tenant(target.connectionId)?.model.app(target.servicePrincipalId)?.displayName;
  // A failed lookup leaves the id in messages; the command's own request reports what is wrong.
  const name = known ?? (await service.apps.getApp(target.servicePrincipalId, signal).then((app) => app.displayName, () => undefined));
  return name ? { ...target, appDisplayName: name } : target;
}

/** The job as it is after a call, read once (the tree redraws its app from the same read). */
export async function jobAfter(services: Services, signal: AbortSignal, target: JobTarget, service: ProvisioningService): Promise<SynchronizationJob> {
  const jobs = await services.tree.jobsChanged(target.connectionId, target.servicePrincipalId, signal);
  return jobs?.find((j) => j.id === target.jobId) ?? (await service.jobs.getJob(target.servicePrincipalId, target.jobId, signal));
}

async function statusAfter(services: Services, context: CommandContext, target: JobTarget, service: ProvisioningService): Promise<JobStatusResult> {
  const job = await jobAfter(services, context.signal, target, service);
  return { status: job.status?.code ?? 'Unknown' };
}

/**
 * The Graph calls of Start, Pause and Restart, shared by the single commands and the bulk action
 * (bulkJobAction.ts); the caller reads the job afterwards with jobAfter(). Started and restarted
 * jobs are noted as asked to cycle, so the tree shows them queued until the cycle begins.
 */
export async function requestJobAction(services: Services, signal: AbortSignal, target: JobTarget, service: ProvisioningService, action: BulkAction, resetScope: readonly string[] = []): Promise<void> {
  if (action === 'pause') {
    await service.jobs.pause(target.servicePrincipalId, target.jobId, signal);
    return;
  }
  // Read first: the tree calls the job queued until another cycle than this one's last begins.
  // For a start it also tells a job without credentials: Graph accepts that start (204) and its
  // cycle then quarantines the job, so it is not started, and the user is told the fix in the
  // tree's words.
  const before = await service.jobs.getJob(target.servicePrincipalId, target.jobId, signal);
  if (action === 'start') {
    if (before.status?.code === 'NotConfigured') {
      throw new UserFacingError(vscode.l10n.t('{0} needs admin credentials before provisioning can start: save them, then start again.', target.appDisplayName ?? target.jobId), {
        actions: [enterCredentialsAction(target, vscode.l10n.t('Save Admin Credentials'))],
      });
    }
    await service.jobs.start(target.servicePrincipalId, target.jobId, signal);
  } else {
    await service.jobs.restart(target.servicePrincipalId, target.jobId, [...resetScope], signal);
  }
  services.tree.cycleRequested(target.connectionId, before);
}

/**
 * Says that a cycle is queued and when later ones follow, from the job's own schedule (40 minutes on
 * Entra, whatever the sandbox was started with), so the notification agrees with the tree.
 */
function announceCycle(job: SynchronizationJob, scheduled: (schedule: string) => string, unscheduled: () => string): void {
  const schedule = job.schedule?.state === 'Active' ? describeSchedule(job, localizedStatusWords()) : undefined;
  void vscode.window.showInformationMessage(schedule ? scheduled(schedule) : unscheduled());
}

/** Turns provisioning on: the first cycle starts now, later ones follow the schedule. */
export async function startJob(services: Services, context: CommandContext, arg?: unknown): Promise<JobStatusResult | undefined> {
  const resolved = await jobForWrite(services, context, arg);
  if (!resolved) return undefined;
  const { target, service } = resolved;
  context.report(vscode.l10n.t('Starting provisioning…'));
  await requestJobAction(services, context.signal, target, service, 'start');
  const job = await jobAfter(services, context.signal, target, service);
  const app = target.appDisplayName ?? target.servicePrincipalId;
  announceCycle(
    job,
    (schedule) => vscode.l10n.t('Provisioning started for {0}. The first cycle begins shortly; later cycles run {1}.', app, schedule),
    () => vscode.l10n.t('Provisioning started for {0}. The first cycle begins shortly.', app),
  );
  return { status: job.status?.code ?? 'Unknown' };
}

/** Stops (pauses) provisioning; the job keeps its state and resumes where it was on start. */
export async function pauseJob(services: Services, context: CommandContext, arg?: unknown): Promise<JobStatusResult | undefined> {
  const resolved = await jobForWrite(services, context, arg);
  if (!resolved) return undefined;
  const { target, service } = resolved;
  await requestJobAction(services, context.signal, target, service, 'pause');
  return statusAfter(services, context, target, service);
}

/** What each reset scope does, in plain words, for the picker (also the bulk action's). */
export const resetScopes = (): Array<vscode.QuickPickItem & { value: string }> => [
  { value: 'Watermark', label: vscode.l10n.t('Re-evaluate everyone'), description: 'Watermark', detail: vscode.l10n.t('Forget where the last cycle stopped and look at every user and group again.'), picked: true },
  { value: 'Escrows', label: vscode.l10n.t('Drop pending retries'), description: 'Escrows', detail: vscode.l10n.t('Forget the failed objects that were waiting to be retried.'), picked: true },
  { value: 'QuarantineState', label: vscode.l10n.t('Lift quarantine'), description: 'QuarantineState', detail: vscode.l10n.t('Take the job out of quarantine and try again now.'), picked: true },
  { value: 'ForceDeletes', label: vscode.l10n.t('Push held deletions through'), description: 'ForceDeletes', detail: vscode.l10n.t('Apply deletions that the accidental-deletion threshold is holding back.') },
  { value: 'Full', label: vscode.l10n.t('Full reset'), description: 'Full', detail: vscode.l10n.t('All of the above: start over as on the first cycle.') },
];

/**
 * Lets the deletions the accidental-deletion threshold holds back go through (the portal's "Allow
 * deletes"): a restart with ForceDeletes, after a modal confirmation (`skipConfirmation: true` for
 * scripts). Refused when the job holds no deletions.
 */
export async function allowHeldDeletions(services: Services, context: CommandContext, arg?: unknown): Promise<JobStatusResult | undefined> {
  const resolved = await jobForWrite(services, context, arg);
  if (!resolved) return undefined;
  const { target, service } = resolved;
  const app = target.appDisplayName ?? target.servicePrincipalId;
  const job = await service.jobs.getJob(target.servicePrincipalId, target.jobId, context.signal);
  if (!holdsDeletions(job)) throw new UserFacingError(vscode.l10n.t('{0} holds no deletions: its job is not in quarantine for too many deletions.', app));
  if ((arg as { skipConfirmation?: unknown } | undefined)?.skipConfirmation !== true) {
    const allow = vscode.l10n.t('Allow Deletions');
    const choice = await context.waitForUser(() => vscode.window.showWarningMessage(
      vscode.l10n.t('Apply the deletions held back for {0}?', app),
      { modal: true, detail: vscode.l10n.t('The next cycle disables or deletes the held accounts and groups in the app, and any that have become due since. Check them in Recent activity first; if they are a mistake, fix the assignments or the scoping filter and restart instead.') },
      allow,
    ));
    if (choice !== allow) return undefined;
  }
  await service.jobs.restart(target.servicePrincipalId, target.jobId, ['ForceDeletes'], context.signal);
  services.tree.cycleRequested(target.connectionId, job);
  return statusAfter(services, context, target, service);
}

/** Restarts provisioning with the chosen reset scope (`resetScope` from scripts skips the picker). */
export async function restartJob(services: Services, context: CommandContext, arg?: unknown): Promise<JobStatusResult | undefined> {
  const resolved = await jobForWrite(services, context, arg);
  if (!resolved) return undefined;
  const { target, service } = resolved;
  let scope = (arg as { resetScope?: unknown } | undefined)?.resetScope;
  if (scope === undefined) {
    const picked = await context.waitForUser(() => vscode.window.showQuickPick(resetScopes(), {
      title: vscode.l10n.t('Restart provisioning of {0}', target.appDisplayName ?? target.jobId),
      placeHolder: vscode.l10n.t('What should the restart clear?'),
      canPickMany: true,
    }, context.token));
    if (!picked) return undefined;
    scope = picked.map((p) => p.value);
  }
  if (!isResetScope(scope)) {
    throw new UserFacingError(vscode.l10n.t('resetScope must be a list of: {0}.', resetScopeNames.join(', ')));
  }
  await requestJobAction(services, context.signal, target, service, 'restart', scope);
  const job = await jobAfter(services, context.signal, target, service);
  const app = target.appDisplayName ?? target.servicePrincipalId;
  announceCycle(
    job,
    (schedule) => vscode.l10n.t('Provisioning of {0} restarted. A new cycle begins shortly; later cycles run {1}.', app, schedule),
    () => vscode.l10n.t('Provisioning of {0} restarted. A new cycle begins shortly.', app),
  );
  return { status: job.status?.code ?? 'Unknown' };
}
