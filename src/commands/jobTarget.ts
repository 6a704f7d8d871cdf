import * as vscode from 'vscode';
import { localizedStatusWords } from '../host/jobStatusWords';
import { UserFacingError } from '../shared/errors';
import { summarizeJob } from '../shared/jobStatus';
import { jobLabel } from '../tree/jobStatusText';
import { hasJobTarget, type JobTarget } from '../shared/targets';
import type { CommandContext } from './commandRunner';
import type { Services } from './services';

/**
 * The job a command was invoked for: a tree node, a plain `{ servicePrincipalId, jobId, connectionId? }`
 * argument (scripts, keybindings, tests), or, from the palette, one the user picks.
 */
export async function resolveJobTarget(services: Services, context: CommandContext, arg: unknown): Promise<JobTarget | undefined> {
  if (hasJobTarget(arg)) return arg.jobTarget;
  if (arg && typeof arg === 'object') {
    const { servicePrincipalId, jobId, connectionId } = arg as Record<string, unknown>;
    if (servicePrincipalId !== undefined || jobId !== undefined) {
      if (typeof servicePrincipalId !== 'string' || !servicePrincipalId || typeof jobId !== 'string' || !jobId) {
        throw new UserFacingError(vscode.l10n.t('Give both servicePrincipalId and jobId as non-empty strings.'));
      }
      const connection = services.graph.connection(typeof connectionId === 'string' ? connectionId : undefined);
      // Messages name the app as the tree shows it, when the tree has loaded it (no request for a name).
      const appDisplayName = services.tree.tenant(connection.id)?.model.app(servicePrincipalId)?.displayName ?? undefined;
      return { connectionId: connection.id, servicePrincipalId, jobId, appDisplayName };
    }
  }
  return pickJob(services, context);
}

/** The job selected in the tree (a job row or a row below one), if any: pickers offer it first. */
export function selectedJobTarget(services: Services): JobTarget | undefined {
  const selected = services.tree.selectedNode();
  return hasJobTarget(selected) ? selected.jobTarget : undefined;
}

/** Asks for a job among the current tenant's enterprise apps that have provisioning jobs; the one selected in the tree comes first. */
async function pickJob(services: Services, context: CommandContext): Promise<JobTarget | undefined> {
  const connection = services.graph.connection();
  const service = await services.graph.service(connection.id);
  context.report(vscode.l10n.t('Loading provisioning jobs…'));
  const apps = await service.apps.listAllAppNames(2000, context.signal);
  const jobs = await service.jobs.jobsForApps(apps.map((a) => a.id), context.signal);
  const words = localizedStatusWords();
  const now = new Date();
  const selected = selectedJobTarget(services);
  const items = apps.flatMap((app) => {
    const appJobs = jobs.get(app.id)?.jobs ?? [];
    return appJobs.map((job) => {
      const summary = summarizeJob(job, now, words);
      const name = app.displayName ?? app.id;
      const isSelected = selected?.connectionId === connection.id && selected.servicePrincipalId === app.id && selected.jobId === job.id;
      return {
        // Named, and described, as the tree's row and tooltip name and describe the job.
        label: appJobs.length > 1 ? `${name} · ${jobLabel(job, { withTemplate: true })}` : name,
        description: `${summary.status} · ${summary.schedule}`,
        detail: isSelected ? vscode.l10n.t('Selected in the tree') : undefined,
        isSelected,
        target: { connectionId: connection.id, servicePrincipalId: app.id, jobId: job.id ?? '', appDisplayName: app.displayName } satisfies JobTarget,
      };
    });
  });
  if (items.length === 0) throw new UserFacingError(vscode.l10n.t('No enterprise app in {0} has a provisioning job yet.', connection.label));
  items.sort((a, b) => Number(b.isSelected) - Number(a.isSelected));
  const picked = await context.waitForUser(() => vscode.window.showQuickPick(items, { title: vscode.l10n.t('Which provisioning job?'), matchOnDescription: true }, context.token));
  return picked?.target;
}
