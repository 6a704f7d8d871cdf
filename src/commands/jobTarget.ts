import * as vscode from 'vscode';
import { localizedStatusWords } from '../host/jobStatusWords';
import { UserFacingError } from '../shared/errors';
import { summarizeJob } from '../shared/jobStatus';
import { jobLabel } from '../tree/jobStatusText';
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
      // Messages name the app as the tree shows it, when the tree has loaded it (no request for a name).
      const appDisplayName = services.tree.tenant(connection.id)?.model.app(servicePrincipalId)?.displayName ?? undefined;
      services.tree.rememberApp(connection.id, servicePrincipalId);
      return { connectionId: connection.id, servicePrincipalId, jobId, appDisplayName };
    }
  }
  if (flow) return pickJob(services, context, flow);
  const ownFlow = new InputFlow(context, vscode.l10n.t('No provisioning job was chosen.'));
  try {
    return await pickJob(services, context, ownFlow);
  } finally {
    ownFlow.dispose();
  }
}

/** The job selected in the tree (a job row or a row below one), if any: pickers offer it first. */
export function selectedJobTarget(services: Services): JobTarget | undefined {
  const selected = services.tree.selectedNode();
  return hasJobTarget(selected) ? selected.jobTarget : undefined;
}

/**
 * The jobs of the rows selected in the tree (several with multi-select): the single-job picker
 * offers the first, the bulk picker checks them all.
 */
function selectedJobTargets(services: Services): JobTarget[] {
  return services.tree.selectedNodes().flatMap((node) => (hasJobTarget(node) ? [node.jobTarget] : []));
}

/**
 * Asks for a job among the current tenant's enterprise apps that have provisioning jobs, as a step
 * of `flow`: the job selected in the tree first, then the jobs of the app the user is working on.
 */
async function pickJob(services: Services, context: CommandContext, flow: InputFlow): Promise<JobTarget | undefined> {
  const [picked] = await pickJobs(services, context, flow, { many: false }) ?? [];
  return picked;
}

/**
 * As pickJob, for one job or (`many`) several, checked in one pick (the bulk action from the
 * palette): the jobs selected in the tree come first, checked. Undefined when the pick was closed.
 */
export async function pickJobs(services: Services, context: CommandContext, flow: InputFlow, options: { readonly many: boolean; readonly title?: string }): Promise<JobTarget[] | undefined> {
  const connection = services.graph.connection();
  const service = await services.graph.service(connection.id);
  context.report(vscode.l10n.t('Loading provisioning jobs…'));
  const apps = await service.apps.listAllAppNames(2000, context.signal);
  const jobs = await service.jobs.jobsForApps(apps.map((a) => a.id), context.signal);
  const words = localizedStatusWords();
  const now = new Date();
  // The single pick offers the first selected job, as before multi-select; the bulk pick checks all.
  const selected = options.many ? selectedJobTargets(services) : [selectedJobTarget(services)].filter((t) => t !== undefined);
  const working = services.tree.workingApp(connection.id);
  const items = apps.flatMap((app) => {
    const appJobs = jobs.get(app.id)?.jobs ?? [];
    return appJobs.map((job) => {
      const summary = summarizeJob(job, now, words);
      const name = app.displayName ?? app.id;
      const isSelected = selected.some((s) => s.connectionId === connection.id && s.servicePrincipalId === app.id && s.jobId === job.id);
      return {
        // Named, and described, as the tree's row and tooltip name and describe the job.
        label: appJobs.length > 1 ? `${name} · ${jobLabel(job, { withTemplate: true })}` : name,
        // "current" marks the app being worked on; the selected job says so in its detail instead.
        description: [app.id === working && !isSelected ? vscode.l10n.t('current') : undefined, `${summary.status} · ${summary.schedule}`].filter(Boolean).join(' · '),
        detail: isSelected ? vscode.l10n.t('Selected in the tree') : undefined,
        rank: isSelected ? 2 : app.id === working ? 1 : 0,
        target: { connectionId: connection.id, servicePrincipalId: app.id, jobId: job.id ?? '', appDisplayName: app.displayName } satisfies JobTarget,
      };
    });
  });
  if (items.length === 0) throw new UserFacingError(vscode.l10n.t('No enterprise app in {0} has a provisioning job yet.', connection.label));
  items.sort((a, b) => b.rank - a.rank);
  const picked = await flow.pick(items, {
    title: options.title ?? vscode.l10n.t('Which provisioning job?'),
    matchOnDescription: true,
    canPickMany: options.many,
    checked: options.many ? items.filter((item) => item.rank === 2) : undefined,
  });
  if (!picked || picked.length === 0) return undefined;
  services.tree.rememberApp(connection.id, picked[0].target.servicePrincipalId);
  return picked.map((p) => p.target);
}
