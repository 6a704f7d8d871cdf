import * as vscode from 'vscode';
import { configuredCloud } from '../auth/cloudSetting';
import type { HasJobTarget } from '../shared/targets';
import { resolveAppTarget } from './appTarget';
import type { CommandContext } from './commandRunner';
import type { Services } from './services';

/** Opens the app's provisioning page in the Entra admin center of the connection's cloud. */
export async function openInPortal(services: Services, context: CommandContext, arg?: unknown): Promise<{ url: string } | undefined> {
  const app = await resolveAppTarget(services, context, (arg as HasJobTarget | undefined)?.jobTarget ?? arg);
  if (!app) return undefined;
  const connection = services.graph.connection(app.connectionId);
  if (connection.kind === 'sandbox') {
    void vscode.window.showInformationMessage(vscode.l10n.t('The sandbox tenant has no admin center: everything it offers is in this view.'));
    return undefined;
  }
  const cloud = configuredCloud();
  const service = await services.graph.service(app.connectionId);
  const sp = await service.apps.getApp(app.servicePrincipalId, context.signal);
  const url = `${cloud.portalUrl}/#view/Microsoft_AAD_IAM/ManagedAppMenuBlade/~/Provisioning/objectId/${encodeURIComponent(app.servicePrincipalId)}/appId/${encodeURIComponent(sp.appId ?? '')}`;
  await vscode.env.openExternal(vscode.Uri.parse(url));
  return { url };
}
