import * as vscode from 'vscode';
import { inlineText } from '../activity/eventDetails';
import { localizedOutcomeWords } from '../activity/localizedWords';
import { describeOutcome } from '../activity/outcome';
import type { OnDemandResult, OnDemandSubject } from '../graph/jobsApi';
import { documentName } from '../host/readOnlyDocuments';
import { clockTime } from '../shared/clockTime';
import { UserFacingError } from '../shared/errors';
import { onDemandReportsFolder } from '../tree/onDemandResultsNode';
import { isSecretName, redactSecrets } from '../shared/logger';
import type { CommandContext } from './commandRunner';
import { InputFlow } from './inputFlow';
import { directoryUserRows, type UserPickItem } from './userPicker';
import { jobForWrite } from './jobActions';
import type { JobTarget } from '../shared/targets';
import type { ProvisioningService } from '../graph/provisioningService';
import type { Services } from './services';

/**
 * Provisions one user or group now, without waiting for the next cycle, and reports what the service
 * did step by step: each run its own document, kept under the job in the tree, and shown rendered
 * when a person asked. Scripted: `{ servicePrincipalId, jobId, subject: { objectId, objectTypeName } }`
 * → `{ ok, steps: [{ name, status, description }] }`.
 */
export async function provisionOnDemand(services: Services, context: CommandContext, arg?: unknown): Promise<{ ok: boolean; steps: OnDemandResult['steps'] } | undefined> {
  const given = parseSubject((arg as { subject?: unknown } | undefined)?.subject);
  // One quick input through the steps (see InputFlow): the walkthrough would otherwise close the next step.
  const flow = new InputFlow(context, vscode.l10n.t('Provision on Demand stopped: nobody was provisioned.'));
  let asked: { target: JobTarget; service: ProvisioningService; picked: { subject: OnDemandSubject; displayName?: string } } | undefined;
  try {
    const resolved = await jobForWrite(services, context, arg, flow);
    const picked = resolved && (given ? { subject: given } : await pickSubject(resolved.service, resolved.target, context, flow));
    asked = resolved && picked ? { ...resolved, picked } : undefined;
  } finally {
    flow.dispose();
  }
  if (!asked) return undefined;
  const { target, service, picked } = asked;
  const { subject } = picked;
  const schema = await service.schema.get(target.servicePrincipalId, target.jobId, context.signal);
  // The rule whose object mappings handle this kind of object (users by default).
  const rule = schema.synchronizationRules?.find((r) => r.objectMappings?.some((m) => m.enabled && m.sourceObjectName?.toLowerCase() === subject.objectTypeName.toLowerCase())) ?? schema.synchronizationRules?.[0];
  if (!rule?.id) throw new UserFacingError(vscode.l10n.t('The job\'s schema has no synchronization rule to provision with.'));
  context.report(vscode.l10n.t('Provisioning on demand…'));
  const result = await service.jobs.provisionOnDemand(target.servicePrincipalId, target.jobId, rule.id, [subject], context.signal);
  const names = await reportNames(service, target, subject, result, picked.displayName, context.signal);
  const headline = redactSecrets(describeOutcome({ action: result.action, status: result.result, user: names.user, app: names.app, code: result.errorCode, reason: result.errorMessage }, localizedOutcomeWords()));
  const time = clockTime(new Date(), vscode.env.language, { seconds: true });
  const name = documentName(vscode.l10n.t('{0} in {1}, {2}', names.user, names.app, time), '.md');
  const uri = services.documents.add(onDemandReportsFolder(target), name, renderReport(headline, target, subject, names, result), headline);
  services.tree.onDemandReportAdded(target);
  if (!given) await services.documents.showRendered(uri);
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

/**
 * The subject's and app's names for the report: from the result, the pick or the target, else read
 * through Graph (the service's report often leaves the subject's name out); the id when unreadable.
 */
async function reportNames(service: ProvisioningService, target: JobTarget, subject: OnDemandSubject, result: OnDemandResult, pickedName: string | undefined, signal: AbortSignal | undefined): Promise<{ user: string; app: string }> {
  const user = result.subjectDisplayName ?? pickedName ?? (await service.apps.directoryObjectName(subject.objectId, subject.objectTypeName === 'Group' ? 'Group' : 'User', signal).catch(() => undefined));
  const app = target.appDisplayName ?? result.targetSystemName ?? (await service.apps.getApp(target.servicePrincipalId, signal).then((a) => a.displayName ?? undefined, () => undefined));
  return { user: user || subject.objectId, app: app || target.servicePrincipalId };
}

/** Who to provision: one of the app's assignments, or any user found in the directory (both steps of `flow`). */
async function pickSubject(service: ProvisioningService, target: JobTarget, context: CommandContext, flow: InputFlow): Promise<{ subject: OnDemandSubject; displayName?: string } | undefined> {
  const assignments = await flow.busy(() => service.apps.listAssignments(target.servicePrincipalId, context.signal));
  const items = assignments.map((a) => ({
    label: a.principalDisplayName ?? a.principalId ?? '',
    description: a.principalType ?? '',
    subject: { objectId: a.principalId ?? '', objectTypeName: a.principalType === 'Group' ? 'Group' : 'User' } as OnDemandSubject | undefined,
  }));
  const search = vscode.l10n.t('Search the directory for a user…');
  const [picked] = await flow.pick([...items, { label: `$(search) ${search}`, description: '', subject: undefined }], { title: vscode.l10n.t('Provision on demand: who?'), matchOnDescription: true }) ?? [];
  if (!picked) return undefined;
  if (picked.subject) return { subject: picked.subject, displayName: picked.label || undefined };
  const [user] = await flow.searchPick<UserPickItem>({
    title: search,
    placeholder: vscode.l10n.t('Type the start of the display name'),
    matchOnDescription: true,
    noMatch: (text) => vscode.l10n.t('No user matches "{0}".', text),
    load: (text) => directoryUserRows(service, text, context.signal),
  }) ?? [];
  return user?.id ? { subject: { objectId: user.id, objectTypeName: 'User' }, displayName: user.label || undefined } : undefined;
}

function renderReport(headline: string, target: JobTarget, subject: OnDemandSubject, names: { user: string; app: string }, result: OnDemandResult): string {
  const lines = [
    `# ${inlineText(headline)}`,
    '',
    vscode.l10n.t('On-demand run, {0}', new Date().toLocaleString(vscode.env.language)),
    '',
    `- **${vscode.l10n.t('User or group')}:** ${inlineText(names.user)} (${subject.objectTypeName}, \`${subject.objectId}\`)`,
    `- **${vscode.l10n.t('App')}:** ${inlineText(names.app)}`,
    `- **${vscode.l10n.t('Job')}:** \`${target.jobId}\``,
    `- **${vscode.l10n.t('Result')}:** ${inlineText(result.result)}${result.errorCode ? ` (${inlineText(result.errorCode)})` : ''}`,
    '',
  ];
  if (result.errorMessage) lines.push(`> ${inlineText(redactSecrets(result.errorMessage))}`, '');
  lines.push(`## ${vscode.l10n.t('Steps')}`, '');
  if (result.steps.length === 0) lines.push(vscode.l10n.t('The service reported no steps.'));
  result.steps.forEach((step, i) => lines.push(`${i + 1}. **${inlineText(step.name)}** — ${inlineText(step.status)}: ${inlineText(redactSecrets(step.description))}`));
  if (result.modifiedProperties.length) {
    lines.push('', `## ${vscode.l10n.t('Modified properties')}`, '', `| ${vscode.l10n.t('Attribute')} | ${vscode.l10n.t('Old value')} | ${vscode.l10n.t('New value')} |`, '| --- | --- | --- |');
    // A credential attribute's values never go into a document.
    const shown = (name: string, value: string | null) => (value === null ? '' : isSecretName(name) ? '***' : inlineText(redactSecrets(value)));
    for (const p of result.modifiedProperties) lines.push(`| ${inlineText(p.displayName)} | ${shown(p.displayName, p.oldValue)} | ${shown(p.displayName, p.newValue)} |`);
  }
  return lines.join('\n') + '\n';
}
