import { isSecretName } from '../shared/logger';
import { explainProvisioningError, type ErrorExplanation } from '../shared/provisioningErrorCatalog';
import { describeOutcome, englishOutcomeWords, type OutcomeWords } from './outcome';
import type { ActivityEvent } from './types';
import { eventAction, eventStatus } from './types';

/** Headings and labels of the details document (English by default, localized by the extension). */
export interface DetailsWords {
  /** The headline: what happened, in words. */
  outcome: OutcomeWords;
  summary(): string;
  field(name: 'time' | 'action' | 'status' | 'app' | 'job' | 'cycle' | 'change' | 'source' | 'target' | 'initiatedBy' | 'duration' | 'id'): string;
  error(): string;
  errorField(name: 'code' | 'category' | 'reason' | 'details' | 'recommendedAction' | 'meaning' | 'fix' | 'docs'): string;
  /** The error catalogue's explanation of a code, in the document's language. */
  explain(code: string): ErrorExplanation;
  steps(): string;
  stepColumns(): [string, string, string, string];
  modifiedProperties(): string;
  propertyColumns(): [string, string, string];
  noModifiedProperties(): string;
  fullRecord(): string;
}

const englishDetailsWords: DetailsWords = {
  outcome: englishOutcomeWords,
  summary: () => 'Summary',
  field: (name) =>
    ({
      time: 'Time', action: 'Action', status: 'Status', app: 'App', job: 'Job', cycle: 'Cycle', change: 'Change',
      source: 'Source', target: 'Target', initiatedBy: 'Initiated by', duration: 'Duration (ms)', id: 'Event id',
    })[name],
  error: () => 'Error',
  errorField: (name) =>
    ({ code: 'Code', category: 'Category', reason: 'Reason', details: 'Details', recommendedAction: 'Recommended action', meaning: 'What it means', fix: 'How to fix it', docs: 'Documentation' })[name],
  explain: (code) => explainProvisioningError(code, 'en'),
  steps: () => 'Steps',
  stepColumns: () => ['#', 'Step', 'Status', 'Description'],
  modifiedProperties: () => 'Modified properties',
  propertyColumns: () => ['Property', 'Old value', 'New value'],
  noModifiedProperties: () => 'None.',
  fullRecord: () => 'Full record',
};

/**
 * Text from the tenant or an app, inert inside rendered Markdown: one line, and no character that
 * could start markup, a link, an image or HTML (the preview renders HTML). Empty shows as a dash.
 */
export function inlineText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.replace(/[\\`*_[\]<>|~&]/g, (c) => `\\${c}`).replace(/\s*[\r\n]+\s*/g, ' ');
}

function row(cells: readonly unknown[]): string {
  return `| ${cells.map(inlineText).join(' | ')} |`;
}

function table(header: readonly string[], rows: ReadonlyArray<readonly unknown[]>): string[] {
  return [`| ${header.map(inlineText).join(' | ')} |`, `|${header.map(() => ' --- |').join('')}`, ...rows.map(row)];
}

/** `label: value` lines of a summary, as a list (a two-column table would need a header row of its own). */
function fields(entries: ReadonlyArray<readonly [string, unknown]>): string[] {
  return entries.map(([label, value]) => `- **${inlineText(label)}:** ${inlineText(value)}`);
}

function who(i: { displayName?: string | null; id?: string | null } | null | undefined): string {
  const name = i?.displayName?.trim();
  const id = i?.id?.trim();
  return name && id && name !== id ? `${name} (${id})` : name || id || '';
}

/** A code fence longer than any backtick run inside `text`. */
function fenceFor(text: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  return '`'.repeat(longest + 1);
}

/** What happened to the event's user, in words ("Created Adele Vance in GoToMeeting"). */
export function eventHeadline(event: ActivityEvent, words: DetailsWords = englishDetailsWords): string {
  const info = event.provisioningStatusInfo?.errorInformation;
  const skipReason = event.provisioningSteps?.map((s) => (s.details as Record<string, unknown> | null | undefined)?.SkipReason).find((r): r is string => typeof r === 'string');
  return describeOutcome({
    action: eventAction(event),
    status: eventStatus(event),
    user: event.sourceIdentity?.displayName?.trim() || event.sourceIdentity?.id || '—',
    app: event.targetSystem?.displayName?.trim() || event.servicePrincipal?.displayName?.trim() || event.servicePrincipal?.id || '—',
    code: skipReason ?? info?.errorCode ?? undefined,
    reason: info?.reason ?? undefined,
  }, words.outcome);
}

/**
 * The full record of one event as Markdown: a summary, the error, every step, the modified
 * properties with old → new values, and the raw JSON (parseable back to the event).
 */
export function renderEventDetails(original: ActivityEvent, words: DetailsWords = englishDetailsWords): string {
  // A credential attribute's old and new values never reach the document (table or JSON).
  const event: ActivityEvent = {
    ...original,
    modifiedProperties: original.modifiedProperties?.map((p) => (isSecretName(p.displayName ?? '') ? { ...p, oldValue: p.oldValue == null ? p.oldValue : '***', newValue: p.newValue == null ? p.newValue : '***' } : p)),
  };
  const action = eventAction(event);
  const status = eventStatus(event);
  const info = event.provisioningStatusInfo?.errorInformation;
  const headline = eventHeadline(event, words);
  const lines: string[] = [`# ${inlineText(headline)}`, '', `## ${words.summary()}`, ''];
  lines.push(
    ...fields([
      [words.field('time'), event.activityDateTime],
      [words.field('action'), action],
      [words.field('status'), status],
      [words.field('app'), who(event.servicePrincipal)],
      [words.field('job'), event.jobId],
      [words.field('cycle'), event.cycleId],
      [words.field('change'), event.changeId],
      [words.field('source'), `${who(event.sourceIdentity)}${event.sourceSystem?.displayName ? ` — ${event.sourceSystem.displayName}` : ''}`],
      [words.field('target'), `${who(event.targetIdentity)}${event.targetSystem?.displayName ? ` — ${event.targetSystem.displayName}` : ''}`],
      [words.field('initiatedBy'), who(event.initiatedBy)],
      [words.field('duration'), event.durationInMilliseconds],
      [words.field('id'), event.id],
    ]),
  );

  if (info && (info.errorCode || info.reason)) {
    lines.push('', `## ${words.error()}`, '');
    lines.push(
      ...fields([
        [words.errorField('code'), info.errorCode],
        [words.errorField('category'), info.errorCategory],
        [words.errorField('reason'), info.reason],
        [words.errorField('details'), info.additionalDetails],
        [words.errorField('recommendedAction'), info.recommendedAction],
      ]),
    );
    const explained = info.errorCode ? words.explain(info.errorCode) : undefined;
    if (explained?.known) {
      lines.push(...fields([[words.errorField('meaning'), `${explained.title}. ${explained.explanation}`], [words.errorField('fix'), explained.fix]]));
      // The catalogue's own Microsoft Learn URL, never text from the event.
      lines.push(`- **${inlineText(words.errorField('docs'))}:** [${inlineText(explained.docs)}](${explained.docs})`);
    }
  }

  const steps = event.provisioningSteps ?? [];
  lines.push('', `## ${words.steps()}`, '');
  lines.push(...table(words.stepColumns(), steps.map((s, i) => [String(i + 1), `${s.name ?? ''} (${s.provisioningStepType ?? ''})`, s.status, s.description])));
  for (const [i, s] of steps.entries()) {
    const details = s.details && typeof s.details === 'object' ? Object.entries(s.details as Record<string, unknown>).filter(([k]) => !k.startsWith('@odata')) : [];
    if (details.length) lines.push('', `${i + 1}. ${inlineText(s.name)}: ${details.map(([k, v]) => `${inlineText(k)} = ${inlineText(v)}`).join(', ')}`);
  }

  const modified = event.modifiedProperties ?? [];
  lines.push('', `## ${words.modifiedProperties()}`, '');
  if (modified.length) lines.push(...table(words.propertyColumns(), modified.map((p) => [p.displayName, p.oldValue, p.newValue])));
  else lines.push(words.noModifiedProperties());

  const json = JSON.stringify(event, null, 2);
  const fence = fenceFor(json);
  lines.push('', `## ${words.fullRecord()}`, '', `${fence}json`, json, fence, '');
  return lines.join('\n');
}

/** The JSON record inside a details document (for tests and for "copy as JSON"). */
export function recordFromDetails(markdown: string): unknown {
  const match = /^(`{3,})json\n([\s\S]*?)\n\1$/m.exec(markdown);
  return match ? JSON.parse(match[2]) : undefined;
}
