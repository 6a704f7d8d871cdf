/**
 * The SCIM requests the next cycle would send because the mappings change from `current` to
 * `planned` (a provisioning plan, issue #15), computed with this engine's mapping evaluation and
 * PatchOp building, in process, without touching the app.
 *
 * The assumption, because the app's real state is unknown: each in-scope user's account in the app
 * holds exactly what the current mappings produce for the user now. Then a user whose values differ
 * gets a PATCH of those values, a user who comes into scope a POST, one who leaves it the PATCH that
 * disables it (unless out-of-scope deletions are skipped).
 */
import type { RawObjectMapping, RawSchema } from '../../shared/synchronizationSchema';
import { scopeVerdict, scopingFilterOf, type ScopingFilter } from '../../shared/scoping';
import type { AttributeMapping, ObjectDefinition } from '../types';
import { compileMappings, mappingValue, type CompiledMapping } from './mapping';
import { buildPatch, setScimValue } from './scimPaths';
import type { SourceAttributes } from './sourceObject';

const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
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

/** The scope settings on one side of the plan. */
export interface PreviewSettings {
  readonly syncAll: boolean;
  readonly skipOutOfScopeDeletions: boolean;
}

export interface ScimPreviewRequest {
  readonly method: 'POST' | 'PATCH';
  /** `/Users/{id}`: `{id}` stands for the app's id of the user, which the cycle finds by the matching attribute. */
  readonly path: string;
  readonly body: Record<string, unknown>;
}

export interface ScimPreviewEntry {
  readonly subject: string;
  readonly requests: readonly ScimPreviewRequest[];
}

interface Side {
  readonly mappings: CompiledMapping[];
  readonly filter: ScopingFilter;
  readonly settings: PreviewSettings;
  readonly enabled: boolean;
}

function userMapping(schema: RawSchema): { om: RawObjectMapping; target?: ObjectDefinition } | undefined {
  for (const rule of schema.synchronizationRules ?? []) {
    const om = (rule.objectMappings ?? []).find((o) => o.sourceObjectName === 'User');
    if (!om) continue;
    const dir = (schema.directories ?? []).find((d) => d.name === rule.targetDirectoryName);
    const target = (dir?.objects ?? []).find((o) => o.name === om.targetObjectName) as ObjectDefinition | undefined;
    return { om, target };
  }
  return undefined;
}

function sideOf(schema: RawSchema, settings: PreviewSettings): Side | undefined {
  const found = userMapping(schema);
  if (!found) return undefined;
  return {
    mappings: compileMappings((found.om.attributeMappings ?? []) as unknown as AttributeMapping[], found.target),
    filter: scopingFilterOf(found.om.scope as Parameters<typeof scopingFilterOf>[0]),
    settings,
    enabled: found.om.enabled !== false,
  };
}

function inScope(side: Side, user: PreviewUser): boolean {
  const deleted = user.attributes.IsSoftDeleted === true;
  return side.enabled && scopeVerdict({ deleted, assigned: user.assigned, syncAll: side.settings.syncAll }, side.filter, user.attributes).inScope;
}

function values(side: Side, user: PreviewUser, creating: boolean): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const m of side.mappings) {
    if (!creating && m.flowType === 'ObjectAddOnly') continue;
    out.set(m.target, mappingValue(m, user.attributes as SourceAttributes, creating));
  }
  return out;
}

/**
 * For up to `sampleSize` users in scope on either side (in the order given), the requests the change
 * causes; a user the change does not touch has none. Only the user object mapping is previewed.
 * @throws MappingError when a mapping's expression does not parse.
 */
export function scimPreview(current: RawSchema, planned: RawSchema, before: PreviewSettings, after: PreviewSettings, users: readonly PreviewUser[], sampleSize: number): ScimPreviewEntry[] {
  const now = sideOf(current, before);
  const next = sideOf(planned, after);
  const entries: ScimPreviewEntry[] = [];
  for (const user of users) {
    if (entries.length >= sampleSize) break;
    const wasIn = now ? inScope(now, user) : false;
    const isIn = next ? inScope(next, user) : false;
    if (!wasIn && !isIn) continue;
    entries.push({ subject: user.label, requests: requestsFor(now, next, wasIn, isIn, user) });
  }
  return entries;
}

function requestsFor(now: Side | undefined, next: Side | undefined, wasIn: boolean, isIn: boolean, user: PreviewUser): ScimPreviewRequest[] {
  if (!wasIn && isIn && next) {
    const body: Record<string, unknown> = { schemas: [CORE_USER] };
    for (const m of next.mappings) {
      const value = mappingValue(m, user.attributes as SourceAttributes, true);
      if (value !== null) setScimValue(body, m.path, value);
    }
    return [{ method: 'POST', path: '/Users', body }];
  }
  if (wasIn && !isIn) {
    if (next?.settings.skipOutOfScopeDeletions) return [];
    return [{ method: 'PATCH', path: '/Users/{id}', body: { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: false }] } }];
  }
  if (!now || !next) return [];
  // The app holds what the current mappings produce (see the module's comment): that is the account.
  const held = values(now, user, false);
  const account: Record<string, unknown> = {};
  for (const m of now.mappings) {
    const v = held.get(m.target);
    if (v !== null && v !== undefined) setScimValue(account, m.path, v);
  }
  const changes: { name: string; path: CompiledMapping['path']; value: unknown }[] = [];
  for (const m of next.mappings) {
    if (m.flowType === 'ObjectAddOnly') continue;
    const value = mappingValue(m, user.attributes as SourceAttributes, false);
    const was = held.has(m.target) ? held.get(m.target) : null;
    if (JSON.stringify(value) !== JSON.stringify(was ?? null) && value !== null) changes.push({ name: m.target, path: m.path, value });
  }
  if (changes.length === 0) return [];
  return [{ method: 'PATCH', path: '/Users/{id}', body: { schemas: [PATCH_OP], Operations: buildPatch(account, changes) } }];
}
