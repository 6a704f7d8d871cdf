import * as vscode from 'vscode';
import { CommandId } from '../shared/commandIds';
import type { CommandDefinition } from './commandDefinition';
import type { CommandContext } from './commandRunner';
import { hasAppTarget, hasJobTarget, type AppTarget, type JobTarget } from '../shared/targets';
import { resolveJobTarget } from './jobTarget';
import type { Services } from './services';
import { UserFacingError } from '../shared/errors';
import { eventHeadline, renderEventDetails } from '../activity/eventDetails';
import { documentName } from '../host/readOnlyDocuments';
import type { StreamTarget } from '../activity/activityChannel';
import { KNOWN_ACTIONS, KNOWN_STATUSES } from '../activity/filters';
import { formatEvent } from '../activity/formatter';
import { localizedActivityWords, localizedDetailsWords } from '../activity/localizedWords';
import { redactSecrets } from '../shared/logger';
import type { ActivityEvent } from '../activity/types';

/** What `streamActivity` returns (scripts and tests read it). */
export interface StreamActivityResult {
  readonly streaming: boolean;
  readonly key: string;
  readonly label: string;
  readonly alreadyStreaming: boolean;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}

/** An app's name as the tree shows it: from the tree when it has loaded the app, else read once. */
async function appName(services: Services, context: CommandContext, connectionId: string, servicePrincipalId: string): Promise<string> {
  const known = services.tree.tenant(connectionId)?.model.app(servicePrincipalId)?.displayName;
  if (known) return known;
  try {
    const service = await services.graph.service(connectionId);
    return (await service.apps.getApp(servicePrincipalId, context.signal)).displayName ?? servicePrincipalId;
  } catch {
    // The stream's first round reports a wrong id properly; the label falls back to the id.
    return servicePrincipalId;
  }
}

function jobStream(t: JobTarget, label: string): StreamTarget {
  return { connectionId: t.connectionId, scope: { kind: 'job', servicePrincipalId: t.servicePrincipalId, jobId: t.jobId }, label };
}

function appStream(app: AppTarget): StreamTarget {
  return { connectionId: app.connectionId, scope: { kind: 'app', servicePrincipalId: app.servicePrincipalId }, label: app.displayName ?? app.servicePrincipalId };
}

/**
 * What to stream: a job node or `{ servicePrincipalId, jobId }` (one job), an app node or
 * `{ servicePrincipalId }` (every job of the app), any other object such as a tenant node (every
 * job in the tenant), or, with no argument, a quick pick of those three, led by the row selected in
 * the tree (so streaming the selected job takes one Enter).
 */
async function resolveStreamTarget(services: Services, context: CommandContext, arg: unknown): Promise<StreamTarget | undefined> {
  if (hasJobTarget(arg)) {
    const t = arg.jobTarget;
    return jobStream(t, t.appDisplayName ?? (await appName(services, context, t.connectionId, t.servicePrincipalId)));
  }
  if (hasAppTarget(arg)) return appStream(arg.appTarget);
  if (arg && typeof arg === 'object') {
    const given = arg as Record<string, unknown>;
    // Tenant nodes carry their connection; plain arguments may name one.
    const connectionId = services.graph.connection(text(given.connectionId) ?? text((given.connection as { id?: unknown } | undefined)?.id)).id;
    const servicePrincipalId = text(given.servicePrincipalId);
    const jobId = text(given.jobId);
    if (given.jobId !== undefined && !jobId) throw new UserFacingError(vscode.l10n.t('Give jobId as a non-empty string.'));
    if (given.servicePrincipalId !== undefined && !servicePrincipalId) throw new UserFacingError(vscode.l10n.t('Give servicePrincipalId as a non-empty string.'));
    if (jobId && !servicePrincipalId) throw new UserFacingError(vscode.l10n.t('Give the servicePrincipalId of the app that owns job {0}.', jobId));
    if (servicePrincipalId && jobId) return jobStream({ connectionId, servicePrincipalId, jobId }, await appName(services, context, connectionId, servicePrincipalId));
    if (servicePrincipalId) return { connectionId, scope: { kind: 'app', servicePrincipalId }, label: await appName(services, context, connectionId, servicePrincipalId) };
    return { connectionId, scope: { kind: 'tenant' }, label: services.graph.connection(connectionId).label };
  }

  const connection = services.graph.connection();
  const selected = services.tree.selectedNode();
  const selectedJob = hasJobTarget(selected) ? selected.jobTarget : undefined;
  const selectedApp = !selectedJob && hasAppTarget(selected) ? selected.appTarget : undefined;
  const choices: Array<vscode.QuickPickItem & { scope: 'job' | 'app' | 'tenant'; target?: StreamTarget }> = [];
  if (selectedJob) {
    const target = jobStream(selectedJob, selectedJob.appDisplayName ?? (await appName(services, context, selectedJob.connectionId, selectedJob.servicePrincipalId)));
    choices.push({ label: `$(sync) ${target.label}`, description: vscode.l10n.t('the job selected in the tree'), scope: 'job', target });
  } else if (selectedApp) {
    const target = appStream(selectedApp);
    choices.push({ label: `$(window) ${target.label}`, description: vscode.l10n.t('the app selected in the tree, all its jobs'), scope: 'app', target });
  }
  choices.push(
    { label: vscode.l10n.t('$(sync) A provisioning job…'), scope: 'job' },
    { label: vscode.l10n.t('$(window) An enterprise app (all its jobs)…'), scope: 'app' },
    { label: vscode.l10n.t('$(organization) Every job in {0}', connection.label), scope: 'tenant' },
  );
  const choice = await context.waitForUser(() => vscode.window.showQuickPick(choices, { title: vscode.l10n.t('Stream provisioning activity of…') }, context.token));
  if (!choice) return undefined;
  if (choice.target) return choice.target;
  if (choice.scope === 'tenant') return { connectionId: connection.id, scope: { kind: 'tenant' }, label: connection.label };
  if (choice.scope === 'job') {
    const job = await resolveJobTarget(services, context, undefined);
    return job && resolveStreamTarget(services, context, { jobTarget: job });
  }
  return pickAppWithJobs(services, context, connection.id);
}

/** Asks for one of the tenant's apps that have provisioning jobs. */
async function pickAppWithJobs(services: Services, context: CommandContext, connectionId: string): Promise<StreamTarget | undefined> {
  const service = await services.graph.service(connectionId);
  context.report(vscode.l10n.t('Loading enterprise apps with provisioning…'));
  const apps = await service.apps.listAllAppNames(2000, context.signal);
  const jobs = await service.jobs.jobsForApps(apps.map((a) => a.id), context.signal);
  const items = apps
    .filter((a) => (jobs.get(a.id)?.jobs?.length ?? 0) > 0)
    .map((a) => ({ label: a.displayName ?? a.id, description: vscode.l10n.t('{0} job(s)', jobs.get(a.id)!.jobs!.length), id: a.id }));
  if (items.length === 0) throw new UserFacingError(vscode.l10n.t('No enterprise app in {0} has a provisioning job yet.', services.graph.connection(connectionId).label));
  const picked = await context.waitForUser(() => vscode.window.showQuickPick(items, { title: vscode.l10n.t('Which enterprise app?'), matchOnDescription: true }, context.token));
  return picked && { connectionId, scope: { kind: 'app', servicePrincipalId: picked.id }, label: picked.label };
}

/** Streams provisioning activity of a job, an app or the tenant into the activity channel. */
export async function streamActivity(services: Services, context: CommandContext, arg?: unknown): Promise<StreamActivityResult | undefined> {
  const target = await resolveStreamTarget(services, context, arg);
  if (!target) return undefined;
  context.report(vscode.l10n.t('Reading provisioning activity of {0}…', target.label));
  const started = await services.activity.start(target, context.signal);
  return { streaming: true, key: started.key, label: target.label, alreadyStreaming: started.alreadyStreaming };
}

/** Stops every activity stream. */
export function stopActivity(services: Services): { stopped: number } {
  return { stopped: services.activity.stop() };
}

/** Reads one event by id from Graph (events the stream has not seen, e.g. from the tree). */
async function fetchEvent(services: Services, context: CommandContext, eventId: string, connectionId?: string): Promise<ActivityEvent> {
  const service = await services.graph.service(connectionId);
  const event = await service.logs.event(eventId, context.signal);
  if (!event) throw new UserFacingError(vscode.l10n.t('Provisioning event {0} was not found; the logs keep events for 30 days.', eventId));
  return event;
}

/**
 * Opens an event's full record (summary, steps, modified properties old → new, error) as a
 * read-only Markdown document: `{ eventId }` (a script or a tree row's click), a tree row that
 * carries the event, or one picked from the events streamed so far.
 */
export async function showActivityDetails(services: Services, context: CommandContext, arg?: unknown): Promise<{ eventId: string; uri: string } | undefined> {
  const given = arg && typeof arg === 'object' ? (arg as Record<string, unknown>) : {};
  // Tree rows carry the event itself (`data`); no need to read it again.
  const carried = (given.event ?? given.data) as ActivityEvent | undefined;
  let eventId = text(given.eventId) ?? text(carried?.id);
  if (eventId && carried?.id === eventId && typeof carried.activityDateTime === 'string' && !services.activity.events.get(eventId)) services.activity.events.add([carried]);
  if (!eventId) {
    const recent = services.activity.events.recent(500);
    if (recent.length === 0) throw new UserFacingError(vscode.l10n.t('No provisioning events streamed yet: stream activity first, or open an event from the tree.'));
    const words = localizedActivityWords();
    const picked = await context.waitForUser(() => vscode.window.showQuickPick(
      recent.map((event) => {
        const line = formatEvent(event, words, true);
        return { label: line.level === 'error' ? `$(error) ${line.text}` : line.text, id: event.id! };
      }),
      { title: vscode.l10n.t('Which provisioning event?'), matchOnDescription: true },
      context.token,
    ));
    eventId = picked?.id;
    if (!eventId) return undefined;
  }
  let event = services.activity.events.get(eventId);
  if (!event) {
    event = await fetchEvent(services, context, eventId, text(given.connectionId));
    services.activity.events.add([event]);
  }
  const words = localizedDetailsWords();
  // Named after what happened, so the preview's tab says it; the event id keeps each event's own path.
  const name = documentName(redactSecrets(eventHeadline(event, words)), '.md');
  const uri = services.documents.set(`events/${encodeURIComponent(eventId)}/${name}`, redactSecrets(renderEventDetails(event, words)));
  await services.documents.showRendered(uri);
  return { eventId, uri: uri.toString() };
}

/**
 * Chooses which statuses and actions the stream hides (settings `activity.hideStatuses` and
 * `activity.hideActions`, user scope). Scripts pass `{ hideStatuses, hideActions }`.
 */
export async function filterActivity(_services: Services, context: CommandContext, arg?: unknown): Promise<{ hideStatuses: string[]; hideActions: string[] } | undefined> {
  const settings = vscode.workspace.getConfiguration('entraProvisioning.activity');
  const given = arg && typeof arg === 'object' ? (arg as Record<string, unknown>) : undefined;
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined);
  let hideStatuses = strings(given?.hideStatuses);
  let hideActions = strings(given?.hideActions);
  if (!given) {
    const hiddenStatuses = new Set((settings.get<string[]>('hideStatuses') ?? []).map((s) => s.toLowerCase()));
    const hiddenActions = new Set((settings.get<string[]>('hideActions') ?? []).map((s) => s.toLowerCase()));
    const items = [
      { label: vscode.l10n.t('Statuses'), kind: vscode.QuickPickItemKind.Separator },
      ...KNOWN_STATUSES.map((s) => ({ label: s, description: vscode.l10n.t('status'), picked: hiddenStatuses.has(s), value: { status: s } })),
      { label: vscode.l10n.t('Actions'), kind: vscode.QuickPickItemKind.Separator },
      ...KNOWN_ACTIONS.map((a) => ({ label: a, description: vscode.l10n.t('action'), picked: hiddenActions.has(a.toLowerCase()), value: { action: a } })),
    ];
    const picked = await context.waitForUser(() => vscode.window.showQuickPick(items, { canPickMany: true, title: vscode.l10n.t('Hide which provisioning events from the stream?') }, context.token));
    if (!picked) return undefined;
    hideStatuses = picked.flatMap((p) => ('value' in p && 'status' in p.value ? [p.value.status] : []));
    hideActions = picked.flatMap((p) => ('value' in p && 'action' in p.value ? [p.value.action] : []));
  }
  if (hideStatuses) await settings.update('hideStatuses', hideStatuses, vscode.ConfigurationTarget.Global);
  if (hideActions) await settings.update('hideActions', hideActions, vscode.ConfigurationTarget.Global);
  const updated = vscode.workspace.getConfiguration('entraProvisioning.activity');
  return { hideStatuses: updated.get<string[]>('hideStatuses') ?? [], hideActions: updated.get<string[]>('hideActions') ?? [] };
}

/** The activity commands, registered by activate() through the one wrapper. */
export const activityCommands: CommandDefinition[] = [
  { id: CommandId.streamActivity, handler: streamActivity },
  { id: CommandId.stopActivity, handler: stopActivity },
  { id: CommandId.showActivityDetails, handler: showActivityDetails },
  { id: CommandId.filterActivity, handler: filterActivity },
];
