import assert from 'node:assert/strict';
import type { LogEvent } from '../../../src/shared/provisioningLogs';
import { filtersFromForm, formFromFilters } from '../../../webview/logsWorkbench/filterForm';
import { LogsHostApi } from '../../../webview/logsWorkbench/hostApi';
import { resultView, rowOfEvent } from '../../../webview/logsWorkbench/resultRows';
import { emptyForm, loadLogsViewState } from '../../../webview/logsWorkbench/viewState';
import type { LogsWebviewMessage } from '../../../src/shared/logsWorkbench';

function events(): LogEvent[] {
  const base = { time: '', cycleId: '', jobId: 'j', changeId: '', servicePrincipalId: 'sp', app: 'Contoso', action: 'create', status: 'success', errorCode: '', reason: '', sourceId: '', sourceName: '', targetId: '', targetName: '', identityType: 'User', initiatorType: 'system', durationMs: 1 };
  return [
    { ...base, id: 'a', time: '2026-12-01T10:00:03.000Z', cycleId: 'c2', sourceId: 'u1', sourceName: 'Ada' },
    { ...base, id: 'b', time: '2026-12-01T10:00:02.000Z', cycleId: 'c2', sourceId: 'u2', sourceName: 'Bo', status: 'failure', errorCode: 'SystemForCrossDomainIdentityManagementBadResponse' },
    { ...base, id: 'c', time: '2026-12-01T09:00:01.000Z', cycleId: 'c1', sourceId: 'u2', sourceName: 'Bo', status: 'failure', errorCode: 'SystemForCrossDomainIdentityManagementBadResponse' },
    { ...base, id: 'd', time: '2026-12-01T09:00:00.000Z', cycleId: 'c1', sourceId: 'u3', sourceName: 'Cy', status: 'skipped' },
  ];
}

describe('Logs workbench result rows (webview model)', () => {
  it('lists every event in order without grouping, and only the matching ones with a quick filter', () => {
    const all = resultView(events(), 'none', '', new Set());
    assert.deepEqual(all.rows.map((r) => (r.kind === 'event' ? r.index : -1)), [0, 1, 2, 3]);
    const bo = resultView(events(), 'none', 'bo', new Set());
    assert.equal(bo.matching, 2);
    assert.deepEqual(bo.rows.map((r) => (r.kind === 'event' ? r.index : -1)), [1, 2]);
  });

  it('groups by error code with counts, and a collapsed group hides its events', () => {
    const view = resultView(events(), 'error', '', new Set());
    const headers = view.rows.filter((r) => r.kind === 'group');
    assert.equal(view.groups, 2);
    const failed = headers.find((r) => r.kind === 'group' && r.group.key === 'SystemForCrossDomainIdentityManagementBadResponse');
    assert.ok(failed && failed.kind === 'group');
    assert.equal(failed.group.count, 2);
    assert.equal(view.rows.length, 2 + 4);
    const collapsed = resultView(events(), 'error', '', new Set(['SystemForCrossDomainIdentityManagementBadResponse']));
    assert.equal(collapsed.rows.length, 2 + 2);
    assert.equal(rowOfEvent(collapsed, events(), 'b'), -1, 'an event of a collapsed group has no row');
    assert.ok(rowOfEvent(view, events(), 'b') > 0);
  });

  it('groups by cycle and by user', () => {
    assert.deepEqual(resultView(events(), 'cycle', '', new Set()).rows.filter((r) => r.kind === 'group').map((r) => (r.kind === 'group' ? [r.group.key, r.group.count] : [])), [['c2', 2], ['c1', 2]]);
    const users = resultView(events(), 'user', '', new Set()).rows.filter((r) => r.kind === 'group').map((r) => (r.kind === 'group' ? `${r.group.label}:${r.group.count}` : ''));
    assert.deepEqual(users.sort(), ['Ada:1', 'Bo:2', 'Cy:1']);
  });

  it('turns the filter form into protocol filters and back, refusing a range that ends before it starts', () => {
    const form = { ...emptyForm(), user: ' ada@contoso.com ', from: '2026-12-01T10:00', status: 'failure' };
    const parsed = filtersFromForm(form);
    assert.ok('filters' in parsed);
    assert.equal(parsed.filters.user, 'ada@contoso.com');
    assert.equal(parsed.filters.status, 'failure');
    assert.equal(parsed.filters.from, new Date('2026-12-01T10:00').toISOString());
    assert.deepEqual(formFromFilters(parsed.filters), { ...form, user: 'ada@contoso.com' });
    assert.deepEqual(filtersFromForm({ ...emptyForm(), from: '2026-12-02T00:00', to: '2026-12-01T00:00' }), { invalid: 'to' });
    assert.deepEqual(filtersFromForm({ ...emptyForm(), from: 'soon' }), { invalid: 'from' });
    assert.deepEqual(filtersFromForm({ ...emptyForm(), status: 'broken' }), { invalid: 'status' });
  });

  it('reads a stored view state field by field', () => {
    const state = loadLogsViewState({ scope: { connectionId: 'c', jobId: 'orphan' }, grouping: 'galaxy', collapsed: ['x', 5], scrollTop: -3, form: { user: 7, status: 'failure' } });
    assert.equal(state.scope, undefined);
    assert.equal(state.grouping, 'none');
    assert.deepEqual(state.collapsed, ['x']);
    assert.equal(state.scrollTop, 0);
    assert.deepEqual(state.form, { ...emptyForm(), status: 'failure' });
  });

  it('hands only valid host messages on, and matches replies to requests', async () => {
    const sent: LogsWebviewMessage[] = [];
    let deliver: (data: unknown) => void = () => undefined;
    const received: unknown[] = [];
    const api = new LogsHostApi({ postMessage: (m) => sent.push(m), source: { addEventListener: (_t, l) => (deliver = (data) => l({ data })) }, onMessage: (m) => received.push(m) });
    let id = 0;
    const reply = api.request({ kind: 'export', format: 'csv' }, (requestId) => (id = requestId));
    assert.equal(id, 1);
    deliver({ type: 'results', queryId: 1, events: [{ id: 'x' }], total: 1, state: 'done' });
    deliver({ type: 'response', requestId: 1, ok: true, result: { kind: 'exported', saved: true, count: 4 } });
    assert.deepEqual(await reply, { kind: 'exported', saved: true, count: 4 });
    assert.deepEqual(received, [], 'a results message with a malformed event is dropped');
    assert.deepEqual(sent, [{ type: 'request', requestId: 1, request: { kind: 'export', format: 'csv' } }]);
  });
});
