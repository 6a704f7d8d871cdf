import * as vscode from 'vscode';
import { UserFacingError } from '../shared/errors';
import { configurationOf, diffConfigurations, normaliseConfiguration, type ConfigurationChange, type JobConfiguration } from '../shared/provisioningFile';
import { hasJobTarget } from '../shared/targets';
import type { CommandContext } from './commandRunner';
import { resolveJobTarget } from './jobTarget';
import { readProvisioningFile, readTenantState } from './jobFiles';
import { fileFromArgument } from './schemaFiles';
import type { Services } from './services';

/** One side of a comparison, in the file's terms; `settings` false when the side has none (a template). */
interface Side {
  readonly label: string;
  readonly config: JobConfiguration;
  readonly hasSettings: boolean;
}

type JobRef = { servicePrincipalId: string; jobId: string; connectionId?: string };

function jobRef(value: unknown, what: string): JobRef {
  const v = value as Record<string, unknown> | undefined;
  if (!v || typeof v.servicePrincipalId !== 'string' || !v.servicePrincipalId || typeof v.jobId !== 'string' || !v.jobId || (v.connectionId !== undefined && typeof v.connectionId !== 'string')) {
    throw new UserFacingError(vscode.l10n.t('{0} needs servicePrincipalId and jobId (and optionally connectionId) as strings.', what));
  }
  return { servicePrincipalId: v.servicePrincipalId, jobId: v.jobId, connectionId: v.connectionId as string | undefined };
}

async function sideOf(services: Services, context: CommandContext, value: unknown, name: 'left' | 'right'): Promise<Side> {
  const v = value as Record<string, unknown> | undefined;
  if (v && typeof v.file === 'string') {
    const uri = fileFromArgument(v.file);
    const file = await readProvisioningFile(uri);
    return { label: uri.path.split('/').pop() ?? v.file, config: file, hasSettings: true };
  }
  if (v && v.templateOf !== undefined) {
    const ref = jobRef(v.templateOf, `${name}.templateOf`);
    const connectionId = services.graph.connection(ref.connectionId).id;
    const service = await services.graph.service(connectionId);
    const job = await service.jobs.getJob(ref.servicePrincipalId, ref.jobId, context.signal);
    if (!job.templateId) throw new UserFacingError(vscode.l10n.t('Job {0} names no template to compare with.', ref.jobId));
    const schema = await service.schema.templateSchema(ref.servicePrincipalId, job.templateId, context.signal);
    return { label: vscode.l10n.t('default of template {0}', job.templateId), config: configurationOf(schema, [], schema), hasSettings: false };
  }
  const ref = jobRef(v, name);
  const connectionId = services.graph.connection(ref.connectionId).id;
  const state = await readTenantState(services, connectionId, ref.servicePrincipalId, ref.jobId, context.signal);
  return { label: `${state.identity.appDisplayName ?? ref.servicePrincipalId} (${state.identity.connection ?? state.identity.tenantId})`, config: state.config, hasSettings: true };
}

/**
 * Compares two job configurations, each a job (any signed-in tenant), a provisioning file or the
 * default of a job's template, and opens the two side by side in a diff editor. Settings are
 * compared only when both sides have them (a template has none). Public contract:
 * `{ left, right }` → `{ changes: [{ path, before, after }] }`.
 */
export async function compareJobs(services: Services, context: CommandContext, arg?: unknown): Promise<{ changes: ConfigurationChange[] } | undefined> {
  let { left, right } = (arg ?? {}) as { left?: unknown; right?: unknown };
  if (left === undefined && right === undefined && (arg === undefined || hasJobTarget(arg))) {
    // From the tree or the palette: the job against its template's default.
    const target = await resolveJobTarget(services, context, arg);
    if (!target) return undefined;
    const job = { servicePrincipalId: target.servicePrincipalId, jobId: target.jobId, connectionId: target.connectionId };
    [left, right] = [{ templateOf: job }, job];
  }
  if (left === undefined || right === undefined) {
    throw new UserFacingError(vscode.l10n.t('Give left and right, each {0}, {1} or {2}.', '{ servicePrincipalId, jobId, connectionId? }', '{ file }', '{ templateOf: { servicePrincipalId, jobId } }'));
  }
  context.report(vscode.l10n.t('Reading both configurations…'));
  const [a, b] = await Promise.all([sideOf(services, context, left, 'left'), sideOf(services, context, right, 'right')]);
  // A side without settings takes the other's, so the comparison shows only what both have.
  const before = normaliseConfiguration(a.hasSettings || !b.hasSettings ? a.config : { ...a.config, settings: b.config.settings });
  const after = normaliseConfiguration(b.hasSettings || !a.hasSettings ? b.config : { ...b.config, settings: a.config.settings });
  const changes = diffConfigurations(before, after);
  const text = (side: Side, config: JobConfiguration) => JSON.stringify(side.hasSettings ? config : { objectMappings: config.objectMappings }, null, 2) + '\n';
  const leftUri = services.documents.add('compare', `${a.label.replace(/[\\/]+/g, ' ')}.json`, text(a, before));
  const rightUri = services.documents.add('compare', `${b.label.replace(/[\\/]+/g, ' ')}.json`, text(b, after));
  await vscode.commands.executeCommand('vscode.diff', leftUri, rightUri, vscode.l10n.t('{0} ↔ {1}', a.label, b.label));
  return { changes };
}
