import type { AppRole } from '@microsoft/microsoft-graph-types';
import * as vscode from 'vscode';
import { DEFAULT_ACCESS_ROLE_ID } from '../graph/facts';
import type { ProvisioningService } from '../graph/provisioningService';
import { UserFacingError } from '../shared/errors';
import type { AppTarget } from '../shared/targets';
import { resolveAppTarget } from './appTarget';
import type { CommandContext } from './commandRunner';
import { InputFlow, type FlowSearchItem } from './inputFlow';
import type { Services } from './services';

/**
 * Adds an app from the gallery: search the application templates, name the app, instantiate.
 * Scripted: `{ templateId, displayName }` → `{ servicePrincipalId, applicationId }`.
 */
export async function addGalleryApp(services: Services, context: CommandContext, arg?: unknown): Promise<{ servicePrincipalId: string; applicationId: string } | undefined> {
  const connection = services.graph.connection((arg as { connectionId?: string } | undefined)?.connectionId);
  await services.graph.ensureScopes(connection.id, 'manageApps');
  const service = await services.graph.service(connection.id);
  let { templateId, displayName } = (arg ?? {}) as { templateId?: unknown; displayName?: unknown };
  if (templateId !== undefined && (typeof templateId !== 'string' || !templateId)) throw new UserFacingError(vscode.l10n.t('templateId must be a non-empty string.'));
  let templateName: string | undefined;
  // One quick input through the steps (see InputFlow): the walkthrough would otherwise close the next step.
  const flow = new InputFlow(context, vscode.l10n.t('Add App from Gallery stopped: no app was added.'));
  try {
    if (templateId === undefined) {
      const search = await flow.input({ title: vscode.l10n.t('Add an app from the gallery'), prompt: vscode.l10n.t('Search the gallery (e.g. GoToMeeting)') });
      if (search === undefined) return undefined;
      context.report(vscode.l10n.t('Searching the gallery…'));
      const templates = await flow.busy(() => service.apps.listApplicationTemplates(search, context.signal));
      if (templates.length === 0) throw new UserFacingError(vscode.l10n.t('No gallery app matches "{0}".', search));
      const [picked] = await flow.pick(
        templates.map((t) => ({
          label: t.displayName ?? t.id ?? '',
          description: (t.supportedProvisioningTypes ?? []).includes('sync') ? vscode.l10n.t('supports provisioning') : undefined,
          detail: [t.publisher, t.description].filter(Boolean).join(' — '),
          id: t.id ?? '',
        })),
        { title: vscode.l10n.t('Add an app from the gallery'), matchOnDetail: true },
      ) ?? [];
      if (!picked) return undefined;
      templateId = picked.id;
      templateName = picked.label;
    }
    if (displayName === undefined) {
      const named = await askNewAppName(service, context, flow, templateName);
      if (!named) return undefined;
      if ('existing' in named) {
        await services.tree.jobsChanged(connection.id, named.existing.servicePrincipalId, context.signal);
        await services.tree.revealApp(connection.id, named.existing.servicePrincipalId);
        return named.existing;
      }
      displayName = named.name;
    }
  } finally {
    flow.dispose();
  }
  if (typeof displayName !== 'string' || !displayName.trim()) throw new UserFacingError(vscode.l10n.t('displayName must be a non-empty string.'));
  context.report(vscode.l10n.t('Adding {0}…', displayName));
  const created = await service.apps.instantiateTemplate(templateId as string, displayName.trim(), context.signal);
  const servicePrincipalId = created.servicePrincipal?.id ?? '';
  // A new app takes Entra a while to replicate; the tree's next read would otherwise find no app.
  await service.apps.waitForNewApp(servicePrincipalId, context.signal, () => context.report(vscode.l10n.t('Waiting for Microsoft Entra to replicate the new app…')));
  await services.tree.jobsChanged(connection.id, servicePrincipalId, context.signal);
  await services.tree.revealApp(connection.id, servicePrincipalId);
  return { servicePrincipalId, applicationId: created.application?.id ?? '' };
}

/**
 * Asks the new app's name; when an enterprise app of that name exists (the sandbox seeds a
 * "GoToMeeting (sandbox)"), says so and offers another name, the existing app, or a second one anyway.
 */
async function askNewAppName(service: ProvisioningService, context: CommandContext, flow: InputFlow, suggested: string | undefined): Promise<{ name: string } | { existing: { servicePrincipalId: string; applicationId: string } } | undefined> {
  let value = suggested;
  for (;;) {
    const typed = await flow.input({ title: vscode.l10n.t('Name of the new enterprise app'), value, validate: (v) => (v.trim() ? undefined : vscode.l10n.t('Required.')) });
    if (typed === undefined) return undefined;
    const name = typed.trim();
    const same = await flow.busy(async () => (await service.apps.listApps({ search: name, top: 50, signal: context.signal })).items.find((app) => app.displayName?.trim().toLowerCase() === name.toLowerCase()));
    if (!same?.id) return { name };
    const [choice] = await flow.pick([
      { label: vscode.l10n.t('Choose a different name'), detail: vscode.l10n.t('Two apps with one name are hard to tell apart in the portal and in this view.'), action: 'rename' as const },
      { label: vscode.l10n.t('Use the existing "{0}"', same.displayName ?? name), detail: vscode.l10n.t('Adds nothing; continue the tutorial with the app that is already there.'), action: 'existing' as const },
      { label: vscode.l10n.t('Add another app named "{0}"', name), action: 'add' as const },
    ], { title: vscode.l10n.t('An enterprise app named "{0}" already exists', same.displayName ?? name) }) ?? [];
    if (!choice) return undefined;
    if (choice.action === 'add') return { name };
    if (choice.action === 'existing') {
      const applicationId = same.appId ? await flow.busy(() => service.apps.applicationObjectId(same.appId as string, context.signal)) : undefined;
      return { existing: { servicePrincipalId: same.id, applicationId: applicationId ?? '' } };
    }
    value = vscode.l10n.t('{0} (2)', name);
  }
}

/**
 * Assigns users or groups to an app with a real role ("Default Access" is not provisioned, so it is
 * only offered with a warning). Scripted: `{ servicePrincipalId, principalId, appRoleId? }` →
 * `{ assignmentId }` (the app's first real role when no role is given).
 */
export async function assignUsers(services: Services, context: CommandContext, arg?: unknown): Promise<{ assignmentId: string; assignmentIds: string[] } | undefined> {
  // One quick input through the steps (see InputFlow): the walkthrough would otherwise close the next step.
  const flow = new InputFlow(context, vscode.l10n.t('Assign Users and Groups stopped: nobody was assigned.'));
  let request: AssignmentRequest | undefined;
  try {
    request = await askAssignment(services, context, arg, flow);
  } finally {
    flow.dispose();
  }
  if (!request) return undefined;
  const { app, service, principals, roleId } = request;
  if (roleId === DEFAULT_ACCESS_ROLE_ID) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Assigned with Default Access: the provisioning service does not provision such assignments. Give the app a role such as "User" and assign that.'));
  }
  const ids: string[] = [];
  try {
    for (const principal of principals) {
      const assignment = await service.apps.assign(app.servicePrincipalId, principal.id, roleId, context.signal);
      ids.push(assignment.id ?? '');
    }
  } catch (error) {
    // Cancelled or failed part-way: take back the assignments already made, so nothing is left half done.
    for (const id of ids) {
      await service.apps.unassign(app.servicePrincipalId, id).catch((undo: Error) => services.logger.child('commands').warn(`could not take back assignment ${id}: ${undo.message}`));
    }
    throw error;
  }
  try {
    await service.apps.waitForAssignments(app.servicePrincipalId, ids, context.signal, () => context.report(vscode.l10n.t('Waiting for Microsoft Entra to replicate the new assignments…')));
  } catch (error) {
    // The assignments exist: failing the command would invite a second, duplicate attempt.
    if ((error as { kind?: string }).kind !== 'notReplicated') throw error;
    void vscode.window.showWarningMessage(vscode.l10n.t('Assigned. Microsoft Entra does not list the new assignments yet: refresh the view in a minute.'));
  }
  await services.tree.jobsChanged(app.connectionId, app.servicePrincipalId, context.signal);
  return { assignmentId: ids[0], assignmentIds: ids };
}

interface AssignmentRequest {
  readonly app: AppTarget;
  readonly service: ProvisioningService;
  readonly principals: ReadonlyArray<{ id: string; name: string }>;
  readonly roleId: string;
}

/** The app, principals and role to assign: from a script's argument, or asked step by step in `flow`. */
async function askAssignment(services: Services, context: CommandContext, arg: unknown, flow: InputFlow): Promise<AssignmentRequest | undefined> {
  const app = await resolveAppTarget(services, context, arg, flow);
  if (!app) return undefined;
  await services.graph.ensureScopes(app.connectionId, 'manageAssignments');
  const service = await services.graph.service(app.connectionId);
  const sp = await flow.busy(() => service.apps.getApp(app.servicePrincipalId, context.signal));
  const roles = (sp.appRoles ?? []).filter((r) => r.isEnabled !== false && (r.allowedMemberTypes ?? ['User']).includes('User') && r.id !== DEFAULT_ACCESS_ROLE_ID);
  const given = (arg ?? {}) as { principalId?: unknown; principalIds?: unknown; appRoleId?: unknown };
  // Several principals from a script: `principalIds`; one: `principalId`.
  if (given.principalId !== undefined || given.principalIds !== undefined) {
    const ids = given.principalIds ?? [given.principalId];
    if (!Array.isArray(ids) || ids.length === 0 || ids.some((id) => typeof id !== 'string' || !id)) throw new UserFacingError(vscode.l10n.t('principalId must be a non-empty string.'));
    if (given.appRoleId !== undefined && typeof given.appRoleId !== 'string') throw new UserFacingError(vscode.l10n.t('appRoleId must be a string.'));
    const roleId = (given.appRoleId as string | undefined) ?? roles[0]?.id ?? DEFAULT_ACCESS_ROLE_ID;
    return { app, service, principals: (ids as string[]).map((id) => ({ id, name: id })), roleId };
  }
  const principals = await pickPrincipals(service, flow, context);
  if (!principals?.length) return undefined;
  const defaultAccess = { label: `$(warning) ${vscode.l10n.t('Default Access')}`, detail: vscode.l10n.t('Not provisioned: the provisioning service skips Default Access assignments.'), id: DEFAULT_ACCESS_ROLE_ID };
  const [role] = await flow.pick(
    [...roles.map((r) => roleItem(r)), ...(roles.length === 0 ? [defaultAccess] : [])],
    { title: vscode.l10n.t('Role for {0}', principals.map((p) => p.name).join(', ')) },
  ) ?? [];
  return role ? { app, service, principals, roleId: role.id } : undefined;
}

/**
 * A role's row: its name, and its description where that says more than the name (gallery apps'
 * "User" role is described as "User"); otherwise what the role means for provisioning.
 */
function roleItem(role: AppRole): vscode.QuickPickItem & { id: string } {
  const name = role.displayName ?? role.value ?? role.id ?? '';
  const description = role.description?.trim();
  const says = description && description.toLowerCase() !== name.toLowerCase() ? description : undefined;
  return {
    label: name,
    description: role.value && role.value !== name ? role.value : undefined,
    detail: says ?? vscode.l10n.t('Assignments with this role are provisioned to the app.'),
    id: role.id ?? '',
  };
}

/**
 * The users and groups to assign: the directory's first page at once, to browse and check several,
 * narrowed as the user types and searched on the server for names beyond that page.
 */
async function pickPrincipals(service: ProvisioningService, flow: InputFlow, context: CommandContext): Promise<Array<{ id: string; name: string }> | undefined> {
  type Row = FlowSearchItem & { name?: string };
  const picked = await flow.searchPick<Row>({
    title: vscode.l10n.t('Assign users and groups'),
    placeholder: vscode.l10n.t('Check users and groups (Space), or type to search the directory'),
    canPickMany: true,
    matchOnDescription: true,
    noMatch: (search) => vscode.l10n.t('No user or group matches "{0}". Change the text to search again.', search),
    load: async (search) => {
      const [users, groups] = await Promise.all([service.apps.searchUsers(search, context.signal), service.apps.searchGroups(search, context.signal)]);
      const rows: Row[] = [];
      // Groups first: a tenant has few, and a page of users would push them out of sight.
      if (groups.items.length > 0) rows.push({ label: vscode.l10n.t('Groups'), kind: vscode.QuickPickItemKind.Separator });
      rows.push(...groups.items.map((g) => ({ label: `$(organization) ${g.displayName ?? ''}`, description: vscode.l10n.t('group'), id: g.id ?? '', name: g.displayName ?? '' })));
      if (users.items.length > 0) rows.push({ label: vscode.l10n.t('Users'), kind: vscode.QuickPickItemKind.Separator });
      rows.push(...users.items.map((u) => ({ label: `$(person) ${u.displayName ?? ''}`, description: u.userPrincipalName ?? '', id: u.id ?? '', name: u.displayName ?? '' })));
      return rows;
    },
  });
  return picked?.map((p) => ({ id: p.id as string, name: p.name ?? p.label }));
}
