import * as vscode from 'vscode';
import { isCancellation, type UserFacingError } from '../shared/errors';
import { redactSecrets } from '../shared/logger';
import type { OutputChannelLogger } from '../host/outputChannelLogger';
import type { CommandId } from '../shared/commandIds';
import type { FollowUpAction } from '../shared/errors';
import { signInFailureOf, signInHelp } from '../auth/signInHelp';

/** What every command handler receives besides its arguments. */
export interface CommandContext {
  /** Cancelled when the user cancels the progress notification. */
  readonly token: vscode.CancellationToken;
  /** The same cancellation as an AbortSignal, to pass down to HTTP requests. */
  readonly signal: AbortSignal;
  /** Updates the progress message (shown once the command has run for a while). */
  report(message: string): void;
  /**
   * Shows a prompt (quick pick, input box, dialog) and waits for the user's answer. A "working…"
   * notification with Cancel would be wrong while the user is the one who takes the time: no
   * progress shows during the prompt, and the delay before one appears starts again afterwards.
   */
  waitForUser<T>(prompt: () => Thenable<T>): Promise<T>;
}

export type CommandHandler = (context: CommandContext, ...args: unknown[]) => unknown;

/** How long a command may run before a progress notification appears (short ones should not flash). */
const PROGRESS_DELAY_MS = 2000;

/**
 * The progress notification of one command run: appears once the extension has worked for
 * PROGRESS_DELAY_MS without a break, goes away while a prompt waits for the user. Its Cancel
 * cancels the run.
 */
class WorkProgress {
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Closes the notification on screen, if one is. */
  private close: (() => void) | undefined;
  private sink: vscode.Progress<{ message?: string }> | undefined;
  private message: string | undefined;
  private prompts = 0;
  private finished = false;
  /** Bumped whenever the notification should go: a withProgress that starts late sees it is stale. */
  private generation = 0;

  constructor(
    private readonly title: string,
    private readonly cancellation: vscode.CancellationTokenSource,
  ) {
    this.schedule();
  }

  report(message: string): void {
    this.message = message;
    this.sink?.report({ message });
  }

  async waitForUser<T>(prompt: () => Thenable<T>): Promise<T> {
    this.prompts++;
    // What was being reported ("Loading provisioning jobs…") is done once the user is asked.
    this.message = undefined;
    this.hide();
    try {
      return await prompt();
    } finally {
      this.prompts--;
      this.schedule();
    }
  }

  dispose(): void {
    this.finished = true;
    this.hide();
  }

  private schedule(): void {
    if (this.finished || this.prompts > 0 || this.timer || this.close) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.show();
    }, PROGRESS_DELAY_MS);
  }

  private hide(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.generation++;
    this.close?.();
    this.close = undefined;
    this.sink = undefined;
  }

  private show(): void {
    const generation = this.generation;
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: this.title, cancellable: true },
      (progress, token) => new Promise<void>((resolve) => {
        if (generation !== this.generation) {
          resolve();
          return;
        }
        this.close = resolve;
        this.sink = progress;
        if (this.message) progress.report({ message: this.message });
        token.onCancellationRequested(() => this.cancellation.cancel());
      }),
    );
  }
}

/**
 * The one wrapper every command runs through: logs start and end with duration, shows cancellable
 * progress while the extension works for a while (not while a prompt waits for the user), turns
 * failures into one sentence with "Show Log" and the actions that fix them, and stays silent on
 * cancel. Handlers never show error messages themselves.
 */
export class CommandRunner {
  private sequence = 0;

  constructor(
    private readonly logger: OutputChannelLogger,
    /** A command's title for its progress and error sentence (see commandTitles.ts). */
    private readonly titleOf: (id: CommandId) => string,
    /** Told every command's result (the walkthrough ticks the step a result completes). */
    private readonly onFinished: (id: CommandId, result: unknown) => void = () => undefined,
  ) {}

  /**
   * Runs work on behalf of a command without going through `executeCommand` (the mapping editor's
   * Save button): the same log lines, progress, error sentence and walkthrough tick.
   */
  runTask<T>(id: CommandId, work: (context: CommandContext) => Promise<T>): Promise<T | undefined> {
    return this.run(id, work, []) as Promise<T | undefined>;
  }

  async run(id: CommandId, handler: CommandHandler, args: unknown[]): Promise<unknown> {
    const runId = ++this.sequence;
    const log = this.logger.child('command');
    const started = Date.now();
    const cancellation = new vscode.CancellationTokenSource();
    const abort = new AbortController();
    cancellation.token.onCancellationRequested(() => abort.abort(new vscode.CancellationError()));
    const progress = new WorkProgress(this.titleOf(id), cancellation);
    const context: CommandContext = {
      token: cancellation.token,
      signal: abort.signal,
      report: (message) => progress.report(message),
      waitForUser: (prompt) => progress.waitForUser(prompt),
    };

    log.info(`#${runId} ${id} started`);
    try {
      const result = await handler(context, ...args);
      log.info(`#${runId} ${id} finished in ${Date.now() - started} ms`);
      this.onFinished(id, result);
      return result;
    } catch (error) {
      if (isCancellation(error) || cancellation.token.isCancellationRequested) {
        log.info(`#${runId} ${id} cancelled after ${Date.now() - started} ms`);
        return undefined;
      }
      log.error(`#${runId} ${id} failed after ${Date.now() - started} ms`);
      log.error(error instanceof Error ? error : String(error));
      this.showFailure(this.titleOf(id), error);
      return undefined;
    } finally {
      progress.dispose();
      cancellation.dispose();
    }
  }

  private showFailure(title: string, error: unknown): void {
    const showLog = vscode.l10n.t('Show Log');
    const message = vscode.l10n.t('{0}: {1}', title, describeError(error));
    const actions = failureActions(error);
    // Not awaited: the notification stays until dismissed and must not hold the command open.
    void vscode.window.showErrorMessage(message, ...actions.map((a) => a.title), showLog).then((choice) => {
      if (choice === showLog) this.logger.show();
      const action = actions.find((a) => a.title === choice);
      if (action) void vscode.commands.executeCommand(action.command, action.argument);
    });
  }
}

interface GraphFailure {
  name: string;
  kind: string;
  message: string;
  requestId?: string;
  missingPermission?: string;
  requiredRole?: string;
  retryAfterSeconds?: number;
  code?: string;
}

/** The buttons that fix a failure: a UserFacingError's own, or those of a failed sign-in. */
function failureActions(error: unknown): readonly FollowUpAction[] {
  if (error instanceof Error && error.name === 'UserFacingError') return (error as Partial<UserFacingError>).actions ?? [];
  const signIn = signInFailureOf(error);
  return signIn ? signInHelp(signIn.problem, signIn.code, signIn.detail).actions : [];
}

/**
 * A Graph failure in the user's language. The Graph layer is host-free and words its errors in
 * English for the log; here they become a localized sentence, keeping Graph's own message where it
 * is the useful part, and the request-id for support. (Duck-typed: the error class lives in the
 * separately loaded Graph runtime bundle.)
 */
function describeGraphFailure(error: GraphFailure): string {
  const ref = error.requestId ? ` ${vscode.l10n.t('(request-id {0})', error.requestId)}` : '';
  const graphText = error.message.replace(/^Could not [^:]+: /, '').replace(/ \(request-id [^)]+\)\.?$/, '');
  switch (error.kind) {
    case 'notSignedIn': return vscode.l10n.t('Not signed in, or the sign-in expired: sign in again.') + ref;
    case 'forbidden': {
      if (!error.missingPermission) return vscode.l10n.t('Access denied.') + ref;
      const role = error.requiredRole ?? 'Cloud Application Administrator';
      return vscode.l10n.t('Access denied: this needs the delegated permission {0} and at least the {1} directory role (an app-only sign-in needs the application permissions instead).', error.missingPermission, role) + ref;
    }
    case 'notFound': return vscode.l10n.t('Not found: it may have been deleted. Refresh the view.') + ref;
    case 'notReplicated': return vscode.l10n.t('Microsoft Entra has not finished replicating what was just created (it usually takes under a minute): try again shortly.') + ref;
    case 'throttled': return vscode.l10n.t('Microsoft Graph is throttling requests: try again in {0} seconds.', String(error.retryAfterSeconds ?? 30)) + ref;
    case 'conflict': return vscode.l10n.t('It changed meanwhile: refresh and try again.') + ref;
    case 'invalidRequest': return vscode.l10n.t('Microsoft Graph refused the request: {0}', graphText) + ref;
    case 'unavailable': return vscode.l10n.t('Microsoft Graph is unavailable right now: try again later.') + ref;
    case 'network': return vscode.l10n.t('Could not reach Microsoft Graph: check the network connection and the Graph endpoint setting.');
    default: return error.message;
  }
}

/** Errors of @azure/identity whose messages are written for the person signing in. */
const signInErrorNames = new Set(['CredentialUnavailableError', 'AuthenticationRequiredError', 'AuthenticationError']);

/**
 * One sentence for the user. Errors written for people (UserFacingError, Graph failures, sign-in
 * errors) say what happened in their own words; anything else is a defect of ours, whose text
 * (a TypeError's, say) means nothing to the user: it gets a plain sentence, and the log has the
 * details. Recognised by name, not instanceof: errors come from several bundles.
 */
export function describeError(error: unknown): string {
  const failure = error as Partial<GraphFailure> | undefined;
  const signIn = signInFailureOf(error);
  if (signIn) return redactSecrets(signInHelp(signIn.problem, signIn.code, signIn.detail).message);
  if (error instanceof Error && failure?.name === 'ProvisioningApiError' && typeof failure.kind === 'string') {
    return redactSecrets(describeGraphFailure(failure as GraphFailure));
  }
  if (error instanceof Error && (error.name === 'UserFacingError' || signInErrorNames.has(error.name))) {
    const firstLine = error.message.split(/\r?\n/, 1)[0].trim();
    if (firstLine) return redactSecrets(firstLine);
  }
  return vscode.l10n.t('Something went wrong. The log has the details.');
}
