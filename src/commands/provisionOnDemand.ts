import * as vscode from 'vscode';
import type { OnDemandResult, OnDemandSubject } from '../graph/jobsApi';
import { UserFacingError } from '../shared/errors';
import { isSecretName, redactSecrets } from '../shared/logger';
import type { CommandContext } from './commandRunner';
import { jobForWrite } from './jobActions';
import type { JobTarget } from '../shared/targets';
import type { ProvisioningService } from '../graph/provisioningService';
import type { Services } from './services';

/**
 * Provisions one user or group now, without waiting for the next cycle, and shows what the service
 * did step by step. Scripted: `{ servicePrincipalId, jobId, subject: { objectId, objectTypeName } }`
 * → `{ ok, steps: [{ name, status, description }] }`.
 */
export async function provisionOnDemand(services: Services, context: CommandContext, arg?: unknown): Promise<{ ok: boolean; steps: OnDemandResult['steps'] } | undefined> {
  const given = parseSubject((arg as { subject?: unknown } | undefined)?.subject);
  const resolved = await jobForWrite(services, context, arg);
  if (!resolved) return undefined;
  const { target, service } = resolved;
  const subject = given ?? (await pickSubject(service, target, context));
  if (!subject) return undefined;
  const schema = await service.schema.get(target.servicePrincipalId, target.jobId, context.signal);
  // The rule whose object mappings handle this kind of object (users by default).
  const rule = schema.synchronizationRules?.find((r) => r.objectMappings?.some((m) => m.enabled && m.sourceObjectName?.toLowerCase() === subject.objectTypeName.toLowerCase())) ?? schema.synchronizationRules?.[0];
  if (!rule?.id) throw new UserFacingError(vscode.l10n.t('The job\'s schema has no synchronization rule to provision with.'));
  context.report(vscode.l10n.t('Provisioning on demand…'));
  const result = await service.jobs.provisionOnDemand(target.servicePrincipalId, target.jobId, rule.id, [subject], context.signal);
  const report = renderReport(target, subject, result);
  if (!given) {
    await services.documents.show(services.documents.add('reports', 'provision-on-demand.md', report));
  }
  return { ok: result.ok, steps: result.steps };
}

function parseSubject(value: unknown): OnDemandSubject | undefined {
  if (value === undefined) return undefined;
  const { objectId, objectTypeName } = (value ?? {}) as Record<string, unknown>;
  if (typeof objectId !== 'string' || !objectId || typeof objectTypeName !== 'string' || !/^(User|Group)$/i.test(objectTypeName)) {
    throw new UserFacingError(vscode.l10n.t('subject must be {{ objectId, objectTypeName: "User" | "Group" }}.'));
  }
  return { objectId, objectTypeName: objectTypeName[0].toUpperCase() + objectTypeName.slice(1).toLowerCase() };
}

async function pickSubject(service: ProvisioningService, target: JobTarget, context: CommandContext): Promise<OnDemandSubject | undefined> {
  const assignments = await service.apps.listAssignments(target.servicePrincipalId, context.signal);
  const items = assignments.map((a) => ({
    label: a.principalDisplayName ?? a.principalId ?? '',
    description: a.principalType ?? '',
    subject: { objectId: a.principalId ?? '', objectTypeName: a.principalType === 'Group' ? 'Group' : 'User' },
  }));
  const search = vscode.l10n.t('Search the directory for a user…');
  const picked = await context.waitForUser(() => vscode.window.showQuickPick([...items, { label: `$(search) ${search}`, description: '', subject: undefined }], { title: vscode.l10n.t('Provision on demand: who?'), matchOnDescription: true }, context.token));
  if (!picked) return undefined;
  if (picked.subject) return picked.subject;
  const text = await context.waitForUser(() => vscode.window.showInputBox({ title: search, prompt: vscode.l10n.t('Start of the display name') }, context.token));
  if (!text) return undefined;
  const users = await service.apps.searchUsers(text, context.signal);
  const user = await context.waitForUser(() => vscode.window.showQuickPick(users.items.map((u) => ({ label: u.displayName ?? '', description: u.userPrincipalName ?? '', id: u.id ?? '' })), { title: search }, context.token));
  return user ? { objectId: user.id, objectTypeName: 'User' } : undefined;
}

function renderReport(target: JobTarget, subject: OnDemandSubject, result: OnDemandResult): string {
  const lines = [
    `# ${vscode.l10n.t('Provision on demand')}: ${result.result}`,
    '',
    `${vscode.l10n.t('App')}: ${target.appDisplayName ?? target.servicePrincipalId} · ${vscode.l10n.t('Job')}: \`${target.jobId}\` · ${subject.objectTypeName} \`${subject.objectId}\``,
    '',
  ];
  if (result.errorCode || result.errorMessage) lines.push(`> ${result.errorCode ?? ''} ${result.errorMessage ?? ''}`, '');
  lines.push(`## ${vscode.l10n.t('Steps')}`, '');
  result.steps.forEach((step, i) => lines.push(`${i + 1}. **${step.name}** — ${step.status}: ${step.description}`));
  if (result.modifiedProperties.length) {
    lines.push('', `## ${vscode.l10n.t('Modified properties')}`, '', `| ${vscode.l10n.t('Attribute')} | ${vscode.l10n.t('Old value')} | ${vscode.l10n.t('New value')} |`, '|---|---|---|');
    // A credential attribute's values never go into a document.
    const shown = (name: string, value: string | null) => (value === null ? '' : isSecretName(name) ? '***' : redactSecrets(value));
    for (const p of result.modifiedProperties) lines.push(`| ${p.displayName} | ${shown(p.displayName, p.oldValue)} | ${shown(p.displayName, p.newValue)} |`);
  }
  return lines.join('\n') + '\n';
}
