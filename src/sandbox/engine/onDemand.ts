import type { SandboxStore } from '../state/store';
import type { JobRecord } from '../types';
import type { OnDemandSubject } from './api';
import { toSummary } from './audit';
import type { ObjectOutcome } from './audit';
import { entitlement, prepareJob } from './cycle';
import type { CycleDeps } from './cycle';
import { processUser } from './processUser';
import { randomUUID } from 'node:crypto';
import { badRequest, notFound } from '../http/graphError';

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
 * Provisions the given users right away (outside the schedule), logs them like a cycle does with a
 * user as initiator, and answers Graph's key/value pair of JSON strings.
 */
export async function provisionOnDemand(deps: CycleDeps, spId: string, job: JobRecord, subjects: OnDemandSubject[]): Promise<{ key: string; value: string }> {
  const store: SandboxStore = deps.store;
  const sp = store.servicePrincipals.get(spId)!;
  const userSubjects = subjects.filter((s) => s.objectTypeName.toLowerCase() === 'user');
  if (userSubjects.length === 0) {
    // Group provisioning is not run by the sandbox; Graph answers groups with an empty report.
    return { key: JSON.stringify({ result: 'Skipped', details: { errorCode: 'GroupProvisioningNotSupported', errorMessage: 'The sandbox provisions users only.' } }), value: '{}' };
  }
  if (userSubjects.length > 1) throw badRequest('Provision on demand takes one user at a time.');
  const user = store.users.get(userSubjects[0].objectId);
  if (!user) throw notFound(`User '${userSubjects[0].objectId}' was not found.`, 'itemNotFound');
  const prepared = await prepareJob(deps, spId, job);
  if (!prepared || !('client' in prepared)) {
    const error = prepared ?? { code: 'NoUserMapping', message: 'The job has no enabled user mapping.', tenantActionable: true };
    return { key: JSON.stringify({ result: 'Failure', details: { errorCode: error.code, errorMessage: error.message } }), value: '{}' };
  }
  const start = new Date();
  const e = entitlement(prepared, user);
  const outcome = await processUser({
    job, user, entitled: e.entitled, scopeReason: e.reason, objectMapping: prepared.objectMapping, mappings: prepared.mappings,
    client: prepared.client, skipOutOfScopeDeletions: prepared.skipOutOfScopeDeletions, reportNoOps: true,
  });
  const o = outcome!;
  await deps.settle?.();
  const changeId = randomUUID();
  deps.logs.add([{
    ...toSummary({ tenantId: store.data.tenantId, jobId: job.id, cycleId: randomUUID(), sp, initiatedBy: { id: '', displayName: 'Provision on demand', initiatorType: 'user' } }, o),
    changeId,
  }]);
  const details = o.status === 'failure' ? { errorCode: o.error?.code, errorMessage: o.error?.reason }
    : o.status === 'skipped' ? { errorCode: o.steps.at(-1)?.details.SkipReason ?? 'RedundantExport' } : {};
  return {
    key: JSON.stringify({ result: o.status === 'success' ? 'Success' : o.status === 'skipped' ? 'Skipped' : 'Failure', details }),
    value: JSON.stringify(report(o, user.userPrincipalName, changeId, start, sp.displayName, sp.id, store.data.tenantId)),
  };
}
