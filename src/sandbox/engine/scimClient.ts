import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/** Answer of the target app. */
export interface ScimResponse { status: number; body: unknown }

/** A connection-level failure (refused, reset, timeout) as opposed to an HTTP error status. */
export class ScimConnectionError extends Error {
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
    this.name = 'ScimConnectionError';
  }
}

// Keep-alive agents shared by all clients: a 10,000-user cycle reuses a handful of sockets.
const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 32 });
const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 32 });

/** Minimal SCIM HTTP client (JSON in and out) used by the provisioning engine. */
export class ScimClient {
  /** Where requests go, worked out once: a cycle sends two requests per user. */
  private readonly target: { https: boolean; hostname: string; port: string; path: string };
  private readonly headers: Record<string, string>;

  /**
   * @param baseAddress SCIM base URL (the "Tenant URL"); any query string, such as Entra's
   *   `aadOptscim062020` feature flag, is dropped.
   * @param authorization Value of the Authorization header.
   */
  constructor(baseAddress: string, authorization: string, private readonly timeoutMs = 30_000) {
    const url = new URL(baseAddress);
    url.search = '';
    url.hash = '';
    // An IPv6 literal keeps its brackets in URL.hostname; the request options want it without.
    this.target = { https: url.protocol === 'https:', hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: url.port, path: url.pathname.replace(/\/$/, '') };
    this.headers = { Authorization: authorization, Accept: 'application/scim+json' };
  }

  /** Sends one request; resolves with any HTTP status, rejects only on connection problems. */
  send(method: string, path: string, body?: unknown): Promise<ScimResponse> {
    const { https, hostname, port } = this.target;
    const fullPath = this.target.path + path;
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    return new Promise((resolve, reject) => {
      const req = (https ? httpsRequest : httpRequest)({
        method,
        protocol: https ? 'https:' : 'http:',
        hostname,
        port,
        path: fullPath,
        agent: https ? httpsAgent : httpAgent,
        headers: payload ? { ...this.headers, 'Content-Type': 'application/scim+json', 'Content-Length': payload.length } : this.headers,
        timeout: this.timeoutMs,
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = undefined;
          if (text) {
            try { parsed = JSON.parse(text); } catch { parsed = text; }
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
        res.on('error', (e) => reject(new ScimConnectionError(e.message, e)));
      });
      req.on('timeout', () => req.destroy(new Error(`timed out after ${this.timeoutMs} ms`)));
      req.on('error', (e) => reject(new ScimConnectionError(`${method} ${fullPath.split('?')[0]}: ${e.message}`, e)));
      // One write for headers and body keeps each request to a single segment.
      req.end(payload);
    });
  }
}

/** Quotes a value for a SCIM filter string literal. */
export function scimString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
