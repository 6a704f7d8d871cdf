import { newGuid } from '../random';

/** A stored SCIM resource (User or Group) as the SCIM app keeps it. */
export type ScimResource = Record<string, unknown> & { id: string; meta: { created: string; lastModified: string } };

/**
 * A stored change, as another copy of the store (the main thread's mirror of a worker's store)
 * applies it: the resource's JSON text and the values it is indexed by, so applying it parses nothing.
 */
export type StoredChange = { op: 'put'; id: string; json: string; name?: string; externalId?: string } | { op: 'delete'; id: string };

/**
 * Storage of one SCIM app's resources of one type, indexed by id, by a lower-cased unique name
 * (userName / displayName) and by externalId, so equality filters do not scan 100,000 users.
 *
 * Resources are kept as their JSON text and parsed when read: a user's text takes about half the
 * memory of its objects, a store of 100,000 users is read whole only when listed, and a change
 * crosses to the mirror on the main thread as one string instead of a graph of objects. Every read
 * returns a fresh copy; changes go through {@link upsert}, {@link delete}, {@link put} and {@link load}.
 */
export class ScimResourceStore {
  /** Told about every stored change (used to mirror a worker thread's stores). */
  onWrite?: (change: StoredChange) => void;
  private readonly byId = new Map<string, string>();
  private readonly byName = new Map<string, string>();
  private readonly byExternalId = new Map<string, string>();

  /** @param nameAttribute The attribute that must be unique (`userName` for users, `displayName` for groups). */
  constructor(readonly nameAttribute: string) {}

  /** All resources, in insertion order. */
  list(): ScimResource[] {
    return [...this.byId.values()].map((json) => JSON.parse(json) as ScimResource);
  }

  /** Number of stored resources. */
  get size(): number {
    return this.byId.size;
  }

  /** One resource by id. */
  get(id: string): ScimResource | undefined {
    const json = this.byId.get(id);
    return json === undefined ? undefined : JSON.parse(json) as ScimResource;
  }

  /** Resource whose unique name equals `name` (case-insensitive, as SCIM says userName is). */
  findByName(name: string): ScimResource | undefined {
    const id = this.byName.get(name.toLowerCase());
    return id ? this.get(id) : undefined;
  }

  /** Whether a resource other than `except` has this unique name (case-insensitive). */
  nameTaken(name: string, except?: string): boolean {
    const id = this.byName.get(name.toLowerCase());
    return id !== undefined && id !== except;
  }

  /** Resource with this externalId (case-sensitive, as SCIM defines externalId). */
  findByExternalId(externalId: string): ScimResource | undefined {
    const id = this.byExternalId.get(externalId);
    return id ? this.get(id) : undefined;
  }

  private unindex(id: string): void {
    const json = this.byId.get(id);
    if (json === undefined) return;
    const old = JSON.parse(json) as ScimResource;
    const name = old[this.nameAttribute];
    if (typeof name === 'string' && this.byName.get(name.toLowerCase()) === id) this.byName.delete(name.toLowerCase());
    if (typeof old.externalId === 'string' && this.byExternalId.get(old.externalId) === id) this.byExternalId.delete(old.externalId);
  }

  private store(change: Extract<StoredChange, { op: 'put' }>): void {
    this.byId.set(change.id, change.json);
    if (change.name !== undefined) this.byName.set(change.name.toLowerCase(), change.id);
    if (change.externalId !== undefined) this.byExternalId.set(change.externalId, change.id);
  }

  private write(r: ScimResource): void {
    const name = r[this.nameAttribute];
    const change: StoredChange = {
      op: 'put', id: r.id, json: JSON.stringify(r),
      ...(typeof name === 'string' ? { name } : {}),
      ...(typeof r.externalId === 'string' ? { externalId: r.externalId } : {}),
    };
    this.store(change);
    this.onWrite?.(change);
  }

  /**
   * Creates (no id) or replaces (id) a resource. Returns 'conflict' when another resource has the
   * name, so the caller can answer SCIM's 409 uniqueness error, and 'missing' for an unknown id.
   */
  upsert(id: string | undefined, data: Record<string, unknown>): ScimResource | 'conflict' | 'missing' {
    const name = data[this.nameAttribute];
    if (typeof name === 'string' && this.nameTaken(name, id)) return 'conflict';
    const now = new Date().toISOString();
    if (id !== undefined) {
      const existing = this.get(id);
      if (!existing) return 'missing';
      this.unindex(id);
      const updated: ScimResource = { ...data, id, meta: { created: existing.meta.created, lastModified: now } };
      this.write(updated);
      return updated;
    }
    const created: ScimResource = { ...data, id: newGuid(), meta: { created: now, lastModified: now } };
    this.write(created);
    return created;
  }

  /** Deletes by id; false when absent. */
  delete(id: string): boolean {
    if (!this.byId.has(id)) return false;
    this.unindex(id);
    this.byId.delete(id);
    this.onWrite?.({ op: 'delete', id });
    return true;
  }

  /** Applies a change another copy of this store reported (see {@link onWrite}). */
  apply(change: StoredChange): void {
    this.unindex(change.id);
    if (change.op === 'put') this.store(change);
    else this.byId.delete(change.id);
  }

  /** Replaces everything (used when reloading persisted state). */
  load(resources: ScimResource[]): void {
    this.byId.clear();
    this.byName.clear();
    this.byExternalId.clear();
    for (const r of resources) {
      const name = r[this.nameAttribute];
      this.store({ op: 'put', id: r.id, json: JSON.stringify(r), ...(typeof name === 'string' ? { name } : {}), ...(typeof r.externalId === 'string' ? { externalId: r.externalId } : {}) });
    }
  }
}
