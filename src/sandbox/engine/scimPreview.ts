/**
 * The SCIM requests the next cycle would send because the mappings or settings change from
 * `current` to `planned` (a provisioning plan, issue #15), computed with this engine's mapping
 * evaluation and PatchOp building, in process, without touching the app.
 *
 * The assumption, because the app's real state is unknown: each in-scope user's and group's object
 * in the app holds exactly what the current mappings produce for it now, and a provisioned group's
 * members are its members in scope now. Then an object whose values differ gets a PATCH of those
 * values, one that comes into scope a POST, a user who leaves it the PATCH that disables it (unless
 * out-of-scope deletions are skipped), a group that leaves it a DELETE (processUser.ts,
 * processGroup.ts).
 *
 * A value that becomes empty sends nothing, as in the engine: outbound provisioning does not clear
 * an attribute in the app when its source becomes null ("Clear attribute values" lists only inbound
 * provisioning: https://learn.microsoft.com/entra/identity/app-provisioning/clear-attribute-values).
 * The entry names such attributes in `kept`, so a plan can say the app keeps the old value.
 */
import type { RawObjectMapping, RawSchema } from '../../shared/synchronizationSchema';
import { passesScopingFilter, scopeVerdict, scopingFilterOf, type ScopingFilter } from '../../shared/scoping';
import type { AttributeMapping, ObjectDefinition } from '../types';
import { compileMappings, mappingValue, type CompiledMapping } from './mapping';
import { buildPatch, setScimValue } from './scimPaths';
import { scimString } from './scimClient';
import type { SourceAttributes } from './sourceObject';

const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const CORE_GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** A tenant user as the preview reads it. */
export interface PreviewUser {
  /** What the plan calls the user (display name and user principal name). */
  readonly label: string;
  /** Attribute values as provisioning expressions see them (`[mobile]`, `[IsSoftDeleted]`, ...). */
  readonly attributes: Readonly<Record<string, unknown>>;
  /** Assigned to the app with a real role, directly or through a group. */
  readonly assigned: boolean;
}

/** A tenant group as the preview reads it. */
export interface PreviewGroup {
  readonly label: string;
  /** `objectId`, `displayName`, `mailNickname`, `description` (as processGroup.ts's groupSourceObject). */
  readonly attributes: Readonly<Record<string, unknown>>;
  /** Assigned to the app with a real role. */
  readonly assigned: boolean;
  /** Its direct user members (provisioning does not follow nested groups). */
  readonly members: readonly PreviewUser[];
}

/** The scope settings on one side of the plan. */
export interface PreviewSettings {
  readonly syncAll: boolean;
  readonly skipOutOfScopeDeletions: boolean;
}

export interface ScimPreviewRequest {
  readonly method: 'POST' | 'PATCH' | 'DELETE';
  /** `/Users/{id}`, `/Groups/{id}`: `{id}` stands for the app's id of the object, which the cycle finds by the matching attribute. */
  readonly path: string;
  /** What the request sends; null for a request without a body (DELETE), as planJobFile's result promises `{ method, path, body }`. */
  readonly body: Record<string, unknown> | null;
}

export interface ScimPreviewEntry {
  readonly subject: string;
  readonly requests: readonly ScimPreviewRequest[];
  /** Target attributes whose value becomes empty: no request clears them, the app keeps its value. */
  readonly kept?: readonly string[];
}

interface Side {
  readonly om: RawObjectMapping;
  readonly mappings: CompiledMapping[];
  readonly filter: ScopingFilter;
  readonly settings: PreviewSettings;
  readonly enabled: boolean;
}

function mappingOf(schema: RawSchema, source: 'user' | 'group'): { om: RawObjectMapping; target?: ObjectDefinition } | undefined {
  // The engine runs the first rule's enabled mapping of each source object (cycle.ts prepareJob).
  const rule = (schema.synchronizationRules ?? [])[0];
  const om = (rule?.objectMappings ?? []).find((o) => o.sourceObjectName?.toLowerCase() === source && o.enabled !== false)
    ?? (rule?.objectMappings ?? []).find((o) => o.sourceObjectName?.toLowerCase() === source);
  if (!rule || !om) return undefined;
  const dir = (schema.directories ?? []).find((d) => d.name === rule.targetDirectoryName);
  const target = (dir?.objects ?? []).find((o) => o.name === om.targetObjectName) as ObjectDefinition | undefined;
  return { om, target };
}

function sideOf(schema: RawSchema, source: 'user' | 'group', settings: PreviewSettings): Side | undefined {
  const found = mappingOf(schema, source);
  if (!found) return undefined;
  return {
    om: found.om,
    mappings: compileMappings((found.om.attributeMappings ?? []) as unknown as AttributeMapping[], found.target),
    filter: scopingFilterOf(found.om.scope as Parameters<typeof scopingFilterOf>[0]),
    settings,
    enabled: found.om.enabled !== false,
  };
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** Whether a side's object mapping or scope differs from the other's (the change touches it). */
function touched(a: Side | undefined, b: Side | undefined): boolean {
  if (!a || !b) return a !== b;
  return !same(a.om, b.om) || a.settings.syncAll !== b.settings.syncAll || a.settings.skipOutOfScopeDeletions !== b.settings.skipOutOfScopeDeletions;
}

function userInScope(side: Side | undefined, user: PreviewUser): boolean {
  if (!side?.enabled) return false;
  const deleted = user.attributes.IsSoftDeleted === true;
  return scopeVerdict({ deleted, assigned: user.assigned, syncAll: side.settings.syncAll }, side.filter, user.attributes).inScope;
}

function groupInScope(side: Side | undefined, group: PreviewGroup): boolean {
  // As cycle.ts's groupEntitlement: assigned (or SyncAll) and passing the group scoping filter.
  return !!side?.enabled && (side.settings.syncAll || group.assigned) && passesScopingFilter(side.filter, group.attributes as Parameters<typeof passesScopingFilter>[1]);
}

/** What the app holds for an object under a side's mappings (the preview's assumption). */
function held(side: Side, attributes: Readonly<Record<string, unknown>>, skip: (m: CompiledMapping) => boolean = () => false): { values: Map<string, unknown>; object: Record<string, unknown> } {
  const values = new Map<string, unknown>();
  const object: Record<string, unknown> = {};
  for (const m of side.mappings) {
    if (skip(m)) continue;
    const v = mappingValue(m, attributes as SourceAttributes, false);
    values.set(m.target, v);
    if (v !== null && v !== undefined) setScimValue(object, m.path, v);
  }
  return { values, object };
}

/** The placeholder for a member's id in the app. */
function memberRef(user: PreviewUser): string {
  return `{id of ${String(user.attributes.userPrincipalName ?? user.label)}}`;
}

/**
 * Previews object by object, so that a caller reading the tenant page by page can stop as soon as
 * it has its sample. Throws MappingError (from the constructor) when a mapping does not parse.
 */
export class ScimPreviewer {
  private readonly users: { now?: Side; next?: Side };
  private readonly groups: { now?: Side; next?: Side };
  /** The change touches the user mapping or the user scope. */
  readonly usersTouched: boolean;
  /** The change touches the group mapping, or which users are in scope (a group's members follow them). */
  readonly groupsTouched: boolean;

  constructor(current: RawSchema, planned: RawSchema, before: PreviewSettings, after: PreviewSettings) {
    this.users = { now: sideOf(current, 'user', before), next: sideOf(planned, 'user', after) };
    this.groups = { now: sideOf(current, 'group', before), next: sideOf(planned, 'group', after) };
    this.usersTouched = touched(this.users.now, this.users.next);
    const groupMapped = !!(this.groups.now?.enabled || this.groups.next?.enabled);
    const membersMove = this.usersTouched && (!same(this.users.now?.om.scope, this.users.next?.om.scope) || before.syncAll !== after.syncAll || this.users.now?.enabled !== this.users.next?.enabled);
    this.groupsTouched = groupMapped && (touched(this.groups.now, this.groups.next) || membersMove);
  }

  /** Whether the group is in scope on either side (its members need not be read otherwise). */
  groupInScope(group: PreviewGroup): boolean {
    return groupInScope(this.groups.now, group) || groupInScope(this.groups.next, group);
  }

  /** The user's entry, or undefined when the user is out of scope on both sides. */
  user(user: PreviewUser): ScimPreviewEntry | undefined {
    const { now, next } = this.users;
    const wasIn = userInScope(now, user);
    const isIn = userInScope(next, user);
    if (!wasIn && !isIn) return undefined;
    if (!wasIn && next) {
      const body: Record<string, unknown> = { schemas: [CORE_USER] };
      for (const m of next.mappings) {
        const value = mappingValue(m, user.attributes as SourceAttributes, true);
        if (value === null) continue;
        setScimValue(body, m.path, value);
        if (m.path.urn && !(body.schemas as string[]).includes(m.path.urn)) (body.schemas as string[]).push(m.path.urn);
      }
      return { subject: user.label, requests: [{ method: 'POST', path: '/Users', body }] };
    }
    if (!isIn) {
      if (next?.settings.skipOutOfScopeDeletions) return { subject: user.label, requests: [] };
      return { subject: user.label, requests: [{ method: 'PATCH', path: '/Users/{id}', body: { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: false }] } }] };
    }
    const account = held(now!, user.attributes);
    const changes: { name: string; path: CompiledMapping['path']; value: unknown }[] = [];
    const kept: string[] = [];
    for (const m of next!.mappings) {
      if (m.flowType === 'ObjectAddOnly') continue;
      const was = account.values.get(m.target) ?? null;
      const value = mappingValue(m, user.attributes as SourceAttributes, false);
      if (value === null) {
        if (was !== null) kept.push(m.target);
        continue;
      }
      if (m.flowType === 'AttributeAddOnly' && was !== null) continue;
      if (!same(value, was)) changes.push({ name: m.target, path: m.path, value });
    }
    const requests: ScimPreviewRequest[] = changes.length ? [{ method: 'PATCH', path: '/Users/{id}', body: { schemas: [PATCH_OP], Operations: buildPatch(account.object, changes) } }] : [];
    return { subject: user.label, requests, ...(kept.length ? { kept } : {}) };
  }

  /** The group's entry (its attributes and members), or undefined when it is out of scope on both sides. */
  group(group: PreviewGroup): ScimPreviewEntry | undefined {
    const { now, next } = this.groups;
    const wasIn = groupInScope(now, group);
    const isIn = groupInScope(next, group);
    if (!wasIn && !isIn) return undefined;
    const subject = `Group ${group.label}`;
    if (!isIn) return { subject, requests: [{ method: 'DELETE', path: '/Groups/{id}', body: null }] };
    const plain = next!.mappings.filter((m) => m.path.attribute !== 'members');
    const wantsMembers = next!.mappings.some((m) => m.path.attribute === 'members');
    // Members the app knows: those provisioned on that side (processGroup sends the members' app ids).
    const membersOn = (side: 'now' | 'next') => new Set(group.members.filter((u) => userInScope(this.users[side], u)).map(memberRef));
    const desired = membersOn('next');
    const requests: ScimPreviewRequest[] = [];
    const ops: Array<{ op: string; path?: string; value?: unknown }> = [];
    const kept: string[] = [];
    let current = new Set<string>();
    if (!wasIn) {
      const body: Record<string, unknown> = { schemas: [CORE_GROUP] };
      for (const m of plain) {
        const value = mappingValue(m, group.attributes as SourceAttributes, true);
        if (value !== null) setScimValue(body, m.path, value);
      }
      requests.push({ method: 'POST', path: '/Groups', body });
    } else {
      const was = held(now!, group.attributes, (m) => m.path.attribute === 'members');
      for (const m of plain) {
        const value = mappingValue(m, group.attributes as SourceAttributes, false);
        const old = was.values.get(m.target) ?? null;
        if (value === null) {
          if (old !== null) kept.push(m.target);
          continue;
        }
        if (!same(old, value)) ops.push({ op: 'replace', path: m.target, value });
      }
      if (now!.mappings.some((m) => m.path.attribute === 'members')) current = membersOn('now');
    }
    if (wantsMembers) {
      const add = [...desired].filter((id) => !current.has(id));
      const remove = [...current].filter((id) => !desired.has(id));
      if (add.length) ops.push({ op: 'add', path: 'members', value: add.map((value) => ({ value })) });
      for (const id of remove) ops.push({ op: 'remove', path: `members[value eq ${scimString(id)}]` });
    }
    if (ops.length) requests.push({ method: 'PATCH', path: '/Groups/{id}', body: { schemas: [PATCH_OP], Operations: ops } });
    return { subject, requests, ...(kept.length ? { kept } : {}) };
  }
}

/** The objects a preview reads from the tenant. */
export interface PreviewDirectory {
  readonly users: readonly PreviewUser[];
  readonly groups?: readonly PreviewGroup[];
}

/**
 * For up to `sampleSize` users and `sampleSize` groups in scope on either side (in the order given),
 * the requests the change causes, for the object mappings it touches; an object the change does not
 * alter has none.
 * @throws MappingError when a mapping's expression does not parse.
 */
export function scimPreview(current: RawSchema, planned: RawSchema, before: PreviewSettings, after: PreviewSettings, directory: PreviewDirectory, sampleSize: number): ScimPreviewEntry[] {
  const previewer = new ScimPreviewer(current, planned, before, after);
  const entries: ScimPreviewEntry[] = [];
  const take = <T>(objects: readonly T[], entry: (o: T) => ScimPreviewEntry | undefined) => {
    let taken = 0;
    for (const o of objects) {
      if (taken >= sampleSize) break;
      const e = entry(o);
      if (e) {
        entries.push(e);
        taken++;
      }
    }
  };
  if (previewer.usersTouched) take(directory.users, (u) => previewer.user(u));
  if (previewer.groupsTouched) take(directory.groups ?? [], (g) => previewer.group(g));
  return entries;
}
