import * as vscode from 'vscode';
import type { SecretPair } from '../graph/secretsApi';
import { UserFacingError } from '../shared/errors';
import { redactSecrets } from '../shared/logger';
import type { CommandContext } from './commandRunner';
import { credentialFields } from './credentialFields';
import { jobForWrite } from './jobActions';
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

/** Asks for the connector's admin credentials, one field after another; secrets are typed masked. */
async function askCredentials(service: ProvisioningService, target: JobTarget, context: CommandContext): Promise<SecretPair[] | undefined> {
  const job = await service.jobs.getJob(target.servicePrincipalId, target.jobId, context.signal);
  const templates = await service.jobs.listTemplates(target.servicePrincipalId, context.signal);
  const fields = credentialFields(templates.find((t) => t.id === job.templateId));
  const pairs: SecretPair[] = [];
  for (const [index, field] of fields.entries()) {
    const value = await vscode.window.showInputBox({
      title: vscode.l10n.t('Admin credentials for {0} ({1}/{2})', target.appDisplayName ?? target.jobId, index + 1, fields.length),
      prompt: field.label,
      password: field.secret,
      ignoreFocusOut: true,
      validateInput: (v) => (field.required && !v.trim() ? vscode.l10n.t('{0} is required.', field.label) : field.key === 'BaseAddress' && v && !/^https?:\/\//i.test(v.trim()) ? vscode.l10n.t('The tenant URL starts with https://') : undefined),
    }, context.token);
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
  const credentials = given ?? (await askCredentials(service, target, context));
  if (!credentials) return undefined;
  await service.secrets.save(target.servicePrincipalId, credentials, context.signal);
  await services.tree.jobsChanged(target.connectionId, target.servicePrincipalId, context.signal);
  if (!given) {
    const test = vscode.l10n.t('Test Connection');
    void vscode.window.showInformationMessage(vscode.l10n.t('Admin credentials saved for {0}.', target.appDisplayName ?? target.jobId), test).then((choice) => {
      if (choice === test) void vscode.commands.executeCommand('entraProvisioning.testConnection', target);
    });
  }
  return { ok: true };
}

/** What to check after a failed test, by connector kind, in plain words. */
function hintFor(credentials: readonly SecretPair[] | undefined): string {
  const keys = new Set((credentials ?? []).map((c) => c.key));
  if (keys.has('SecretToken') || keys.has('BaseAddress')) return vscode.l10n.t('Check that the tenant URL is the app\'s SCIM base address and that the secret token is current.');
  return vscode.l10n.t('Check the admin user name and password, and that this admin may manage users in the app.');
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
      credentials = await askCredentials(service, target, context);
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
  const savedPairs = credentials ?? (await service.secrets.list(target.servicePrincipalId, context.signal)).map((s) => ({ key: s.key, value: '' }));
  const reason = redactSecrets(check.message);
  void vscode.window.showWarningMessage(vscode.l10n.t('Test connection to {0} failed. {1} {2}', name, reason, hintFor(savedPairs)));
  return { ok: false, message: reason };
}
