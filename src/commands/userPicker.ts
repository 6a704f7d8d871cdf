import * as vscode from 'vscode';
import type { ProvisioningService } from '../graph/provisioningService';
import type { TestUser } from '../shared/testUsers';
import type { JobTarget } from '../shared/targets';
import type { CommandContext } from './commandRunner';
import type { FlowSearchItem, InputFlow } from './inputFlow';

/** A user row of a picker, with what a test user keeps of it. */
export type UserPickItem = FlowSearchItem & { readonly user?: TestUser };

/** Directory users whose display name starts with `text`, as picker rows (name, then UPN). */
export async function directoryUserRows(service: ProvisioningService, text: string, signal: AbortSignal): Promise<UserPickItem[]> {
  const found = await service.apps.searchUsers(text, signal);
  return found.items.filter((u) => u.id).map((u) => ({
    label: u.displayName ?? '',
    description: u.userPrincipalName ?? '',
    id: u.id ?? '',
    user: { id: u.id ?? '', displayName: u.displayName ?? undefined, userPrincipalName: u.userPrincipalName ?? undefined },
  }));
}

/**
 * Several users for a job, in one step: the users assigned to the app first (those the job has in
 * scope), then, as the user types, anyone in the directory (a job that syncs everyone has no
 * assignments). `exclude` leaves out users already chosen before.
 */
export async function pickUsers(service: ProvisioningService, target: JobTarget, context: CommandContext, flow: InputFlow, options: { title: string; exclude?: ReadonlySet<string> }): Promise<TestUser[] | undefined> {
  const assignments = await flow.busy(() => service.apps.listAssignments(target.servicePrincipalId, context.signal));
  const excluded = (id: string) => options.exclude?.has(id.toLowerCase()) ?? false;
  const assigned: UserPickItem[] = assignments
    .filter((a) => a.principalType === 'User' && a.principalId && !excluded(a.principalId))
    .map((a) => ({ label: a.principalDisplayName ?? a.principalId ?? '', description: vscode.l10n.t('assigned'), id: a.principalId ?? '', user: { id: a.principalId ?? '', displayName: a.principalDisplayName ?? undefined } }));
  const picked = await flow.searchPick<UserPickItem>({
    title: options.title,
    // Short enough to read whole in the quick input: a longer hint was cut off mid-sentence.
    placeholder: vscode.l10n.t('Check users, or type a name to search the directory'),
    canPickMany: true,
    matchOnDescription: true,
    noMatch: (text) => vscode.l10n.t('No user matches "{0}".', text),
    load: async (text) => {
      const search = text.trim().toLowerCase();
      const mine = assigned.filter((row) => !search || row.label.toLowerCase().startsWith(search));
      const shown = new Set(mine.map((row) => row.id?.toLowerCase()));
      const directory = (await directoryUserRows(service, text, context.signal)).filter((row) => !shown.has(row.id?.toLowerCase()) && !excluded(row.id ?? ''));
      return [...mine, ...directory];
    },
  });
  return picked?.flatMap((row) => (row.user ? [row.user] : []));
}
