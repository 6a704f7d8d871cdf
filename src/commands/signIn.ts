import * as vscode from 'vscode';
import { cloudEndpoints, graphScopes, tenantIdFromAccessToken, type CloudName } from '../auth/clouds';
import { UserFacingError } from '../shared/errors';
import type { CommandContext } from './commandRunner';
import type { Services } from './services';

interface SignInArgs {
  /** Tenant id or domain; default: the account's home tenant ("organizations"). */
  tenant?: string;
}

/**
 * Signs in with VS Code's built-in Microsoft account provider and opens that tenant in the tree.
 * Only read scopes are asked for here; write scopes are asked when a command first needs them.
 */
export async function signIn(services: Services, _context: CommandContext, args?: unknown): Promise<{ tenantId: string } | undefined> {
  const settings = vscode.workspace.getConfiguration('entraProvisioning');
  const cloud = cloudEndpoints(settings.get<CloudName>('cloud', 'AzureCloud'), settings.get<string>('customGraphEndpoint'));
  let tenant = (args as SignInArgs | undefined)?.tenant;
  if (tenant === undefined) {
    tenant = await vscode.window.showInputBox({
      title: vscode.l10n.t('Sign in to Microsoft Entra ID'),
      prompt: vscode.l10n.t('Tenant ID or domain (e.g. contoso.onmicrosoft.com). Leave empty for your home tenant.'),
      ignoreFocusOut: true,
    });
    if (tenant === undefined) return undefined;
  }
  tenant = tenant.trim() || 'organizations';
  if (!/^[A-Za-z0-9.-]+$/.test(tenant)) throw new UserFacingError(vscode.l10n.t('"{0}" is not a tenant ID or domain.', tenant));

  const clientId = settings.get<string>('clientId')?.trim();
  const scopes = [
    ...graphScopes.read.map((s) => `${cloud.graphHost}/${s}`),
    `VSCODE_TENANT:${tenant}`,
    ...(clientId ? [`VSCODE_CLIENT_ID:${clientId}`] : []),
  ];
  const session = await vscode.authentication.getSession(cloud.authProviderId, scopes, { createIfNone: true });
  const tenantId = tenantIdFromAccessToken(session.accessToken) ?? tenant;
  await services.connections.upsert({
    id: `${cloud.authProviderId}:${tenantId}:${session.account.id}`,
    kind: 'microsoft',
    tenantId,
    label: tenant === 'organizations' ? tenantId : tenant,
    accountLabel: session.account.label,
    graphBaseUrl: `${cloud.graphHost}/v1.0`,
  });
  services.logger.child('auth').info(`signed in to tenant ${tenantId} as ${session.account.label}`);
  return { tenantId };
}
