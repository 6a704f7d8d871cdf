import type { AppRoleAssignment, ApplicationServicePrincipal, ApplicationTemplate, Group, Organization, ServicePrincipal, User } from '@microsoft/microsoft-graph-types';
import { ProvisioningApiError } from './errors';
import type { GraphCaller, Page } from './graphCaller';
import { odataString, paths, query } from './paths';
import { Access } from './permissions';
import { retryWhileReplicating } from './replication';

/** The servicePrincipal fields the tree and commands show; asked for with $select. */
export const appFields = ['id', 'appId', 'displayName', 'applicationTemplateId', 'tags', 'appRoles', 'appRoleAssignmentRequired', 'servicePrincipalType', 'notificationEmailAddresses'];

/** Enterprise apps are the service principals the portal lists: those tagged as integrated apps. */
const enterpriseAppFilter = "tags/any(t:t eq 'WindowsAzureActiveDirectoryIntegratedApp')";

export interface ListAppsOptions {
  /** Server-side search on the display name. */
  readonly search?: string;
  readonly top?: number;
  /** Continue from a previous page. */
  readonly nextLink?: string;
  readonly signal?: AbortSignal;
}

/** Enterprise apps, the gallery, assignments and the directory objects pickers need. */
export class AppsApi {
  constructor(private readonly graph: GraphCaller) {}

  /**
   * One page of enterprise apps (service principals tagged as integrated apps), searched on the
   * server. `$search` needs ConsistencyLevel: eventual, resent on every page.
   */
  listApps(options: ListAppsOptions = {}): Promise<Page<ServicePrincipal>> {
    const call = { operation: 'list enterprise apps', access: Access.readApps, signal: options.signal, headers: { ConsistencyLevel: 'eventual' } };
    if (options.nextLink) return this.graph.page<ServicePrincipal>(options.nextLink, call);
    const search = options.search?.trim().replace(/"/g, '');
    return this.graph.page<ServicePrincipal>(
      paths.servicePrincipals +
        query({
          $select: appFields.join(','),
          $filter: enterpriseAppFilter,
          $search: search ? `"displayName:${search}"` : undefined,
          $count: 'true',
          $top: options.top ?? 100,
        }),
      call,
    );
  }

  /**
   * Every enterprise app's id and name (no search, no paging for the caller): for pickers and
   * tenant-wide watchers that look for the apps with provisioning jobs.
   */
  async listAllAppNames(limit: number, signal?: AbortSignal): Promise<Array<{ id: string; displayName?: string }>> {
    const apps = await this.graph.all<ServicePrincipal>(
      paths.servicePrincipals + query({ $select: 'id,displayName', $filter: enterpriseAppFilter, $top: 999 }),
      { operation: 'list enterprise apps', access: Access.readApps, signal, limit },
    );
    return apps.filter((a) => a.id).map((a) => ({ id: a.id as string, displayName: a.displayName ?? undefined }));
  }

  getApp(spId: string, signal?: AbortSignal): Promise<ServicePrincipal> {
    return this.graph.get(paths.servicePrincipal(spId) + query({ $select: appFields.join(',') }), { operation: 'read the enterprise app', access: Access.readApps, signal });
  }

  /** The object id of the app registration behind an enterprise app (its `appId`), if readable. */
  async applicationObjectId(appId: string, signal?: AbortSignal): Promise<string | undefined> {
    const page = await this.graph.page<{ id?: string }>(paths.applications + query({ $filter: `appId eq ${odataString(appId)}`, $select: 'id' }), {
      operation: 'read the app registration',
      access: Access.readApps,
      signal,
    });
    return page.items[0]?.id;
  }

  listApplicationTemplates(search: string | undefined, signal?: AbortSignal): Promise<ApplicationTemplate[]> {
    const text = search?.trim();
    return this.graph.all<ApplicationTemplate>(paths.applicationTemplates + query({ $filter: text ? `contains(displayName,${odataString(text)})` : undefined, $top: 100 }), {
      operation: 'search the app gallery',
      signal,
      limit: 200,
    });
  }

  async instantiateTemplate(templateId: string, displayName: string, signal?: AbortSignal): Promise<ApplicationServicePrincipal> {
    const created = await this.graph.post<ApplicationServicePrincipal>(paths.instantiate(templateId), { displayName }, { operation: `add "${displayName}" from the gallery`, access: Access.manageApps, signal });
    this.graph.noteCreated(created.servicePrincipal?.id, created.application?.id, created.application?.appId);
    return created;
  }

  /**
   * Reads an enterprise app just added, waiting (with backoff, for a bounded time) while Entra
   * replicates it; `onWait` hears of each wait, for progress.
   */
  waitForNewApp(spId: string, signal?: AbortSignal, onWait?: (waitedMs: number) => void): Promise<ServicePrincipal> {
    return retryWhileReplicating(
      // The caller retries by itself while the id is one it noted as created; the outer loop covers an id it did not.
      () => this.graph.get<ServicePrincipal>(paths.servicePrincipal(spId) + query({ $select: appFields.join(',') }), { operation: 'read the new enterprise app', access: Access.readApps, signal, onReplicationWait: onWait }),
      { signal, onWait, what: 'the new app' },
    );
  }

  /**
   * Waits until the app's assignments list shows every one of `assignmentIds`: a list read right
   * after an assignment may not have it yet, and the tree would show the app as unassigned.
   */
  async waitForAssignments(spId: string, assignmentIds: readonly string[], signal?: AbortSignal, onWait?: (waitedMs: number) => void): Promise<AppRoleAssignment[]> {
    return retryWhileReplicating(async () => {
      const listed = await this.listAssignments(spId, signal);
      const missing = assignmentIds.filter((id) => !listed.some((a) => a.id === id));
      if (missing.length) throw new ProvisioningApiError('notFound', `${missing.length} new assignment(s) not listed yet.`);
      return listed;
    }, { signal, onWait, what: 'the new assignments' });
  }

  listAssignments(spId: string, signal?: AbortSignal): Promise<AppRoleAssignment[]> {
    return this.graph.all<AppRoleAssignment>(paths.appRoleAssignedTo(spId), { operation: 'list the users and groups assigned to the app', access: Access.readApps, signal });
  }

  async assign(spId: string, principalId: string, appRoleId: string, signal?: AbortSignal): Promise<AppRoleAssignment> {
    const assignment = await this.graph.post<AppRoleAssignment>(paths.appRoleAssignedTo(spId), { principalId, resourceId: spId, appRoleId }, { operation: 'assign the user or group to the app', access: Access.manageAssignments, signal });
    this.graph.noteCreated(assignment.id);
    return assignment;
  }

  unassign(spId: string, assignmentId: string, signal?: AbortSignal): Promise<void> {
    return this.graph.delete(paths.appRoleAssignment(spId, assignmentId), { operation: 'remove the assignment', access: Access.manageAssignments, signal });
  }

  /** Users whose display name starts with `search` (for pickers). */
  searchUsers(search: string, signal?: AbortSignal): Promise<Page<User>> {
    return this.listUsers({ search, select: ['id', 'displayName', 'userPrincipalName', 'mail'], top: 50, signal });
  }

  /** Users with the given properties, optionally those whose display name starts with `search`; `nextLink` continues a listing. */
  listUsers(options: { search?: string; select: readonly string[]; top: number; nextLink?: string; signal?: AbortSignal }): Promise<Page<User>> {
    if (options.nextLink) return this.graph.page<User>(options.nextLink, { operation: 'search users', access: Access.readDirectory, signal: options.signal });
    const search = options.search?.trim();
    return this.graph.page<User>(paths.users + query({ $select: options.select.join(','), $filter: search ? `startswith(displayName,${odataString(search)})` : undefined, $top: options.top }), {
      operation: 'search users',
      access: Access.readDirectory,
      signal: options.signal,
    });
  }

  /**
   * The ids of a group's direct user members: what a group assignment entitles (provisioning does not
   * follow nested groups).
   */
  async listGroupMemberUserIds(groupId: string, signal?: AbortSignal): Promise<string[]> {
    const members = await this.graph.all<{ id?: string; '@odata.type'?: string }>(paths.groupMembers(groupId) + query({ $select: 'id', $top: 999 }), {
      operation: 'list the members of an assigned group',
      access: Access.readDirectory,
      signal,
    });
    return members.filter((m) => typeof m.id === 'string' && (m['@odata.type'] ?? '#microsoft.graph.user') === '#microsoft.graph.user').map((m) => m.id as string);
  }

  /** One page of groups with the given properties; `nextLink` continues a listing. */
  listGroups(options: { select: readonly string[]; top: number; nextLink?: string; signal?: AbortSignal }): Promise<Page<Group>> {
    return this.graph.page<Group>(options.nextLink ?? paths.groups + query({ $select: options.select.join(','), $top: options.top }), { operation: 'list groups', access: Access.readDirectory, signal: options.signal });
  }

  /** A group's direct user members with the given properties (provisioning does not follow nested groups). */
  async listGroupMemberUsers(groupId: string, select: readonly string[], signal?: AbortSignal): Promise<User[]> {
    const members = await this.graph.all<User & { '@odata.type'?: string }>(paths.groupMembers(groupId) + query({ $select: select.join(','), $top: 999 }), {
      operation: 'list the members of a group',
      access: Access.readDirectory,
      signal,
    });
    return members.filter((m) => typeof m.id === 'string' && (m['@odata.type'] ?? '#microsoft.graph.user') === '#microsoft.graph.user');
  }

  /** One user with the given properties (a test user's labels, a matching attribute's value). */
  getUser(id: string, select: readonly string[], signal?: AbortSignal): Promise<User> {
    return this.graph.get<User>(`${paths.users}/${encodeURIComponent(id)}` + query({ $select: select.join(',') }), { operation: 'read the user', access: Access.readDirectory, signal });
  }

  /** A user's or group's display name (undefined when it has none). */
  async directoryObjectName(id: string, type: 'User' | 'Group', signal?: AbortSignal): Promise<string | undefined> {
    const path = `${type === 'Group' ? paths.groups : paths.users}/${encodeURIComponent(id)}`;
    const object = await this.graph.get<{ displayName?: string | null }>(path + query({ $select: 'displayName' }), { operation: `read the ${type.toLowerCase()}`, access: Access.readDirectory, signal });
    return object.displayName ?? undefined;
  }

  searchGroups(search: string, signal?: AbortSignal): Promise<Page<Group>> {
    return this.graph.page<Group>(paths.groups + query({ $select: 'id,displayName,description', $filter: search.trim() ? `startswith(displayName,${odataString(search.trim())})` : undefined, $top: 50 }), {
      operation: 'search groups',
      access: Access.readDirectory,
      signal,
    });
  }

  async organization(signal?: AbortSignal): Promise<Organization | undefined> {
    const page = await this.graph.page<Organization>(paths.organization + query({ $select: 'id,displayName' }), { operation: 'read the tenant', signal });
    return page.items[0];
  }
}
