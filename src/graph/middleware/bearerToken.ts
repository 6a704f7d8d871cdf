import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import type { TokenCredential } from '@azure/core-auth';
import { setHeader, requestUrl } from './headers';

/**
 * Attaches a bearer token from a TokenCredential, only to requests for our own Graph origin. The
 * client's AuthenticationHandler recognises https Graph hosts only, and the sandbox speaks plain http
 * on loopback, so we attach it ourselves; refusing other origins keeps tokens from leaking through a
 * crafted nextLink.
 */
export class BearerTokenMiddleware implements Middleware {
  private next?: Middleware;

  constructor(
    private readonly credential: TokenCredential,
    private readonly scopes: string[],
    private readonly origin: string,
  ) {}

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    const url = requestUrl(context.request);
    if (new URL(url).origin !== this.origin) {
      throw new Error(`Refusing to send a Graph token to ${new URL(url).origin}; expected ${this.origin}.`);
    }
    const token = await this.credential.getToken(this.scopes, { abortSignal: context.options?.signal ?? undefined });
    if (!token?.token) throw Object.assign(new Error('No access token: sign in again.'), { statusCode: 401 });
    setHeader(context.options, 'Authorization', `Bearer ${token.token}`);
    return this.next!.execute(context);
  }
}
