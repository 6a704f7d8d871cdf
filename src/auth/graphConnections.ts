import * as vscode from 'vscode';
import type { TokenCredential } from '@azure/core-auth';
import type { ProvisioningService } from '../graph/provisioningService';
import { CommandId } from '../shared/commandIds';
import { UserFacingError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import { graphScopes, type ScopeGroup } from './clouds';
import { configuredCloud } from './cloudSetting';
import type { ConnectionInfo, ConnectionStore } from './connectionStore';
import { loadGraphRuntime } from './graphRuntimeLoader';
import type { SandboxSessions } from './sandboxSessions';
import { VsCodeSessionCredential } from './vscodeSessionCredential';

/** Secrets a connection is checked with before they are stored (a failed check must not touch what is stored). */
export interface ProbeSecrets {
  readonly sandboxToken?: string;
  readonly clientSecret?: string;
}

/** SecretStorage key of an app-only connection's client secret. */
export function clientSecretKey(connectionId: string): string {
  return `entraProvisioning.clientSecret/${connectionId}`;
}

/**
 * One ProvisioningService per connection, built on first use (which is when the Graph runtime is
 * loaded), with the credential the connection's kind calls for.
 */
export class GraphConnections implements vscode.Disposable {
  private readonly services = new Map<string, Promise<ProvisioningService>>();
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly connections: ConnectionStore,
    private readonly sandboxes: SandboxSessions,
    private readonly secrets: vscode.SecretStorage,
    private readonly logger: Logger,
  ) {
    this.subscription = connections.onDidChange(() => {
      const alive = new Set(connections.list().map((c) => c.id));
      for (const id of this.services.keys()) if (!alive.has(id)) this.services.delete(id);
    });
  }

  /** The connection a command acts on: the given one, or the current one. */
  connection(connectionId?: string): ConnectionInfo {
    const connection = connectionId ? this.connections.list().find((c) => c.id === connectionId) : this.connections.current;
    if (!connection) {
      throw new UserFacingError(vscode.l10n.t('Sign in to a tenant or connect to the sandbox tenant first.'), {
        actions: [{ title: vscode.l10n.t('Sign In'), command: CommandId.signIn }, { title: vscode.l10n.t('Connect to Sandbox Tenant'), command: CommandId.connectSandbox }],
      });
    }
    return connection;
  }

  /** The service of a connection (the current one when no id is given). */
  service(connectionId?: string): Promise<ProvisioningService> {
    const connection = this.connection(connectionId);
    let service = this.services.get(connection.id);
    if (!service) {
      service = this.build(connection);
      service.catch(() => this.services.delete(connection.id));
      this.services.set(connection.id, service);
    }
    return service;
  }

  /**
   * Makes sure the connection's delegated consent covers `group` before a call that needs it; the
   * next token request then asks for the larger set (VS Code shows the consent prompt).
   */
  async ensureScopes(connectionId: string, group: ScopeGroup): Promise<void> {
    const connection = this.connection(connectionId);
    if (connection.kind !== 'microsoft' || connection.scopeGroups?.includes(group)) return;
    await this.connections.update({ ...connection, scopeGroups: [...(connection.scopeGroups ?? ['read']), group] });
  }

  /**
   * Checks a connection before it is saved: builds its service and reads the tenant's organization
   * (id and name), which proves the credential works against this Graph endpoint.
   */
  async probe(connection: ConnectionInfo, signal?: AbortSignal, secrets: ProbeSecrets = {}): Promise<{ tenantId: string; displayName?: string }> {
    const service = await this.build(connection, secrets);
    const organization = await service.apps.organization(signal);
    if (!organization?.id) throw new UserFacingError(vscode.l10n.t('{0} did not say which tenant it is.', connection.graphBaseUrl));
    return { tenantId: organization.id, displayName: organization.displayName ?? undefined };
  }

  forget(connectionId: string): void {
    this.services.delete(connectionId);
  }

  dispose(): void {
    this.subscription.dispose();
    this.services.clear();
  }

  private async build(connection: ConnectionInfo, secrets: ProbeSecrets = {}): Promise<ProvisioningService> {
    const runtime = loadGraphRuntime();
    const credential = await this.credential(connection, secrets);
    const host = new URL(connection.graphBaseUrl).origin;
    this.logger.child('auth').info(`Graph client for ${connection.label} (${connection.kind}) at ${connection.graphBaseUrl}`);
    return runtime.createProvisioningService({ credential, graphBaseUrl: connection.graphBaseUrl, scopes: [`${host}/.default`], logger: this.logger });
  }

  private async credential(connection: ConnectionInfo, given: ProbeSecrets): Promise<TokenCredential> {
    const runtime = loadGraphRuntime();
    switch (connection.kind) {
      case 'sandbox': {
        const token = given.sandboxToken ?? this.sandboxes.token(connection.id);
        if (!token) throw new UserFacingError(vscode.l10n.t('The sandbox connection ended; connect to the sandbox tenant again.'));
        return new runtime.StaticTokenCredential(token);
      }
      case 'microsoft': {
        const cloud = configuredCloud();
        return new VsCodeSessionCredential(cloud.authProviderId, new URL(connection.graphBaseUrl).origin, connection.tenantId, connection.clientId, () => {
          const current = this.connections.list().find((c) => c.id === connection.id) ?? connection;
          return [...new Set((current.scopeGroups ?? ['read']).flatMap((g) => graphScopes[g as ScopeGroup] ?? []))];
        });
      }
      case 'clientSecret': {
        const clientSecret = given.clientSecret ?? (await this.secrets.get(clientSecretKey(connection.id)));
        if (!clientSecret) throw new UserFacingError(vscode.l10n.t('The client secret of {0} is no longer stored; sign in again.', connection.label));
        if (!connection.clientId) throw new UserFacingError(vscode.l10n.t('App-only sign-in with a client secret needs a client id and a secret.'));
        return runtime.createIdentityCredential({ kind: 'clientSecret', tenantId: connection.tenantId, clientId: connection.clientId, clientSecret, authorityHost: connection.authorityHost });
      }
      case 'azureCli':
      case 'deviceCode':
      case 'clientCertificate':
        if (connection.kind === 'clientCertificate' && (!connection.clientId || !connection.certificatePath)) {
          throw new UserFacingError(vscode.l10n.t('App-only sign-in with a certificate needs a client id and a PEM certificate file.'));
        }
        return runtime.createIdentityCredential({
          kind: connection.kind,
          tenantId: connection.tenantId,
          clientId: connection.clientId,
          certificatePath: connection.certificatePath,
          authorityHost: connection.authorityHost,
          onDeviceCode: (info) => void vscode.window.showInformationMessage(info.message, { modal: false }),
        });
    }
  }
}
