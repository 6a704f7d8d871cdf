import * as vscode from 'vscode';
import { UserFacingError } from '../shared/errors';
import { resolveAppTarget } from './appTarget';
import type { ProvisioningService } from '../graph/provisioningService';
import type { AppTarget } from '../shared/targets';
import type { CommandContext } from './commandRunner';
import { InputFlow } from './inputFlow';
import { jobForWrite } from './jobActions';
import type { Services } from './services';

/**
 * Creates a provisioning job from one of the app's synchronization templates (the default one when
 * the app has one and none is given). Scripted: `{ servicePrincipalId, templateId? }` → `{ jobId }`.
 */
export async function createJob(services: Services, context: CommandContext, arg?: unknown): Promise<{ jobId: string } | undefined> {
  // One quick input through the steps (see InputFlow): the walkthrough would otherwise close the template pick.
  const flow = new InputFlow(context, vscode.l10n.t('Create Provisioning Job stopped: no job was created.'));
  let chosen: { app: AppTarget; service: ProvisioningService; templateId: string } | undefined;
  try {
    chosen = await askJobTemplate(services, context, arg, flow);
  } finally {
    flow.dispose();
  }
  if (!chosen) return undefined;
  const { app, service, templateId } = chosen;
  const job = await service.jobs.createJob(app.servicePrincipalId, templateId, context.signal);
  await services.tree.jobsChanged(app.connectionId, app.servicePrincipalId, context.signal);
  return { jobId: job.id ?? '' };
}

/** The app and the synchronization template to create its job from: given, the only one, or asked in `flow`. */
async function askJobTemplate(services: Services, context: CommandContext, arg: unknown, flow: InputFlow): Promise<{ app: AppTarget; service: ProvisioningService; templateId: string } | undefined> {
  const app = await resolveAppTarget(services, context, arg, flow);
  if (!app) return undefined;
  await services.graph.ensureScopes(app.connectionId, 'manageJobs');
  const service = await services.graph.service(app.connectionId);
  const templates = await flow.busy(() => service.jobs.listTemplates(app.servicePrincipalId, context.signal));
  if (templates.length === 0) {
    throw new UserFacingError(vscode.l10n.t('{0} has no provisioning connector: its gallery entry does not support automatic provisioning.', app.displayName ?? app.servicePrincipalId));
  }
  const templateId = (arg as { templateId?: unknown } | undefined)?.templateId;
  if (templateId !== undefined && (typeof templateId !== 'string' || !templates.some((t) => t.id === templateId))) {
    throw new UserFacingError(vscode.l10n.t('Template {0} is not one of this app\'s: {1}.', String(templateId), templates.map((t) => t.id).join(', ')));
  }
  if (typeof templateId === 'string') return { app, service, templateId };
  if (templates.length === 1) return templates[0].id ? { app, service, templateId: templates[0].id } : undefined;
  // The recommended template first, so Enter takes it.
  const ordered = [...templates.filter((t) => t.default), ...templates.filter((t) => !t.default)];
  const [picked] = await flow.pick(
    ordered.map((t) => ({ label: t.id ?? '', description: t.default ? vscode.l10n.t('recommended') : undefined, detail: t.description ?? undefined })),
    { title: vscode.l10n.t('Which provisioning template?') },
  ) ?? [];
  return picked?.label ? { app, service, templateId: picked.label } : undefined;
}

/**
 * Deletes a provisioning job after a modal confirmation (`skipConfirmation: true` for scripts). The
 * app and its accounts in the target stay; only the job and its state go.
 */
export async function deleteJob(services: Services, context: CommandContext, arg?: unknown): Promise<{ ok: boolean } | undefined> {
  const resolved = await jobForWrite(services, context, arg);
  if (!resolved) return undefined;
  const { target, service } = resolved;
  if ((arg as { skipConfirmation?: unknown } | undefined)?.skipConfirmation !== true) {
    const remove = vscode.l10n.t('Delete Job');
    const choice = await context.waitForUser(() => vscode.window.showWarningMessage(
      vscode.l10n.t('Delete the provisioning job of {0}?', target.appDisplayName ?? target.servicePrincipalId),
      { modal: true, detail: vscode.l10n.t('Provisioning stops and the job\'s settings, mappings and state are lost. Accounts already in the app are not touched.') },
      remove,
    ));
    if (choice !== remove) return { ok: false };
  }
  await service.jobs.deleteJob(target.servicePrincipalId, target.jobId, context.signal);
  await services.tree.jobsChanged(target.connectionId, target.servicePrincipalId, context.signal);
  return { ok: true };
}
