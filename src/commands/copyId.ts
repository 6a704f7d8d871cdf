import * as vscode from 'vscode';
import type { HasAppTarget, HasJobTarget } from '../shared/targets';
import type { CommandContext } from './commandRunner';
import type { Services } from './services';

/** Copies the ids of a tree node (job id, service principal id) to the clipboard. */
export async function copyId(services: Services, context: CommandContext, arg?: unknown): Promise<{ copied: string } | undefined> {
  const job = (arg as HasJobTarget | undefined)?.jobTarget;
  const app = (arg as HasAppTarget | undefined)?.appTarget;
  const options = [
    job ? { label: vscode.l10n.t('Job ID'), description: job.jobId } : undefined,
    app ?? job ? { label: vscode.l10n.t('Service principal (object) ID'), description: (app ?? job)!.servicePrincipalId } : undefined,
    app || job ? { label: vscode.l10n.t('Tenant ID'), description: services.graph.connection((app ?? job)!.connectionId).tenantId } : undefined,
  ].filter((o): o is { label: string; description: string } => o !== undefined);
  if (options.length === 0) return undefined;
  const picked = options.length === 1 ? options[0] : await context.waitForUser(() => vscode.window.showQuickPick(options, { title: vscode.l10n.t('Copy which ID?') }, context.token));
  if (!picked) return undefined;
  await vscode.env.clipboard.writeText(picked.description);
  return { copied: picked.description };
}
