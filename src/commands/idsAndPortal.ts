import * as vscode from 'vscode';
import { cloudEndpoints, type CloudName } from '../auth/clouds';
import type { HasAppTarget } from '../shared/targets';
import type { CommandContext } from './commandRunner';
import type { HasJobTarget } from '../shared/targets';
import { resolveAppTarget } from './appTarget';
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
  const picked = options.length === 1 ? options[0] : await vscode.window.showQuickPick(options, { title: vscode.l10n.t('Copy which ID?') }, context.token);
  if (!picked) return undefined;
  await vscode.env.clipboard.writeText(picked.description);
  return { copied: picked.description };
}

/** Opens the app's provisioning page in the Entra admin center of the connection's cloud. */
export async function openInPortal(services: Services, context: CommandContext, arg?: unknown): Promise<{ url: string } | undefined> {
  const app = await resolveAppTarget(services, context, (arg as HasJobTarget | undefined)?.jobTarget ?? arg);
  if (!app) return undefined;
  const connection = services.graph.connection(app.connectionId);
  if (connection.kind === 'sandbox') {
    void vscode.window.showInformationMessage(vscode.l10n.t('The sandbox tenant has no admin center: everything it offers is in this view.'));
    return undefined;
  }
  const settings = vscode.workspace.getConfiguration('entraProvisioning');
  const cloud = cloudEndpoints(settings.get<CloudName>('cloud', 'AzureCloud'), settings.get<string>('customGraphEndpoint'));
  const service = await services.graph.service(app.connectionId);
  const sp = await service.apps.getApp(app.servicePrincipalId, context.signal);
  const url = `${cloud.portalUrl}/#view/Microsoft_AAD_IAM/ManagedAppMenuBlade/~/Provisioning/objectId/${encodeURIComponent(app.servicePrincipalId)}/appId/${encodeURIComponent(sp.appId ?? '')}`;
  await vscode.env.openExternal(vscode.Uri.parse(url));
  return { url };
}
