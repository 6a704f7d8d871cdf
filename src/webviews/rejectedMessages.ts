import type { Logger } from '../shared/logger';
import { messageBoundsProblem } from '../shared/messageBounds';

export interface RejectedMessage {
  readonly reason: string;
  /** The message as received, or undefined when it was too large to keep (only its reason is). */
  readonly message: unknown;
}

const KEEP = 50;
const KEPT_MESSAGE_SIZE = 10_000;
const LOGGED_IN_FULL = 20;
const LOG_EVERY = 100;

/**
 * What a panel refused from its webview: a count, the last few (for tests and for a look in the
 * debugger), and warnings in the log. A webview gone wrong can send thousands of messages: neither
 * the host's memory nor the log may grow with them, so only the last 50 are kept, messages larger
 * than 10,000 characters without their body, and after 20 warnings one in a hundred is logged.
 */
export class RejectedMessages {
  private readonly kept: RejectedMessage[] = [];
  private total = 0;

  constructor(
    private readonly logger: Logger,
    private readonly source: string,
  ) {}

  /** How many messages were refused since the panel opened. */
  get count(): number {
    return this.total;
  }

  /** The last refusals, oldest first. */
  get recent(): readonly RejectedMessage[] {
    return this.kept;
  }

  record(reason: string, message: unknown): void {
    this.total++;
    if (this.total <= LOGGED_IN_FULL || this.total % LOG_EVERY === 0) {
      const type = typeof message === 'object' && message !== null ? String((message as { type?: unknown }).type) : typeof message;
      // Only the reason and a printable prefix of the type: the message itself is untrusted.
      const more = this.total > LOGGED_IN_FULL ? ` (${this.total} refused so far)` : '';
      this.logger.warn(`rejected a message from the ${this.source} webview (${reason}; type ${type.slice(0, 40).replace(/[^\x20-\x7e]/g, '?')})${more}`);
    }
    const keep = messageBoundsProblem(message, KEPT_MESSAGE_SIZE, 64) === undefined;
    this.kept.push({ reason, message: keep ? message : undefined });
    if (this.kept.length > KEEP) this.kept.shift();
  }
}
