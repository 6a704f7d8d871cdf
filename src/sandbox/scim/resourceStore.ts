import { randomUUID } from 'node:crypto';

/** A stored SCIM resource (User or Group) as the SCIM app keeps it. */
export type ScimResource = Record<string, unknown> & { id: string; meta: { created: string; lastModified: string } };

/**
 * Storage of one SCIM app's resources of one type, indexed by id, by a lower-cased unique name
 * (userName / displayName) and by externalId, so equality filters do not scan 10,000 users.
 */
export class ScimResourceStore {
  /** Told about every stored change (used to mirror a worker thread's stores). */
  onWrite?: (change: { op: 'put'; resource: ScimResource } | { op: 'delete'; id: string }) => void;
  private readonly byId = new Map<string, ScimResource>();
  private readonly byName = new Map<string, string>();
  private readonly byExternalId = new Map<string, string>();

  /** @param nameAttribute The attribute that must be unique (`userName` for users, `displayName` for groups). */
  constructor(readonly nameAttribute: string) {}

  /** All resources, in insertion order. */
  list(): ScimResource[] {
    return [...this.byId.values()];
  }

  /** Number of stored resources. */
  get size(): number {
    return this.byId.size;
  }

  /** One resource by id. */
  get(id: string): ScimResource | undefined {
    return this.byId.get(id);
  }

  /** Resource whose unique name equals `name` (case-insensitive, as SCIM says userName is). */
  findByName(name: string): ScimResource | undefined {
    const id = this.byName.get(name.toLowerCase());
    return id ? this.byId.get(id) : undefined;
  }

  /** Resource with this externalId (case-sensitive, as SCIM defines externalId). */
  findByExternalId(externalId: string): ScimResource | undefined {
    const id = this.byExternalId.get(externalId);
    return id ? this.byId.get(id) : undefined;
  }

  private unindex(r: ScimResource): void {
    const name = r[this.nameAttribute];
    if (typeof name === 'string' && this.byName.get(name.toLowerCase()) === r.id) this.byName.delete(name.toLowerCase());
    if (typeof r.externalId === 'string' && this.byExternalId.get(r.externalId) === r.id) this.byExternalId.delete(r.externalId);
  }

  private index(r: ScimResource): void {
    const name = r[this.nameAttribute];
    if (typeof name === 'string') this.byName.set(name.toLowerCase(), r.id);
    if (typeof r.externalId === 'string') this.byExternalId.set(r.externalId, r.id);
  }

  /**
   * Creates (no id) or replaces (id) a resource. Returns undefined for the name-conflict case so
   * the caller can answer SCIM's 409 uniqueness error.
   */
  upsert(id: string | undefined, data: Record<string, unknown>): ScimResource | 'conflict' | 'missing' {
    const name = data[this.nameAttribute];
    const clash = typeof name === 'string' ? this.byName.get(name.toLowerCase()) : undefined;
    if (clash && clash !== id) return 'conflict';
    const now = new Date().toISOString();
    if (id !== undefined) {
      const existing = this.byId.get(id);
      if (!existing) return 'missing';
      this.unindex(existing);
      const updated: ScimResource = { ...data, id, meta: { created: existing.meta.created, lastModified: now } };
      this.byId.set(id, updated);
      this.index(updated);
      this.onWrite?.({ op: 'put', resource: updated });
      return updated;
    }
    const created: ScimResource = { ...data, id: randomUUID(), meta: { created: now, lastModified: now } };
    this.byId.set(created.id, created);
    this.index(created);
    this.onWrite?.({ op: 'put', resource: created });
    return created;
  }

  /** Deletes by id; false when absent. */
  delete(id: string): boolean {
    const r = this.byId.get(id);
    if (!r) return false;
    this.unindex(r);
    this.byId.delete(id);
    this.onWrite?.({ op: 'delete', id });
    return true;
  }

  /** Stores a resource exactly as given (mirroring another store's write). */
  put(resource: ScimResource): void {
    const existing = this.byId.get(resource.id);
    if (existing) this.unindex(existing);
    this.byId.set(resource.id, resource);
    this.index(resource);
  }

  /** Replaces everything (used when reloading persisted state). */
  load(resources: ScimResource[]): void {
    this.byId.clear();
    this.byName.clear();
    this.byExternalId.clear();
    for (const r of resources) {
      this.byId.set(r.id, r);
      this.index(r);
    }
  }
}
