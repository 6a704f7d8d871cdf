/**
 * "Copy as code" (issue #15): the Microsoft Graph requests a job command sends, written as an HTTP
 * request, as Microsoft Graph PowerShell and as `az rest`, to run against the real service.
 * Credential values never appear: placeholders such as `<SecretToken>` stand in for them.
 *
 * The cmdlet names and parameters are those of the Microsoft Graph PowerShell reference, module
 * Microsoft.Graph.Applications (https://learn.microsoft.com/powershell/module/microsoft.graph.applications/),
 * as the Graph API pages' PowerShell tabs use them (their snippets are in
 * https://github.com/microsoftgraph/microsoft-graph-docs-contrib, api-reference/v1.0/includes/snippets/powershell/,
 * e.g. synchronizationjob-start-, synchronizationjob-pause-, synchronizationjob-restart-powershell-snippets.md).
 */
import { CommandId } from './commandIds';

export type CodeFormat = 'http' | 'powershell' | 'azcli';
export const codeFormats: readonly CodeFormat[] = ['http', 'powershell', 'azcli'];

/** What each format is called in a picker (product names: not translated). */
export const codeFormatNames: Readonly<Record<CodeFormat, string>> = { http: 'HTTP', powershell: 'Microsoft Graph PowerShell', azcli: 'Azure CLI (az rest)' };

/** One Graph request, with the Microsoft Graph PowerShell cmdlet that sends it when there is one. */
export interface GraphRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Relative to the Graph root (`/servicePrincipals/...`). */
  readonly path: string;
  readonly body?: unknown;
  /** A body read from a file instead (`@file` in az, Get-Content in PowerShell). */
  readonly bodyFile?: string;
  readonly cmdlet?: { readonly name: string; readonly parameters: Readonly<Record<string, string>> };
}

/** What a command's requests need that is not in its argument (looked up by the caller). */
export interface Lookups {
  /** The job's synchronization rule id (provision on demand sends it). */
  readonly ruleId?: string;
  /** The secrets a settings change writes (editProvisioningSettings, applyJobFile): settings, never credentials. */
  readonly settings?: ReadonlyArray<{ key: string; value: string }>;
  /** The whole schema a save PUTs (saveMappings: the open editor's; applyJobFile: the file's applied to the tenant's). */
  readonly schema?: unknown;
}

/** The commands copy-as-code knows, each with what it sends. */
export const copyableCommands: readonly string[] = [
  CommandId.startJob, CommandId.pauseJob, CommandId.restartJob, CommandId.allowHeldDeletions, CommandId.provisionOnDemand,
  CommandId.saveCredentials, CommandId.testConnection, CommandId.createJob, CommandId.deleteJob, CommandId.exportSchema, CommandId.importSchema,
  CommandId.editProvisioningSettings, CommandId.saveMappings, CommandId.applyJobFile,
];

const e = encodeURIComponent;

function str(args: Record<string, unknown>, key: string): string {
  const value = args[key];
  if (typeof value !== 'string' || !value) throw new Error(`${key} must be a non-empty string`);
  return value;
}

/** Placeholder for a credential value: the key in angle brackets. */
export function placeholder(key: string): string {
  return `<${key}>`;
}

/**
 * The Graph requests `command` sends for `args`.
 * @throws Error for a command copy-as-code does not know, or an argument it needs that is missing.
 */
export function graphRequestsFor(command: string, args: Record<string, unknown>, lookups: Lookups = {}): GraphRequest[] {
  if (command === CommandId.createJob) {
    const sp = str(args, 'servicePrincipalId');
    const templateId = typeof args.templateId === 'string' && args.templateId ? args.templateId : placeholder('templateId');
    return [{ method: 'POST', path: `/servicePrincipals/${e(sp)}/synchronization/jobs`, body: { templateId }, cmdlet: { name: 'New-MgServicePrincipalSynchronizationJob', parameters: { ServicePrincipalId: sp } } }];
  }
  const sp = str(args, 'servicePrincipalId');
  if (command === CommandId.editProvisioningSettings) {
    if (!lookups.settings?.length) throw new Error('the arguments change no provisioning setting');
    return [secretsPut(sp, lookups.settings)];
  }
  if (command === CommandId.saveCredentials) {
    const given = Array.isArray(args.credentials) ? (args.credentials as Array<{ key?: unknown }>) : [];
    const keys = given.map((c) => (typeof c?.key === 'string' ? c.key : '')).filter(Boolean);
    const value = (keys.length ? keys : ['BaseAddress', 'SecretToken']).map((key) => ({ key, value: placeholder(key) }));
    return [{ method: 'PUT', path: `/servicePrincipals/${e(sp)}/synchronization/secrets`, body: { value }, cmdlet: { name: 'Set-MgServicePrincipalSynchronizationSecret', parameters: { ServicePrincipalId: sp } } }];
  }
  const job = str(args, 'jobId');
  const jobPath = `/servicePrincipals/${e(sp)}/synchronization/jobs/${e(job)}`;
  const ids = { ServicePrincipalId: sp, SynchronizationJobId: job };
  switch (command) {
    case CommandId.startJob:
      return [{ method: 'POST', path: `${jobPath}/start`, cmdlet: { name: 'Start-MgServicePrincipalSynchronizationJob', parameters: ids } }];
    case CommandId.pauseJob:
      return [{ method: 'POST', path: `${jobPath}/pause`, cmdlet: { name: 'Suspend-MgServicePrincipalSynchronizationJob', parameters: ids } }];
    case CommandId.restartJob:
    case CommandId.allowHeldDeletions: {
      const scope = command === CommandId.allowHeldDeletions ? ['ForceDeletes'] : Array.isArray(args.resetScope) ? (args.resetScope as unknown[]).filter((s): s is string => typeof s === 'string') : [];
      const body = scope.length ? { criteria: { resetScope: scope.join(', ') } } : {};
      return [{ method: 'POST', path: `${jobPath}/restart`, body, cmdlet: { name: 'Restart-MgServicePrincipalSynchronizationJob', parameters: ids } }];
    }
    case CommandId.provisionOnDemand: {
      const subject = args.subject as { objectId?: unknown; objectTypeName?: unknown } | undefined;
      if (!subject || typeof subject.objectId !== 'string') throw new Error('subject.objectId must be a string');
      const body = { parameters: [{ ruleId: lookups.ruleId ?? placeholder('ruleId'), subjects: [{ objectId: subject.objectId, objectTypeName: subject.objectTypeName === 'Group' ? 'Group' : 'User' }] }] };
      return [{ method: 'POST', path: `${jobPath}/provisionOnDemand`, body, cmdlet: { name: 'New-MgServicePrincipalSynchronizationJobOnDemand', parameters: ids } }];
    }
    case CommandId.testConnection: {
      const given = Array.isArray(args.credentials) ? (args.credentials as Array<{ key?: unknown }>).map((c) => (typeof c?.key === 'string' ? c.key : '')).filter(Boolean) : [];
      const body = given.length ? { useSavedCredentials: false, credentials: given.map((key) => ({ key, value: placeholder(key) })) } : { useSavedCredentials: true };
      // The cmdlet's name ends in "Credentials" (https://learn.microsoft.com/powershell/module/microsoft.graph.applications/test-mgserviceprincipalsynchronizationjobcredentials).
      return [{ method: 'POST', path: `${jobPath}/validateCredentials`, body, cmdlet: { name: 'Test-MgServicePrincipalSynchronizationJobCredentials', parameters: ids } }];
    }
    case CommandId.deleteJob:
      return [{ method: 'DELETE', path: jobPath, cmdlet: { name: 'Remove-MgServicePrincipalSynchronizationJob', parameters: ids } }];
    case CommandId.exportSchema:
      return [{ method: 'GET', path: `${jobPath}/schema`, cmdlet: { name: 'Get-MgServicePrincipalSynchronizationJobSchema', parameters: ids } }];
    case CommandId.importSchema:
      // No cmdlet: Invoke-MgGraphRequest sends the file as it is, which is what the command sends.
      return [{ method: 'PUT', path: `${jobPath}/schema`, bodyFile: typeof args.file === 'string' && args.file ? args.file : 'schema.json' }];
    case CommandId.saveMappings:
      if (lookups.schema === undefined) throw new Error('the mapping editor of this job is not open, so there is no edited schema to save');
      return [schemaPut(jobPath, lookups.schema)];
    case CommandId.applyJobFile: {
      const requests = [...(lookups.schema !== undefined ? [schemaPut(jobPath, lookups.schema)] : []), ...(lookups.settings?.length ? [secretsPut(sp, lookups.settings)] : [])];
      if (requests.length === 0) throw new Error('the tenant already has what the file says: applying sends nothing');
      return requests;
    }
  }
  throw new Error(`copy as code does not know ${command}; it knows ${copyableCommands.join(', ')}`);
}

/**
 * A schema PUT. Not Update-MgServicePrincipalSynchronizationJobSchema: that cmdlet sends PATCH, which
 * the service answers 404 (https://github.com/microsoftgraph/msgraph-sdk-powershell/issues/3391), so
 * PowerShell sends the PUT with Invoke-MgGraphRequest.
 */
function schemaPut(jobPath: string, schema: unknown): GraphRequest {
  return { method: 'PUT', path: `${jobPath}/schema`, body: schema };
}

/** A secrets PUT of some keys: the service keeps the keys it is not sent (real-service-observations). */
function secretsPut(sp: string, pairs: ReadonlyArray<{ key: string; value: string }>): GraphRequest {
  return { method: 'PUT', path: `/servicePrincipals/${e(sp)}/synchronization/secrets`, body: { value: pairs.map(({ key, value }) => ({ key, value })) }, cmdlet: { name: 'Set-MgServicePrincipalSynchronizationSecret', parameters: { ServicePrincipalId: sp } } };
}

const bash = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const ps = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** The requests as code in `format`; `graphRoot` is the connection's Graph root (`https://graph.microsoft.com/v1.0`). */
export function requestsAsCode(requests: readonly GraphRequest[], format: CodeFormat, graphRoot: string): string {
  const root = graphRoot.replace(/\/+$/, '');
  const hasBody = (r: GraphRequest) => r.body !== undefined || r.bodyFile !== undefined;
  switch (format) {
    case 'http':
      return requests.map((r) => {
        const lines = [`${r.method} ${root}${r.path}`, 'Authorization: Bearer {token}'];
        if (r.body !== undefined) lines.push('Content-Type: application/json', '', JSON.stringify(r.body, null, 2));
        else if (r.bodyFile !== undefined) lines.push('Content-Type: application/json', '', `< ${r.bodyFile}`);
        return lines.join('\n');
      }).join('\n\n###\n\n') + '\n';
    case 'azcli':
      return requests.map((r) => {
        const parts = [`az rest --method ${r.method.toLowerCase()}`, `--url ${bash(root + r.path)}`];
        if (hasBody(r)) parts.push(`--headers ${bash('Content-Type=application/json')}`, `--body ${r.bodyFile !== undefined ? bash(`@${r.bodyFile}`) : bash(JSON.stringify(r.body ?? {}))}`);
        return parts.join(' \\\n  ');
      }).join('\n\n') + '\n';
    case 'powershell': {
      const out = ['# Install-Module Microsoft.Graph.Applications; Connect-MgGraph -Scopes Synchronization.ReadWrite.All'];
      for (const r of requests) {
        if (r.cmdlet) {
          const params = Object.entries(r.cmdlet.parameters).map(([k, v]) => `-${k} ${ps(v)}`);
          if (r.body !== undefined && Object.keys(r.body as object).length > 0) {
            out.push(`$params = @'\n${JSON.stringify(r.body, null, 2)}\n'@ | ConvertFrom-Json -AsHashtable`);
            params.push('-BodyParameter $params');
          }
          out.push(`${r.cmdlet.name} ${params.join(' ')}`);
        } else {
          let body = '';
          if (r.bodyFile !== undefined) body = ` -Body (Get-Content -Raw ${ps(r.bodyFile)}) -ContentType 'application/json'`;
          else if (r.body !== undefined) {
            // A literal here-string: nothing in the JSON is expanded, and a line never starts with '@.
            out.push(`$body = @'\n${JSON.stringify(r.body, null, 2)}\n'@`);
            body = ` -Body $body -ContentType 'application/json'`;
          }
          out.push(`Invoke-MgGraphRequest -Method ${r.method} -Uri ${ps(root + r.path)}${body}`);
        }
      }
      return out.join('\n') + '\n';
    }
  }
}
