import * as vscode from 'vscode';
import { UserFacingError } from '../shared/errors';
import { parseLogsFilters, type LogsFilters, type LogsScope } from '../shared/logsWorkbench';
import { hasAppTarget, hasJobTarget } from '../shared/targets';
import { resolveAppTarget } from './appTarget';
import type { CommandContext } from './commandRunner';
import { resolveJobTarget } from './jobTarget';
import type { Services } from './services';

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}

const filterKeys = ['user', 'from', 'to', 'status', 'action', 'cycleId'] as const;

/** The filters among a plain argument's fields. */
function filtersOf(given: Record<string, unknown>): LogsFilters | undefined {
  const raw: Record<string, unknown> = {};
  for (const key of filterKeys) if (given[key] !== undefined) raw[key] = given[key];
  if (Object.keys(raw).length === 0) return undefined;
  const filters = parseLogsFilters(raw);
  if (!filters) {
    throw new UserFacingError(vscode.l10n.t('The filters are not valid: user is an id or user principal name, from and to are ISO 8601 times (from before to), status is success, warning, failure or skipped, action is create, update, delete, disable, stagedDelete or other.'));
  }
  return filters;
}

/**
 * What the workbench covers: a job or app row, `{ servicePrincipalId, jobId?, connectionId? }`, `{}`
 * or a tenant row (the tenant), or, with no argument, the row selected in the tree or a pick.
 */
async function resolveScope(services: Services, context: CommandContext, arg: unknown): Promise<{ scope: LogsScope; label?: string; filters?: LogsFilters } | undefined> {
  if (hasJobTarget(arg)) {
    const t = arg.jobTarget;
    return { scope: { connectionId: t.connectionId, servicePrincipalId: t.servicePrincipalId, jobId: t.jobId }, label: t.appDisplayName ? `${t.appDisplayName} · ${t.jobId}` : undefined };
  }
  if (hasAppTarget(arg)) {
    const a = arg.appTarget;
    return { scope: { connectionId: a.connectionId, servicePrincipalId: a.servicePrincipalId }, label: a.displayName };
  }
  if (arg && typeof arg === 'object') {
    const given = arg as Record<string, unknown>;
    const connectionId = services.graph.connection(text(given.connectionId) ?? text((given.connection as { id?: unknown } | undefined)?.id)).id;
    const servicePrincipalId = text(given.servicePrincipalId);
    const jobId = text(given.jobId);
    if (given.jobId !== undefined && !jobId) throw new UserFacingError(vscode.l10n.t('Give jobId as a non-empty string.'));
    if (given.servicePrincipalId !== undefined && !servicePrincipalId) throw new UserFacingError(vscode.l10n.t('Give servicePrincipalId as a non-empty string.'));
    if (jobId && !servicePrincipalId) throw new UserFacingError(vscode.l10n.t('Give the servicePrincipalId of the app that owns job {0}.', jobId));
    const filters = filtersOf(given);
    return { scope: { connectionId, ...(servicePrincipalId ? { servicePrincipalId } : {}), ...(jobId ? { jobId } : {}) }, filters };
  }
  const selected = services.tree.selectedNode();
  if (hasJobTarget(selected) || hasAppTarget(selected)) return resolveScope(services, context, selected);
  const connection = services.graph.connection();
  const choices: Array<vscode.QuickPickItem & { scope: 'job' | 'app' | 'tenant' }> = [
    { label: vscode.l10n.t('$(sync) A provisioning job…'), scope: 'job' },
    { label: vscode.l10n.t('$(window) An enterprise app (all its jobs)…'), scope: 'app' },
    { label: vscode.l10n.t('$(organization) Every job in {0}', connection.label), scope: 'tenant' },
  ];
  const choice = await context.waitForUser(() => vscode.window.showQuickPick(choices, { title: vscode.l10n.t('Provisioning logs of…') }, context.token));
  if (!choice) return undefined;
  if (choice.scope === 'tenant') return { scope: { connectionId: connection.id }, label: connection.label };
  if (choice.scope === 'job') {
    const job = await resolveJobTarget(services, context, undefined);
    return job && resolveScope(services, context, { jobTarget: job });
  }
  const app = await resolveAppTarget(services, context, undefined);
  return app && resolveScope(services, context, { appTarget: app });
}

/**
 * Opens the logs workbench of a job, an app or the tenant (`{ servicePrincipalId?, jobId?,
 * connectionId?, user?, from?, to?, status?, action?, cycleId? }`: the ids choose the scope, the
 * rest are the filters it starts with). Reveals it when it is open. Returns `{ key }`.
 */
export async function openLogsWorkbench(services: Services, context: CommandContext, arg?: unknown): Promise<{ key: string } | undefined> {
  const resolved = await resolveScope(services, context, arg);
  if (!resolved) return undefined;
  const session = await services.logsWorkbenches.open(resolved.scope, { label: resolved.label, filters: resolved.filters, signal: context.signal });
  return { key: session.key };
}
