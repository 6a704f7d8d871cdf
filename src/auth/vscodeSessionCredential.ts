import * as vscode from 'vscode';
import type { AccessToken, TokenCredential } from '@azure/core-auth';

/**
 * A TokenCredential over VS Code's built-in Microsoft account provider. The delegated scopes grow as
 * features need them (`scopes()` is read on every call), so consent is asked for when first needed.
 */
export class VsCodeSessionCredential implements TokenCredential {
  constructor(
    private readonly providerId: string,
    private readonly graphHost: string,
    private readonly tenant: string,
    private readonly clientId: string | undefined,
    private readonly scopes: () => readonly string[],
  ) {}

  async getToken(): Promise<AccessToken | null> {
    const scopes = [
      ...this.scopes().map((s) => `${this.graphHost}/${s}`),
      `VSCODE_TENANT:${this.tenant}`,
      ...(this.clientId ? [`VSCODE_CLIENT_ID:${this.clientId}`] : []),
    ];
    const session =
      (await vscode.authentication.getSession(this.providerId, scopes, { silent: true })) ??
      (await vscode.authentication.getSession(this.providerId, scopes, { createIfNone: true }));
    // VS Code refreshes tokens itself and does not tell us the expiry: ask again in a few minutes.
    return { token: session.accessToken, expiresOnTimestamp: Date.now() + 5 * 60_000 };
  }
}
