import * as vscode from 'vscode';
import { CommandId } from '../shared/commandIds';
import { codeFormatNames, codeFormats, copyableCommands, graphRequestsFor, requestsAsCode, type CodeFormat, type Lookups } from '../shared/copyAsCode';
import { UserFacingError } from '../shared/errors';
import type { CommandContext } from './commandRunner';
import { applyRequestsOf } from './jobFiles';
import { resolveJobTarget } from './jobTarget';
import { settingsToSecrets, type ProvisioningSettingsArgs } from './provisioningSettings';
import type { Services } from './services';

/**
 * The Microsoft Graph request(s) a job command would send, as HTTP, Microsoft Graph PowerShell or
 * `az rest`, put on the clipboard; credential values are placeholders. Public contract:
 * `{ command, args, format: "http" | "powershell" | "azcli" }` → `{ text }`. From the tree or the
 * palette it asks for the command and the format.
 */
export async function copyAsCode(services: Services, context: CommandContext, arg?: unknown): Promise<{ text: string } | undefined> {
  const given = (arg ?? {}) as { command?: unknown; args?: unknown; format?: unknown; connectionId?: unknown };
  let command = given.command;
  let args = given.args as Record<string, unknown> | undefined;
  let format = given.format;
  if (command === undefined) {
    const target = await resolveJobTarget(services, context, arg);
    if (!target) return undefined;
    const picked = await context.waitForUser(() => vscode.window.showQuickPick(
      [CommandId.startJob, CommandId.pauseJob, CommandId.restartJob, CommandId.testConnection, CommandId.exportSchema].map((id) => ({ label: id.replace(/^entraProvisioning\./, ''), id })),
      { title: vscode.l10n.t('Copy which command as code?') },
    ));
    if (!picked) return undefined;
    command = picked.id;
    args = { servicePrincipalId: target.servicePrincipalId, jobId: target.jobId, connectionId: target.connectionId };
  }
  if (typeof command !== 'string' || !copyableCommands.includes(command)) {
    throw new UserFacingError(vscode.l10n.t('command must be one of {0}.', copyableCommands.join(', ')));
  }
  if (!args || typeof args !== 'object') throw new UserFacingError(vscode.l10n.t('args must be the command’s argument object.'));
  if (format === undefined) {
    const picked = await context.waitForUser(() => vscode.window.showQuickPick(
      codeFormats.map((f) => ({ label: codeFormatNames[f], format: f })),
      { title: vscode.l10n.t('Copy as…') },
    ));
    if (!picked) return undefined;
    format = picked.format;
  }
  if (!codeFormats.includes(format as CodeFormat)) throw new UserFacingError(vscode.l10n.t('format must be one of {0}.', codeFormats.join(', ')));
  // A provisioning file names its tenant: the requests go to that tenant's Graph.
  const fileLookups = command === CommandId.applyJobFile ? await applyRequestsOf(services, context, args) : undefined;
  const connectionId = fileLookups?.connectionId ?? (typeof args.connectionId === 'string' ? args.connectionId : typeof given.connectionId === 'string' ? given.connectionId : undefined);
  const connection = services.graph.connection(connectionId);
  const lookups = fileLookups ?? await lookupsFor(services, context, connection.id, command, args);
  // The file names the job applying it writes to.
  const requestArgs = fileLookups ? { ...args, servicePrincipalId: fileLookups.servicePrincipalId, jobId: fileLookups.jobId } : args;
  let text: string;
  try {
    text = requestsAsCode(graphRequestsFor(command, requestArgs, lookups), format as CodeFormat, connection.graphBaseUrl);
  } catch (error) {
    throw new UserFacingError(vscode.l10n.t('Cannot copy {0} as code: {1}', command, (error as Error).message));
  }
  await vscode.env.clipboard.writeText(text);
  if (given.command === undefined) void vscode.window.showInformationMessage(vscode.l10n.t('Copied to the clipboard.'));
  return { text };
}

/**
 * What the command's requests carry beyond its argument, read as the command reads it: provision on
 * demand's rule id (a placeholder when it cannot be read), the settings secrets of a settings change,
 * the open mapping editor's schema.
 */
async function lookupsFor(services: Services, context: CommandContext, connectionId: string, command: string, args: Record<string, unknown>): Promise<Lookups> {
  const sp = typeof args.servicePrincipalId === 'string' ? args.servicePrincipalId : undefined;
  const jobId = typeof args.jobId === 'string' ? args.jobId : undefined;
  if (!sp) return {};
  if (command === CommandId.editProvisioningSettings) {
    const service = await services.graph.service(connectionId);
    return { settings: settingsToSecrets(await service.secrets.list(sp, context.signal), args as ProvisioningSettingsArgs) };
  }
  if (command === CommandId.saveMappings && jobId) {
    return { schema: services.mappingEditors.get({ connectionId, servicePrincipalId: sp, jobId })?.schemaToSave() };
  }
  if (command !== CommandId.provisionOnDemand || !jobId) return {};
  try {
    const service = await services.graph.service(connectionId);
    const schema = await service.schema.get(sp, jobId, context.signal);
    const type = (args.subject as { objectTypeName?: unknown } | undefined)?.objectTypeName === 'Group' ? 'group' : 'user';
    const rule = schema.synchronizationRules?.find((r) => r.objectMappings?.some((m) => m.enabled && m.sourceObjectName?.toLowerCase() === type)) ?? schema.synchronizationRules?.[0];
    return { ruleId: rule?.id };
  } catch (error) {
    services.logger.warn(`[copyAsCode] could not read the rule id: ${(error as Error).message}`);
    return {};
  }
}
