import * as vscode from 'vscode';
import type { ConnectionInfo } from '../auth/connectionStore';
import { launchSandbox, type SandboxProcess, type SandboxStartError } from '../auth/sandboxProcess';
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
    started = await launchSandbox(cli, interval ? ['--cycle-interval', String(interval)] : [], context.signal).catch((e: unknown) => {
      throw sandboxStartSentence(e);
    });
    graphUrl = started.graphUrl;
    bearer = started.token;
    log.info(`started sandbox at ${graphUrl}`);
  }
  const id = `sandbox:${new URL(graphUrl).host}`;
  try {
    // Probe with the new token before storing it: a failed attempt must not break a live connection.
    const draft: ConnectionInfo = { id, kind: 'sandbox', tenantId: 'sandbox', label: vscode.l10n.t('Contoso (sandbox)'), graphBaseUrl: graphUrl };
    const organization = await services.graph.probe(draft, context.signal, { sandboxToken: bearer });
    services.sandboxes.set(id, bearer, started);
    services.graph.forget(id);
    await services.connections.upsert({ ...draft, tenantId: organization.tenantId, label: organization.displayName ?? draft.label });
    log.info(`connected to sandbox tenant ${organization.tenantId} at ${graphUrl}`);
    return { tenantId: organization.tenantId };
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

/** A sandbox that did not get ready, said in the user's language; other errors as they are. */
export function sandboxStartSentence(error: unknown): unknown {
  if (!(error instanceof Error) || error.name !== 'SandboxStartError') return error;
  const failed = error as SandboxStartError;
  const sentence = failed.reason === 'exited'
    ? vscode.l10n.t('The sandbox exited with code {0} before it was ready.', String(failed.exitCode))
    : vscode.l10n.t('The sandbox did not start within {0} s.', String(failed.waitedSeconds));
  return new UserFacingError(failed.detail ? `${sentence} ${failed.detail}` : sentence, { cause: error });
}
