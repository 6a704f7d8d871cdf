import * as vscode from 'vscode';
import { UserFacingError } from '../shared/errors';
import { hasJobTarget, type JobTarget } from '../shared/targets';
import type { CommandContext } from './commandRunner';
import { InputFlow } from './inputFlow';
import type { Services } from './services';

/**
 * The job a command was invoked for: a tree node, a plain `{ servicePrincipalId, jobId, connectionId? }`
 * argument (scripts, keybindings, tests), or, from the palette, one the user picks.
 */
export async function resolveJobTarget(services: Services, context: CommandContext, arg: unknown, flow?: InputFlow): Promise<JobTarget | undefined> {
  if (hasJobTarget(arg)) {
    services.tree.rememberApp(arg.jobTarget.connectionId, arg.jobTarget.servicePrincipalId);
    return arg.jobTarget;
  }
  if (arg && typeof arg === 'object') {
    const { servicePrincipalId, jobId, connectionId } = arg as Record<string, unknown>;
    if (servicePrincipalId !== undefined || jobId !== undefined) {
      if (typeof servicePrincipalId !== 'string' || !servicePrincipalId || typeof jobId !== 'string' || !jobId) {
        throw new UserFacingError(vscode.l10n.t('Give both servicePrincipalId and jobId as non-empty strings.'));
      }
      const connection = services.graph.connection(typeof connectionId === 'string' ? connectionId : undefined);
      services.tree.rememberApp(connection.id, servicePrincipalId);
      return { connectionId: connection.id, servicePrincipalId, jobId };
    }
  }
  if (flow) return pickJob(services, context, flow);
  const ownFlow = new InputFlow(context.token, vscode.l10n.t('No provisioning job was chosen.'));
  try {
    return await pickJob(services, context, ownFlow);
  } finally {
    ownFlow.dispose();
  }
}

/**
 * Asks for a job among the current tenant's enterprise apps that have provisioning jobs, as a step
 * of `flow`; the jobs of the app the user is working on come first.
 */
async function pickJob(services: Services, context: CommandContext, flow: InputFlow): Promise<JobTarget | undefined> {
  const connection = services.graph.connection();
  const service = await services.graph.service(connection.id);
  context.report(vscode.l10n.t('Loading provisioning jobs…'));
  const apps = await service.apps.listAllAppNames(2000, context.signal);
  const jobs = await service.jobs.jobsForApps(apps.map((a) => a.id), context.signal);
  const working = services.tree.workingApp(connection.id);
  const ordered = [...apps.filter((app) => app.id === working), ...apps.filter((app) => app.id !== working)];
  const items = ordered.flatMap((app) =>
    (jobs.get(app.id)?.jobs ?? []).map((job) => ({
      label: app.displayName ?? app.id,
      description: [app.id === working ? vscode.l10n.t('current') : undefined, job.status?.code].filter(Boolean).join(' · ') || undefined,
      detail: job.id ?? undefined,
      target: { connectionId: connection.id, servicePrincipalId: app.id, jobId: job.id ?? '', appDisplayName: app.displayName } satisfies JobTarget,
    })),
  );
  if (items.length === 0) throw new UserFacingError(vscode.l10n.t('No enterprise app in {0} has a provisioning job yet.', connection.label));
  const [picked] = await flow.pick(items, { title: vscode.l10n.t('Which provisioning job?'), matchOnDescription: true, matchOnDetail: true }) ?? [];
  if (picked) services.tree.rememberApp(connection.id, picked.target.servicePrincipalId);
  return picked?.target;
}
