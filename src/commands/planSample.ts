// The sample a plan's SCIM preview reads from the tenant (issue #15). No vscode import: unit tests and
// bench/provisioningAsCode run it in plain Node against the sandbox's real Graph.
import type { AppRoleAssignment, User } from '@microsoft/microsoft-graph-types';
import type { ProvisioningService } from '../graph/provisioningService';
import type { PreviewUser, ScimPreviewEntry, ScimPreviewer } from '../sandbox/engine/scimPreview';
import { previewUserSelect, sourceObjectFromGraphUser } from '../shared/mappingEditor/preview';
import { assignedUserIds, DEFAULT_ACCESS_ROLE_ID } from '../shared/scoping';

/** Pages read at most per object type while looking for in-scope samples. */
export const PREVIEW_PAGES = 20;
/** Objects a page (Graph's largest page for users and groups). */
export const PREVIEW_PAGE_SIZE = 999;
const previewGroupSelect = ['id', 'displayName', 'mailNickname', 'description'];

/** A mapping could not be evaluated for a sample object (the file's fault, not the tenant's). */
export class PreviewEvaluationError extends Error {
  constructor(subject: string, cause: unknown) {
    super(`${subject}: ${(cause as Error).message}`);
    this.name = 'PreviewEvaluationError';
  }
}

/** Runs the previewer for one object; an evaluation error names the object. */
function evaluate<T>(subject: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw new PreviewEvaluationError(subject, error);
  }
}

export interface SampleOptions {
  readonly sampleSize: number;
  /** Either side of the plan syncs assigned users only: read the app's assignments. */
  readonly needAssignments: boolean;
  readonly signal?: AbortSignal;
  /** Tests make pages small to see the paging; the plan reads {@link PREVIEW_PAGE_SIZE}. */
  readonly pageSize?: number;
  readonly maxPages?: number;
}

/**
 * Up to `sampleSize` users and as many groups in scope on either side of the plan, with the requests
 * the change causes for each, for the object mappings the change touches. The tenant is read page by
 * page until the sample is full (at most `maxPages` pages per type; `signal` stops it between and
 * during requests), and a group's members only for groups in scope.
 * @throws PreviewEvaluationError when a mapping cannot be evaluated for an object.
 */
export async function previewSample(service: ProvisioningService, spId: string, previewer: ScimPreviewer, options: SampleOptions): Promise<ScimPreviewEntry[]> {
  const { sampleSize, signal } = options;
  const pageSize = options.pageSize ?? PREVIEW_PAGE_SIZE;
  const maxPages = options.maxPages ?? PREVIEW_PAGES;
  const assignments = options.needAssignments ? await service.apps.listAssignments(spId, signal) : [];
  const assigned = options.needAssignments ? await assignedUsers(service, assignments, signal) : new Set<string>();
  const assignedGroups = new Set(assignments.filter((a) => a.principalType === 'Group' && (a.appRoleId ?? DEFAULT_ACCESS_ROLE_ID) !== DEFAULT_ACCESS_ROLE_ID).map((a) => a.principalId ?? ''));
  const asPreviewUser = (user: User): PreviewUser => ({
    label: `${String(user.displayName ?? user.id)}${user.userPrincipalName ? ` (${String(user.userPrincipalName)})` : ''}`,
    attributes: sourceObjectFromGraphUser(user),
    assigned: assigned.has(String(user.id)),
  });
  const entries: ScimPreviewEntry[] = [];
  // Reads pages of one type, offering each object until `sampleSize` of them gave an entry.
  const sample = async <T>(page: (nextLink: string | undefined) => Promise<{ items: T[]; nextLink?: string }>, entry: (item: T) => Promise<ScimPreviewEntry | undefined>) => {
    let found = 0;
    let nextLink: string | undefined;
    for (let read = 0; read < maxPages && found < sampleSize; read++) {
      signal?.throwIfAborted();
      const { items, nextLink: next } = await page(nextLink);
      for (const item of items) {
        if (found >= sampleSize) break;
        const e = await entry(item);
        if (e) {
          entries.push(e);
          found++;
        }
      }
      nextLink = next;
      if (!nextLink) break;
    }
  };
  if (previewer.usersTouched) {
    await sample(
      (nextLink) => service.apps.listUsers({ select: previewUserSelect, top: pageSize, nextLink, signal }),
      async (user) => {
        const subject = asPreviewUser(user);
        return evaluate(subject.label, () => previewer.user(subject));
      },
    );
  }
  if (previewer.groupsTouched) {
    await sample(
      (nextLink) => service.apps.listGroups({ select: previewGroupSelect, top: pageSize, nextLink, signal }),
      async (group) => {
        const id = String(group.id);
        const attributes: Record<string, unknown> = { objectId: id, displayName: group.displayName ?? '', mailNickname: group.mailNickname ?? '', IsSoftDeleted: false };
        if (group.description) attributes.description = group.description;
        const shell = { label: String(group.displayName ?? id), attributes, assigned: assignedGroups.has(id), members: [] };
        if (!previewer.groupInScope(shell)) return undefined;
        const members = (await service.apps.listGroupMemberUsers(id, previewUserSelect, signal)).map(asPreviewUser);
        return evaluate(shell.label, () => previewer.group({ ...shell, members }));
      },
    );
  }
  return entries;
}

/** Users entitled through the app's assignments, directly or through a group (as the mapping editor's preview). */
async function assignedUsers(service: ProvisioningService, all: readonly AppRoleAssignment[], signal?: AbortSignal): Promise<Set<string>> {
  const assignments = all.map((a) => ({ principalId: a.principalId ?? '', principalType: a.principalType, appRoleId: a.appRoleId ?? DEFAULT_ACCESS_ROLE_ID }));
  const groups = assignments.filter((a) => a.principalType === 'Group' && a.appRoleId !== DEFAULT_ACCESS_ROLE_ID);
  const members = new Map(await Promise.all(groups.map(async (g) => [g.principalId, await service.apps.listGroupMemberUserIds(g.principalId, signal)] as const)));
  const users = new Set(assignments.filter((a) => a.principalType === 'User').map((a) => a.principalId));
  return assignedUserIds(assignments, (id) => members.get(id) ?? (users.has(id) ? [id] : []));
}
