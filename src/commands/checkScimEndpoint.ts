import * as vscode from 'vscode';
import { documentName } from '../host/readOnlyDocuments';
import { clockTime } from '../shared/clockTime';
import { UserFacingError } from '../shared/errors';
import { markdownReport } from '../scimCheck/report';
import type { ReportWords } from '../scimCheck/report';
import { runScimCheck } from '../scimCheck/runScimCheck';
import { parseBaseAddress } from '../scimCheck/scimClient';
import { toScimCheckResult } from '../scimCheck/types';
import type { ScimCheckResult } from '../scimCheck/types';
import type { CommandContext } from './commandRunner';
import { askScimEndpoint, parseScimEndpoint } from './scimEndpointInput';
import type { ScimEndpoint } from './scimEndpointInput';
import type { Services } from './services';

/** Where the reports of the check are kept among the read-only documents. */
const REPORTS_FOLDER = 'scim-check';

function parseArgument(arg: unknown): (ScimEndpoint & { profile?: 'entra' }) | undefined {
  const endpoint = parseScimEndpoint(arg, '{ baseAddress, token, profile?: "entra" }');
  if (!endpoint) return undefined;
  const { profile } = arg as { profile?: unknown };
  if (profile !== undefined && profile !== 'entra') throw new UserFacingError(vscode.l10n.t('The only profile is "entra".'));
  return { ...endpoint, profile };
}

function reportWords(): ReportWords {
  return {
    title: vscode.l10n.t('SCIM endpoint check'),
    checkedAddress: vscode.l10n.t('Checked {0} the way Microsoft Entra provisioning calls it.'),
    summary: vscode.l10n.t('{0} passed, {1} failed, {2} warnings, {3} skipped.'),
    requirement: vscode.l10n.t('Requirement'),
    source: vscode.l10n.t('Source'),
    request: vscode.l10n.t('Request'),
    response: vscode.l10n.t('Response'),
    status: { pass: vscode.l10n.t('PASS'), fail: vscode.l10n.t('FAIL'), warn: vscode.l10n.t('WARN'), skip: vscode.l10n.t('SKIP') },
  };
}

/**
 * Checks a SCIM endpoint the way Entra provisioning calls it (src/scimCheck), contacting only the
 * given address. Each run's report is its own Markdown document, shown rendered when a person
 * asked; every request and answer goes to the "SCIM Check" output channel. The token is used for
 * the requests only: it is not stored, and neither the report, the log nor the result carries it.
 * Scripted: `{ baseAddress, token, profile?: "entra" }` →
 * `{ passed, failed, warnings, checks: [{ id, title, status, requirement, docs, request?, response? }] }`.
 */
export async function checkScimEndpoint(services: Services, context: CommandContext, arg?: unknown): Promise<ScimCheckResult | undefined> {
  const given = parseArgument(arg);
  const input: ScimEndpoint & { profile?: 'entra' } | undefined = given ?? (await askScimEndpoint(context, vscode.l10n.t('Check a SCIM Endpoint'), vscode.l10n.t('SCIM endpoint check stopped: nothing was checked.')));
  if (!input) return undefined;
  let address: URL;
  try {
    address = parseBaseAddress(input.baseAddress);
  } catch (error) {
    throw new UserFacingError((error as Error).message);
  }
  const log = services.scimCheckLog;
  const started = new Date();
  log.append(vscode.l10n.t('SCIM endpoint check of {0} at {1}', `${address.origin}${address.pathname}`, started.toISOString()));
  context.report(vscode.l10n.t('Checking {0}…', address.host));
  const throughput = vscode.workspace.getConfiguration('entraProvisioning').get<boolean>('scimCheck.throughput', true);
  const report = await runScimCheck({
    baseAddress: input.baseAddress,
    token: input.token,
    profile: input.profile,
    throughput,
    signal: context.signal,
    log: (line) => log.append(line),
    onCheck: (outcome, done, total) => context.report(vscode.l10n.t('{0} of {1}: {2}', done, total, outcome.title)),
  });
  const result = toScimCheckResult(report);
  const summary = vscode.l10n.t('{0}: {1} passed, {2} failed, {3} warnings', address.host, result.passed, result.failed, result.warnings);
  log.append(summary);
  const footer = vscode.l10n.t('Every request and answer of this run is in the output channel "Entra Provisioning: SCIM Check" (the token redacted).');
  const markdown = `${markdownReport(report, reportWords())}\n---\n\n${footer}\n`;
  const time = clockTime(started, vscode.env.language, { seconds: true });
  const uri = services.documents.add(REPORTS_FOLDER, documentName(vscode.l10n.t('SCIM check of {0}, {1}', address.host, time), '.md'), markdown, summary);
  if (!given) await services.documents.showRendered(uri);
  return result;
}
