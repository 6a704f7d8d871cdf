/**
 * The host-free parts of `entraProvisioning.bulkJobAction` (issue #16): its argument, checked
 * strictly; its result; and the bounded, cancellable run over many jobs. The command words the
 * problems and results in the user's language.
 */

/** What a bulk action does to every job: the single commands startJob, pauseJob, restartJob. */
export type BulkAction = 'start' | 'pause' | 'restart';

export const bulkActions: readonly BulkAction[] = ['start', 'pause', 'restart'];

/** The restart criteria Graph accepts (`criteria.resetScope` of the restart call). */
export const resetScopeNames: readonly string[] = ['None', 'ConnectorDataStore', 'Escrows', 'Watermark', 'QuarantineState', 'Full', 'ForceDeletes'];

/** Whether `value` is a list of restart criteria Graph accepts. */
export function isResetScope(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((s) => typeof s === 'string' && resetScopeNames.includes(s));
}

/** One job of a bulk action, as a script names it. */
export interface BulkTargetArg {
  readonly servicePrincipalId: string;
  readonly jobId: string;
  readonly connectionId?: string;
}

/** The argument of `entraProvisioning.bulkJobAction` (public contract). */
export interface BulkJobActionArgs {
  readonly action: BulkAction;
  readonly targets: readonly BulkTargetArg[];
  /** Restart only: what the restart clears; asked once for all jobs when omitted. */
  readonly resetScope?: readonly string[];
  readonly skipConfirmation?: boolean;
}

/** The outcome for one job (public contract). */
export interface BulkJobResult {
  readonly servicePrincipalId: string;
  readonly jobId: string;
  readonly ok: boolean;
  /** The job's status code after the action, when it could be read. */
  readonly status?: string;
  /** Why it failed or did not run, in one sentence for the user. */
  readonly error?: string;
}

/** The result of `entraProvisioning.bulkJobAction` (public contract). */
export interface BulkJobActionResult {
  readonly results: readonly BulkJobResult[];
}

/** What is wrong with a bulk argument; the command words it. `index` counts targets from 0. */
export type BulkArgProblem =
  | { readonly kind: 'notObject' }
  | { readonly kind: 'unknownKey'; readonly key: string }
  | { readonly kind: 'action'; readonly given: unknown }
  | { readonly kind: 'targets' }
  | { readonly kind: 'target'; readonly index: number }
  | { readonly kind: 'targetKey'; readonly index: number; readonly key: string }
  | { readonly kind: 'connectionId'; readonly index: number }
  | { readonly kind: 'duplicate'; readonly index: number; readonly first: number }
  | { readonly kind: 'resetScope' }
  | { readonly kind: 'resetScopeNotRestart' }
  | { readonly kind: 'skipConfirmation' };

const argKeys = new Set(['action', 'targets', 'resetScope', 'skipConfirmation']);
const targetKeys = new Set(['servicePrincipalId', 'jobId', 'connectionId']);
const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks a script's argument strictly: unknown keys (a misspelt `resetScopes`) and a job named twice
 * are refused rather than ignored, since a bulk action on the wrong set of jobs is hard to undo.
 * @param currentConnectionId the connection a target without `connectionId` acts on, so that a job
 *   named once without it and once with the current connection's id counts as named twice.
 */
export function parseBulkJobActionArgs(arg: unknown, currentConnectionId?: string): { readonly args: BulkJobActionArgs } | { readonly problem: BulkArgProblem } {
  if (!isRecord(arg)) return { problem: { kind: 'notObject' } };
  const unknownKey = Object.keys(arg).find((k) => !argKeys.has(k));
  if (unknownKey !== undefined) return { problem: { kind: 'unknownKey', key: unknownKey } };
  const { action, targets, resetScope, skipConfirmation } = arg;
  if (typeof action !== 'string' || !bulkActions.includes(action as BulkAction)) return { problem: { kind: 'action', given: action } };
  if (!Array.isArray(targets) || targets.length === 0) return { problem: { kind: 'targets' } };
  const parsed: BulkTargetArg[] = [];
  const seen = new Map<string, number>();
  for (const [index, target] of targets.entries()) {
    if (!isRecord(target)) return { problem: { kind: 'target', index } };
    const key = Object.keys(target).find((k) => !targetKeys.has(k));
    if (key !== undefined) return { problem: { kind: 'targetKey', index, key } };
    const { servicePrincipalId, jobId, connectionId } = target;
    if (!nonEmpty(servicePrincipalId) || !nonEmpty(jobId)) return { problem: { kind: 'target', index } };
    if (connectionId !== undefined && !nonEmpty(connectionId)) return { problem: { kind: 'connectionId', index } };
    const identity = targetKey({ connectionId: connectionId ?? currentConnectionId ?? '', servicePrincipalId, jobId });
    const first = seen.get(identity);
    if (first !== undefined) return { problem: { kind: 'duplicate', index, first } };
    seen.set(identity, index);
    parsed.push(connectionId === undefined ? { servicePrincipalId, jobId } : { servicePrincipalId, jobId, connectionId });
  }
  if (resetScope !== undefined) {
    if (action !== 'restart') return { problem: { kind: 'resetScopeNotRestart' } };
    if (!isResetScope(resetScope)) return { problem: { kind: 'resetScope' } };
  }
  if (skipConfirmation !== undefined && typeof skipConfirmation !== 'boolean') return { problem: { kind: 'skipConfirmation' } };
  return {
    args: {
      action: action as BulkAction,
      targets: parsed,
      ...(resetScope !== undefined ? { resetScope: resetScope as string[] } : {}),
      ...(skipConfirmation !== undefined ? { skipConfirmation } : {}),
    },
  };
}

/** One key per job, for finding the same job named twice (a tree selection of a job and a row below it). */
export function targetKey(target: { readonly connectionId: string; readonly servicePrincipalId: string; readonly jobId: string }): string {
  return `${target.connectionId}\n${target.servicePrincipalId}\n${target.jobId}`;
}

/** How a bulk run went, for the summary: jobs not run (cancelled) count apart from failures. */
export interface BulkCounts {
  readonly succeeded: number;
  readonly failed: number;
  readonly notRun: number;
}

/** Counts results; `notRun` are the jobs `runBounded` never started. */
export function countResults(outcomes: ReadonlyArray<BulkOutcome<unknown>>): BulkCounts {
  let succeeded = 0;
  let failed = 0;
  let notRun = 0;
  for (const outcome of outcomes) {
    if (outcome.kind === 'notRun') notRun++;
    else if (outcome.kind === 'done' && outcome.ok) succeeded++;
    else failed++;
  }
  return { succeeded, failed, notRun };
}

/** What became of one item of `runBounded`: its work's value, a failure, or never started. */
export type BulkOutcome<R> =
  | { readonly kind: 'done'; readonly ok: boolean; readonly value: R }
  | { readonly kind: 'failed'; readonly error: unknown }
  | { readonly kind: 'notRun' };

/**
 * Runs `work` over `items` with at most `limit` at a time, in order of the list. One item's failure
 * does not stop the others. Once `stopped()` says so, no further item starts (those already
 * running finish: their request may already have reached the service) and the rest come back as
 * not run. Outcomes are in the order of `items`; `ok` is what `succeeded` says of the value.
 */
export async function runBounded<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
  options: { readonly stopped?: () => boolean; readonly succeeded?: (value: R) => boolean; readonly onSettled?: (index: number) => void } = {},
): Promise<Array<BulkOutcome<R>>> {
  const outcomes: Array<BulkOutcome<R>> = items.map(() => ({ kind: 'notRun' }));
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length && !options.stopped?.()) {
      const index = next++;
      try {
        const value = await work(items[index], index);
        outcomes[index] = { kind: 'done', ok: options.succeeded?.(value) ?? true, value };
      } catch (error) {
        outcomes[index] = { kind: 'failed', error };
      }
      options.onSettled?.(index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  return outcomes;
}
