import * as vscode from 'vscode';
import { isCancellation } from '../shared/errors';
import { redactSecrets } from '../shared/logger';
import type { OutputChannelLogger } from '../logging/outputChannelLogger';
import type { CommandId } from './commandIds';

/** What every command handler receives besides its arguments. */
export interface CommandContext {
  /** Cancelled when the user cancels the progress notification. */
  readonly token: vscode.CancellationToken;
  /** The same cancellation as an AbortSignal, to pass down to HTTP requests. */
  readonly signal: AbortSignal;
  /** Updates the progress message (shown once the command has run for a while). */
  report(message: string): void;
}

export type CommandHandler = (context: CommandContext, ...args: unknown[]) => unknown;

/** How long a command may run before a progress notification appears (short ones should not flash). */
const PROGRESS_DELAY_MS = 2000;

/**
 * The one wrapper every command runs through: logs start and end with duration, shows cancellable
 * progress when slow, turns failures into one sentence with "Show Log", and stays silent on cancel.
 * Handlers never show error messages themselves.
 */
export class CommandRunner {
  private sequence = 0;

  constructor(private readonly logger: OutputChannelLogger) {}

  register(id: CommandId, title: string, handler: CommandHandler): vscode.Disposable {
    return vscode.commands.registerCommand(id, (...args: unknown[]) => this.run(id, title, handler, args));
  }

  async run(id: CommandId, title: string, handler: CommandHandler, args: unknown[]): Promise<unknown> {
    const runId = ++this.sequence;
    const log = this.logger.child('command');
    const started = Date.now();
    const cancellation = new vscode.CancellationTokenSource();
    const abort = new AbortController();
    cancellation.token.onCancellationRequested(() => abort.abort(new vscode.CancellationError()));
    let progressMessage: string | undefined;
    let progressSink: vscode.Progress<{ message?: string }> | undefined;
    const context: CommandContext = {
      token: cancellation.token,
      signal: abort.signal,
      report: (message) => {
        progressMessage = message;
        progressSink?.report({ message });
      },
    };

    log.info(`#${runId} ${id} started`);
    const work = Promise.resolve().then(() => handler(context, ...args));
    const timer = setTimeout(() => {
      void vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title, cancellable: true },
        (progress, token) => {
          progressSink = progress;
          if (progressMessage) progress.report({ message: progressMessage });
          token.onCancellationRequested(() => cancellation.cancel());
          return work.catch(() => undefined);
        },
      );
    }, PROGRESS_DELAY_MS);

    try {
      const result = await work;
      log.info(`#${runId} ${id} finished in ${Date.now() - started} ms`);
      return result;
    } catch (error) {
      if (isCancellation(error) || cancellation.token.isCancellationRequested) {
        log.info(`#${runId} ${id} cancelled after ${Date.now() - started} ms`);
        return undefined;
      }
      log.error(`#${runId} ${id} failed after ${Date.now() - started} ms`);
      log.error(error instanceof Error ? error : String(error));
      this.showFailure(title, error);
      return undefined;
    } finally {
      clearTimeout(timer);
      cancellation.dispose();
    }
  }

  private showFailure(title: string, error: unknown): void {
    const showLog = vscode.l10n.t('Show Log');
    const message = vscode.l10n.t('{0}: {1}', title, describeError(error));
    // Not awaited: the notification stays until dismissed and must not hold the command open.
    void vscode.window.showErrorMessage(message, showLog).then((choice) => {
      if (choice === showLog) this.logger.show();
    });
  }
}

/** One sentence for the user: the error's first line, with anything secret-looking removed. */
export function describeError(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  const firstLine = raw.split(/\r?\n/, 1)[0].trim() || vscode.l10n.t('Unknown error.');
  return redactSecrets(firstLine);
}
