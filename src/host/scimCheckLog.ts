import * as vscode from 'vscode';
import { redactSecrets } from '../shared/logger';

/** Lines of the last runs kept for `text()`: enough for a run with its throughput step. */
const KEPT_LINES = 2000;

/**
 * The SCIM endpoint check's raw log: every request and answer of a run, in its own output channel
 * (created on first use, so activation does not pay for it). The checker never hands it the token;
 * lines pass through the logger's secret redaction as well, in case an endpoint echoed a credential
 * of its own.
 */
export class ScimCheckLog implements vscode.Disposable {
  private channel?: vscode.OutputChannel;
  private readonly lines: string[] = [];

  /** Appends one line. */
  append(line: string): void {
    const safe = redactSecrets(line);
    this.channel ??= vscode.window.createOutputChannel(vscode.l10n.t('Entra Provisioning: SCIM Check'));
    this.channel.appendLine(safe);
    this.lines.push(safe);
    if (this.lines.length > KEPT_LINES) this.lines.splice(0, this.lines.length - KEPT_LINES);
  }

  /** Reveals the channel without taking focus. */
  show(): void {
    this.channel?.show(true);
  }

  /** What the channel was given lately (the last {@link KEPT_LINES} lines), for tests. */
  text(): string {
    return this.lines.join('\n');
  }

  dispose(): void {
    this.channel?.dispose();
    this.channel = undefined;
  }
}
