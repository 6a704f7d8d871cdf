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
import { InputFlow } from './inputFlow';
import type { Services } from './services';

/** Where the reports of the check are kept among the read-only documents. */
const REPORTS_FOLDER = 'scim-check';

/** What a script passes: the public contract's argument. */
interface CheckArgument {
  baseAddress: string;
  token: string;
  profile?: 'entra';
}

function parseArgument(arg: unknown): CheckArgument | undefined {
  if (arg === undefined) return undefined;
  const { baseAddress, token, profile } = (arg ?? {}) as Record<string, unknown>;
  if (typeof baseAddress !== 'string' || !baseAddress.trim() || typeof token !== 'string' || !token.trim()) {
    throw new UserFacingError(vscode.l10n.t('The argument must be {{ baseAddress, token, profile?: "entra" }} with a base address and a token.'));
  }
  if (profile !== undefined && profile !== 'entra') throw new UserFacingError(vscode.l10n.t('The only profile is "entra".'));
  return { baseAddress: baseAddress.trim(), token: token.trim(), profile };
}

function addressProblem(value: string): string | undefined {
  if (!value.trim()) return vscode.l10n.t('Type the SCIM base address, e.g. https://app.example/scim/v2');
  try {
    parseBaseAddress(value);
    return undefined;
  } catch {
    return vscode.l10n.t('The SCIM base address is an http:// or https:// URL without a user name or password.');
  }
}

/** Asks for the address, then the token (hidden as typed); undefined when the user closed a step. */
async function ask(context: CommandContext): Promise<CheckArgument | undefined> {
  const flow = new InputFlow(context, vscode.l10n.t('SCIM endpoint check stopped: nothing was checked.'));
  try {
    const baseAddress = await flow.input({
      title: vscode.l10n.t('Check a SCIM Endpoint (1/2)'),
      prompt: vscode.l10n.t('The SCIM base address Entra would call (the Tenant URL), e.g. http://localhost:3000/scim/v2'),
      validate: addressProblem,
    });
    if (baseAddress === undefined) return undefined;
    const token = await flow.input({
      title: vscode.l10n.t('Check a SCIM Endpoint (2/2)'),
      prompt: vscode.l10n.t('The bearer token the endpoint accepts (the Secret Token); it is used for this check only and never stored or logged'),
      password: true,
      validate: (v) => (v.trim() ? undefined : vscode.l10n.t('The checks need a token: Entra always sends one.')),
    });
    if (token === undefined) return undefined;
    return { baseAddress: baseAddress.trim(), token: token.trim() };
  } finally {
    flow.dispose();
  }
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
  const input = given ?? (await ask(context));
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
