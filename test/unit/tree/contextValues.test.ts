// The tree's context values against package.json's menus: a token renamed on one side only (in
// src/tree/contextValues.ts or in a `viewItem` clause) makes a menu silently vanish; this fails instead.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  activityEventContext,
  appContext,
  assignmentContext,
  definedTokens,
  JobHealthToken,
  jobContext,
  RowKind,
  tenantContext,
  unmatchedTokens,
} from '../../../src/tree/contextValues';
import type { JobHealth } from '../../../src/tree/jobStatusText';

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
  contributes: { menus: Record<string, Array<{ command: string; when?: string }>> };
};

interface ViewItemClause {
  readonly menu: string;
  readonly command: string;
  readonly pattern: RegExp;
  readonly tokens: readonly string[];
}

/**
 * The tokens a `viewItem =~ /.../` regex names. Only the syntax the manifest uses is understood
 * (`^`, `\b`, `.*`, groups, alternation, lookahead); anything else fails loudly rather than
 * letting a token slip past the check.
 */
function tokensOf(source: string): string[] {
  const stripped = source.replace(/\\b/g, ' ').replace(/\(\?[!=:]/g, ' ').replace(/\.\*/g, ' ').replace(/[\^$()|]/g, ' ');
  if (/[^\w\s-]/.test(stripped)) throw new Error(`this test does not understand the regex /${source}/: extend tokensOf`);
  return stripped.split(/\s+/).filter(Boolean);
}

function viewItemClauses(): ViewItemClause[] {
  const clauses: ViewItemClause[] = [];
  for (const [menu, items] of Object.entries(manifest.contributes.menus)) {
    for (const item of items) {
      const when = item.when ?? '';
      for (const match of when.matchAll(/viewItem\s*=~\s*\/((?:\\.|[^/\\])+)\/([a-z]*)/g)) {
        clauses.push({ menu, command: item.command, pattern: new RegExp(match[1], match[2]), tokens: tokensOf(match[1]) });
      }
      for (const match of when.matchAll(/viewItem\s*[!=]=\s*'?([\w-]+)'?/g)) {
        clauses.push({ menu, command: item.command, pattern: new RegExp(`^${match[1]}$`), tokens: [match[1]] });
      }
      const other = when.replace(/viewItem\s*=~\s*\/((?:\\.|[^/\\])+)\/[a-z]*/g, '').replace(/viewItem\s*[!=]=\s*'?[\w-]+'?/g, '');
      assert.doesNotMatch(other, /\bviewItem\b/, `${menu} ${item.command}: a viewItem test this check does not read: ${when}`);
    }
  }
  return clauses;
}

/** Context values the tree's builders produce, covering every row kind and job state. */
function sampleContextValues(): string[] {
  const flags = [false, true];
  const values: string[] = Object.values(RowKind);
  for (const current of flags) for (const filtered of flags) values.push(tenantContext('sandbox', { current, filtered, provisioningOnly: !filtered }));
  for (const sandbox of [true, false]) values.push(appContext(true, sandbox), appContext(false, sandbox));
  for (const statusCode of ['Active', 'Paused', 'Quarantine', 'NotRun', 'NotConfigured', undefined]) {
    for (const health of Object.keys(JobHealthToken) as JobHealth[]) {
      for (const running of flags) for (const heldDeletions of flags) for (const sandbox of flags) for (const drifted of flags) values.push(jobContext({ statusCode, health, running, heldDeletions, sandbox, drifted }));
    }
  }
  values.push(assignmentContext('User', false), assignmentContext('Group', true));
  values.push(activityEventContext('failure'), activityEventContext('success'));
  return values;
}

describe('tree context values and package.json menus', () => {
  const clauses = viewItemClauses();
  const defined = definedTokens();

  it('finds the menus’ viewItem clauses', () => {
    assert.ok(clauses.length >= 20, `${clauses.length} clauses`);
  });

  it('matches only tokens that src/tree/contextValues.ts defines', () => {
    const unknown = clauses.flatMap((c) => c.tokens.filter((t) => !defined.has(t)).map((t) => `${c.menu} ${c.command}: ${t}`));
    assert.deepEqual(unknown, []);
  });

  it('defines only tokens some menu matches, or that are listed as unmatched with a reason', () => {
    const matched = new Set(clauses.flatMap((c) => c.tokens));
    const orphans = [...defined].filter((t) => !matched.has(t) && !unmatchedTokens[t]);
    assert.deepEqual(orphans, [], 'defined but neither matched by a menu nor listed in unmatchedTokens');
    const listedButMatched = Object.keys(unmatchedTokens).filter((t) => matched.has(t));
    assert.deepEqual(listedButMatched, [], 'listed in unmatchedTokens although a menu matches them');
    const listedButUndefined = Object.keys(unmatchedTokens).filter((t) => !defined.has(t));
    assert.deepEqual(listedButUndefined, [], 'listed in unmatchedTokens but not defined');
  });

  it('has every viewItem regex match some row the tree builds', () => {
    const values = sampleContextValues();
    const dead = clauses.filter((c) => !values.some((v) => c.pattern.test(v))).map((c) => `${c.menu} ${c.command}: ${c.pattern}`);
    assert.deepEqual(dead, []);
  });

  it('offers Start on a job that is not active and Pause on one that is, never both', () => {
    const start = clauses.filter((c) => c.command === 'entraProvisioning.startJob');
    const pause = clauses.filter((c) => c.command === 'entraProvisioning.pauseJob');
    assert.ok(start.length > 0 && pause.length > 0);
    const active = jobContext({ statusCode: 'Active', health: 'running', running: true, heldDeletions: false, sandbox: false });
    const paused = jobContext({ statusCode: 'Paused', health: 'paused', running: false, heldDeletions: false, sandbox: false });
    assert.ok(start.every((c) => !c.pattern.test(active) && c.pattern.test(paused)), `Start: ${active} / ${paused}`);
    assert.ok(pause.every((c) => c.pattern.test(active) && !c.pattern.test(paused)), `Pause: ${active} / ${paused}`);
  });

  it('builds context values with the row kind first and no empty or repeated tokens', () => {
    for (const value of sampleContextValues()) {
      const tokens = value.split(' ');
      assert.ok(Object.values(RowKind).includes(tokens[0] as never), value);
      assert.ok(tokens.every((t) => t !== '' && defined.has(t)), value);
      assert.equal(new Set(tokens).size, tokens.length, value);
    }
    assert.equal(jobContext({ statusCode: 'SomethingNew', health: 'unknown', running: false, heldDeletions: false, sandbox: false }), 'job status-unknown unknown');
    assert.equal(assignmentContext(undefined, true), 'assignment defaultAccess');
    assert.equal(activityEventContext('unknownfuturevalue'), 'activityEvent unknown');
  });
});
