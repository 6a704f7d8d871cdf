import type { SandboxStore } from '../state/store';
import type { ScopeFilter } from '../types';
import { assignedUserIds as entitledUserIds, DEFAULT_ACCESS_ROLE_ID, passesScopingFilter, scopingFilterOf } from '../../shared/scoping';
import type { OutOfScopeReason, ScopeSource } from '../../shared/scoping';

/**
 * Users entitled through app role assignments on one app, directly or through a group (the rule the
 * mapping editor's preview applies too).
 */
export function assignedUserIds(store: SandboxStore, spId: string): Set<string> {
  return entitledUserIds(store.assignmentsFor(spId), (id) => store.principalUserIds(id));
}

/** Groups assigned to an app with a real role (Default Access does not count). */
export function assignedGroupIds(store: SandboxStore, spId: string): Set<string> {
  const ids = new Set<string>();
  for (const a of store.assignmentsFor(spId)) {
    if (a.appRoleId !== DEFAULT_ACCESS_ROLE_ID && store.groups.has(a.principalId)) ids.add(a.principalId);
  }
  return ids;
}

/** In scope when there is no filter, or every clause of at least one group holds. */
export function passesScope(scope: ScopeFilter | null | undefined, source: ScopeSource): boolean {
  return passesScopingFilter(scopingFilterOf(scope), source);
}

/** The sentence the provisioning log gives for each reason a user is out of scope. */
export const outOfScopeSentence: Readonly<Record<OutOfScopeReason, string>> = {
  deleted: 'the user is deleted (in the recycle bin)',
  notAssigned: 'the user is not assigned to the application (Default Access assignments do not count)',
  filteredOut: 'the user does not pass the scoping filter',
};
