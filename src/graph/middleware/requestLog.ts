import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import type { Logger } from '../../shared/logger';
import { requestMethod, requestUrl } from './headers';

/** Counts every HTTP attempt; benchmarks and tests read it to prove how few requests a view costs. */
export interface RequestCounter {
  count: number;
}

/**
 * Innermost middleware before the network: one log line per attempt (retries included) with method,
 * path, status, Graph's request-id and duration. Never the headers: they carry the token.
 */
export class RequestLogMiddleware implements Middleware {
  private next?: Middleware;

  constructor(
    private readonly logger: Logger,
    private readonly origin: string,
    private readonly counter: RequestCounter,
  ) {}

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    const started = Date.now();
    const method = requestMethod(context.request, context.options);
    const url = requestUrl(context.request);
    const path = url.startsWith(this.origin) ? url.slice(this.origin.length) : url;
    this.counter.count++;
    try {
      await this.next!.execute(context);
      const response = context.response;
      const requestId = response?.headers.get('request-id') ?? '-';
      const line = `${method} ${path} → ${response?.status} in ${Date.now() - started} ms (request-id ${requestId})`;
      if (response && response.status >= 400) this.logger.warn(line);
      else this.logger.debug(line);
    } catch (error) {
      this.logger.warn(`${method} ${path} failed after ${Date.now() - started} ms: ${(error as Error).message}`);
      throw error;
    }
  }
}
