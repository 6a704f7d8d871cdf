import { CommandId } from '../shared/commandIds';

/** The walkthrough's id inside the extension (`contributes.walkthroughs[0].id`). */
export const WALKTHROUGH = 'provisionSaasApp';

/** The steps of the tutorial, in order; package.json declares the same ids. */
export const walkthroughSteps = ['signIn', 'addApp', 'assign', 'createJob', 'credentials', 'notifications', 'mappings', 'start', 'activity', 'scimApp'] as const;
export type WalkthroughStep = (typeof walkthroughSteps)[number];

/** The context key a step's `completionEvents` waits for. */
export function stepContextKey(step: WalkthroughStep): string {
  return `entraProvisioning.walkthrough.${step}`;
}

/** `<publisher>.<name>#<walkthrough>`, as `workbench.action.openWalkthrough` takes it. */
export function walkthroughId(extensionId: string): string {
  return `${extensionId}#${WALKTHROUGH}`;
}

const succeeded = (result: unknown): boolean => result !== undefined && result !== null;
const passed = (result: unknown): boolean => (result as { ok?: unknown } | undefined)?.ok === true;
// Failure emails turned on with a recipient by this very call (not another setting, not turning them off).
const setNotifications = (result: unknown): boolean => passed(result) && (result as { notifying?: unknown }).notifying === true
  && ((result as { changed?: unknown }).changed as unknown[] | undefined ?? []).some((k) => k === 'notificationEmail' || k === 'emailOnFailure');
// Start on several selected jobs returns the bulk action's `{ results }`: done when one of them started.
const started = (result: unknown): boolean => {
  const results = (result as { results?: unknown } | undefined)?.results;
  return Array.isArray(results) ? results.some((r) => (r as { ok?: unknown } | undefined)?.ok === true) : succeeded(result);
};
const assignedSomeone = (result: unknown): boolean => ((result as { assignmentIds?: unknown[] } | undefined)?.assignmentIds?.length ?? 0) > 0;

/**
 * Which command finishes which step, and what counts as finished. Commands return undefined when
 * the user cancels or the action fails, so a step ticks only when its action was actually done
 * (a cancelled gallery pick or a failed connection test leaves it open).
 */
interface StepRule {
  readonly step: WalkthroughStep;
  readonly done: (result: unknown) => boolean;
}

const stepByCommand: ReadonlyMap<string, StepRule> = new Map<string, StepRule>([
  [CommandId.addGalleryApp, { step: 'addApp', done: succeeded }],
  [CommandId.assignUsers, { step: 'assign', done: assignedSomeone }],
  [CommandId.createJob, { step: 'createJob', done: succeeded }],
  [CommandId.testConnection, { step: 'credentials', done: passed }],
  [CommandId.editProvisioningSettings, { step: 'notifications', done: setNotifications }],
  [CommandId.openMappingEditor, { step: 'mappings', done: succeeded }],
  [CommandId.startJob, { step: 'start', done: started }],
  [CommandId.streamActivity, { step: 'activity', done: (result) => (result as { streaming?: unknown } | undefined)?.streaming === true }],
  [CommandId.pointSandboxJobAtScimApp, { step: 'scimApp', done: succeeded }],
]);

/** The step a command's result completes, if any. */
export function stepCompletedBy(commandId: string, result: unknown): WalkthroughStep | undefined {
  const rule = stepByCommand.get(commandId);
  return rule && rule.done(result) ? rule.step : undefined;
}
