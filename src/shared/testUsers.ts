import { isSecretName } from './logger';
import type { RawSchema } from './synchronizationSchema';
import type { JobTarget } from './targets';

/**
 * A saved test user of a job: who to provision on demand again and again while a mapping is being
 * worked on. Only ids and the names the rows show; never a credential.
 */
export interface TestUser {
  /** The user's object id in the tenant. */
  readonly id: string;
  readonly displayName?: string;
  readonly userPrincipalName?: string;
}

/** Where a job's list lives: one workspace-state key per tenant, app and job. */
export interface TestUserKey {
  /** The tenant's id (stable across sandbox restarts on another port), else the connection's id. */
  readonly tenant: string;
  readonly servicePrincipalId: string;
  readonly jobId: string;
}

/** The part of VS Code's `Memento` the store needs, so the store runs (and is tested) without VS Code. */
export interface StateMemento {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

const KEY_PREFIX = 'entraProvisioning.testUsers';

/** A job's key: by the tenant's id when known (a sandbox on another port is the same tenant), else the connection's. */
export function testUserKey(target: JobTarget, tenantId: string | undefined): TestUserKey {
  return { tenant: tenantId || target.connectionId, servicePrincipalId: target.servicePrincipalId, jobId: target.jobId };
}

/** The workspace-state key of a job's test users. */
export function testUserStateKey(key: TestUserKey): string {
  return [KEY_PREFIX, key.tenant, key.servicePrincipalId, key.jobId].map(encodeURIComponent).join('/');
}

/**
 * The saved test users of every job, in workspace state: they belong to the work on this folder's
 * mappings, not to the machine. A value that is not a list of users (an older or hand-edited
 * state) reads as no users rather than failing the command.
 */
export class TestUserStore {
  constructor(private readonly state: StateMemento) {}

  list(key: TestUserKey): TestUser[] {
    const value = this.state.get<unknown>(testUserStateKey(key));
    return Array.isArray(value) ? value.map(parseTestUser).filter((u): u is TestUser => u !== undefined) : [];
  }

  /** Adds users (one already saved keeps its place and takes the newer names); returns the list. */
  async add(key: TestUserKey, users: readonly TestUser[]): Promise<TestUser[]> {
    const list = this.list(key);
    for (const user of users.map(parseTestUser)) {
      if (!user) continue;
      const at = list.findIndex((u) => u.id.toLowerCase() === user.id.toLowerCase());
      if (at >= 0) list[at] = { ...list[at], ...user, id: list[at].id };
      else list.push(user);
    }
    await this.state.update(testUserStateKey(key), list);
    return list;
  }

  /** Removes a user by id; returns the list (unchanged when the id was not saved). */
  async remove(key: TestUserKey, userId: string): Promise<TestUser[]> {
    const list = this.list(key);
    const kept = list.filter((u) => u.id.toLowerCase() !== userId.toLowerCase());
    if (kept.length !== list.length) await this.state.update(testUserStateKey(key), kept.length ? kept : undefined);
    return kept;
  }
}

/** Only the known fields, as strings: what is stored is exactly what the type says. */
function parseTestUser(value: unknown): TestUser | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { id, displayName, userPrincipalName } = value as Record<string, unknown>;
  if (typeof id !== 'string' || !id.trim()) return undefined;
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v : undefined);
  return { id: id.trim(), ...(text(displayName) && { displayName: text(displayName) }), ...(text(userPrincipalName) && { userPrincipalName: text(userPrincipalName) }) };
}

/** How a test user is named in rows and reports: the display name, else the UPN, else the id. */
export function testUserLabel(user: TestUser): string {
  return user.displayName ?? user.userPrincipalName ?? user.id;
}

/** A target object's attributes as text, by the attribute path a mapping names (`name.givenName`). */
export type AttributeValues = Readonly<Record<string, string>>;

/** How an attribute differs after the run. */
export type AttributeChange = 'changed' | 'added' | 'removed' | 'unchanged';

export interface AttributeRow {
  readonly attribute: string;
  /** Absent when the attribute had no value (or the object did not exist). */
  readonly before?: string;
  readonly after?: string;
  readonly change: AttributeChange;
}

/**
 * The attributes of both sides, one row each, in the order a reader scans them: the object's own
 * order after the run, then attributes only the earlier object had.
 */
export function diffAttributes(before: AttributeValues | undefined, after: AttributeValues | undefined): AttributeRow[] {
  const old = before ?? {};
  const now = after ?? {};
  const names = [...new Set([...Object.keys(now), ...Object.keys(old)])];
  return names.map((attribute) => {
    const b = Object.prototype.hasOwnProperty.call(old, attribute) ? old[attribute] : undefined;
    const a = Object.prototype.hasOwnProperty.call(now, attribute) ? now[attribute] : undefined;
    const change: AttributeChange = b === undefined ? (a === undefined ? 'unchanged' : 'added') : a === undefined ? 'removed' : a === b ? 'unchanged' : 'changed';
    return { attribute, ...(b !== undefined && { before: b }), ...(a !== undefined && { after: a }), change };
  });
}

/** SCIM bookkeeping rather than attributes a mapping writes: left out of the before/after table. */
const SCIM_BOOKKEEPING = new Set(['schemas', 'meta']);

/**
 * A SCIM resource's attributes, flattened to the paths attribute mappings use: `userName`,
 * `name.givenName`, `emails[type eq "work"].value`, and an extension's attributes after its URN
 * (`urn:…:enterprise:2.0:User:department`). A multi-valued entry without a `type` is named by its
 * position. A credential attribute (`password`) never shows its value.
 */
export function flattenScimResource(resource: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!resource || typeof resource !== 'object') return out;
  const put = (path: string, value: unknown, urnRoot = false): void => {
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) {
      if (value.every((v) => v === null || typeof v !== 'object')) {
        if (value.length) out[path] = value.map(String).join(', ');
        return;
      }
      value.forEach((entry, i) => {
        const type = entry && typeof entry === 'object' ? (entry as Record<string, unknown>).type : undefined;
        const selector = typeof type === 'string' && type ? `[type eq "${type}"]` : `[${i}]`;
        if (entry && typeof entry === 'object') {
          for (const [name, inner] of Object.entries(entry as Record<string, unknown>)) if (name !== 'type') put(`${path}${selector}.${name}`, inner);
        } else put(`${path}${selector}`, entry);
      });
      return;
    }
    if (typeof value === 'object') {
      for (const [name, inner] of Object.entries(value as Record<string, unknown>)) put(`${path}${urnRoot ? ':' : '.'}${name}`, inner);
      return;
    }
    const last = path.split(/[.:]/).pop() ?? path;
    out[path] = isSecretName(last) ? '***' : String(value);
  };
  for (const [name, value] of Object.entries(resource as Record<string, unknown>)) {
    if (SCIM_BOOKKEEPING.has(name)) continue;
    put(name, value, name.startsWith('urn:'));
  }
  return out;
}

/**
 * Before and after as the on-demand report tells them (its modified properties' old and new
 * values): what is left when the target cannot be read. Credential values never show.
 */
export function attributesFromModifiedProperties(properties: ReadonlyArray<{ displayName: string; oldValue: string | null; newValue: string | null }>): { before: Record<string, string>; after: Record<string, string> } {
  const before: Record<string, string> = {};
  const after: Record<string, string> = {};
  for (const p of properties) {
    if (!p.displayName) continue;
    const shown = (value: string) => (isSecretName(p.displayName) ? '***' : value);
    if (p.oldValue !== null && p.oldValue !== '') before[p.displayName] = shown(p.oldValue);
    if (p.newValue !== null && p.newValue !== '') after[p.displayName] = shown(p.newValue);
  }
  return { before, after };
}

/**
 * A SCIM filter that finds the target object a matching attribute points at (`userName eq "…"`),
 * or undefined when the attribute is not one a simple filter can name.
 */
export function scimMatchFilter(attribute: string, value: string): string | undefined {
  if (!/^(urn:[\w.:-]+:)?[A-Za-z][\w]*(\.[A-Za-z][\w]*)?$/.test(attribute)) return undefined;
  return `${attribute} eq "${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** How a job provisions users: the rule to run on demand, and the attribute pair that matches a user to its target object. */
export interface UserMatching {
  readonly ruleId: string;
  /** The user's attribute in Entra whose value is looked up in the target (`userPrincipalName`). */
  readonly sourceAttribute?: string;
  /** The target attribute it is matched against (`userName`). */
  readonly targetAttribute?: string;
}

/**
 * The rule whose enabled object mapping takes users (else the first), and its first-priority
 * matching mapping when that maps one attribute as it is: only then can the target object be
 * found by the user's own value. Undefined when the schema has no rule.
 */
export function userMatching(schema: RawSchema): UserMatching | undefined {
  const rules = schema.synchronizationRules ?? [];
  const isUsers = (m: { enabled?: boolean; sourceObjectName?: string }) => m.enabled !== false && m.sourceObjectName?.toLowerCase() === 'user';
  const rule = rules.find((r) => r.objectMappings?.some(isUsers)) ?? rules[0];
  if (!rule?.id) return undefined;
  const mappings = rule.objectMappings?.find(isUsers)?.attributeMappings ?? [];
  const [matching] = mappings.filter((m) => (m.matchingPriority ?? 0) > 0).sort((a, b) => (a.matchingPriority ?? 0) - (b.matchingPriority ?? 0));
  const source = matching?.source;
  const direct = source?.type === 'Attribute' && typeof source.name === 'string' && source.name && matching?.targetAttributeName;
  return direct ? { ruleId: rule.id, sourceAttribute: source.name as string, targetAttribute: matching.targetAttributeName } : { ruleId: rule.id };
}
