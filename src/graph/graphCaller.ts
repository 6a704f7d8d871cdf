import type { Client, GraphRequest } from '@microsoft/microsoft-graph-client';
import type { GraphAccess } from '../shared/graphPermissions';
import { errorFromResponse, ProvisioningApiError, signInErrorFrom } from './errors';
import { RecentlyCreated, retryWhileReplicating } from './replication';

/** Per-call options: what the call is for (for error sentences), the kind of access it needs, cancellation. */
export interface CallOptions {
  /** Verb phrase for error messages, e.g. "start the provisioning job". */
  readonly operation: string;
  /** The kind of call: a 403 names its permissions and directory role (shared/graphPermissions.ts). */
  readonly access?: GraphAccess;
  readonly signal?: AbortSignal;
  readonly headers?: Record<string, string>;
  /** Called while the call waits for Entra to replicate an object created lately (for progress). */
  readonly onReplicationWait?: (waitedMs: number) => void;
}

/** One page of a collection. */
export interface Page<T> {
  readonly items: T[];
  /** Absolute `@odata.nextLink`, when there are more. */
  readonly nextLink?: string;
  readonly count?: number;
}

interface Collection<T> {
  value?: T[];
  '@odata.nextLink'?: string;
  '@odata.count'?: number;
}

/**
 * Thin layer over the Graph client: relative paths against one Graph root, cancellation, the domain
 * errors, and paging. We follow nextLinks ourselves because the client's PageIterator only parses
 * https links, and the sandbox speaks http on loopback.
 */
export class GraphCaller {
  private readonly recentlyCreated = new RecentlyCreated();

  constructor(
    private readonly client: Client,
    /** Graph root including the version, e.g. `https://graph.microsoft.com/v1.0`. */
    readonly rootUrl: string,
  ) {}

  get<T>(path: string, options: CallOptions): Promise<T> {
    return this.send<T>((r) => r.get(), path, options);
  }

  post<T>(path: string, body: unknown, options: CallOptions): Promise<T> {
    return this.send<T>((r) => r.post(body ?? {}), path, options);
  }

  put<T>(path: string, body: unknown, options: CallOptions): Promise<T> {
    return this.send<T>((r) => r.put(body), path, options);
  }

  delete(path: string, options: CallOptions): Promise<void> {
    return this.send<void>((r) => r.delete(), path, options);
  }

  /**
   * Remembers directory objects just created, so that for a while a not-found naming one of them is
   * retried as replication lag instead of being reported as deleted.
   */
  noteCreated(...ids: ReadonlyArray<string | null | undefined>): void {
    this.recentlyCreated.note(...ids);
  }

  /** Reads one page: `pathOrNextLink` is a relative path with query, or a nextLink from a previous page. */
  async page<T>(pathOrNextLink: string, options: CallOptions): Promise<Page<T>> {
    const body = await this.get<Collection<T>>(this.toRelative(pathOrNextLink), options);
    return { items: body?.value ?? [], nextLink: body?.['@odata.nextLink'], count: body?.['@odata.count'] };
  }

  /** Every item of a collection, page after page (headers such as ConsistencyLevel are resent). */
  async all<T>(path: string, options: CallOptions & { limit?: number }): Promise<T[]> {
    const items: T[] = [];
    let link: string | undefined = path;
    while (link && items.length < (options.limit ?? Infinity)) {
      const page: Page<T> = await this.page<T>(link, options);
      items.push(...page.items);
      link = page.nextLink;
    }
    return options.limit === undefined ? items : items.slice(0, options.limit);
  }

  /** A nextLink as a path relative to our root; links elsewhere are refused (they would get our token). */
  toRelative(link: string): string {
    if (!/^https?:\/\//i.test(link)) return link.startsWith('/') ? link : `/${link}`;
    if (link.startsWith(`${this.rootUrl}/`) || link.startsWith(`${this.rootUrl}?`)) return link.slice(this.rootUrl.length);
    throw new ProvisioningApiError('invalidRequest', `Refusing to follow a link outside ${this.rootUrl}.`);
  }

  private send<T>(verb: (request: GraphRequest) => Promise<unknown>, path: string, options: CallOptions): Promise<T> {
    if (!this.recentlyCreated.mentionedIn(path)) return this.sendOnce(verb, path, options);
    return retryWhileReplicating(() => this.sendOnce<T>(verb, path, options), { signal: options.signal, onWait: options.onReplicationWait, what: 'an object created moments ago' });
  }

  private async sendOnce<T>(verb: (request: GraphRequest) => Promise<unknown>, path: string, options: CallOptions): Promise<T> {
    let request = this.client.api(path);
    if (options.headers) request = request.headers(options.headers);
    if (options.signal) request = request.option('signal', options.signal);
    try {
      return (await verb(request)) as T;
    } catch (error) {
      throw toDomainError(error, options, this.rootUrl);
    }
  }
}

interface GraphClientFailure {
  name?: string;
  statusCode?: number;
  code?: string | null;
  message?: string;
  requestId?: string | null;
  headers?: Headers;
}

function toDomainError(error: unknown, options: CallOptions, rootUrl: string): unknown {
  if (options.signal?.aborted) return options.signal.reason instanceof Error ? options.signal.reason : error;
  if (error instanceof ProvisioningApiError) return error;
  const failure = (error ?? {}) as GraphClientFailure;
  if (failure.name === 'AbortError') return error;
  const status = failure.statusCode ?? -1;
  if (status > 0) {
    const retryAfter = Number(failure.headers?.get?.('Retry-After'));
    return errorFromResponse(
      status,
      { code: failure.code ?? undefined, message: failure.message },
      failure.requestId ?? failure.headers?.get?.('request-id') ?? undefined,
      { operation: options.operation, access: options.access, retryAfterSeconds: Number.isFinite(retryAfter) ? retryAfter : undefined },
    );
  }
  // The credential threw before any request went out: a refused or failed sign-in, not the network.
  const signIn = signInErrorFrom(error, options.operation);
  if (signIn) return signIn;
  const reason = failure.message ?? String(error);
  return new ProvisioningApiError('network', `Could not reach Microsoft Graph at ${new URL(rootUrl).host} to ${options.operation}: ${reason}`, { cause: error });
}
