import * as vscode from 'vscode';
import { launchSandbox, type SandboxProcess } from '../auth/sandboxProcess';
import { UserFacingError } from '../shared/errors';
import type { CommandContext } from './commandRunner';
import type { Services } from './services';

interface ConnectSandboxArgs {
  /** Graph root of a running sandbox, e.g. `http://127.0.0.1:5000/v1.0`; omitted: start one. */
  url?: string;
  /** Bearer token the running sandbox requires (any non-empty token when it was started without one). */
  token?: string;
}

/**
 * Connects to the local sandbox tenant, starting one in a child process when no URL is given, and
 * makes it the current connection. Public contract: `{ url?, token? }` → `{ tenantId }`.
 */
export async function connectSandbox(services: Services, context: CommandContext, args?: unknown): Promise<{ tenantId: string }> {
  const { url, token } = parseArgs(args);
  const log = services.logger.child('sandbox');
  let started: SandboxProcess | undefined;
  let graphUrl: string;
  let bearer: string;
  if (url) {
    graphUrl = url.replace(/\/+$/, '');
    bearer = token ?? 'sandbox';
  } else {
    context.report(vscode.l10n.t('Starting the sandbox tenant…'));
    const cli = vscode.Uri.joinPath(services.extensionUri, 'dist', 'sandbox', 'cli.js').fsPath;
    const interval = vscode.workspace.getConfiguration('entraProvisioning').get<number>('sandbox.cycleIntervalSeconds');
    started = await launchSandbox(cli, interval ? ['--cycle-interval', String(interval)] : [], context.signal);
    graphUrl = started.graphUrl;
    bearer = started.token;
    log.info(`started sandbox at ${graphUrl}`);
  }
  try {
    const tenantId = started?.tenantId ?? (await readTenantId(graphUrl, bearer, context.signal));
    const id = `sandbox:${new URL(graphUrl).host}`;
    services.sandboxes.set(id, bearer, started);
    await services.connections.upsert({ id, kind: 'sandbox', tenantId, label: vscode.l10n.t('Contoso (sandbox)'), graphBaseUrl: graphUrl });
    log.info(`connected to sandbox tenant ${tenantId} at ${graphUrl}`);
    return { tenantId };
  } catch (error) {
    started?.stop();
    throw error;
  }
}

function parseArgs(args: unknown): ConnectSandboxArgs {
  if (args === undefined || args === null) return {};
  if (typeof args !== 'object') throw new UserFacingError(vscode.l10n.t('connectSandbox takes an object {{ url?, token? }}.'));
  const { url, token } = args as Record<string, unknown>;
  if (url !== undefined && (typeof url !== 'string' || !/^https?:\/\//.test(url))) {
    throw new UserFacingError(vscode.l10n.t('The sandbox URL must start with http:// or https://.'));
  }
  if (token !== undefined && (typeof token !== 'string' || token.length === 0)) {
    throw new UserFacingError(vscode.l10n.t('The sandbox token must be a non-empty string.'));
  }
  return { url: url as string | undefined, token: token as string | undefined };
}

/** Asks the sandbox which tenant it is; this also proves the URL and token work before we save them. */
async function readTenantId(graphUrl: string, token: string, signal: AbortSignal): Promise<string> {
  let response: Response;
  try {
    response = await fetch(`${graphUrl}/organization`, { headers: { authorization: `Bearer ${token}` }, signal });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new UserFacingError(vscode.l10n.t('Could not reach the sandbox at {0}. Is it running?', graphUrl), { cause: error });
  }
  if (response.status === 401) throw new UserFacingError(vscode.l10n.t('The sandbox at {0} refused the token.', graphUrl));
  if (!response.ok) throw new UserFacingError(vscode.l10n.t('The sandbox at {0} answered {1}.', graphUrl, String(response.status)));
  const body = (await response.json()) as { value?: Array<{ id?: string }> };
  const tenantId = body.value?.[0]?.id;
  if (!tenantId) throw new UserFacingError(vscode.l10n.t('The sandbox at {0} did not say which tenant it is.', graphUrl));
  return tenantId;
}
