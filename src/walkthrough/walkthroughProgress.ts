import * as vscode from 'vscode';
import type { Logger } from '../shared/logger';
import { stepCompletedBy, stepContextKey, walkthroughId, type WalkthroughStep } from './walkthroughSteps';

/**
 * Ticks the walkthrough's steps when their actions succeed.
 *
 * Two paths, because VS Code builds its walkthrough registry lazily (when a walkthrough is first
 * shown) and ignores a context key that was already true at that moment: a step done before the
 * walkthrough was ever opened would stay unticked. So each step's context key is set for the
 * declared `completionEvents`, and the step is also marked complete directly through the
 * workbench's `welcome.markStepComplete` (the command behind "Mark Done"), which creates the
 * registry if needed. If a VS Code lacks that command, the context keys still work.
 */
export class WalkthroughProgress {
  private readonly completed = new Set<WalkthroughStep>();

  constructor(
    private readonly extensionId: string,
    private readonly logger: Logger,
  ) {}

  get walkthroughId(): string {
    return walkthroughId(this.extensionId);
  }

  /** Called with every command's result; ticks the step that result completes, if any. */
  commandFinished(commandId: string, result: unknown): void {
    const step = stepCompletedBy(commandId, result);
    if (step) this.complete(step);
  }

  complete(step: WalkthroughStep): void {
    if (this.completed.has(step)) return;
    this.completed.add(step);
    void vscode.commands.executeCommand('setContext', stepContextKey(step), true);
    vscode.commands.executeCommand('welcome.markStepComplete', `${this.walkthroughId}#${step}`).then(undefined, (error: unknown) => {
      this.logger.debug(`walkthrough step ${step} left to its completion event: ${error instanceof Error ? error.message : String(error)}`);
    });
  }
}
