import * as vscode from 'vscode';
import type { CommandContext } from './commandRunner';

/** What an input box step asks. */
export interface FlowInputOptions {
  readonly title: string;
  readonly prompt?: string;
  readonly value?: string;
  /** Hide what is typed (a token, a password). */
  readonly password?: boolean;
  /** A message when the value cannot be accepted, undefined when it can. */
  readonly validate?: (value: string) => string | undefined;
}

/** What a quick pick step offers. */
export interface FlowPickOptions {
  readonly title: string;
  readonly placeholder?: string;
  readonly canPickMany?: boolean;
  readonly matchOnDescription?: boolean;
  readonly matchOnDetail?: boolean;
}

/** An item of a searching pick: rows without an id (messages, separators) are never answered. */
export type FlowSearchItem = vscode.QuickPickItem & { readonly id?: string };

/** What a quick pick that searches on the server as the user types offers. */
export interface FlowSearchOptions<T extends FlowSearchItem> extends FlowPickOptions {
  /** The rows for a search text ('' for the first page); run again, debounced, as the user types. */
  readonly load: (search: string) => Promise<readonly T[]>;
  /** The row a search put first that should be active (the app the user is working on). */
  readonly preferred?: (items: readonly T[]) => T | undefined;
  /** The row shown when a search finds nothing, so an Enter there says why nothing happens. */
  readonly noMatch: (search: string) => string;
  /** Called when a search failed; the pick shows the failure as a row. */
  readonly onError?: (error: Error) => void;
}

/**
 * A command's prompts as one quick input that stays on screen from step to step: each step takes
 * the place of the one before, searches between steps run with the answered step still shown (busy),
 * and the last one goes when the flow is disposed.
 *
 * Why not `showInputBox` then `showQuickPick`: a prompt that hides on Enter hands focus back to the
 * editor that had it while the key is still down. The walkthrough editor acts on the key's release
 * (keyup) and takes focus again a moment later, which closed the next prompt as soon as it opened:
 * the gallery search ended with no results, the pick of users with nobody chosen, silently.
 * Steps also stay open when focus leaves them (the walkthrough can still take focus after a command
 * palette Enter), so only Escape or another prompt closes them; when that happens after the user
 * had already answered or typed, the status bar says that nothing was done.
 */
export class InputFlow implements vscode.Disposable {
  private current?: vscode.QuickInput;
  private closed = false;
  private answered = 0;

  private readonly token: vscode.CancellationToken;

  constructor(
    /** The command's context: its cancellation, and the progress that must not show while a step waits. */
    private readonly context: Pick<CommandContext, 'token' | 'waitForUser'>,
    /** Shown in the status bar when the flow stops after the user had started answering. */
    private readonly stoppedMessage: string,
  ) {
    this.token = context.token;
  }

  /** Asks for a line of text; undefined when the prompt was closed. */
  input(options: FlowInputOptions): Promise<string | undefined> {
    const box = vscode.window.createInputBox();
    box.title = options.title;
    box.prompt = options.prompt;
    box.value = options.value ?? '';
    box.password = options.password ?? false;
    const validate = options.validate;
    if (validate) box.onDidChangeValue((value) => (box.validationMessage = validate(value)));
    return this.step(box, () => {
      box.validationMessage = validate?.(box.value);
      return box.validationMessage ? undefined : box.value;
    });
  }

  /**
   * Offers items (`active` highlighted, else the first; with canPickMany, `checked` checked); resolves to the chosen ones (with canPickMany, the checked ones: Enter with none
   * checked keeps the pick open), or undefined when the pick was closed.
   */
  pick<T extends vscode.QuickPickItem>(items: readonly T[], options: FlowPickOptions & { readonly active?: T; readonly checked?: readonly T[] }): Promise<readonly T[] | undefined> {
    const pick = vscode.window.createQuickPick<T>();
    pick.title = options.title;
    pick.placeholder = options.placeholder;
    pick.canSelectMany = options.canPickMany ?? false;
    pick.matchOnDescription = options.matchOnDescription ?? false;
    pick.matchOnDetail = options.matchOnDetail ?? false;
    pick.items = items;
    if (options.active) pick.activeItems = [options.active];
    // A created pick ignores items' `picked`: what starts checked is set here.
    if (options.checked && pick.canSelectMany) pick.selectedItems = options.checked;
    return this.step(pick, () => {
      const chosen = pick.canSelectMany || pick.selectedItems.length > 0 ? pick.selectedItems : pick.activeItems;
      return chosen.length > 0 ? chosen : undefined;
    });
  }

  /**
   * Offers rows loaded from the server, searched again as the user types (the quick pick's own
   * filter narrows what is shown meanwhile). With canPickMany, checked rows stay checked across
   * searches; Enter with none checked takes the highlighted row, so a user who typed a name and
   * pressed Enter gets that row rather than nothing. Undefined when the pick was closed.
   */
  async searchPick<T extends FlowSearchItem>(options: FlowSearchOptions<T>): Promise<readonly T[] | undefined> {
    const pick = vscode.window.createQuickPick<T | FlowSearchItem>();
    pick.title = options.title;
    pick.placeholder = options.placeholder;
    pick.canSelectMany = options.canPickMany ?? false;
    pick.matchOnDescription = options.matchOnDescription ?? false;
    pick.matchOnDetail = options.matchOnDetail ?? false;
    const checked = new Map<string, T>();
    const answerable = (item: T | FlowSearchItem): item is T => typeof item.id === 'string' && item.id !== '';
    pick.onDidChangeSelection((selection) => {
      if (!pick.canSelectMany) return;
      const shown = new Set(pick.items.filter(answerable).map((item) => item.id));
      for (const id of [...checked.keys()]) if (shown.has(id)) checked.delete(id);
      for (const item of selection) if (answerable(item)) checked.set(item.id as string, item);
    });
    let generation = 0;
    const load = async (search: string) => {
      const mine = ++generation;
      pick.busy = true;
      try {
        const found = await options.load(search);
        if (mine !== generation) return;
        // Rows checked under an earlier search stay on top, still checked.
        const kept = [...checked.values()];
        const rows = [...kept, ...found.filter((item) => !answerable(item) || !checked.has(item.id as string))];
        pick.items = rows.length > 0 ? rows : [{ label: `$(info) ${options.noMatch(search)}`, alwaysShow: true }];
        if (kept.length > 0) pick.selectedItems = kept;
        const preferred = options.preferred?.(found);
        if (preferred) pick.activeItems = [preferred];
      } catch (error) {
        if (mine !== generation) return;
        options.onError?.(error as Error);
        pick.items = [{ label: `$(warning) ${vscode.l10n.t('The search failed: {0}', (error as Error).message)}`, alwaysShow: true }];
      } finally {
        if (mine === generation) pick.busy = false;
      }
    };
    let timer: NodeJS.Timeout | undefined;
    pick.onDidChangeValue((value) => {
      clearTimeout(timer);
      timer = setTimeout(() => void load(value), 250);
    });
    void load('');
    try {
      return await this.step(pick, () => {
        const chosen = pick.canSelectMany && pick.selectedItems.length > 0 ? pick.selectedItems : pick.activeItems.slice(0, 1);
        const answer = chosen.filter(answerable);
        return answer.length > 0 ? answer : undefined;
      });
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Shows `ui` in place of the current step and waits for an answer: `answer()` runs on each Enter
   * and returns undefined to keep the step open. Undefined when the step was closed.
   */
  step<R>(ui: vscode.QuickInput & { readonly onDidAccept: vscode.Event<void>; readonly value: string }, answer: () => R | undefined): Promise<R | undefined> {
    if (this.closed || this.token.isCancellationRequested) {
      ui.dispose();
      this.stop();
      return Promise.resolve(undefined);
    }
    ui.ignoreFocusOut = true;
    const previous = this.current;
    this.current = ui;
    return this.context.waitForUser(() => new Promise<R | undefined>((resolve) => {
      const listeners: vscode.Disposable[] = [];
      const finish = (value: R | undefined) => {
        for (const listener of listeners) listener.dispose();
        if (value === undefined) {
          if (ui.value) this.answered++; // typed, then closed: not a silent cancel
          this.stop();
        } else {
          this.answered++;
        }
        resolve(value);
      };
      listeners.push(
        ui.onDidAccept(() => {
          if (ui.busy) return;
          const value = answer();
          if (value !== undefined) finish(value);
        }),
        // Hidden while it is still the current step: Escape or another prompt, not the next step.
        ui.onDidHide(() => {
          if (this.current === ui) this.closed = true;
          finish(undefined);
        }),
        this.token.onCancellationRequested(() => finish(undefined)),
      );
      ui.show();
      // Only now, so the quick input never leaves the screen (or gives focus back) between steps.
      previous?.dispose();
    }));
  }

  /** Runs work between steps (a search) with the answered step still on screen, shown busy. */
  async busy<T>(work: () => Promise<T>): Promise<T> {
    const ui = this.current;
    if (ui) ui.busy = true;
    try {
      return await work();
    } finally {
      if (ui) ui.busy = false;
    }
  }

  /** Hides the last step (idempotent). */
  dispose(): void {
    const last = this.current;
    this.current = undefined;
    last?.dispose();
  }

  private stop(): void {
    this.closed = true;
    if (this.answered > 0 && !this.token.isCancellationRequested) {
      this.answered = 0; // say it once per flow
      vscode.window.setStatusBarMessage(this.stoppedMessage, 8000);
    }
  }
}
