import type {
  Application, ApplicationTemplate, AppRoleAssignment, DirectoryGroup, DirectoryUser,
  ProvisioningObjectSummary, ServicePrincipal, SynchronizationState,
} from '../types';

/** Everything the sandbox persists, as plain JSON. */
export interface SandboxData {
  version: 1;
  tenantId: string;
  tenantDisplayName: string;
  /** Monotonic change counter; each source change gets the next number (the engine's watermark). */
  seq: number;
  users: DirectoryUser[];
  /** Last change number per user id. */
  userSeq: Record<string, number>;
  /** Last change number per group id (membership, assignment, creation). */
  groupSeq: Record<string, number>;
  groups: DirectoryGroup[];
  applications: Application[];
  servicePrincipals: ServicePrincipal[];
  appRoleAssignments: AppRoleAssignment[];
  applicationTemplates: ApplicationTemplate[];
  /** Which synchronization templates an application template brings along when instantiated. */
  templateSyncIds: Record<string, string[]>;
  synchronization: Record<string, SynchronizationState>;
  audit: ProvisioningObjectSummary[];
  /** SCIM base URL the stored secrets were written against, to re-point them after a restart. */
  scimBaseUrl: string;
  gotoMeetingUrl: string;
  /** Bearer token the SCIM app accepts. */
  scimToken: string;
  /** Admin credentials the GoToMeeting app accepts. */
  gotoMeetingUser: string;
  gotoMeetingPassword: string;
}

/** Oldest audit entries are dropped beyond this, so a long demo does not grow without bound. */
const MAX_AUDIT = 200_000;

/**
 * In-memory tenant with indexes. Routers and the engine mutate it only through these methods so
 * change numbers stay right and persistence hears about every write.
 */
export class SandboxStore {
  readonly users = new Map<string, DirectoryUser>();
  readonly groups = new Map<string, DirectoryGroup>();
  readonly applications = new Map<string, Application>();
  readonly servicePrincipals = new Map<string, ServicePrincipal>();
  readonly assignments = new Map<string, AppRoleAssignment>();
  readonly templates = new Map<string, ApplicationTemplate>();
  private readonly listeners = new Set<() => void>();

  constructor(readonly data: SandboxData) {
    // State saved before group tracking existed has no groupSeq.
    data.groupSeq ??= {};
    for (const u of data.users) this.users.set(u.id, u);
    for (const g of data.groups) this.groups.set(g.id, g);
    for (const a of data.applications) this.applications.set(a.id, a);
    for (const s of data.servicePrincipals) this.servicePrincipals.set(s.id, s);
    for (const a of data.appRoleAssignments) this.assignments.set(a.id, a);
    for (const t of data.applicationTemplates) this.templates.set(t.id, t);
  }

  /** Subscribe to "something changed" (used by persistence). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tell listeners the state changed. */
  changed(): void {
    for (const l of this.listeners) l();
  }

  /** Serializable snapshot; the arrays are rebuilt from the maps so deletes are reflected. */
  snapshot(): SandboxData {
    const d = this.data;
    d.users = [...this.users.values()];
    d.groups = [...this.groups.values()];
    d.applications = [...this.applications.values()];
    d.servicePrincipals = [...this.servicePrincipals.values()];
    d.appRoleAssignments = [...this.assignments.values()];
    d.applicationTemplates = [...this.templates.values()];
    return d;
  }

  /** Marks users as changed so incremental cycles pick them up. */
  touchUsers(ids: Iterable<string>): void {
    for (const id of ids) {
      this.data.seq++;
      this.data.userSeq[id] = this.data.seq;
    }
    this.changed();
  }

  /** Marks groups as changed so incremental cycles pick them up. */
  touchGroups(ids: Iterable<string>): void {
    for (const id of ids) {
      this.data.seq++;
      this.data.groupSeq[id] = this.data.seq;
    }
    this.changed();
  }

  /** Adds a group and records the change. */
  addGroup(group: DirectoryGroup): void {
    this.groups.set(group.id, group);
    this.touchGroups([group.id]);
  }

  /** Users visible in the directory (not soft-deleted). */
  activeUsers(): DirectoryUser[] {
    return [...this.users.values()].filter((u) => !u.deletedDateTime);
  }

  /** Adds a user and records the change. */
  addUser(user: DirectoryUser): void {
    this.users.set(user.id, user);
    this.touchUsers([user.id]);
  }

  /** Applies a partial update and records the change. */
  updateUser(id: string, patch: Partial<DirectoryUser>): DirectoryUser | undefined {
    const user = this.users.get(id);
    if (!user) return undefined;
    Object.assign(user, patch, { id: user.id });
    this.touchUsers([id]);
    return user;
  }

  /** Moves a user to the recycle bin, as DELETE /users/{id} does in Entra. */
  softDeleteUser(id: string): boolean {
    const user = this.users.get(id);
    if (!user || user.deletedDateTime) return false;
    user.deletedDateTime = new Date().toISOString();
    this.touchUsers([id]);
    return true;
  }

  /** Brings a soft-deleted user back. */
  restoreUser(id: string): boolean {
    const user = this.users.get(id);
    if (!user || !user.deletedDateTime) return false;
    user.deletedDateTime = null;
    this.touchUsers([id]);
    return true;
  }

  /** User ids reached through a principal (a user itself or a group's members). */
  principalUserIds(principalId: string): string[] {
    if (this.users.has(principalId)) return [principalId];
    return this.groups.get(principalId)?.members ?? [];
  }

  /** Adds a group member and records the change on the user (scope may change). */
  addGroupMember(groupId: string, userId: string): boolean {
    const group = this.groups.get(groupId);
    if (!group || group.members.includes(userId)) return false;
    group.members.push(userId);
    this.touchUsers([userId]);
    this.touchGroups([groupId]);
    return true;
  }

  /** Removes a group member and records the change. */
  removeGroupMember(groupId: string, userId: string): boolean {
    const group = this.groups.get(groupId);
    if (!group) return false;
    const at = group.members.indexOf(userId);
    if (at < 0) return false;
    group.members.splice(at, 1);
    this.touchUsers([userId]);
    this.touchGroups([groupId]);
    return true;
  }

  /** Adds an app role assignment; its users' scope may change. */
  addAssignment(a: AppRoleAssignment): void {
    this.assignments.set(a.id, a);
    this.touchUsers(this.principalUserIds(a.principalId));
    if (this.groups.has(a.principalId)) this.touchGroups([a.principalId]);
  }

  /** Removes an app role assignment. */
  removeAssignment(id: string): boolean {
    const a = this.assignments.get(id);
    if (!a) return false;
    this.assignments.delete(id);
    this.touchUsers(this.principalUserIds(a.principalId));
    if (this.groups.has(a.principalId)) this.touchGroups([a.principalId]);
    return true;
  }

  /** Assignments granted on one resource service principal. */
  assignmentsFor(resourceId: string): AppRoleAssignment[] {
    return [...this.assignments.values()].filter((a) => a.resourceId === resourceId);
  }

  /** The synchronization state of a service principal, created on first use. */
  sync(spId: string): SynchronizationState {
    let s = this.data.synchronization[spId];
    if (!s) {
      s = { templateIds: [], secrets: [], jobs: [], templateSchemas: {} };
      this.data.synchronization[spId] = s;
    }
    return s;
  }

  /** Appends provisioning log entries. */
  addAudit(entries: ProvisioningObjectSummary[]): void {
    const audit = this.data.audit;
    for (const e of entries) audit.push(e);
    if (audit.length > MAX_AUDIT) audit.splice(0, audit.length - MAX_AUDIT);
    this.changed();
  }
}
