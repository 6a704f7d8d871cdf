import * as vscode from 'vscode';
import { inlineText } from '../activity/eventDetails';
import { localizedOutcomeWords } from '../activity/localizedWords';
import { describeOutcome } from '../activity/outcome';
import type { OnDemandResult } from '../graph/jobsApi';
import type { ProvisioningService } from '../graph/provisioningService';
import { documentName } from '../host/readOnlyDocuments';
import { readTargetUser, type TargetUserRead } from '../scimCheck/targetUser';
import { clockTime } from '../shared/clockTime';
import { CommandId } from '../shared/commandIds';
import { isCancellation, UserFacingError } from '../shared/errors';
import { redactSecrets } from '../shared/logger';
import type { JobTarget } from '../shared/targets';
import {
  attributesFromModifiedProperties, diffAttributes, flattenScimResource, scimMatchFilter, testUserKey, testUserLabel, userMatching,
  type AttributeRow, type TestUser, type TestUserKey, type UserMatching,
} from '../shared/testUsers';
import { onDemandReportsFolder } from '../tree/onDemandResultsNode';
import type { CommandContext } from './commandRunner';
import { InputFlow } from './inputFlow';
import { jobForWrite } from './jobActions';
import { resolveJobTarget } from './jobTarget';
import type { Services } from './services';
import { pickUsers } from './userPicker';

/** The saved list after a change (public result of add and remove). */
export interface TestUsersResult {
  readonly users: TestUser[];
}

/** One test user's on-demand run, as `provisionTestUsers` returns it. */
export interface TestUserRun extends TestUser {
  /** True when the service reports Success. */
  readonly ok: boolean;
  /** `Success`, `Skipped`, `Failure`, ...; `Error` when the request itself failed. */
  readonly result: string;
  readonly action?: string;
  readonly errorCode?: string;
  /** The service's error message, or why the request failed (secrets redacted). */
  readonly errorMessage?: string;
  readonly steps: OnDemandResult['steps'];
  /**
   * Where before and after come from: `target` read from the app before and after the run (a
   * sandbox job's SCIM endpoint), `report` the on-demand report's modified properties.
   */
  readonly attributesFrom: 'target' | 'report';
  /** Why the target could not be read, when `attributesFrom` is `report`. */
  readonly attributesNote?: string;
  /** With `target`: whether the object existed before and after the run. */
  readonly targetFound?: { readonly before: boolean; readonly after: boolean };
  readonly attributes: AttributeRow[];
}

/** Result of `provisionTestUsers` (public contract, see the README). */
export interface ProvisionTestUsersResult {
  /** True when every user's run reported Success. */
  readonly ok: boolean;
  /** True when the run was cancelled: `users` holds the runs finished before. */
  readonly cancelled: boolean;
  readonly users: TestUserRun[];
}

/** The workspace-state key of a job's test users: the tenant's id, so a sandbox on another port finds them again. */
function storeKey(services: Services, target: JobTarget): TestUserKey {
  return testUserKey(target, services.connections.list().find((c) => c.id === target.connectionId)?.tenantId);
}

/** The saved test users of a job (the tree's "Test users" rows read them too). */
export function savedTestUsers(services: Services, target: JobTarget): TestUser[] {
  return services.testUsers.list(storeKey(services, target));
}

function parseUsers(value: unknown): TestUser[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((u) => !u || typeof u !== 'object' || typeof (u as { id?: unknown }).id !== 'string' || !(u as { id: string }).id.trim())) {
    throw new UserFacingError(vscode.l10n.t('users must be a list of {{ id, displayName?, userPrincipalName? }} with non-empty ids.'));
  }
  return (value as TestUser[]).map((u) => ({ id: u.id.trim(), displayName: typeof u.displayName === 'string' ? u.displayName : undefined, userPrincipalName: typeof u.userPrincipalName === 'string' ? u.userPrincipalName : undefined }));
}

/**
 * Adds users to a job's test users (a multi-pick of the app's assigned users and the directory).
 * Scripted: `{ servicePrincipalId, jobId, connectionId?, users: [{ id, displayName?, userPrincipalName? }] }`
 * → `{ users }`, the saved list; names a script leaves out are read from the directory.
 */
export async function addTestUsers(services: Services, context: CommandContext, arg?: unknown): Promise<TestUsersResult | undefined> {
  const given = parseUsers((arg as { users?: unknown } | undefined)?.users);
  const flow = new InputFlow(context, vscode.l10n.t('Add Test Users stopped: nobody was added.'));
  let chosen: { target: JobTarget; users: TestUser[] } | undefined;
  try {
    const target = await resolveJobTarget(services, context, arg, flow);
    if (!target) return undefined;
    const service = await services.graph.service(target.connectionId);
    const saved = new Set(savedTestUsers(services, target).map((u) => u.id.toLowerCase()));
    const users = given
      ? await withNames(service, given, context.signal)
      : await pickUsers(service, target, context, flow, { title: vscode.l10n.t('Test users of {0}', target.appDisplayName ?? target.jobId), exclude: saved });
    chosen = users && users.length ? { target, users } : undefined;
  } finally {
    flow.dispose();
  }
  if (!chosen) return undefined;
  const users = await services.testUsers.add(storeKey(services, chosen.target), chosen.users);
  services.tree.testUsersChanged(chosen.target);
  return { users };
}

/** Fills in the labels a script left out, from the directory; a user that cannot be read fails the command. */
async function withNames(service: ProvisioningService, users: readonly TestUser[], signal: AbortSignal): Promise<TestUser[]> {
  return Promise.all(users.map(async (u) => {
    if (u.displayName && u.userPrincipalName) return u;
    const read = await service.apps.getUser(u.id, ['id', 'displayName', 'userPrincipalName'], signal);
    return { id: u.id, displayName: u.displayName ?? read.displayName ?? undefined, userPrincipalName: u.userPrincipalName ?? read.userPrincipalName ?? undefined };
  }));
}

/**
 * Removes one test user of a job: a "Test users" row, or one picked from the job's list. Scripted:
 * `{ servicePrincipalId, jobId, connectionId?, userId }` → `{ users }`, the saved list.
 */
export async function removeTestUser(services: Services, context: CommandContext, arg?: unknown): Promise<TestUsersResult | undefined> {
  const given = (arg as { userId?: unknown } | undefined)?.userId ?? (arg as { testUser?: { id?: unknown } } | undefined)?.testUser?.id;
  if (given !== undefined && (typeof given !== 'string' || !given)) throw new UserFacingError(vscode.l10n.t('userId must be a non-empty string.'));
  const flow = new InputFlow(context, vscode.l10n.t('Remove Test User stopped: nobody was removed.'));
  let chosen: { target: JobTarget; userId: string } | undefined;
  try {
    const target = await resolveJobTarget(services, context, arg, flow);
    if (!target) return undefined;
    let userId = given as string | undefined;
    if (!userId) {
      const saved = savedTestUsers(services, target);
      if (saved.length === 0) throw new UserFacingError(vscode.l10n.t('{0} has no test users.', target.appDisplayName ?? target.jobId));
      const [picked] = await flow.pick(saved.map((u) => ({ label: testUserLabel(u), description: u.userPrincipalName ?? u.id, user: u })), { title: vscode.l10n.t('Remove which test user?'), matchOnDescription: true }) ?? [];
      userId = picked?.user.id;
    }
    chosen = userId ? { target, userId } : undefined;
  } finally {
    flow.dispose();
  }
  if (!chosen) return undefined;
  const users = await services.testUsers.remove(storeKey(services, chosen.target), chosen.userId);
  services.tree.testUsersChanged(chosen.target);
  return { users };
}

/** How this run can read the target: a SCIM endpoint with its token, or why not. */
type TargetAccess = { readonly baseAddress: string; readonly token: string; readonly sourceAttribute: string; readonly targetAttribute: string } | { readonly reason: string };

/**
 * Whether the job's target can be read: only a sandbox job whose SCIM endpoint this session knows
 * the token of (Graph returns the Tenant URL but never the token), and whose first matching
 * mapping takes one attribute as it is.
 */
async function targetAccess(services: Services, service: ProvisioningService, target: JobTarget, matching: UserMatching, signal: AbortSignal): Promise<TargetAccess> {
  if (services.graph.connection(target.connectionId).kind !== 'sandbox') return { reason: vscode.l10n.t('the app\'s credentials are write-only in Microsoft Entra, so its objects cannot be read from here') };
  const saved = await service.secrets.list(target.servicePrincipalId, signal);
  const baseAddress = saved.find((s) => s.key === 'BaseAddress')?.value ?? undefined;
  if (!baseAddress) return { reason: vscode.l10n.t('the job has no SCIM Tenant URL') };
  const token = services.sandboxes.scimToken(target.connectionId, baseAddress);
  if (!token) return { reason: vscode.l10n.t('the SCIM endpoint\'s token was not saved in this session (Graph never returns it): save the credentials or point the job at the endpoint again') };
  if (!matching.sourceAttribute || !matching.targetAttribute) return { reason: vscode.l10n.t('the job\'s matching attribute is an expression, not one attribute, so the target object cannot be looked up') };
  return { baseAddress, token, sourceAttribute: matching.sourceAttribute, targetAttribute: matching.targetAttribute };
}

/**
 * Provisions every saved test user of a job on demand, one after another, and reports per user the
 * steps and the target object's attributes before and after: read from the target where this
 * session can (a sandbox job's SCIM endpoint), else the on-demand report's modified properties.
 * Cancelling stops before the next user and keeps the runs done. Scripted: `{ servicePrincipalId,
 * jobId, connectionId? }` → `{ ok, cancelled, users: [{ id, displayName?, userPrincipalName?, ok,
 * result, action?, errorCode?, errorMessage?, steps, attributesFrom: "target" | "report",
 * attributesNote?, targetFound?, attributes: [{ attribute, before?, after?, change }] }] }`.
 */
export async function provisionTestUsers(services: Services, context: CommandContext, arg?: unknown): Promise<ProvisionTestUsersResult | undefined> {
  const resolved = await jobForWrite(services, context, arg);
  if (!resolved) return undefined;
  const { target, service } = resolved;
  const app = target.appDisplayName ?? target.servicePrincipalId;
  const users = savedTestUsers(services, target);
  if (users.length === 0) {
    throw new UserFacingError(vscode.l10n.t('{0} has no test users yet: add some first.', app), {
      actions: [{ title: vscode.l10n.t('Add Test Users'), command: CommandId.addTestUsers, argument: { jobTarget: target } }],
    });
  }
  const schema = await service.schema.get(target.servicePrincipalId, target.jobId, context.signal);
  const matching = userMatching(schema);
  if (!matching) throw new UserFacingError(vscode.l10n.t('The job\'s schema has no synchronization rule to provision with.'));
  const access = await targetAccess(services, service, target, matching, context.signal);
  const runs: TestUserRun[] = [];
  let cancelled = false;
  for (const [i, user] of users.entries()) {
    if (context.signal.aborted) {
      cancelled = true;
      break;
    }
    context.report(vscode.l10n.t('Provisioning {0} ({1} of {2})…', testUserLabel(user), i + 1, users.length));
    try {
      runs.push(await runOne(service, target, matching, access, user, context.signal));
    } catch (error) {
      if (!isCancellation(error) && !context.signal.aborted) throw error;
      cancelled = true;
      break;
    }
  }
  const result: ProvisionTestUsersResult = { ok: !cancelled && runs.every((r) => r.ok), cancelled, users: runs };
  if (runs.length > 0) {
    // A skip (the target already has the values, the user is out of scope) is not a failure: counted
    // apart, a run of up-to-date users no longer reads "0 of 2 succeeded".
    const succeeded = runs.filter((r) => r.ok).length;
    const skipped = runs.filter((r) => !r.ok && r.result === 'Skipped').length;
    const headline = vscode.l10n.t('Test users in {0}: {1} succeeded, {2} skipped, {3} failed', app, succeeded, skipped, runs.length - succeeded - skipped);
    const time = clockTime(new Date(), vscode.env.language, { seconds: true });
    const uri = services.documents.add(onDemandReportsFolder(target), documentName(vscode.l10n.t('Test users in {0}, {1}', app, time), '.md'), renderReport(headline, target, result), headline);
    services.tree.onDemandReportAdded(target);
    if (!isScripted(arg)) await services.documents.showRendered(uri);
  }
  return result;
}

/** A plain `{ servicePrincipalId, jobId }` from a script (a tree node carries a jobTarget). */
function isScripted(arg: unknown): boolean {
  return Boolean(arg && typeof arg === 'object' && 'jobId' in arg && !('jobTarget' in arg));
}

/** One user's run: the target before, the on-demand call, the target after. */
async function runOne(service: ProvisioningService, target: JobTarget, matching: UserMatching, access: TargetAccess, user: TestUser, signal: AbortSignal): Promise<TestUserRun> {
  let filter: string | undefined;
  let note = 'reason' in access ? access.reason : undefined;
  let before: TargetUserRead | undefined;
  if (!('reason' in access)) {
    const source = await service.apps.getUser(user.id, [access.sourceAttribute], signal).catch((e: unknown) => {
      if (isCancellation(e) || signal.aborted) throw e;
      return undefined;
    });
    const value = (source as Record<string, unknown> | undefined)?.[access.sourceAttribute];
    filter = typeof value === 'string' && value ? scimMatchFilter(access.targetAttribute, value) : undefined;
    if (!filter) note = vscode.l10n.t('the user\'s {0} has no value to look the target object up by', access.sourceAttribute);
    else before = await readTargetUser(access.baseAddress, access.token, filter, signal);
  }
  let outcome: OnDemandResult;
  try {
    outcome = await service.jobs.provisionOnDemand(target.servicePrincipalId, target.jobId, matching.ruleId, [{ objectId: user.id, objectTypeName: 'User' }], signal);
  } catch (error) {
    if (isCancellation(error) || signal.aborted) throw error;
    return { ...user, ok: false, result: 'Error', errorMessage: redactSecrets((error as Error).message), steps: [], attributesFrom: 'report', attributesNote: note, attributes: [] };
  }
  const run = {
    ...user,
    ok: outcome.ok,
    result: outcome.result,
    ...(outcome.action && { action: outcome.action }),
    ...(outcome.errorCode && { errorCode: outcome.errorCode }),
    ...(outcome.errorMessage && { errorMessage: redactSecrets(outcome.errorMessage) }),
    steps: outcome.steps.map((s) => ({ ...s, description: redactSecrets(s.description) })),
  };
  const after = before?.ok && filter && !('reason' in access) ? await readTargetUser(access.baseAddress, access.token, filter, signal) : undefined;
  if (before?.ok && after?.ok) {
    const attributes = diffAttributes(before.resource && flattenScimResource(before.resource), after.resource && flattenScimResource(after.resource));
    return { ...run, attributesFrom: 'target', targetFound: { before: !!before.resource, after: !!after.resource }, attributes };
  }
  const failed = before && !before.ok ? before : after && !after.ok ? after : undefined;
  if (failed && !failed.ok) note = vscode.l10n.t('the target could not be read: {0}', failed.reason);
  const fromReport = attributesFromModifiedProperties(outcome.modifiedProperties);
  return { ...run, attributesFrom: 'report', ...(note && { attributesNote: note }), attributes: diffAttributes(fromReport.before, fromReport.after) };
}

function changeWord(change: AttributeRow['change']): string {
  switch (change) {
    case 'changed': return vscode.l10n.t('changed');
    case 'added': return vscode.l10n.t('added');
    case 'removed': return vscode.l10n.t('removed');
    default: return '';
  }
}

function cell(value: string | undefined): string {
  return value === undefined ? '' : inlineText(redactSecrets(value)).replace(/\|/g, '\\|');
}

/** The run's document: per user the steps, then the attributes before and after (changed rows marked). */
function renderReport(headline: string, target: JobTarget, result: ProvisionTestUsersResult): string {
  const lines = [
    `# ${inlineText(headline)}`,
    '',
    vscode.l10n.t('On-demand run, {0}', new Date().toLocaleString(vscode.env.language)),
    '',
    `- **${vscode.l10n.t('App')}:** ${inlineText(target.appDisplayName ?? target.servicePrincipalId)}`,
    `- **${vscode.l10n.t('Job')}:** \`${target.jobId}\``,
    '',
  ];
  if (result.cancelled) lines.push(`> ${vscode.l10n.t('Cancelled: the users after these were not provisioned.')}`, '');
  for (const run of result.users) {
    // Headed as the single on-demand report is ("Updated Adele Vance in Contoso"), not by Graph's words.
    const outcome = describeOutcome({ action: run.action, status: run.result, user: testUserLabel(run), app: target.appDisplayName ?? target.servicePrincipalId, code: run.errorCode, reason: run.errorMessage }, localizedOutcomeWords());
    lines.push(`## ${inlineText(redactSecrets(outcome))}`, '');
    lines.push(`\`${run.id}\`${run.userPrincipalName ? ` · ${inlineText(run.userPrincipalName)}` : ''}${run.errorCode ? ` · ${inlineText(run.errorCode)}` : ''}`, '');
    if (run.errorMessage) lines.push(`> ${inlineText(run.errorMessage)}`, '');
    lines.push(`### ${vscode.l10n.t('Steps')}`, '');
    if (run.steps.length === 0) lines.push(vscode.l10n.t('The service reported no steps.'));
    run.steps.forEach((step, i) => lines.push(`${i + 1}. **${inlineText(step.name)}** — ${inlineText(step.status)}: ${inlineText(step.description)}`));
    lines.push('', `### ${vscode.l10n.t('Before and after')}`, '');
    if (run.attributesFrom === 'target') {
      lines.push(vscode.l10n.t('Read from the app before and after the run (SCIM).'));
      if (run.targetFound && !run.targetFound.before) lines.push('', vscode.l10n.t('The app had no such user before the run.'));
      if (run.targetFound && !run.targetFound.after) lines.push('', vscode.l10n.t('The app has no such user after the run.'));
    } else {
      lines.push(vscode.l10n.t('From the on-demand report\'s modified properties: {0}.', run.attributesNote ?? vscode.l10n.t('the app was not read')));
    }
    lines.push('');
    if (run.attributes.length === 0) {
      lines.push(vscode.l10n.t('No attributes to compare.'), '');
      continue;
    }
    lines.push(`| ${vscode.l10n.t('Attribute')} | ${vscode.l10n.t('Before')} | ${vscode.l10n.t('After')} | ${vscode.l10n.t('Change')} |`, '| --- | --- | --- | --- |');
    for (const row of run.attributes) {
      const name = row.change === 'unchanged' ? cell(row.attribute) : `**${cell(row.attribute)}**`;
      lines.push(`| ${name} | ${cell(row.before)} | ${cell(row.after)} | ${changeWord(row.change)} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
