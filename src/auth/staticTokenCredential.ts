import type { AccessToken, TokenCredential } from '@azure/core-auth';

/** A credential that always presents the same token: the sandbox tenant's bearer token. */
export class StaticTokenCredential implements TokenCredential {
  constructor(private readonly token: string) {}

  async getToken(): Promise<AccessToken> {
    return { token: this.token, expiresOnTimestamp: Date.now() + 3_600_000 };
  }
}
