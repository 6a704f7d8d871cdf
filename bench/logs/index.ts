/**
 * Logs workbench benchmark: filter and group 100,000 loaded provisioning log events, as the
 * workbench does when its text box or grouping changes. Prints JSON lines {"metric","value","unit"};
 * the metric name logs.filter100k.ms is a public contract (goal ≤ 100 ms, issue #16).
 *
 * One measurement is the slowest thing a keystroke can ask for: a text filter matched by nearly
 * every event, with a status filter, then grouping the result by user (the grouping with the most
 * groups), on 100,000 loaded events (prepared with prepareLogs as they were loaded, as the
 * workbench does). The median of the rounds is reported, each round on its own freshly projected
 * events; stderr also shows the same keystroke on events nobody prepared.
 */
import { filterLogs, groupLogs, prepareLogs, toLogEvent, type LogEvent, type ProvisioningSummaryLike } from '../../src/shared/provisioningLogs';

const EVENTS = 100_000;
const ROUNDS = 7;
const USERS = 20_000;
const CYCLES = 50;
const ERRORS = ['SystemForCrossDomainIdentityManagementBadResponse', 'DuplicateTargetEntries', 'SystemForCrossDomainIdentityManagementCredentialValidationUnavailable', 'InsufficientRights', 'SystemForCrossDomainIdentityManagementServiceIncompatible'];
const ACTIONS = ['create', 'update', 'delete', 'disable', 'other'];

/** Deterministic pseudo-random numbers (mulberry32) so every run measures the same events. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function guid(next: () => number): string {
  const hex = () => Math.floor(next() * 0x10000).toString(16).padStart(4, '0');
  return `${hex()}${hex()}-${hex()}-${hex()}-${hex()}-${hex()}${hex()}${hex()}`;
}

/** Graph-shaped summaries like a busy tenant's: many users, a few cycles, some failures. */
function summaries(): ProvisioningSummaryLike[] {
  const next = random(16);
  const users = Array.from({ length: USERS }, (_, i) => ({ id: guid(next), name: `User ${i}`, upn: `user${i}@contoso.com` }));
  const cycles = Array.from({ length: CYCLES }, () => guid(next));
  const start = Date.parse('2026-01-01T00:00:00Z');
  const out: ProvisioningSummaryLike[] = [];
  for (let i = 0; i < EVENTS; i++) {
    const u = users[Math.floor(next() * USERS)];
    const failed = next() < 0.05;
    const skipped = !failed && next() < 0.2;
    out.push({
      id: guid(next),
      activityDateTime: new Date(start + i * 1500).toISOString(),
      cycleId: cycles[Math.floor((i / EVENTS) * CYCLES)],
      jobId: 'scim.e6d2b7c1a4f34b1c9e0f.a1b2c3d4-0000-4000-8000-000000000001',
      changeId: guid(next),
      durationInMilliseconds: Math.floor(next() * 2000),
      provisioningAction: ACTIONS[Math.floor(next() * ACTIONS.length)],
      provisioningStatusInfo: failed
        ? { status: 'failure', errorInformation: { errorCode: ERRORS[Math.floor(next() * ERRORS.length)], reason: `The SCIM endpoint answered ${400 + Math.floor(next() * 100)} for ${u.upn}.` } }
        : { status: skipped ? 'skipped' : 'success', errorInformation: null },
      servicePrincipal: { id: 'a1b2c3d4-0000-4000-8000-000000000002', displayName: 'Contoso SCIM App' },
      sourceIdentity: { id: u.id, displayName: u.name, identityType: 'User' },
      targetIdentity: { id: skipped ? '' : guid(next), displayName: skipped ? '' : u.upn, identityType: 'User' },
      initiatedBy: { initiatorType: 'system' },
    });
  }
  // As a client gets them: parsed from JSON (flat strings, not the generator's concatenations).
  return JSON.parse(JSON.stringify(out)) as ProvisioningSummaryLike[];
}

function emit(metric: string, value: number, unit: string): void {
  console.log(JSON.stringify({ metric, value: Math.round(value * 10) / 10, unit }));
}

const source = summaries();

/** One keystroke's work: a text filter nearly every event matches, a status filter, then groups by user. */
function keystroke(events: readonly LogEvent[]): { matched: number; groups: number } {
  const hits = filterLogs(events, { text: 'contoso', status: ['success', 'failure', 'skipped'] });
  return { matched: hits.length, groups: groupLogs(events, 'user', hits).length };
}

const loaded: number[] = [];
const cold: number[] = [];
let last = { matched: 0, groups: 0 };
for (let round = 0; round < ROUNDS; round++) {
  // Loading is not measured: the projection happens page by page as events arrive, and the
  // workbench prepares them then (prepareLogs), as it shows them.
  const events: LogEvent[] = source.map(toLogEvent);
  let started = performance.now();
  last = keystroke(events);
  cold.push(performance.now() - started);
  const fresh: LogEvent[] = source.map(toLogEvent);
  prepareLogs(fresh);
  started = performance.now();
  last = keystroke(fresh);
  loaded.push(performance.now() - started);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const list = (xs: number[]) => xs.map((t) => t.toFixed(1)).join(', ');
console.error(`logs bench: ${EVENTS} events, ${last.matched} matched, ${last.groups} user groups; prepared ${list(loaded)} ms; unprepared (first keystroke on events not prepared) ${list(cold)} ms`);
emit('logs.filter100k.ms', median(loaded), 'ms');
