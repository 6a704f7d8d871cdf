import * as vscode from 'vscode';
import { CommandId } from '../shared/commandIds';
import { UserFacingError } from '../shared/errors';
import type { CommandContext } from './commandRunner';
import { askScimEndpoint, parseScimEndpoint } from './scimEndpointInput';
import type { Services } from './services';

/**
 * The enterprise app this command creates in the sandbox, and finds again on later runs. A name in
 * the tenant's data, not a sentence of the UI: it stays the same in every display language, so a
 * run in Swedish reuses the app an English run created.
 */
export const MY_SCIM_APP_NAME = 'My SCIM App (sandbox)';
/** Entra's template for a non-gallery app, the kind a SaaS developer's own SCIM app is added as. */
const NON_GALLERY_TEMPLATE_ID = '8adf8e6e-67b2-4cf2-a259-e3dc5476c621';
/** The provisioning job template of a non-gallery SCIM app. */
const SCIM_JOB_TEMPLATE_ID = 'scim';

/**
 * Points a sandbox provisioning job at the user's own SCIM endpoint, so that real cycles,
 * provisioning on demand, the mapping editor and the activity stream all run against it: finds (or
 * adds) the non-gallery app "My SCIM App (sandbox)", finds (or creates) its job, and saves the
 * endpoint as its Tenant URL and Secret Token, with every user of the sandbox in scope (a new app
 * has no assignments). Only a sandbox tenant: a real tenant's provisioning cannot reach localhost.
 * Scripted: `{ baseAddress, token, connectionId? }` → `{ servicePrincipalId, jobId, created }`
 * (`created`: whether the app was added by this run).
 */
export async function pointSandboxJobAtScimApp(services: Services, context: CommandContext, arg?: unknown): Promise<{ servicePrincipalId: string; jobId: string; created: boolean } | undefined> {
  const given = parseScimEndpoint(arg, '{ baseAddress, token, connectionId? }');
  const connection = services.graph.connection((arg as { connectionId?: string } | undefined)?.connectionId);
  if (connection.kind !== 'sandbox') {
    throw new UserFacingError(vscode.l10n.t('Only a sandbox tenant can provision into an endpoint on this machine: connect to the sandbox tenant first.'), {
      actions: [{ title: vscode.l10n.t('Connect to Sandbox Tenant'), command: CommandId.connectSandbox }],
    });
  }
  const endpoint = given ?? (await askScimEndpoint(context, vscode.l10n.t('Point a Sandbox Job at My SCIM App'), vscode.l10n.t('Point a Sandbox Job at My SCIM App stopped: nothing was changed.')));
  if (!endpoint) return undefined;
  const service = await services.graph.service(connection.id);
  context.report(vscode.l10n.t('Looking for {0}…', MY_SCIM_APP_NAME));
  const apps = await service.apps.listAllAppNames(10_000, context.signal);
  let servicePrincipalId = apps.find((a) => a.displayName === MY_SCIM_APP_NAME)?.id;
  const created = servicePrincipalId === undefined;
  if (!servicePrincipalId) {
    context.report(vscode.l10n.t('Adding {0}…', MY_SCIM_APP_NAME));
    const added = await service.apps.instantiateTemplate(NON_GALLERY_TEMPLATE_ID, MY_SCIM_APP_NAME, context.signal);
    servicePrincipalId = added.servicePrincipal?.id ?? '';
    if (!servicePrincipalId) throw new UserFacingError(vscode.l10n.t('The sandbox added the app but returned no id.'));
    await service.apps.waitForNewApp(servicePrincipalId, context.signal, () => context.report(vscode.l10n.t('Waiting for Microsoft Entra to replicate the new app…')));
  }
  const existing = (await service.jobs.jobsForApps([servicePrincipalId], context.signal)).get(servicePrincipalId);
  if (existing?.error) throw existing.error;
  let jobId = existing?.jobs?.find((j) => j.templateId === SCIM_JOB_TEMPLATE_ID)?.id ?? undefined;
  if (!jobId) {
    const job = await service.jobs.createJob(servicePrincipalId, SCIM_JOB_TEMPLATE_ID, context.signal);
    jobId = job.id ?? '';
  }
  // SyncAll: a new app has nobody assigned, and the point is to see the sandbox's users arrive.
  await service.secrets.save(servicePrincipalId, [
    { key: 'BaseAddress', value: endpoint.baseAddress },
    { key: 'SecretToken', value: endpoint.token },
    { key: 'SyncAll', value: 'true' },
  ], context.signal);
  // Graph never gives the token back: remembered (in memory) so test users can read their objects there.
  services.sandboxes.rememberScimEndpoint(connection.id, endpoint.baseAddress, endpoint.token);
  await services.tree.jobsChanged(connection.id, servicePrincipalId, context.signal);
  await services.tree.revealApp(connection.id, servicePrincipalId);
  if (!given) {
    const start = vscode.l10n.t('Start Provisioning');
    const target = { connectionId: connection.id, servicePrincipalId, jobId };
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} now provisions the sandbox\'s users into {1}.', MY_SCIM_APP_NAME, endpoint.baseAddress), start).then((choice) => {
      if (choice === start) void vscode.commands.executeCommand(CommandId.startJob, target);
    });
  }
  return { servicePrincipalId, jobId, created };
}
