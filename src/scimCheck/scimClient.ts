import { randomUUID } from 'node:crypto';

/** SCIM's media type (RFC 7644 section 3.1). */
export const SCIM_JSON = 'application/scim+json';

/** One request and its answer, as the checks read them and the report shows them. */
export interface Exchange {
  method: string;
  /** Path and query below the base address, as requested. */
  path: string;
  /** 0 when no answer came (network error, timeout). */
  status: number;
  contentType: string;
  /** The parsed JSON body; undefined when the body is empty or not JSON. */
  body: unknown;
  /** The request as HTTP text, the Authorization header redacted. */
  requestText: string;
  /** The answer as HTTP text (or the network error), with any copy of the token removed. */
  responseText: string;
  /** Why no answer came, when status is 0. */
  error?: string;
}

/** How a request authenticates: with the token, without any, or with a made-up one. */
export type Credentials = 'token' | 'none' | 'wrong';

/** Longest body shown in a report: enough for a resource or a short list. */
const MAX_SHOWN_BODY = 4000;
/** How long one request may take before it counts as unanswered. */
const REQUEST_TIMEOUT_MS = 15_000;
const REDACTED = '<redacted>';

function shown(text: string): string {
  return text.length > MAX_SHOWN_BODY ? `${text.slice(0, MAX_SHOWN_BODY)}\n… (${text.length - MAX_SHOWN_BODY} more characters)` : text;
}

/**
 * Sends SCIM requests to one base address and nowhere else: paths are appended to it, redirects are
 * not followed (a redirect could lead to another host), and links in answers (`meta.location`) are
 * never fetched. The token goes only into the Authorization header; every text this client hands out
 * shows that header redacted and has any copy of the token an answer echoed removed.
 */
export class ScimClient {
  private readonly base: URL;

  /**
   * @param baseAddress the SCIM base address, e.g. `https://app.example/scim/v2` (a query such as
   *   `?aadOptscim062020` is kept on every request, as Entra keeps it).
   * @param log receives one line per request and answer, never the token.
   */
  constructor(baseAddress: string, private readonly token: string, private readonly signal?: AbortSignal, private readonly log?: (line: string) => void) {
    this.base = parseBaseAddress(baseAddress);
  }

  /** The base address as requests use it (without a trailing slash). */
  get baseAddress(): string {
    return `${this.base.origin}${this.base.pathname.replace(/\/+$/, '')}${this.base.search}`;
  }

  /** Removes every copy of the token from a text. */
  redact(text: string): string {
    return this.token ? text.split(this.token).join(REDACTED) : text;
  }

  /** Sends one request; a network error or timeout gives status 0 rather than throwing (cancellation throws). */
  async send(method: string, path: string, body?: unknown, credentials: Credentials = 'token'): Promise<Exchange> {
    this.signal?.throwIfAborted();
    const url = this.url(path);
    const headers: Record<string, string> = { Accept: `${SCIM_JSON}, application/json` };
    if (credentials === 'token') headers.Authorization = `Bearer ${this.token}`;
    if (credentials === 'wrong') headers.Authorization = `Bearer ${wrongToken()}`;
    const payload = body === undefined ? undefined : JSON.stringify(body, null, 2);
    if (payload !== undefined) headers['Content-Type'] = SCIM_JSON;
    const shownHeaders = Object.entries(headers).map(([name, value]) => `${name}: ${name === 'Authorization' ? (credentials === 'wrong' ? 'Bearer <a made-up token>' : `Bearer ${REDACTED}`) : value}`);
    const requestText = this.redact([`${method} ${url.pathname}${url.search}`, `Host: ${url.host}`, ...shownHeaders].join('\n') + (payload === undefined ? '' : `\n\n${shown(payload)}`));
    this.log?.(this.redact(`→ ${method} ${url.pathname}${url.search}${credentials === 'token' ? '' : credentials === 'none' ? ' (no token)' : ' (a wrong token)'}`));
    const started = Date.now();
    const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
    try {
      const res = await fetch(url, { method, headers, body: payload, redirect: 'manual', signal: this.signal ? AbortSignal.any([this.signal, timeout]) : timeout });
      const text = await res.text();
      const contentType = res.headers.get('content-type') ?? '';
      let parsed: unknown;
      try { parsed = text ? JSON.parse(text) : undefined; } catch { parsed = undefined; }
      const pretty = parsed === undefined ? text : JSON.stringify(parsed, null, 2);
      const location = res.headers.get('location');
      const responseText = this.redact([`HTTP ${res.status} ${res.statusText}`.trim(), ...(contentType ? [`Content-Type: ${contentType}`] : []), ...(location ? [`Location: ${location}`] : [])].join('\n') + (pretty ? `\n\n${shown(pretty)}` : ''));
      this.log?.(`← ${res.status} ${contentType || '(no content type)'} (${Date.now() - started} ms)`);
      return { method, path, status: res.status, contentType, body: parsed, requestText, responseText };
    } catch (error) {
      if (this.signal?.aborted) throw error;
      const message = timeout.aborted ? `no answer within ${REQUEST_TIMEOUT_MS / 1000} s` : this.redact(describeNetworkError(error));
      this.log?.(`← no answer: ${message}`);
      return { method, path, status: 0, contentType: '', body: undefined, requestText, responseText: `(no answer: ${message})`, error: message };
    }
  }

  private url(path: string): URL {
    const extra = this.base.search ? this.base.search.slice(1) : '';
    const joined = `${this.base.origin}${this.base.pathname.replace(/\/+$/, '')}${path}`;
    return new URL(extra ? `${joined}${path.includes('?') ? '&' : '?'}${extra}` : joined);
  }
}

/** Checks that an address is an absolute http(s) URL without credentials or fragment; throws a sentence otherwise. */
export function parseBaseAddress(address: string): URL {
  let url: URL;
  try {
    url = new URL(address.trim());
  } catch {
    throw new Error(`'${address}' is not an absolute URL (e.g. https://app.example/scim/v2).`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`The SCIM base address must start with http:// or https://, got '${url.protocol}'.`);
  if (url.username || url.password) throw new Error('The SCIM base address must not carry a user name or password: give the token separately.');
  url.hash = '';
  return url;
}

function describeNetworkError(error: unknown): string {
  // fetch wraps the socket's error; a host with several addresses wraps one per address.
  const cause = (error as { cause?: { code?: string; message?: string; errors?: { code?: string }[] } })?.cause;
  const code = cause?.code ?? cause?.errors?.find((e) => e.code)?.code;
  if (code) return `${code}${cause?.message ? ` (${cause.message})` : ''}`;
  return error instanceof Error ? error.message : String(error);
}

/** A token nobody issued: random, so no endpoint can have it on an allow list. */
function wrongToken(): string {
  return `not-a-valid-token-${randomUUID()}`;
}
