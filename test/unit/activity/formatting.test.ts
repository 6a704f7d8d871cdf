import assert from 'node:assert/strict';
import type { SynchronizationJob } from '@microsoft/microsoft-graph-types';
import { recordFromDetails, renderEventDetails } from '../../../src/activity/eventDetails';
import type { ActivityEvent } from '../../../src/activity/types';
import { EventBuffer } from '../../../src/activity/eventBuffer';
import { formatEvent, formatJobChange } from '../../../src/activity/formatter';
import { jobChanges } from '../../../src/activity/jobChanges';
import { backoffDelay, isFatal, MAX_BACKOFF_MS } from '../../../src/activity/backoffLoop';
import { localTime } from '../../../src/shared/clockTime';
import { logEntry } from './helpers';

/** A job as Graph returns it, with the status fields a test sets. */
function job(status: Partial<NonNullable<SynchronizationJob['status']>> = {}, state: 'Active' | 'Paused' | 'Disabled' = 'Active'): SynchronizationJob {
  return { id: 'scim.job1', templateId: 'scim', schedule: { state, interval: 'PT40M' }, status: { code: 'Active', progress: [], quarantine: null, ...status } };
}

const failure = logEntry({
  id: 'f1',
  provisioningAction: 'update',
  provisioningStatusInfo: {
    status: 'failure',
    errorInformation: { errorCode: 'SystemForCrossDomainIdentityManagementBadResponse', reason: 'The app answered 500:\nInternal error.', errorCategory: 'nonServiceFailure', recommendedAction: 'Check the app logs.' },
  },
  provisioningSteps: [
    { name: 'EntryImport', provisioningStepType: 'import', status: 'success', description: 'Received the user', details: {} },
    { name: 'EntryExportUpdate', provisioningStepType: 'export', status: 'failure', description: 'PATCH failed | 500', details: { ReportableIdentifier: 'ada' } },
  ],
  modifiedProperties: [{ displayName: 'displayName', oldValue: 'Ada', newValue: 'Ada Lovelace' }],
});

describe('activity formatting', () => {
  it('writes one line per event: action, status, source → target by name, with no time of its own (the channel stamps one)', () => {
    const line = formatEvent(logEntry());
    assert.equal(line.text, 'create  success  Ada Lovelace → ada@contoso.com');
    assert.equal(line.level, 'info');
    assert.equal(line.eventId, 'e1');
  });

  it('adds error code (with the error catalogue\'s title), reason and recommended action to failures, on one line, logged as errors', () => {
    const line = formatEvent(failure, undefined, true);
    assert.equal(line.level, 'error');
    assert.equal(
      line.text,
      '[Contoso SCIM]  update  failure  Ada Lovelace → ada@contoso.com  SystemForCrossDomainIdentityManagementBadResponse (Target answered with an error): The app answered 500: Internal error.  Recommended action: Check the app logs.',
    );
    assert.ok(!line.text.includes('\n'));
  });

  it('names a missing target and compares Graph\'s drifting casing case-insensitively', () => {
    const line = formatEvent(logEntry({ targetIdentity: { id: '', displayName: '' }, provisioningStatusInfo: { status: 'Warning' as never } }));
    assert.equal(line.text, 'create  warning  Ada Lovelace → (none)');
    assert.equal(line.level, 'warn');
  });

  it('renders the full record as Markdown: the outcome in words, summary, error, steps, old → new values, and the JSON', () => {
    const markdown = renderEventDetails(failure);
    assert.deepEqual(recordFromDetails(markdown), failure, 'the JSON block is the event');
    assert.match(markdown, /^# Could not provision Ada Lovelace to Contoso SCIM: The app answered 500: Internal error\.$/m);
    assert.doesNotMatch(markdown, /^\| *(—|) *\| *(—|) *\|$/m, 'no table with an empty header row');
    assert.match(markdown, /^- \*\*Source:\*\* Ada Lovelace \(u1\)$/m);
    assert.match(markdown, /^- \*\*Code:\*\* SystemForCrossDomainIdentityManagementBadResponse$/m);
    assert.match(markdown, /^- \*\*Reason:\*\* The app answered 500: Internal error\.$/m);
    assert.match(markdown, /^- \*\*Recommended action:\*\* Check the app logs\.$/m);
    // The error catalogue's explanation under the service's own words, with its Microsoft Learn page as a link.
    assert.match(markdown, /^- \*\*What it means:\*\* Target answered with an error\. The target .+$/m);
    assert.match(markdown, /^- \*\*How to fix it:\*\* Read the event's reason.+$/m);
    assert.match(markdown, /^- \*\*Documentation:\*\* \[https:.+\]\(https:\/\/learn\.microsoft\.com\/entra\/identity\/saas-apps\/workday-inbound-tutorial#resolving-commonly-encountered-errors\)$/m);
    assert.match(markdown, /^\| 2 \| EntryExportUpdate \(export\) \| failure \| PATCH failed \\\| 500 \|$/m, 'pipes in data do not break the table');
    assert.match(markdown, /^2\. EntryExportUpdate: ReportableIdentifier = ada$/m);
    assert.match(markdown, /^\| displayName \| Ada \| Ada Lovelace \|$/m);
  });

  it('heads each outcome with what happened to whom, in words', () => {
    const headline = (overrides: Partial<ActivityEvent>) => /^# (.*)$/m.exec(renderEventDetails(logEntry(overrides)))?.[1];
    assert.equal(headline({ provisioningAction: 'create', targetSystem: { id: 'sp1', displayName: 'GoToMeeting' } }), 'Created Ada Lovelace in GoToMeeting');
    assert.equal(headline({ provisioningAction: 'disable' }), 'Disabled Ada Lovelace in Contoso SCIM');
    assert.equal(
      headline({
        provisioningAction: 'other',
        provisioningStatusInfo: { status: 'skipped', errorInformation: null },
        provisioningSteps: [{ name: 'EntrySynchronizationScoping', provisioningStepType: 'scoping', status: 'skipped', description: 'not in scope', details: { SkipReason: 'NotEffectivelyEntitled' } }],
      }),
      'Skipped Ada Lovelace: not assigned to Contoso SCIM, or outside its scoping filter',
    );
    assert.equal(headline({ sourceIdentity: { id: 'u1', displayName: null, identityType: 'User' } }), 'Created u1 in Contoso SCIM', 'the id only when there is no name');
  });

  it('keeps names from the tenant inert in the rendered preview (no HTML, links or markup)', () => {
    const markdown = renderEventDetails(logEntry({ sourceIdentity: { id: 'u1', displayName: '<img src=https://x.example/t.png> [click](https://x.example) *Ada*', identityType: 'User' } }));
    const title = /^# (.*)$/m.exec(markdown)?.[1] ?? '';
    assert.equal(title, 'Created \\<img src=https://x.example/t.png\\> \\[click\\](https://x.example) \\*Ada\\* in Contoso SCIM');
    assert.ok(!/(^|[^\\])</.test(markdown.split('```')[0]), 'every < escaped outside the JSON block');
  });

  it('keeps the JSON block intact when the data holds backtick fences', () => {
    const odd = logEntry({ modifiedProperties: [{ displayName: 'notes', oldValue: null, newValue: '```\nnot a fence\n```' }] });
    assert.deepEqual(recordFromDetails(renderEventDetails(odd)), odd);
  });

  it('keeps the last events by id, oldest dropped first', () => {
    const buffer = new EventBuffer(3);
    buffer.add(['a', 'b', 'c', 'd'].map((id) => logEntry({ id })));
    assert.equal(buffer.get('a'), undefined);
    assert.deepEqual(buffer.recent(10).map((e) => e.id), ['d', 'c', 'b']);
  });
});

describe('activity job state changes', () => {
  it('reports the first observation, with quarantine', () => {
    assert.deepEqual(jobChanges(undefined, job()), [{ kind: 'watching', code: 'Active', quarantined: false, job: job() }]);
    const line = formatJobChange('Contoso', jobChanges(undefined, job({ code: 'Quarantine', quarantine: { reason: 'EncounteredQuarantineException' } }))[0]);
    assert.equal(line.text, 'Watching Contoso: In quarantine, every 40 minutes.');
    assert.equal(line.level, 'warn');
  });

  it('reports a cycle starting, progressing and finishing with its counts', () => {
    const idle = job();
    const started = job({ progress: [{ completedUnits: 0, totalUnits: 400, units: 'Objects' }] });
    const halfway = job({ progress: [{ completedUnits: 200, totalUnits: 400, units: 'Objects' }] });
    const done = job({
      progress: [],
      lastExecution: { activityIdentifier: 'c1', state: 'EntryLevelErrors', countImported: 400, countExported: 12, countEscrowed: 2, timeBegan: '2025-03-01T12:00:00Z', timeEnded: '2025-03-01T12:00:09.5Z' },
    });
    assert.deepEqual(jobChanges(idle, started), [{ kind: 'cycleStarted', total: 400, began: undefined }]);
    assert.deepEqual(jobChanges(started, halfway), [{ kind: 'progress', completed: 200, total: 400, observed: undefined }]);
    // With the service's own times, the stream can place these lines among the cycle's log entries.
    const underWay = { activityIdentifier: 'c0', state: 'Succeeded' as const, timeBegan: '2025-03-01T11:59:58Z', timeEnded: '0001-01-01T00:00:00Z' };
    const startedAt = job({ progress: [{ completedUnits: 0, totalUnits: 400, units: 'Objects', progressObservationDateTime: '2025-03-01T11:59:59Z' }], lastExecution: underWay });
    const halfwayAt = job({ progress: [{ completedUnits: 200, totalUnits: 400, units: 'Objects', progressObservationDateTime: '2025-03-01T12:00:04Z' }], lastExecution: underWay });
    assert.deepEqual(jobChanges(idle, startedAt), [{ kind: 'cycleStarted', total: 400, began: '2025-03-01T11:59:58Z' }]);
    assert.deepEqual(jobChanges(startedAt, halfwayAt), [{ kind: 'progress', completed: 200, total: 400, observed: '2025-03-01T12:00:04Z' }]);
    const finished = jobChanges(halfway, done);
    assert.deepEqual(finished.map((c) => c.kind), ['cycleFinished']);
    const line = formatJobChange('J', finished[0]);
    assert.equal(line.text, 'J: cycle finished (some objects failed): 400 imported, 12 exported, 2 escrowed in 9.5 s.');
    assert.equal(line.level, 'warn');
    assert.deepEqual(jobChanges(done, done), [], 'nothing new, nothing written');
  });

  it('does not take an execution under way (timeEnded 0001-01-01) for a finished cycle', () => {
    const halfway = job({ progress: [{ completedUnits: 200, totalUnits: 400, units: 'Objects' }] });
    const execution = { activityIdentifier: 'c3', state: 'Succeeded' as const, countImported: 200, countExported: 5, countEscrowed: 0, timeBegan: '2025-03-01T12:00:00Z' };
    const running = job({ progress: [{ completedUnits: 300, totalUnits: 400, units: 'Objects' }], lastExecution: { ...execution, timeEnded: '0001-01-01T00:00:00Z' } });
    const done = job({ progress: [], lastExecution: { ...execution, countImported: 400, timeEnded: '2025-03-01T12:00:20Z' } });
    assert.deepEqual(jobChanges(halfway, running), [{ kind: 'progress', completed: 300, total: 400, observed: undefined }]);
    const finished = jobChanges(running, done);
    assert.deepEqual(finished.map((c) => c.kind), ['cycleFinished']);
    assert.equal(formatJobChange('J', finished[0]).text, 'J: cycle finished (succeeded): 400 imported, 5 exported, 0 escrowed in 20.0 s.');
  });

  it('reports a cycle that failed outright, quarantine entered and left, pause and resume', () => {
    const failed = job({ lastExecution: { activityIdentifier: 'c2', state: 'Failed', error: { code: 'CredentialsInvalid', message: 'The token was refused.' } } });
    assert.equal(formatJobChange('J', jobChanges(job(), failed)[0]).text, 'J: cycle failed: CredentialsInvalid: The token was refused.');

    const quarantined = job({ code: 'Quarantine', lastExecution: failed.status!.lastExecution, quarantine: { reason: 'EncounteredQuarantineException', nextAttempt: '2025-03-01T12:40:00Z', error: { code: 'CredentialsInvalid' } } });
    const entered = jobChanges(failed, quarantined);
    assert.deepEqual(entered.map((c) => c.kind), ['quarantineEntered']);
    // A local time, as everywhere else (the stream used to write this one in UTC).
    const nextAttempt = localTime('2025-03-01T12:40:00Z', 'en', new Date(), { seconds: true });
    assert.equal(formatJobChange('J', entered[0]).text, `J: entered quarantine (EncounteredQuarantineException, CredentialsInvalid); next attempt ${nextAttempt}.`, 'a code the catalogue does not know, as it is');
    const refused = job({ code: 'Quarantine', quarantine: { reason: 'EncounteredQuarantineException', error: { code: 'SystemForCrossDomainIdentityManagementCredentialValidationUnauthorized' } } });
    assert.equal(
      formatJobChange('J', jobChanges(job(), refused)[0]).text,
      'J: entered quarantine (EncounteredQuarantineException, SystemForCrossDomainIdentityManagementCredentialValidationUnauthorized: Credentials rejected).',
      'what the error means, last',
    );
    assert.deepEqual(jobChanges(quarantined, job({ lastExecution: failed.status!.lastExecution })).map((c) => c.kind), ['quarantineLeft']);

    // Held deletions wait for the admin: the service's "never" time is no next attempt.
    const held = job({ code: 'Quarantine', quarantine: { reason: 'TooManyDeletes', nextAttempt: '0001-01-01T00:00:00Z', error: { code: 'TooManyDeletes' } } });
    assert.equal(formatJobChange('J', jobChanges(job(), held)[0]).text, 'J: entered quarantine (TooManyDeletes: Deletion threshold exceeded).', 'once, with what it means');

    assert.deepEqual(jobChanges(job(), job({ code: 'Paused' }, 'Paused')), [{ kind: 'paused' }]);
    assert.deepEqual(jobChanges(job({ code: 'Paused' }, 'Paused'), job()), [{ kind: 'resumed', job: job() }]);
    assert.equal(formatJobChange('J', jobChanges(job({ code: 'Paused' }, 'Paused'), job())[0]).text, 'J: resumed, every 40 minutes.');
    const started = jobChanges(job({ code: 'NotRun' }, 'Disabled'), job());
    assert.deepEqual(started, [{ kind: 'statusChanged', from: 'NotRun', to: 'Active', job: job() }]);
    assert.equal(formatJobChange('J', started[0]).text, 'J: Not started → Active, every 40 minutes.', 'status codes in the words the tree uses');
  });
});

describe('activity backoff', () => {
  it('doubles from the interval, honours Retry-After, and is capped', () => {
    assert.equal(backoffDelay({ kind: 'unavailable' }, 1, 10_000), 20_000);
    assert.equal(backoffDelay({ kind: 'throttled', retryAfterSeconds: 90 }, 1, 10_000), 90_000);
    assert.equal(backoffDelay({ kind: 'throttled', retryAfterSeconds: 1 }, 3, 10_000), 80_000);
    assert.equal(backoffDelay({ kind: 'network' }, 40, 10_000), MAX_BACKOFF_MS);
  });

  it('gives up only on failures retrying cannot fix', () => {
    assert.equal(isFatal({ kind: 'forbidden' }), true);
    assert.equal(isFatal({ kind: 'notSignedIn' }), true);
    assert.equal(isFatal({ kind: 'signInFailed' }), true, 'a refused sign-in is not retried (VS Code would prompt again and again)');
    assert.equal(isFatal({ kind: 'throttled' }), false);
    assert.equal(isFatal(new Error('socket hang up')), false);
  });
});
