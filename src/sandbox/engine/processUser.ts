import type { DirectoryUser, JobRecord, ObjectMapping } from '../types';
import { NO_DETAILS } from './audit';
import type { ObjectOutcome, Step } from './audit';
import { mappingValue } from './mapping';
import type { CompiledMapping } from './mapping';
import { ScimConnectionError, scimString } from './scimClient';
import type { ScimClient, ScimResponse } from './scimClient';
import { buildPatch, getScimValue, setScimValue } from './scimPaths';
import { userSourceObject } from './sourceObject';

const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** Everything needed to process one user in one cycle. */
export interface UserWork {
  job: JobRecord;
  user: DirectoryUser;
  /** Assigned (or SyncAll) and passing the scoping filter. */
  entitled: boolean;
  /** Why the user is out of scope, for the log. */
  scopeReason: string;
  objectMapping: ObjectMapping;
  mappings: CompiledMapping[];
  client: ScimClient;
  skipOutOfScopeDeletions: boolean;
  /** Log entries for skipped/no-change users too (provision on demand, incremental changes). */
  reportNoOps: boolean;
}

type Json = Record<string, unknown>;

/**
 * The step a skipped export is logged under. Graph's provisionOnDemand example (v1.0,
 * synchronization-synchronizationjob-provisionondemand) shows a RedundantExport skip as
 * `EntrySynchronizationSkip` of type Export, not as an `EntryExport*` step: nothing was exported.
 */
const SKIP_STEP = 'EntrySynchronizationSkip';

function step(name: string, type: Step['provisioningStepType'], status: Step['status'], description: string, details: Record<string, string> = NO_DETAILS): Step {
  return { name, provisioningStepType: type, status, description, details };
}

type ModifiedProperty = ObjectOutcome['modifiedProperties'][number];

/** Distinct values a mapping shares records for (see {@link createdProperty}). */
const SHARED_VALUES = 1000;
const createdRecords = new WeakMap<CompiledMapping, Map<string | null, ModifiedProperty>>();

/**
 * The modified-property record of an attribute set on create, shared by every log entry that sets
 * it to the same value: a 100,000-user cycle writes some 15 per user, and most repeat (active,
 * title, department, country, given name...). Entries never change once written, so the records
 * are frozen. A mapping (compiled per cycle) shares its first {@link SHARED_VALUES} distinct values;
 * an attribute unique per user (an id, a mail address) fills them and gets a record per entry.
 */
function createdProperty(m: CompiledMapping, newValue: string | null): ModifiedProperty {
  let byValue = createdRecords.get(m);
  if (!byValue) {
    byValue = new Map();
    createdRecords.set(m, byValue);
  }
  let record = byValue.get(newValue);
  if (!record) {
    record = Object.freeze({ displayName: m.target, oldValue: null, newValue });
    if (byValue.size < SHARED_VALUES) byValue.set(newValue, record);
  }
  return record;
}

const matchingDetails = new WeakMap<CompiledMapping, Record<string, string>>();

/** The matching step's `details`, one per mapping rather than one per user. */
function matchingDetailsOf(m: CompiledMapping): Record<string, string> {
  let details = matchingDetails.get(m);
  if (!details) {
    details = Object.freeze({ matchingAttribute: m.target });
    matchingDetails.set(m, details);
  }
  return details;
}

function show(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function scimDetail(res: ScimResponse): string {
  const b = res.body as Json | undefined;
  const detail = b && typeof b === 'object' ? [b.scimType, b.detail].filter(Boolean).join(': ') : String(res.body ?? '');
  return `HTTP ${res.status}${detail ? ` ${detail}` : ''}`;
}

/** Thrown when the target answers in a way that fails this object. */
class ObjectFailure extends Error {
  constructor(readonly code: string, message: string, readonly stepName: string) {
    super(message);
  }
}

function failureCode(res: ScimResponse): string {
  if (res.status === 409) return 'SystemForCrossDomainIdentityManagementServiceEntryAlreadyExists';
  if (res.status === 401 || res.status === 403) return 'SystemForCrossDomainIdentityManagementCredentialValidationUnauthorized';
  if (res.status === 429) return 'SystemForCrossDomainIdentityManagementThrottled';
  return 'SystemForCrossDomainIdentityManagementBadResponse';
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || a === null) return b === undefined || b === null;
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Provisions one user: scoping, matching (by matching precedence through SCIM filter queries),
 * then create (POST), update (PATCH of changed attributes only) or disable (active false through
 * the mapped expression with IsSoftDeleted true). Returns null when there is nothing to log.
 */
export async function processUser(w: UserWork): Promise<ObjectOutcome | null> {
  const started = Date.now();
  const { user, job } = w;
  const steps: Step[] = [step('EntryImport', 'import', 'success', `Received User '${user.userPrincipalName}' change of type (Update) from Azure Active Directory`)];
  const entry = job.runtime.provisioned[user.id];
  const base = { source: { id: user.id, displayName: user.displayName }, modifiedProperties: [] as ObjectOutcome['modifiedProperties'] };
  const outcome = (o: Omit<ObjectOutcome, 'source' | 'durationMs' | 'steps' | 'modifiedProperties'> & Partial<Pick<ObjectOutcome, 'modifiedProperties'>>): ObjectOutcome => ({
    ...base, ...o, steps, durationMs: Date.now() - started,
  });

  if (!w.entitled && !entry) {
    steps.push(step('EntrySynchronizationScoping', 'scoping', 'skipped', `User '${user.userPrincipalName}' is not in scope: ${w.scopeReason}`, { SkipReason: 'NotEffectivelyEntitled' }));
    return w.reportNoOps ? outcome({ action: 'other', status: 'skipped', target: { id: '', displayName: '' } }) : null;
  }
  steps.push(step('EntrySynchronizationScoping', 'scoping', 'success', w.entitled
    ? `Determined that User '${user.userPrincipalName}' is in scope.`
    : `User '${user.userPrincipalName}' left the scope (${w.scopeReason}); it will be disabled in the target.`));

  const softDeleted = !w.entitled || !!user.deletedDateTime || !user.accountEnabled;
  const source = userSourceObject(user, softDeleted, []);
  try {
    let target: Json | undefined;
    if (entry) {
      const res = await w.client.send('GET', `/Users/${encodeURIComponent(entry.targetId)}`);
      if (res.status === 200) target = res.body as Json;
      else if (res.status !== 404) throw new ObjectFailure(failureCode(res), `Reading the user from the target failed: ${scimDetail(res)}`, 'EntryImportByReference');
    }
    if (!target) {
      if (!w.entitled) {
        // Nothing left to disable: the account is gone from the target.
        delete job.runtime.provisioned[user.id];
        return null;
      }
      for (const m of w.mappings.filter((x) => x.matchingPriority > 0).sort((a, b) => a.matchingPriority - b.matchingPriority)) {
        const value = mappingValue(m, source, false);
        if (value === null || typeof value === 'object') continue;
        const filter = `${m.target} eq ${scimString(String(value))}`;
        const res = await w.client.send('GET', `/Users?filter=${encodeURIComponent(filter)}`);
        if (res.status !== 200) throw new ObjectFailure(failureCode(res), `Matching query '${filter}' failed: ${scimDetail(res)}`, 'EntryImportByMatching');
        const found = ((res.body as Json)?.Resources as Json[] | undefined) ?? [];
        if (found.length > 1) throw new ObjectFailure('AmbiguousMatch', `More than one target user matched ${filter}.`, 'EntryImportByMatching');
        steps.push(step('EntryImportByMatching', 'matching', 'success', found.length
          ? `Matched User '${user.userPrincipalName}' with the target user whose ${m.target} is '${String(value)}'.`
          : `No target user has ${m.target} '${String(value)}'.`, matchingDetailsOf(m)));
        if (found.length === 1) target = found[0];
        break;
      }
    }

    if (!target) {
      if (!w.objectMapping.flowTypes.includes('Add')) {
        steps.push(step(SKIP_STEP, 'export', 'skipped', 'The mapping does not allow creating objects (flowTypes).'));
        return outcome({ action: 'create', status: 'skipped', target: { id: '', displayName: '' } });
      }
      const body: Json = { schemas: [CORE_USER] };
      const modified: ObjectOutcome['modifiedProperties'] = [];
      for (const m of w.mappings) {
        const value = mappingValue(m, source, true);
        if (value === null) continue;
        setScimValue(body, m.path, value);
        if (m.path.urn && !(body.schemas as string[]).includes(m.path.urn)) (body.schemas as string[]).push(m.path.urn);
        modified.push(createdProperty(m, show(value)));
      }
      steps.push(step('EntrySynchronizationAdd', 'processing', 'success', `User '${user.userPrincipalName}' will be created in the target.`));
      const res = await w.client.send('POST', '/Users', body);
      if (res.status !== 201 && res.status !== 200) throw new ObjectFailure(failureCode(res), `Creating the user failed: ${scimDetail(res)}`, 'EntryExportAdd');
      const created = res.body as Json;
      job.runtime.provisioned[user.id] = { targetId: String(created.id), active: created.active !== false };
      steps.push(step('EntryExportAdd', 'export', 'success', `User '${user.userPrincipalName}' was created in the target (id ${String(created.id)}).`));
      return outcome({ action: 'create', status: 'success', modifiedProperties: modified, target: { id: String(created.id), displayName: String(created.userName ?? '') } });
    }

    const targetId = String(target.id);
    const changes: { name: string; path: CompiledMapping['path']; value: unknown }[] = [];
    const modified: ObjectOutcome['modifiedProperties'] = [];
    for (const m of w.mappings) {
      if (m.flowType === 'ObjectAddOnly') continue;
      const value = mappingValue(m, source, false);
      if (value === null) continue;
      const old = getScimValue(target, m.path);
      if (m.flowType === 'AttributeAddOnly' && old !== undefined && old !== null) continue;
      if (same(old, value)) continue;
      changes.push({ name: m.target, path: m.path, value });
      modified.push({ displayName: m.target, oldValue: show(old), newValue: show(value) });
    }
    const disabling = !w.entitled || softDeleted;
    const action = disabling && changes.some((c) => c.name === 'active' && c.value === false) ? 'disable' : 'update';
    if (!w.entitled && w.skipOutOfScopeDeletions) {
      steps.push(step(SKIP_STEP, 'export', 'skipped', 'SkipOutOfScopeDeletions is set: the target account is left as it is.'));
      delete job.runtime.provisioned[user.id];
      return w.reportNoOps ? outcome({ action: 'disable', status: 'skipped', target: { id: targetId, displayName: String(target.userName ?? '') } }) : null;
    }
    job.runtime.provisioned[user.id] = { targetId, active: target.active !== false };
    if (changes.length === 0) {
      steps.push(step(SKIP_STEP, 'export', 'skipped', 'The target already has the expected values; nothing was exported.', { SkipReason: 'RedundantExport' }));
      return w.reportNoOps ? outcome({ action: 'other', status: 'skipped', target: { id: targetId, displayName: String(target.userName ?? '') } }) : null;
    }
    if (!w.objectMapping.flowTypes.includes('Update')) {
      steps.push(step(SKIP_STEP, 'export', 'skipped', 'The mapping does not allow updating objects (flowTypes).'));
      return outcome({ action, status: 'skipped', target: { id: targetId, displayName: String(target.userName ?? '') } });
    }
    steps.push(step('EntrySynchronizationUpdate', 'processing', 'success',
      `${changes.length} attribute(s) of User '${user.userPrincipalName}' will be ${action === 'disable' ? 'updated to disable the account' : 'updated'}.`));
    const res = await w.client.send('PATCH', `/Users/${encodeURIComponent(targetId)}`, { schemas: [PATCH_OP], Operations: buildPatch(target, changes) });
    if (res.status !== 200 && res.status !== 204) throw new ObjectFailure(failureCode(res), `Updating the user failed: ${scimDetail(res)}`, 'EntryExportUpdate');
    const activeChange = changes.find((c) => c.name === 'active');
    if (activeChange) job.runtime.provisioned[user.id].active = activeChange.value !== false;
    steps.push(step('EntryExportUpdate', 'export', 'success', `User '${user.userPrincipalName}' was updated in the target.`));
    return outcome({ action, status: 'success', modifiedProperties: modified, target: { id: targetId, displayName: String(target.userName ?? '') } });
  } catch (e) {
    const failure = e instanceof ObjectFailure ? e
      : e instanceof ScimConnectionError ? new ObjectFailure('SystemForCrossDomainIdentityManagementServiceUnreachable', e.message, 'EntryExport')
        : new ObjectFailure('ExpressionEvaluationFailed', (e as Error).message, 'EntrySynchronization');
    steps.push(step(failure.stepName, failure.stepName.startsWith('EntryImport') ? 'matching' : failure.stepName === 'EntrySynchronization' ? 'processing' : 'export', 'failure', failure.message));
    return outcome({
      action: entry ? (w.entitled ? 'update' : 'disable') : 'create',
      status: 'failure',
      target: { id: entry?.targetId ?? '', displayName: '' },
      error: { code: failure.code, reason: failure.message, category: failure.code.includes('Unreachable') ? 'failure' : 'nonServiceFailure' },
    });
  }
}
