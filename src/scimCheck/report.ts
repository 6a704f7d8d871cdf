import type { ScimCheckOutcome, ScimCheckReport, ScimCheckStatus } from './types';
import { toScimCheckResult } from './types';

/** The words a report uses; the extension passes translated ones, the CLI these English ones. */
export interface ReportWords {
  title: string;
  /** `{0}` the base address. */
  checkedAddress: string;
  /** `{0}` passed, `{1}` failed, `{2}` warnings, `{3}` skipped. */
  summary: string;
  requirement: string;
  source: string;
  request: string;
  response: string;
  status: Record<ScimCheckStatus, string>;
}

export const ENGLISH_WORDS: ReportWords = {
  title: 'SCIM endpoint check',
  checkedAddress: 'Checked {0} the way Microsoft Entra provisioning calls it.',
  summary: '{0} passed, {1} failed, {2} warnings, {3} skipped.',
  requirement: 'Requirement',
  source: 'Source',
  request: 'Request',
  response: 'Response',
  status: { pass: 'PASS', fail: 'FAIL', warn: 'WARN', skip: 'SKIP' },
};

const fill = (template: string, ...values: (string | number)[]) => template.replace(/\{(\d)\}/g, (_, i: string) => String(values[Number(i)]));

/** One line per check, as the CLI prints it: `PASS users.create  Creates a user … — detail`. */
export function checkLine(outcome: ScimCheckOutcome, words: ReportWords = ENGLISH_WORDS): string {
  return `${words.status[outcome.status].padEnd(4)} ${outcome.id.padEnd(26)} ${outcome.title} — ${outcome.detail}`;
}

/** The closing line, exactly `scim check: N passed, M failed, K warnings`. */
export function summaryLine(report: ScimCheckReport): string {
  const r = toScimCheckResult(report);
  return `scim check: ${r.passed} passed, ${r.failed} failed, ${r.warnings} warnings`;
}

/** Text that Markdown must show as written: no links, emphasis or HTML from an endpoint's answer. */
function plain(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#+!|]/g, (c) => `\\${c}`);
}

/** A fenced block long enough that no run of backticks in the text can close it. */
function fenced(text: string, language = 'http'): string {
  const longest = Math.max(2, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${text}\n${fence}`;
}

/** The report as Markdown: a summary, a table of every check, then each check with the exchange that proved it. */
export function markdownReport(report: ScimCheckReport, words: ReportWords = ENGLISH_WORDS): string {
  const r = toScimCheckResult(report);
  const skipped = r.checks.filter((c) => c.status === 'skip').length;
  const lines = [
    `# ${plain(words.title)}`,
    '',
    plain(fill(words.checkedAddress, report.baseAddress)),
    '',
    `**${plain(fill(words.summary, r.passed, r.failed, r.warnings, skipped))}**`,
    '',
    '| | | |',
    '|---|---|---|',
    ...report.outcomes.map((o) => `| ${words.status[o.status]} | [${plain(o.title)}](#${anchor(o.id)}) | ${plain(o.detail)} |`),
    '',
  ];
  for (const o of report.outcomes) {
    lines.push(`## <a id="${anchor(o.id)}"></a>${words.status[o.status]} ${plain(o.title)} (\`${o.id}\`)`, '');
    lines.push(plain(o.detail), '');
    lines.push(`*${plain(words.requirement)}:* ${plain(o.requirement)}`, '');
    lines.push(`*${plain(words.source)}:* <${o.docs}>`, '');
    if (o.request) lines.push(`*${plain(words.request)}:*`, '', fenced(o.request), '');
    if (o.response) lines.push(`*${plain(words.response)}:*`, '', fenced(o.response), '');
  }
  return lines.join('\n');
}

function anchor(id: string): string {
  return `check-${id.replace(/[^a-zA-Z0-9]+/g, '-')}`;
}
