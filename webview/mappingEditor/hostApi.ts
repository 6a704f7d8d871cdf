/**
 * The webview's end of the conversation with the extension host. Every message from the host passes
 * through here and is validated before anything acts on it (the host is another trust domain);
 * replies are matched to their requests by id, and what is not a reply goes to `onMessage`.
 * It touches no DOM type, so unit tests drive it in plain Node with their own message source.
 */
import { parseExtensionMessage } from '../../src/shared/webviewProtocol';
import type { EditMessage, EditorRequest, ExtensionToWebviewMessage, ReadyMessage, ResponseResult, WebviewToExtensionMessage } from '../../src/shared/webviewProtocol';

/** How long the webview waits for a request the host answers by itself (a Graph read, opening a diff). */
export const REQUEST_TIMEOUT_MS = 30_000;

/**
 * How long the webview waits for Save and Reload: the host answers them only after the user has
 * closed a modal dialog (confirm the save, discard edits, resolve a conflict), and nobody should be
 * told "failed" while still reading it. Still bounded, so a host that never answers is noticed.
 */
export const DIALOG_REQUEST_TIMEOUT_MS = 15 * 60_000;

const requestsThatWaitOnADialog: ReadonlySet<EditorRequest['kind']> = new Set(['save', 'reload']);

/** The time a request may take before it is given up on (see the two constants). */
export function requestTimeoutMs(request: EditorRequest): number {
  return requestsThatWaitOnADialog.has(request.kind) ? DIALOG_REQUEST_TIMEOUT_MS : REQUEST_TIMEOUT_MS;
}

/** What the host sends besides replies: the webview's state changes. */
export type HostMessage = Exclude<ExtensionToWebviewMessage, { readonly type: 'response' }>;

/** Where the host's messages arrive: the page's `window` in the webview. */
export interface HostMessageSource {
  addEventListener(type: 'message', listener: (event: { readonly data: unknown }) => void): void;
}

export interface HostApiOptions {
  /** Sends to the host (`acquireVsCodeApi().postMessage`). */
  readonly postMessage: (message: WebviewToExtensionMessage) => void;
  readonly source: HostMessageSource;
  /** Receives every valid message that is not a reply. */
  readonly onMessage: (message: HostMessage) => void;
  /** How long a request may wait for its reply, in milliseconds; `requestTimeoutMs` when not given. */
  readonly timeoutMs?: (request: EditorRequest) => number;
}

/** The host did not answer a request in time; its message is what the UI shows. */
export class RequestTimeoutError extends Error {
  override readonly name = 'RequestTimeoutError';
}

interface Waiting {
  readonly resolve: (result: ResponseResult) => void;
  readonly reject: (error: Error) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

export class HostApi {
  // Ids are never reused, so a reply that comes after its request timed out cannot settle a newer one.
  private nextRequestId = 1;
  private readonly waiting = new Map<number, Waiting>();

  constructor(private readonly options: HostApiOptions) {
    options.source.addEventListener('message', (event) => this.receive(event.data));
  }

  /** Sends a message that expects no reply. */
  send(message: ReadyMessage | EditMessage): void {
    this.options.postMessage(message);
  }

  /** Asks the host; settles with its reply, or rejects with a `RequestTimeoutError` when none comes in time. */
  request(request: EditorRequest): Promise<ResponseResult> {
    const requestId = this.nextRequestId++;
    const limit = (this.options.timeoutMs ?? requestTimeoutMs)(request);
    return new Promise<ResponseResult>((resolve, reject) => {
      this.options.postMessage({ type: 'request', requestId, request });
      const timer = setTimeout(() => {
        this.waiting.delete(requestId);
        reject(new RequestTimeoutError(`no answer from the extension to "${request.kind}" within ${Math.round(limit / 1000)} s`));
      }, limit);
      this.waiting.set(requestId, { resolve, reject, timer });
    });
  }

  private receive(data: unknown): void {
    const message = parseExtensionMessage(data);
    if (!message) {
      console.warn('mapping editor: ignored a message that is not part of the protocol');
      return;
    }
    if (message.type !== 'response') {
      this.options.onMessage(message);
      return;
    }
    const waiting = this.waiting.get(message.requestId);
    // No one waits for it: it came after its time-out, or was never asked for.
    if (!waiting) return;
    this.waiting.delete(message.requestId);
    clearTimeout(waiting.timer);
    if (message.ok) waiting.resolve(message.result);
    else waiting.reject(new Error(message.error));
  }
}
