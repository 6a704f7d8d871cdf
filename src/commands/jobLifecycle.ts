import * as vscode from 'vscode';
import { UserFacingError } from '../shared/errors';
import { resolveAppTarget } from './appTarget';
import type { CommandContext } from './commandRunner';
import { jobForWrite } from './jobActions';
import type { Services } from './services';

/**
 * Creates a provisioning job from one of the app's synchronization templates (the default one when
 * the app has one and none is given). Scripted: `{ servicePrincipalId, templateId? }` → `{ jobId }`.
 */
export async function createJob(services: Services, context: CommandContext, arg?: unknown): Promise<{ jobId: string } | undefined> {
  const app = await resolveAppTarget(services, context, arg);
  if (!app) return undefined;
  await services.graph.ensureScopes(app.connectionId, 'manageJobs');
  const service = await services.graph.service(app.connectionId);
  const templates = await service.jobs.listTemplates(app.servicePrincipalId, context.signal);
  if (templates.length === 0) {
    throw new UserFacingError(vscode.l10n.t('{0} has no provisioning connector: its gallery entry does not support automatic provisioning.', app.displayName ?? app.servicePrincipalId));
  }
  let templateId = (arg as { templateId?: unknown } | undefined)?.templateId;
  if (templateId !== undefined && (typeof templateId !== 'string' || !templates.some((t) => t.id === templateId))) {
    throw new UserFacingError(vscode.l10n.t('Template {0} is not one of this app\'s: {1}.', String(templateId), templates.map((t) => t.id).join(', ')));
  }
  if (templateId === undefined) {
    if (templates.length === 1) templateId = templates[0].id;
    else {
      const picked = await context.waitForUser(() => vscode.window.showQuickPick(
        templates.map((t) => ({ label: t.id ?? '', description: t.default ? vscode.l10n.t('recommended') : undefined, detail: t.description ?? undefined })),
        { title: vscode.l10n.t('Which provisioning template?') },
        context.token,
      ));
      templateId = picked?.label;
    }
  }
  if (!templateId) return undefined;
  const job = await service.jobs.createJob(app.servicePrincipalId, templateId as string, context.signal);
  await services.tree.jobsChanged(app.connectionId, app.servicePrincipalId, context.signal);
  return { jobId: job.id ?? '' };
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
