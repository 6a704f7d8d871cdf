import type * as vscode from 'vscode';
import { redactSecrets, type Logger } from '../shared/logger';

/** The Logger over the extension's one LogOutputChannel; tags lines by component and redacts secrets. */
export class OutputChannelLogger implements Logger {
  constructor(
    private readonly channel: vscode.LogOutputChannel,
    private readonly component?: string,
  ) {}

  private format(message: string): string {
    return redactSecrets(this.component ? `[${this.component}] ${message}` : message);
  }

  trace(message: string): void {
    this.channel.trace(this.format(message));
  }
  debug(message: string): void {
    this.channel.debug(this.format(message));
  }
  info(message: string): void {
    this.channel.info(this.format(message));
  }
  warn(message: string): void {
    this.channel.warn(this.format(message));
  }
  error(message: string | Error): void {
    const text = message instanceof Error ? (message.stack ?? message.message) : message;
    this.channel.error(this.format(text));
  }
  child(component: string): Logger {
    return new OutputChannelLogger(this.channel, this.component ? `${this.component}/${component}` : component);
  }
  /** Reveals the channel (used by "Show Log"). */
  show(): void {
    this.channel.show(true);
  }
}
