import type { DirectoryGroup, JobRecord, ObjectMapping } from '../types';
import type { ObjectOutcome, Step } from './audit';
import { mappingValue } from './mapping';
import type { CompiledMapping } from './mapping';
import { ScimConnectionError, scimString } from './scimClient';
import type { ScimClient, ScimResponse } from './scimClient';
import { getScimValue, setScimValue } from './scimPaths';
import type { SourceAttributes } from './sourceObject';

const CORE_GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** Everything needed to process one group in one cycle. */
export interface GroupWork {
  job: JobRecord;
  group: DirectoryGroup;
  entitled: boolean;
  scopeReason: string;
  objectMapping: ObjectMapping;
  mappings: CompiledMapping[];
  client: ScimClient;
}

type Json = Record<string, unknown>;

function step(name: string, type: Step['provisioningStepType'], status: Step['status'], description: string): Step {
  return { name, provisioningStepType: type, status, description, details: {} };
}

/** The Entra attributes of a group as expressions see them. */
export function groupSourceObject(group: DirectoryGroup, isSoftDeleted: boolean): SourceAttributes {
  const out: SourceAttributes = { objectId: group.id, displayName: group.displayName, mailNickname: group.mailNickname, IsSoftDeleted: isSoftDeleted };
  if (group.description) out.description = group.description;
  return out;
}

class GroupFailure extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

function check(res: ScimResponse, what: string, ok: number[]): void {
  if (ok.includes(res.status)) return;
  const b = res.body as Json | undefined;
  const detail = b && typeof b === 'object' ? [b.scimType, b.detail].filter(Boolean).join(': ') : '';
  throw new GroupFailure(res.status === 409 ? 'SystemForCrossDomainIdentityManagementServiceEntryAlreadyExists' : 'SystemForCrossDomainIdentityManagementBadResponse', `${what} failed: HTTP ${res.status} ${detail}`.trim());
}

/**
 * Provisions one group the way Entra does: match by displayName (matching precedence), create it
 * without members, then PATCH membership to the provisioned accounts of its members; update
 * changed attributes and membership later; delete it from the target when it leaves scope.
 */
export async function processGroup(w: GroupWork): Promise<ObjectOutcome | null> {
  const started = Date.now();
  const { group, job } = w;
  const provisionedGroups = (job.runtime.provisionedGroups ??= {});
  const entry = provisionedGroups[group.id];
  const steps: Step[] = [step('EntryImport', 'import', 'success', `Received Group '${group.displayName}' from Azure Active Directory`)];
  const done = (o: Pick<ObjectOutcome, 'action' | 'status' | 'target'> & Partial<ObjectOutcome>): ObjectOutcome => ({
    source: { id: group.id, displayName: group.displayName }, modifiedProperties: [], ...o, steps, durationMs: Date.now() - started, identityType: 'Group',
  });
  if (!w.entitled && !entry) return null;
  const source = groupSourceObject(group, !w.entitled);
  const plain = w.mappings.filter((m) => m.path.attribute !== 'members');
  const wantsMembers = w.mappings.some((m) => m.path.attribute === 'members');
  const desired = new Set(group.members.map((id) => job.runtime.provisioned[id]?.targetId).filter((id): id is string => !!id));
  try {
    if (!w.entitled) {
      steps.push(step('EntrySynchronizationScoping', 'scoping', 'success', `Group '${group.displayName}' left the scope (${w.scopeReason}); it is deleted from the target.`));
      const res = await w.client.send('DELETE', `/Groups/${encodeURIComponent(entry!.targetId)}`);
      check(res, 'Deleting the group', [204, 200, 404]);
      delete provisionedGroups[group.id];
      steps.push(step('EntryExportDelete', 'export', 'success', `Group '${group.displayName}' was deleted from the target.`));
      return done({ action: 'delete', status: 'success', target: { id: entry!.targetId, displayName: group.displayName } });
    }
    steps.push(step('EntrySynchronizationScoping', 'scoping', 'success', `Determined that Group '${group.displayName}' is in scope.`));
    let target: Json | undefined;
    if (entry) {
      const res = await w.client.send('GET', `/Groups/${encodeURIComponent(entry.targetId)}`);
      if (res.status === 200) target = res.body as Json;
      else check(res, 'Reading the group', [404]);
    }
    if (!target) {
      for (const m of plain.filter((x) => x.matchingPriority > 0).sort((a, b) => a.matchingPriority - b.matchingPriority)) {
        const value = mappingValue(m, source, false);
        if (value === null || typeof value === 'object') continue;
        const res = await w.client.send('GET', `/Groups?filter=${encodeURIComponent(`${m.target} eq ${scimString(String(value))}`)}`);
        check(res, 'Matching the group', [200]);
        const found = ((res.body as Json)?.Resources as Json[] | undefined) ?? [];
        steps.push(step('EntryImportByMatching', 'matching', 'success', found.length ? `Matched a target group by ${m.target}.` : `No target group has ${m.target} '${String(value)}'.`));
        if (found.length) target = found[0];
        break;
      }
    }
    let action: ObjectOutcome['action'] = 'update';
    const modified: ObjectOutcome['modifiedProperties'] = [];
    if (!target) {
      const body: Json = { schemas: [CORE_GROUP] };
      for (const m of plain) {
        const value = mappingValue(m, source, true);
        if (value === null) continue;
        setScimValue(body, m.path, value);
        modified.push({ displayName: m.target, oldValue: null, newValue: String(value) });
      }
      const res = await w.client.send('POST', '/Groups', body);
      check(res, 'Creating the group', [201, 200]);
      target = res.body as Json;
      action = 'create';
      steps.push(step('EntryExportAdd', 'export', 'success', `Group '${group.displayName}' was created in the target (id ${String(target.id)}).`));
    }
    const targetId = String(target.id);
    provisionedGroups[group.id] = { targetId, active: true };
    const ops: { op: string; path?: string; value?: unknown }[] = [];
    if (action === 'update') {
      for (const m of plain) {
        const value = mappingValue(m, source, false);
        if (value === null) continue;
        const old = getScimValue(target, m.path);
        if (old === value) continue;
        ops.push({ op: 'replace', path: m.target, value });
        modified.push({ displayName: m.target, oldValue: old === undefined ? null : String(old), newValue: String(value) });
      }
    }
    if (wantsMembers) {
      const current = new Set(((target.members as Json[] | undefined) ?? []).map((x) => String(x.value)));
      const add = [...desired].filter((id) => !current.has(id));
      const remove = [...current].filter((id) => !desired.has(id));
      if (add.length) ops.push({ op: 'add', path: 'members', value: add.map((value) => ({ value })) });
      for (const id of remove) ops.push({ op: 'remove', path: `members[value eq ${scimString(id)}]` });
      if (add.length || remove.length) modified.push({ displayName: 'members', oldValue: String(current.size), newValue: String(desired.size) });
    }
    if (ops.length) {
      const res = await w.client.send('PATCH', `/Groups/${encodeURIComponent(targetId)}`, { schemas: [PATCH_OP], Operations: ops });
      check(res, 'Updating the group', [200, 204]);
      steps.push(step('EntryExportUpdate', 'export', 'success', `Group '${group.displayName}' was updated in the target.`));
    } else if (action === 'update') {
      return null;
    }
    return done({ action, status: 'success', modifiedProperties: modified, target: { id: targetId, displayName: group.displayName } });
  } catch (e) {
    const failure = e instanceof GroupFailure ? e
      : new GroupFailure(e instanceof ScimConnectionError ? 'SystemForCrossDomainIdentityManagementServiceUnreachable' : 'ExpressionEvaluationFailed', (e as Error).message);
    steps.push(step('EntryExport', 'export', 'failure', failure.message));
    return done({
      action: entry ? 'update' : 'create', status: 'failure', target: { id: entry?.targetId ?? '', displayName: '' },
      error: { code: failure.code, reason: failure.message, category: 'nonServiceFailure' },
    });
  }
}
