import * as vscode from 'vscode';
import { configuredCloud } from '../auth/cloudSetting';
import type { ConnectionInfo, ConnectionKind } from '../auth/connectionStore';
import { clientSecretKey } from '../auth/graphConnections';
import { UserFacingError } from '../shared/errors';
import type { CommandContext } from './commandRunner';
import type { Services } from './services';

type SignInMethod = Exclude<ConnectionKind, 'sandbox'>;

/** Scriptable argument of `entraProvisioning.signIn`. */
interface SignInArgs {
  method?: SignInMethod;
  /** Tenant id or domain; default: the account's home tenant ("organizations"). */
  tenant?: string;
  clientId?: string;
  clientSecret?: string;
  certificatePath?: string;
}

const methods: ReadonlyArray<{ method: SignInMethod; label: () => string; detail: () => string }> = [
  { method: 'microsoft', label: () => vscode.l10n.t('Microsoft account (VS Code)'), detail: () => vscode.l10n.t('Sign in with the account VS Code manages. Recommended.') },
  { method: 'azureCli', label: () => vscode.l10n.t('Azure CLI'), detail: () => vscode.l10n.t('Use the account you signed in with `az login`.') },
  { method: 'deviceCode', label: () => vscode.l10n.t('Device code'), detail: () => vscode.l10n.t('Sign in on another device with a code.') },
  { method: 'clientSecret', label: () => vscode.l10n.t('App-only: client secret'), detail: () => vscode.l10n.t('An app registration with application permissions; the secret is kept in VS Code secret storage.') },
  { method: 'clientCertificate', label: () => vscode.l10n.t('App-only: certificate'), detail: () => vscode.l10n.t('An app registration with a PEM certificate file.') },
];

/**
 * Opens a tenant connection with the chosen sign-in method, checks it by reading the tenant, and
 * makes it current. Only read scopes are consented here; write scopes when a command needs them.
 */
export async function signIn(services: Services, context: CommandContext, rawArgs?: unknown): Promise<{ tenantId: string } | undefined> {
  const args = (rawArgs && typeof rawArgs === 'object' ? rawArgs : {}) as SignInArgs;
  const method = args.method ?? (await context.waitForUser(pickMethod));
  if (!method) return undefined;
  const settings = vscode.workspace.getConfiguration('entraProvisioning');
  const ownClientId = args.clientId ?? (settings.get<string>('clientId')?.trim() || undefined);
  // An app registration of one's own (what Copy App Registration Script creates) is single-tenant:
  // it cannot sign in through "organizations" (AADSTS50194), so its tenant is asked for.
  const tenantRequired = method === 'clientSecret' || method === 'clientCertificate' || ((method === 'microsoft' || method === 'deviceCode') && ownClientId !== undefined);
  const tenantPrompt = tenantRequired
    ? vscode.l10n.t('Tenant ID or domain (e.g. contoso.onmicrosoft.com) of your app registration.')
    : vscode.l10n.t('Tenant ID or domain (e.g. contoso.onmicrosoft.com). Leave empty for your home tenant.');
  const tenant = args.tenant ?? (await context.waitForUser(() => ask(tenantPrompt, false, tenantRequired)));
  if (tenant === undefined) return undefined;
  const tenantId = tenant.trim() || 'organizations';
  if (!/^[A-Za-z0-9.-]+$/.test(tenantId)) throw new UserFacingError(vscode.l10n.t('"{0}" is not a tenant ID or domain.', tenantId));
  if ((method === 'clientSecret' || method === 'clientCertificate') && tenantId === 'organizations') {
    throw new UserFacingError(vscode.l10n.t('App-only sign-in needs a tenant ID or domain.'));
  }

  const cloud = configuredCloud();
  let clientId = ownClientId;
  let certificatePath = args.certificatePath;
  let clientSecret = args.clientSecret;
  if (method === 'clientSecret' || method === 'clientCertificate') {
    clientId ??= await context.waitForUser(() => ask(vscode.l10n.t('Application (client) ID of the app registration'), false, true));
    if (!clientId) return undefined;
  }
  if (method === 'clientSecret' && clientSecret === undefined) {
    clientSecret = await context.waitForUser(() => ask(vscode.l10n.t('Client secret (kept in VS Code secret storage)'), true, true));
    if (!clientSecret) return undefined;
  }
  if (method === 'clientCertificate' && certificatePath === undefined) {
    const picked = await context.waitForUser(() => vscode.window.showOpenDialog({ title: vscode.l10n.t('PEM certificate with its private key'), canSelectMany: false, filters: { PEM: ['pem'] } }));
    certificatePath = picked?.[0]?.fsPath;
    if (!certificatePath) return undefined;
  }

  context.report(vscode.l10n.t('Signing in…'));
  const draft: ConnectionInfo = {
    id: `${method}:${tenantId}:${clientId ?? ''}`,
    kind: method,
    tenantId,
    label: tenantId,
    graphBaseUrl: `${cloud.graphHost}/v1.0`,
    clientId,
    certificatePath,
    authorityHost: cloud.authorityHost,
    scopeGroups: ['read'],
  };
  // Checked with the typed secret in memory; only a sign-in that works replaces what is stored.
  const organization = await services.graph.probe(draft, context.signal, { clientSecret });
  const connection: ConnectionInfo = { ...draft, id: `${method}:${organization.tenantId}:${clientId ?? ''}`, tenantId: organization.tenantId, label: organization.displayName ?? organization.tenantId };
  if (clientSecret) await services.secrets.store(clientSecretKey(connection.id), clientSecret);
  // A signed-in-again connection must not keep using the client built with its old credential.
  services.graph.forget(connection.id);
  await services.connections.upsert(connection);
  services.logger.child('auth').info(`signed in to ${connection.label} (${connection.tenantId}) with ${method}`);
  return { tenantId: connection.tenantId };
}

async function pickMethod(): Promise<SignInMethod | undefined> {
  const picked = await vscode.window.showQuickPick(
    methods.map((m) => ({ label: m.label(), detail: m.detail(), method: m.method })),
    { title: vscode.l10n.t('Sign in to Microsoft Entra ID'), placeHolder: vscode.l10n.t('How do you want to sign in?') },
  );
  return picked?.method;
}

function ask(prompt: string, password: boolean, required: boolean): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: vscode.l10n.t('Sign in to Microsoft Entra ID'),
    prompt,
    password,
    ignoreFocusOut: true,
    validateInput: (value) => (required && !value.trim() ? vscode.l10n.t('Required.') : undefined),
  });
}
