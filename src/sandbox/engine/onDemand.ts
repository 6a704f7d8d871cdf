import type { SandboxStore } from '../state/store';
import type { DirectoryGroup, JobRecord, ServicePrincipal } from '../types';
import type { OnDemandSubject } from './api';
import { toSummary } from './audit';
import type { ObjectOutcome } from './audit';
import { entitlement, prepareJob } from './cycle';
import type { CycleDeps, PreparedJob } from './cycle';
import { groupSourceObject, processGroup } from './processGroup';
import { processUser } from './processUser';
import { passesScope } from './scoping';
import { assignedUserIds as entitledUserIds, DEFAULT_ACCESS_ROLE_ID } from '../../shared/scoping';
import { randomUUID } from 'node:crypto';
import { badRequest, notFound } from '../http/graphError';

/**
 * Members a group may bring to one request: "The on-demand provisioning request API can only accept
 * a single group with up to 5 members at a time" (Known limitations, MicrosoftDocs/entra-docs
 * docs/identity/app-provisioning/provision-on-demand.md).
 */
export const ON_DEMAND_MAX_GROUP_MEMBERS = 5;

/** The provisionOnDemand answer: `key` the verdict, `value` the report (both JSON strings). */
type OnDemandAnswer = { key: string; value: string };

const verdict = (result: 'Success' | 'Skipped' | 'Failure', details: Record<string, string | undefined> = {}) => JSON.stringify({ result, details });

/**
 * The verdict's details for an outcome: a skip carries the SkipReason code its step logged (the
 * provisioning logs' codes, e.g. `NotEffectivelyEntitled`, `RedundantExport`) and that step's sentence.
 */
function details(o: ObjectOutcome): Record<string, string | undefined> {
  if (o.status === 'failure') return { errorCode: o.error?.code, errorMessage: o.error?.reason };
  if (o.status !== 'skipped') return {};
  const step = o.steps.find((s) => s.status === 'skipped' && s.details.SkipReason) ?? o.steps.find((s) => s.status === 'skipped');
  return { errorCode: step?.details.SkipReason, errorMessage: step?.description };
}

const STEP_TYPES: Record<string, string> = { import: 'Import', scoping: 'Scoping', matching: 'Matching', processing: 'Action', export: 'Export', referenceResolution: 'ReferenceResolution' };
const ACTIONS: Record<string, string> = { create: 'Create', update: 'Update', disable: 'Disable', delete: 'Delete', other: 'Other', stagedDelete: 'StagedDelete' };
const pascal = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Graph's provisionOnDemand report (the `value` JSON string) for one outcome. */
function report(o: ObjectOutcome, upn: string, changeId: string, start: Date, spName: string, spId: string, tenantId: string): object {
  return {
    action: ACTIONS[o.action] ?? 'Other',
    changeId,
    startTime: start.toISOString(),
    endTime: new Date().toISOString(),
    modifiedProperties: o.modifiedProperties,
    provisioningSteps: o.steps.map((s) => ({
      name: s.name, type: STEP_TYPES[s.provisioningStepType] ?? 'Other', status: pascal(s.status), description: s.description, timestamp: new Date().toISOString(), details: s.details,
    })),
    reportableIdentifier: upn,
    statusInfo: {
      status: pascal(o.status),
      errorCode: o.error?.code ?? null,
      reason: o.error?.reason ?? null,
      additionalDetails: null,
      errorCategory: o.error?.category ?? null,
      recommendedAction: o.error?.recommendedAction ?? null,
    },
    sourceIdentity: { id: o.source.id, type: 'User', displayName: o.source.displayName, details: {} },
    sourceSystem: { id: tenantId, name: 'Azure Active Directory', details: {} },
    targetIdentity: { id: o.target.id, type: 'User', displayName: o.target.displayName, details: {} },
    targetSystem: { id: spId, name: spName, details: {} },
  };
}

/**
 * Provisions one user, or one group with up to five of its members, right away (outside the
 * schedule), logs them like a cycle does with a user as initiator, and answers Graph's key/value
 * pair of JSON strings (a group's report is `{}`, as in the API reference's group example).
 */
export async function provisionOnDemand(deps: CycleDeps, spId: string, job: JobRecord, subjects: OnDemandSubject[], assignmentVisible?: (assignmentId: string) => boolean): Promise<OnDemandAnswer> {
  const store: SandboxStore = deps.store;
  const sp = store.servicePrincipals.get(spId)!;
  const groupSubjects = subjects.filter((s) => s.objectTypeName.toLowerCase() === 'group');
  const userSubjects = subjects.filter((s) => s.objectTypeName.toLowerCase() === 'user');
  if (groupSubjects.length > 0) {
    if (groupSubjects.length > 1 || userSubjects.length > 0) throw badRequest('Provision on demand takes one group (with up to 5 of its members) at a time.');
    return provisionGroupOnDemand(deps, sp, job, groupSubjects[0], assignmentVisible);
  }
  if (userSubjects.length === 0) throw badRequest(`Provision on demand provisions subjects of type 'User' or 'Group', not '${subjects[0]?.objectTypeName ?? ''}'.`);
  if (userSubjects.length > 1) throw badRequest('Provision on demand takes one user at a time.');
  const user = store.users.get(userSubjects[0].objectId);
  if (!user) throw notFound(`User '${userSubjects[0].objectId}' was not found.`, 'itemNotFound');
  const prepared = await prepareJob(deps, spId, job);
  if (!prepared || !('client' in prepared)) {
    const error = prepared ?? { code: 'NoUserMapping', message: 'The job has no enabled user mapping.', tenantActionable: true };
    return { key: verdict('Failure', { errorCode: error.code, errorMessage: error.message }), value: '{}' };
  }
  const start = new Date();
  const o = (await provisionMember(honoured(prepared, store, spId, assignmentVisible), job, user.id, store))!;
  await deps.settle?.();
  const changeId = randomUUID();
  logOnDemand(deps, sp, job, [o], changeId);
  return {
    key: verdict(o.status === 'success' ? 'Success' : o.status === 'skipped' ? 'Skipped' : 'Failure', details(o)),
    value: JSON.stringify(report(o, user.userPrincipalName, changeId, start, sp.displayName, sp.id, store.data.tenantId)),
  };
}

/**
 * The job as on-demand provisioning sees it: "There's a replication delay of up to a few minutes
 * between when an object is assigned to an application and when that assignment is honored in
 * on-demand provisioning" (provision-on-demand.md), so assignments not yet replicated do not entitle.
 */
function honoured(p: PreparedJob, store: SandboxStore, spId: string, assignmentVisible: ((assignmentId: string) => boolean) | undefined): PreparedJob {
  if (!assignmentVisible || p.syncAll) return p;
  const assignments = store.assignmentsFor(spId).filter((a) => assignmentVisible(a.id));
  const groups = p.groups && {
    ...p.groups,
    assigned: new Set(assignments.filter((a) => a.appRoleId !== DEFAULT_ACCESS_ROLE_ID && store.groups.has(a.principalId)).map((a) => a.principalId)),
  };
  return { ...p, assigned: entitledUserIds(assignments, (id) => store.principalUserIds(id)), groups };
}

/** Processes one user as a cycle would, logging no-change and out-of-scope results too. */
function provisionMember(prepared: PreparedJob, job: JobRecord, userId: string, store: SandboxStore): Promise<ObjectOutcome | null> {
  const user = store.users.get(userId)!;
  const e = entitlement(prepared, user);
  return processUser({
    job, user, entitled: e.entitled, scopeReason: e.reason, objectMapping: prepared.objectMapping, mappings: prepared.mappings,
    client: prepared.client, skipOutOfScopeDeletions: prepared.skipOutOfScopeDeletions, reportNoOps: true,
  });
}

/** Writes on-demand outcomes to the provisioning log, initiated by a user, as one change. */
function logOnDemand(deps: CycleDeps, sp: ServicePrincipal, job: JobRecord, outcomes: ObjectOutcome[], changeId = randomUUID()): void {
  const { store } = deps;
  const cycleId = randomUUID();
  const initiatedBy = { id: '', displayName: 'Provision on demand', initiatorType: 'user' as const };
  deps.logs.add(outcomes.map((o, i) => ({ ...toSummary({ tenantId: store.data.tenantId, jobId: job.id, cycleId, sp, initiatedBy }, o), changeId: i === 0 ? changeId : randomUUID() })));
}

/**
 * A group with the members the request links (`links.members`): the members are provisioned first
 * (the group's members must exist in the app), then the group is created or matched and its
 * membership written, as a cycle does. A group that is not assigned (or outside the group scoping
 * filter) is skipped with `NotEffectivelyEntitled`, a group already up to date with `RedundantExport`.
 */
async function provisionGroupOnDemand(deps: CycleDeps, sp: ServicePrincipal, job: JobRecord, subject: OnDemandSubject, assignmentVisible?: (assignmentId: string) => boolean): Promise<OnDemandAnswer> {
  const { store } = deps;
  const group = store.groups.get(subject.objectId);
  if (!group) throw notFound(`Group '${subject.objectId}' was not found.`, 'itemNotFound');
  const members = subject.links?.members ?? [];
  if (members.length > ON_DEMAND_MAX_GROUP_MEMBERS) {
    throw badRequest(`Provision on demand takes a group with up to ${ON_DEMAND_MAX_GROUP_MEMBERS} members at a time; ${members.length} were given.`);
  }
  for (const m of members) {
    if (m.objectTypeName.toLowerCase() !== 'user') throw badRequest(`links.members must be users; '${m.objectId}' is a '${m.objectTypeName}'.`);
    if (!group.members.includes(m.objectId) || !store.users.get(m.objectId)) throw badRequest(`'${m.objectId}' is not a member of group '${group.id}'.`);
  }
  const preparedOrError = await prepareJob(deps, sp.id, job);
  if (!preparedOrError || !('client' in preparedOrError)) {
    const error = preparedOrError ?? { code: 'NoUserMapping', message: 'The job has no enabled user mapping.', tenantActionable: true };
    return { key: verdict('Failure', { errorCode: error.code, errorMessage: error.message }), value: '{}' };
  }
  let prepared: PreparedJob = preparedOrError;
  if (!prepared.groups) throw badRequest("The job's schema has no enabled object mapping for groups, so groups are not provisioned to this app.");
  prepared = honoured(prepared, store, sp.id, assignmentVisible);
  const g = prepared.groups!;
  const entitled = (!g.assigned || g.assigned.has(group.id)) && passesScope(g.objectMapping.scope, groupSourceObject(group, false));
  const outcomes: ObjectOutcome[] = [];
  let answer: OnDemandAnswer;
  if (!entitled) {
    const reason = !g.assigned || g.assigned.has(group.id) ? 'the group does not pass the scoping filter' : 'the group is not assigned to the application';
    const description = `Group '${group.displayName}' is not in scope: ${reason}.`;
    outcomes.push(skippedGroup(group, description));
    answer = { key: verdict('Skipped', { errorCode: 'NotEffectivelyEntitled', errorMessage: description }), value: '{}' };
  } else {
    for (const m of members) {
      const o = await provisionMember(prepared, job, m.objectId, store);
      if (o) outcomes.push(o);
    }
    const o = await processGroup({ job, group, entitled: true, scopeReason: '', objectMapping: g.objectMapping, mappings: g.mappings, client: prepared.client });
    if (o) outcomes.push(o);
    const failed = outcomes.find((x) => x.status === 'failure');
    if (failed) answer = { key: verdict('Failure', details(failed)), value: '{}' };
    else if (outcomes.some((x) => x.status === 'success')) answer = { key: verdict('Success'), value: '{}' };
    else {
      const description = `The state of the group in both the source and target systems already match. No change to the Group '${group.displayName}' currently needs to be made.`;
      outcomes.push(skippedGroup(group, description, 'RedundantExport'));
      answer = { key: verdict('Skipped', { errorCode: 'RedundantExport', errorMessage: description }), value: '{}' };
    }
  }
  await deps.settle?.();
  logOnDemand(deps, sp, job, outcomes);
  store.changed();
  return answer;
}

/** A logged skip of a group (out of scope, or nothing to change). */
function skippedGroup(group: DirectoryGroup, description: string, code = 'NotEffectivelyEntitled'): ObjectOutcome {
  const scoped = code === 'NotEffectivelyEntitled';
  return {
    action: 'other', status: 'skipped', modifiedProperties: [], durationMs: 0, identityType: 'Group',
    source: { id: group.id, displayName: group.displayName }, target: { id: '', displayName: '' },
    steps: [
      { name: 'EntryImport', provisioningStepType: 'import', status: 'success', description: `Received Group '${group.displayName}' from Azure Active Directory`, details: {} },
      scoped
        ? { name: 'EntrySynchronizationScoping', provisioningStepType: 'scoping', status: 'skipped', description, details: { SkipReason: code } }
        : { name: 'EntrySynchronizationSkip', provisioningStepType: 'export', status: 'skipped', description, details: { SkipReason: code } },
    ],
  };
}
