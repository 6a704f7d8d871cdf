import assert from 'node:assert/strict';
import {
  boundedLogEvent,
  isLogEvent,
  logsWorkbenchStringKeys,
  MAX_MESSAGE_SIZE,
  parseLogsFilters,
  parseLogsHostMessage,
  parseLogsScope,
  readLogsWebviewMessage,
  toLogEventDetails,
  untranslatedLogsStrings,
} from '../../../src/shared/logsWorkbench';
import { toLogEvent, type LogEvent } from '../../../src/shared/provisioningLogs';

/** A compact event as the host streams it. */
function event(overrides: Partial<LogEvent> = {}): LogEvent {
  return {
    id: 'e1', time: '2026-12-01T10:00:00.000Z', cycleId: 'c1', jobId: 'j1', changeId: 'ch1', servicePrincipalId: 'sp1', app: 'Contoso',
    action: 'create', status: 'failure', errorCode: 'SystemForCrossDomainIdentityManagementBadResponse', reason: 'The SCIM app said 400',
    sourceId: 'u1', sourceName: 'Ada', targetId: '', targetName: '', identityType: 'User', initiatorType: 'system', durationMs: 12,
    ...overrides,
  };
}

const request = (r: unknown, requestId: unknown = 1) => ({ type: 'request', requestId, request: r });

describe('Logs workbench protocol: messages from the webview', () => {
  it('reads ready and each request kind', () => {
    assert.deepEqual(readLogsWebviewMessage({ type: 'ready' }), { message: { type: 'ready' } });
    const filters = { user: 'ada@contoso.com', from: '2026-12-01T00:00:00.000Z', to: '2026-12-02T00:00:00Z', status: 'failure', action: 'create', jobId: 'j1', cycleId: 'c1' };
    assert.deepEqual(readLogsWebviewMessage(request({ kind: 'query', filters })), { message: { type: 'request', requestId: 1, request: { kind: 'query', filters } } });
    for (const r of [{ kind: 'loadMore', queryId: 3 }, { kind: 'cancel', queryId: 3 }, { kind: 'export', format: 'csv' }, { kind: 'export', format: 'json' }, { kind: 'details', eventId: 'e1' }, { kind: 'openDocs', code: 'SystemForCrossDomainIdentityManagementBadResponse' }]) {
      const reading = readLogsWebviewMessage(request(r, 7));
      assert.ok('message' in reading, JSON.stringify(r));
      assert.deepEqual(reading.message, { type: 'request', requestId: 7, request: r });
    }
  });

  it('refuses malformed messages, and names the request id when it is valid so the sender can be answered', () => {
    const refused: unknown[] = [
      null, 'ready', 42, [], { type: 'ready', extra: 1 }, { type: 'unknown' },
      request({ kind: 'query', filters: {} }, 0),
      request({ kind: 'query', filters: {} }, 1.5),
      request({ kind: 'query', filters: {} }, '1'),
      { type: 'request', requestId: 1, request: { kind: 'query', filters: {} }, more: true },
    ];
    for (const value of refused) assert.ok(!('message' in readLogsWebviewMessage(value)), JSON.stringify(value));
    const cases: unknown[] = [
      { kind: 'query' },
      { kind: 'query', filters: { status: 'FAILURE' } },
      { kind: 'query', filters: { action: 'explode' } },
      { kind: 'query', filters: { from: 'yesterday' } },
      { kind: 'query', filters: { from: '2026-12-02T00:00:00Z', to: '2026-12-01T00:00:00Z' } },
      { kind: 'query', filters: { user: '' } },
      { kind: 'query', filters: { user: 'a\u0000b' } },
      { kind: 'query', filters: { user: 'x'.repeat(321) } },
      { kind: 'query', filters: { cycleId: 5 } },
      { kind: 'query', filters: { unknown: 'x' } },
      { kind: 'query', filters: {}, extra: 1 },
      { kind: 'loadMore' },
      { kind: 'loadMore', queryId: -1 },
      { kind: 'cancel', queryId: 'x' },
      { kind: 'export', format: 'xml' },
      { kind: 'export' },
      { kind: 'details', eventId: '' },
      { kind: 'details', eventId: 'x'.repeat(201) },
      { kind: 'openDocs', url: 'https://learn.microsoft.com/' },
      { kind: 'openDocs', code: 'X', url: 'javascript:alert(1)' },
      { kind: 'nope' },
    ];
    for (const r of cases) {
      const reading = readLogsWebviewMessage(request(r, 9));
      assert.ok(!('message' in reading), JSON.stringify(r));
      assert.equal(reading.requestId, 9, `the refusal of ${JSON.stringify(r)} can be answered`);
    }
  });

  it('refuses a message too large or too deep before it reads the fields', () => {
    const huge = readLogsWebviewMessage(request({ kind: 'query', filters: { user: 'x'.repeat(MAX_MESSAGE_SIZE) } }, 4));
    assert.ok('problem' in huge && /larger than/.test(huge.problem));
    assert.equal(huge.requestId, 4);
    let deep: unknown = 'x';
    for (let i = 0; i < 50; i++) deep = { kind: deep };
    const nested = readLogsWebviewMessage(request(deep, 5));
    assert.ok('problem' in nested && /nested deeper/.test(nested.problem));
    const sparse = new Array(MAX_MESSAGE_SIZE + 1);
    assert.ok('problem' in readLogsWebviewMessage(request({ kind: 'query', filters: sparse })));
  });

  it('copies only the filters it checked', () => {
    assert.deepEqual(parseLogsFilters({ status: 'success' }), { status: 'success' });
    assert.deepEqual(parseLogsFilters({}), {});
    assert.deepEqual(parseLogsFilters(JSON.parse('{"status":"success","__proto__":{"user":"x"}}')), undefined, 'a key outside the filters is refused');
  });
});

describe('Logs workbench protocol: messages from the host', () => {
  const init = { type: 'init', strings: untranslatedLogsStrings(), scope: { connectionId: 'c', servicePrincipalId: 'sp', jobId: 'j' }, scopeLabel: 'Contoso', pageCap: 5000, language: 'sv' };

  it('reads init, results and responses', () => {
    assert.deepEqual(parseLogsHostMessage(init), init);
    assert.deepEqual(parseLogsHostMessage({ ...init, filters: { status: 'failure' }, override: true }), { ...init, filters: { status: 'failure' }, override: true });
    const results = { type: 'results', queryId: 2, events: [event()], total: 1, state: 'done' };
    assert.deepEqual(parseLogsHostMessage(results), results);
    assert.deepEqual(parseLogsHostMessage({ type: 'results', queryId: 2, events: [], total: 0, state: 'failed', error: 'Forbidden' }), { type: 'results', queryId: 2, events: [], total: 0, state: 'failed', error: 'Forbidden' });
    for (const result of [{ kind: 'query', queryId: 3 }, { kind: 'done' }, { kind: 'superseded' }, { kind: 'exported', saved: true, count: 10 }, { kind: 'details' }]) {
      assert.deepEqual(parseLogsHostMessage({ type: 'response', requestId: 1, ok: true, result }), { type: 'response', requestId: 1, ok: true, result });
    }
    assert.deepEqual(parseLogsHostMessage({ type: 'response', requestId: 1, ok: false, error: 'no' }), { type: 'response', requestId: 1, ok: false, error: 'no' });
  });

  it('refuses malformed host messages', () => {
    const withoutKey = { ...untranslatedLogsStrings() } as Record<string, string>;
    delete withoutKey[logsWorkbenchStringKeys[0]];
    const refused: unknown[] = [
      undefined, { type: 'init' }, { ...init, strings: withoutKey }, { ...init, scope: { connectionId: 'c', jobId: 'j' } }, { ...init, pageCap: 0 },
      { ...init, language: '<script>' }, { ...init, filters: { status: 'bad' } }, { ...init, override: 'yes' },
      { type: 'results', queryId: 0, events: [], total: 0, state: 'done' },
      { type: 'results', queryId: 1, events: [], total: 0, state: 'finished' },
      { type: 'results', queryId: 1, events: [{ ...event(), durationMs: '12' }], total: 1, state: 'done' },
      { type: 'results', queryId: 1, events: [{ ...event(), status: 5 }], total: 1, state: 'done' },
      { type: 'results', queryId: 1, events: new Array(3), total: 3, state: 'done' },
      { type: 'results', queryId: 1, events: Array.from({ length: 2001 }, () => event()), total: 2001, state: 'done' },
      { type: 'response', requestId: 1, ok: true, result: { kind: 'exported', saved: 'yes', count: 1 } },
      { type: 'response', requestId: 1, ok: true, result: { kind: 'details', event: { id: '' } } },
      { type: 'response', requestId: 1, ok: true, result: { kind: 'details', event: { id: 'e', provisioningSteps: 'no' } } },
      { type: 'response', requestId: 1, ok: true },
      { type: 'response', requestId: 1, ok: false },
    ];
    for (const value of refused) assert.equal(parseLogsHostMessage(value), undefined, JSON.stringify(value)?.slice(0, 200));
  });

  it("carries an event's details as Graph names them, bounded", () => {
    const graphEvent = {
      id: 'e1', activityDateTime: '2026-12-01T10:00:00Z', jobId: 'j1', cycleId: 'c1', changeId: 'ch1', durationInMilliseconds: 30, provisioningAction: 'create',
      provisioningStatusInfo: { status: 'failure', errorInformation: { errorCode: 'SystemForCrossDomainIdentityManagementBadResponse', reason: 'r'.repeat(20_000), additionalDetails: null, errorCategory: 'NonServiceFailure', recommendedAction: null } },
      provisioningSteps: Array.from({ length: 60 }, (_, i) => ({ name: `step ${i}`, provisioningStepType: 'export', status: 'success', description: 'd', details: {} })),
      modifiedProperties: [{ displayName: 'userName', oldValue: null, newValue: 'ada@contoso.com' }],
      servicePrincipal: { id: 'sp1', displayName: 'Contoso' },
      sourceIdentity: { id: 'u1', displayName: 'Ada', identityType: 'User', details: { UserPrincipalName: 'ada@contoso.com' } },
      targetIdentity: { id: '', displayName: '', identityType: 'urn:ietf:params:scim:schemas:core:2.0:User', details: {} },
    };
    const details = toLogEventDetails(graphEvent as never);
    assert.equal(details.provisioningSteps?.length, 50);
    assert.equal(details.provisioningStatusInfo?.errorInformation?.reason?.length, 10_000);
    assert.equal(details.sourceIdentity?.userPrincipalName, 'ada@contoso.com');
    const response = { type: 'response', requestId: 2, ok: true, result: { kind: 'details', event: details } };
    assert.deepEqual(parseLogsHostMessage(JSON.parse(JSON.stringify(response))), JSON.parse(JSON.stringify(response)));
    // The compact row of the same event passes the row check once bounded as the host sends it.
    const row = toLogEvent(graphEvent as never);
    assert.ok(!isLogEvent(row), 'a 20,000-character reason is longer than a row may be');
    assert.ok(isLogEvent(boundedLogEvent(row)));
    assert.equal(boundedLogEvent(row).reason.length, 10_000);
    const short = event();
    assert.equal(boundedLogEvent(short), short, 'a row that fits is sent as it is');
  });

  it('narrows scopes from restored state', () => {
    assert.deepEqual(parseLogsScope({ connectionId: 'c' }), { connectionId: 'c' });
    assert.deepEqual(parseLogsScope({ connectionId: 'c', servicePrincipalId: 's' }), { connectionId: 'c', servicePrincipalId: 's' });
    assert.equal(parseLogsScope({ connectionId: 'c', jobId: 'j' }), undefined);
    assert.equal(parseLogsScope({ connectionId: '', servicePrincipalId: 's' }), undefined);
    assert.equal(parseLogsScope({ connectionId: 'c', token: 'x' }), undefined);
  });
});
