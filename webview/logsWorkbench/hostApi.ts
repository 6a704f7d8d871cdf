/**
 * The logs webview's end of the conversation with the host. Every message from the host is
 * validated before anything acts on it (the host is another trust domain); replies are matched to
 * their requests by id; `results` and `init` go to `onMessage`. No DOM type: unit tests drive it in
 * plain Node with their own message source.
 */
import { parseLogsHostMessage } from '../../src/shared/logsWorkbench/protocol';
import type { InitMessage, LogsRequest, LogsWebviewMessage, ResponseResult, ResultsMessage } from '../../src/shared/logsWorkbench/protocol';

/** How long a request may wait for its reply; an export waits on the user's save dialog, so longer. */
export function requestTimeoutMs(request: LogsRequest): number {
  if (request.kind === 'export') return 15 * 60_000;
  // A query's reply comes when its first round of pages is read: large tenants take a while.
  if (request.kind === 'query' || request.kind === 'loadMore') return 5 * 60_000;
  return 30_000;
}

export interface HostMessageSource {
  addEventListener(type: 'message', listener: (event: { readonly data: unknown }) => void): void;
}

export interface LogsHostApiOptions {
  readonly postMessage: (message: LogsWebviewMessage) => void;
  readonly source: HostMessageSource;
  readonly onMessage: (message: InitMessage | ResultsMessage) => void;
}

interface Waiting {
  readonly resolve: (result: ResponseResult) => void;
  readonly reject: (error: Error) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

export class LogsHostApi {
  // Ids are never reused, so a late reply cannot settle a newer request.
  private nextRequestId = 1;
  private readonly waiting = new Map<number, Waiting>();

  constructor(private readonly options: LogsHostApiOptions) {
    options.source.addEventListener('message', (event) => this.receive(event.data));
  }

  ready(): void {
    this.options.postMessage({ type: 'ready' });
  }

  /**
   * Asks the host. `sent` learns the request's id before the message goes out (a query's id names
   * the pages it streams).
   */
  request(request: LogsRequest, sent?: (requestId: number) => void): Promise<ResponseResult> {
    const requestId = this.nextRequestId++;
    const limit = requestTimeoutMs(request);
    sent?.(requestId);
    return new Promise<ResponseResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(requestId);
        reject(new Error(`no answer from the extension to "${request.kind}" within ${Math.round(limit / 1000)} s`));
      }, limit);
      this.waiting.set(requestId, { resolve, reject, timer });
      this.options.postMessage({ type: 'request', requestId, request });
    });
  }

  private receive(data: unknown): void {
    const message = parseLogsHostMessage(data);
    if (!message) {
      console.warn('logs workbench: ignored a message that is not part of the protocol');
      return;
    }
    if (message.type !== 'response') {
      this.options.onMessage(message);
      return;
    }
    const waiting = this.waiting.get(message.requestId);
    if (!waiting) return;
    this.waiting.delete(message.requestId);
    clearTimeout(waiting.timer);
    if (message.ok) waiting.resolve(message.result);
    else waiting.reject(new Error(message.error));
  }
}
