import * as vscode from 'vscode';
import type { SynchronizationTemplate } from '@microsoft/microsoft-graph-types';
import { isMaskedSecret } from '../graph/facts';
import type { SecretPair } from '../graph/secretsApi';
import { UserFacingError } from '../shared/errors';
import { redactSecrets } from '../shared/logger';
import type { CommandContext } from './commandRunner';
import { credentialFields, type CredentialField } from './credentialFields';
import { enterCredentialsAction, jobForWrite } from './jobActions';
import type { JobTarget } from '../shared/targets';
import type { ProvisioningService } from '../graph/provisioningService';
import type { Services } from './services';

/** Validates a scripted `credentials` argument: a non-empty list of `{ key, value }` strings. */
function parseCredentials(value: unknown): SecretPair[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length === 0 || value.some((c) => !c || typeof c.key !== 'string' || !c.key || typeof c.value !== 'string')) {
    throw new UserFacingError(vscode.l10n.t('credentials must be a non-empty list of {{ key, value }} strings.'));
  }
  return value.map((c: SecretPair) => ({ key: c.key, value: c.value }));
}

/** The credentials form of a job: its connector's fields and what is saved already. */
interface CredentialForm {
  readonly fields: CredentialField[];
  readonly template: SynchronizationTemplate | undefined;
}

async function credentialForm(service: ProvisioningService, target: JobTarget, signal: AbortSignal): Promise<CredentialForm> {
  const job = await service.jobs.getJob(target.servicePrincipalId, target.jobId, signal);
  const templates = await service.jobs.listTemplates(target.servicePrincipalId, signal);
  const template = templates.find((t) => t.id === job.templateId);
  return { fields: credentialFields(template), template };
}

/**
 * The sandbox's own GoToMeeting admin, when the job is a GoToMeeting job on a sandbox this extension
 * started (only then does it know them: they come from the sandbox's start output).
 */
function sandboxAdmin(services: Services, target: JobTarget, form: CredentialForm): SecretPair[] | undefined {
  const admin = services.sandboxes.gotoMeetingAdmin(target.connectionId);
  const keys = new Set(form.fields.map((f) => f.key));
  if (!admin || !isGoToMeeting(form.template) || !keys.has('UserName') || !keys.has('Password')) return undefined;
  return [{ key: 'UserName', value: admin.userName }, { key: 'Password', value: admin.password }];
}

function isGoToMeeting(template: SynchronizationTemplate | undefined): boolean {
  return /gotomeeting/i.test(template?.factoryTag ?? '') || /gotomeeting/i.test(template?.id ?? '');
}

/**
 * Asks for the connector's admin credentials, one field after another; secrets are typed masked.
 * Saved values that are not secret (the user name, the tenant URL) are offered again; secrets never
 * are. On a sandbox, the sandbox's own credentials are offered first.
 */
async function askCredentials(services: Services, service: ProvisioningService, target: JobTarget, context: CommandContext): Promise<SecretPair[] | undefined> {
  const form = await credentialForm(service, target, context.signal);
  const offered = sandboxAdmin(services, target, form);
  const app = target.appDisplayName ?? target.jobId;
  if (offered) {
    type Choice = vscode.QuickPickItem & { use: boolean };
    const choice = await context.waitForUser(() => vscode.window.showQuickPick<Choice>([
      { use: true, label: `$(beaker) ${vscode.l10n.t('Use the sandbox\'s credentials')}`, description: offered[0].value, detail: vscode.l10n.t('The admin account of the sandbox\'s GoToMeeting app (the sandbox prints it when it starts).') },
      { use: false, label: `$(edit) ${vscode.l10n.t('Enter credentials')}`, detail: vscode.l10n.t('Type an admin user name and password yourself.') },
    ], { title: vscode.l10n.t('Admin credentials for {0}', app), ignoreFocusOut: true }, context.token));
    if (!choice) return undefined;
    if (choice.use) return offered;
  }
  const saved = await service.secrets.list(target.servicePrincipalId, context.signal);
  // An attached sandbox's credentials are in the terminal that started it: say so where they are typed.
  const sandboxHint = !offered && isGoToMeeting(form.template) && services.graph.connection(target.connectionId).kind === 'sandbox';
  const pairs: SecretPair[] = [];
  for (const [index, field] of form.fields.entries()) {
    const previous = saved.find((s) => s.key === field.key)?.value;
    const value = await context.waitForUser(() => vscode.window.showInputBox({
      title: vscode.l10n.t('Admin credentials for {0} ({1}/{2})', app, index + 1, form.fields.length),
      prompt: sandboxHint && index === 0 ? vscode.l10n.t('{0} (the sandbox prints its GoToMeeting admin user name and password when it starts)', field.label) : field.label,
      password: field.secret,
      value: field.secret || isMaskedSecret(previous) ? undefined : (previous ?? undefined),
      ignoreFocusOut: true,
      validateInput: (v) => (field.required && !v.trim() ? vscode.l10n.t('{0} is required.', field.label) : field.key === 'BaseAddress' && v && !/^https?:\/\//i.test(v.trim()) ? vscode.l10n.t('The tenant URL starts with https://') : undefined),
    }, context.token));
    if (value === undefined) return undefined;
    if (value.trim() || field.required) pairs.push({ key: field.key, value: field.key === 'BaseAddress' ? value.trim() : value });
  }
  return pairs;
}

/**
 * Saves admin credentials (merged into the saved list, nothing else touched). Scripted:
 * `{ servicePrincipalId, jobId, credentials: [{ key, value }] }` → `{ ok }`.
 */
export async function saveCredentials(services: Services, context: CommandContext, arg?: unknown): Promise<{ ok: boolean } | undefined> {
  const given = parseCredentials((arg as { credentials?: unknown } | undefined)?.credentials);
  const resolved = await jobForWrite(services, context, arg);
  if (!resolved) return undefined;
  const { target, service } = resolved;
  const credentials = given ?? (await askCredentials(services, service, target, context));
  if (!credentials) return undefined;
  await service.secrets.save(target.servicePrincipalId, credentials, context.signal);
  rememberSandboxScimEndpoint(services, target, credentials);
  await services.tree.jobsChanged(target.connectionId, target.servicePrincipalId, context.signal);
  if (!given) {
    const test = vscode.l10n.t('Test Connection');
    void vscode.window.showInformationMessage(vscode.l10n.t('Admin credentials saved for {0}.', target.appDisplayName ?? target.jobId), test).then((choice) => {
      if (choice === test) void vscode.commands.executeCommand('entraProvisioning.testConnection', target);
    });
  }
  return { ok: true };
}

/**
 * On a sandbox, the SCIM endpoint a job's credentials now point at, so test users can read their
 * objects there (Graph never gives the token back). A real tenant's app is never read this way.
 */
function rememberSandboxScimEndpoint(services: Services, target: JobTarget, credentials: readonly SecretPair[]): void {
  if (services.graph.connection(target.connectionId).kind !== 'sandbox') return;
  const baseAddress = credentials.find((c) => c.key === 'BaseAddress')?.value;
  const token = credentials.find((c) => c.key === 'SecretToken')?.value;
  if (baseAddress && token) services.sandboxes.rememberScimEndpoint(target.connectionId, baseAddress, token);
}

/** What to check after a failed test, by the connector's fields, in plain words. */
function hintFor(fields: readonly CredentialField[]): string {
  const keys = new Set(fields.map((f) => f.key));
  if (keys.has('SecretToken') || keys.has('BaseAddress')) return vscode.l10n.t('Check that the tenant URL is the app\'s SCIM base address and that the secret token is current.');
  return vscode.l10n.t('Check the admin user name and password, and that this admin may manage users in the app.');
}

/** Graph's reason without our "Could not test the connection:" frame and the request id (the log has both). */
function plainReason(message: string): string {
  return message.replace(/^Could not [^:]+: /, '').replace(/ ?\(request-id [^)]+\)\.?$/, '').trim();
}

/**
 * Tests the connection to the app with the given credentials, or the saved ones. Scripted:
 * `{ servicePrincipalId, jobId, credentials? }` → `{ ok, message }`.
 */
export async function testConnection(services: Services, context: CommandContext, arg?: unknown): Promise<{ ok: boolean; message: string } | undefined> {
  let credentials = parseCredentials((arg as { credentials?: unknown } | undefined)?.credentials);
  // A plain argument from a script never prompts; a tree node (it carries a jobTarget) may.
  const scripted = Boolean(arg && typeof arg === 'object' && 'jobId' in arg && !('jobTarget' in arg));
  const resolved = await jobForWrite(services, context, arg);
  if (!resolved) return undefined;
  const { target, service } = resolved;
  if (!credentials && !scripted) {
    const saved = await service.secrets.list(target.servicePrincipalId, context.signal);
    if (saved.length === 0) {
      credentials = await askCredentials(services, service, target, context);
      if (!credentials) return undefined;
    }
  }
  context.report(vscode.l10n.t('Testing the connection…'));
  const check = await service.jobs.validateCredentials(target.servicePrincipalId, target.jobId, credentials, context.signal);
  const name = target.appDisplayName ?? target.jobId;
  if (check.ok) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Test connection to {0} succeeded: the app accepted the credentials.', name));
    return { ok: true, message: check.message };
  }
  const reason = redactSecrets(check.message);
  services.logger.child('commands').warn(`test connection of job ${target.jobId} failed: ${reason}`);
  const { fields } = await credentialForm(service, target, context.signal);
  const reenter = enterCredentialsAction(target, vscode.l10n.t('Re-enter Credentials'));
  void vscode.window.showWarningMessage(vscode.l10n.t('Test connection to {0} failed. {1} {2}', name, plainReason(reason), hintFor(fields)), reenter.title).then((choice) => {
    if (choice === reenter.title) void vscode.commands.executeCommand(reenter.command, reenter.argument);
  });
  return { ok: false, message: reason };
}
