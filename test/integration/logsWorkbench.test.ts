import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { LogsHostMessage, ResponseMessage, ResultsMessage } from '../../src/shared/logsWorkbench';
import { LOG_CSV_COLUMNS, logsToCsv, logsToJson } from '../../src/shared/provisioningLogs';
import type { ProvisioningObjectSummary } from '../../src/sandbox/types';
import type { LogsWorkbenchSession } from '../../src/webviews/logsWorkbenchSession';
import { connectTestSandbox, eventually, type ConnectedSandbox } from './helpers/sandbox';

describe('Logs workbench (real VS Code host, sandbox tenant)', function () {
  this.timeout(120_000);
  let connected: ConnectedSandbox;
  let sp: string;
  let jobId: string;
  let cycleId: string;
  /** The cycle's entries as the sandbox wrote them. */
  let written: ProvisioningObjectSummary[];
  let created: ProvisioningObjectSummary;
  let folder: string;
  let nextRequestId = 1;

  before(async () => {
    connected = await connectTestSandbox();
    const { sandbox, api } = connected;
    ({ servicePrincipalId: sp, jobId } = sandbox.demo);
    const cycle = sandbox.engine.nextCycle(jobId);
    await (await api.services.graph.service()).jobs.start(sp, jobId);
    ({ cycleId } = await cycle);
    written = sandbox.store.data.audit.filter((e) => e.cycleId === cycleId);
    created = written.find((e) => e.provisioningAction === 'create' && e.provisioningStatusInfo.status === 'success')!;
    assert.ok(created, 'the cycle created users');
    // Failures as the service writes them, for two users of the cycle, in a later cycle of the same job.
    const failure = (id: string, source: ProvisioningObjectSummary, code: string): ProvisioningObjectSummary => ({
      ...source, id, cycleId: 'failing-cycle', provisioningAction: 'update', activityDateTime: new Date().toISOString(),
      provisioningStatusInfo: { status: 'failure', errorInformation: { errorCode: code, reason: `${code} in the test`, additionalDetails: null, errorCategory: 'nonServiceFailure', recommendedAction: null } },
    });
    const users = written.filter((e) => e.provisioningAction === 'create').slice(0, 2);
    sandbox.store.addAudit([
      failure('f1', users[0], 'SystemForCrossDomainIdentityManagementBadResponse'),
      failure('f2', users[1], 'SystemForCrossDomainIdentityManagementBadResponse'),
      failure('f3', users[0], 'DuplicateTargetEntries'),
    ]);
    // Entries become readable 0.5–1 s after their action, as in Entra: wait until all of them are.
    const logs = (await api.services.graph.service()).logs;
    await eventually(async () => (await logs.query({ cycleId })).items.length === written.length, 20_000, 'every entry of the cycle readable');
    folder = mkdtempSync(join(tmpdir(), 'logs-workbench-'));
  });

  after(async () => {
    for (const session of connected?.api.services.logsWorkbenches.list() ?? []) session.panel.dispose();
    await connected?.dispose();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  /** Sends a message as the webview would and collects what the host posts until `until` holds. */
  async function exchange(session: LogsWorkbenchSession, message: unknown, until: (m: LogsHostMessage) => boolean): Promise<LogsHostMessage[]> {
    const seen: LogsHostMessage[] = [];
    const listener = session.onDidPostMessage((m) => seen.push(m));
    try {
      await session.handleMessage(message);
      await eventually(() => seen.some(until), 30_000, 'a message from the host');
      return seen;
    } finally {
      listener.dispose();
    }
  }

  /** Runs a request and returns its response with every message posted meanwhile. */
  async function ask(session: LogsWorkbenchSession, request: unknown): Promise<{ response: ResponseMessage; posted: LogsHostMessage[]; requestId: number }> {
    const requestId = nextRequestId++;
    const posted = await exchange(session, { type: 'request', requestId, request }, (m) => m.type === 'response' && m.requestId === requestId);
    const response = posted.find((m): m is ResponseMessage => m.type === 'response' && m.requestId === requestId)!;
    return { response, posted, requestId };
  }

  function resultsOf(posted: LogsHostMessage[], queryId: number): ResultsMessage[] {
    return posted.filter((m): m is ResultsMessage => m.type === 'results' && m.queryId === queryId);
  }

  it('opens one workbench per job from the command and answers ready with strings, scope and label', async () => {
    const result = await vscode.commands.executeCommand<{ key: string } | undefined>('entraProvisioning.openLogsWorkbench', { servicePrincipalId: sp, jobId });
    assert.ok(result?.key);
    const session = connected.api.services.logsWorkbenches.get({ connectionId: connected.connectionId, servicePrincipalId: sp, jobId });
    assert.ok(session, 'the workbench is open');
    assert.equal(session.key, result.key);
    const again = await vscode.commands.executeCommand<{ key: string } | undefined>('entraProvisioning.openLogsWorkbench', { servicePrincipalId: sp, jobId });
    assert.equal(again?.key, result.key, 'opening again reveals it');
    assert.equal(connected.api.services.logsWorkbenches.list().length, 1);
    const posted = await exchange(session, { type: 'ready' }, (m) => m.type === 'init');
    const init = posted.find((m) => m.type === 'init');
    assert.ok(init && init.type === 'init');
    assert.deepEqual(init.scope, { connectionId: connected.connectionId, servicePrincipalId: sp, jobId });
    assert.match(init.scopeLabel, /Contoso SCIM App/);
    assert.equal(init.strings.title, 'Provisioning logs');
    assert.match(session.panel.title, /^Logs: Contoso SCIM App/);
  });

  it('queries with filters, streams the pages, stops at the cap of a round and reads on with Load more', async () => {
    // The app's workbench, with small pages so that a cycle spans several.
    const session = await connected.api.services.logsWorkbenches.open({ connectionId: connected.connectionId, servicePrincipalId: sp }, { paging: { pageSize: 2, pageCap: 4 } });
    const first = await ask(session, { kind: 'query', filters: { cycleId } });
    assert.deepEqual(first.response.ok && first.response.result, { kind: 'query', queryId: first.requestId }, 'the query id is the request id');
    const pages = resultsOf(first.posted, first.requestId);
    assert.ok(pages.length >= 2, 'more than one page arrived');
    assert.ok(written.length > 4, `the cycle wrote ${written.length} entries: more than one round`);
    assert.deepEqual(pages.map((p) => p.events.length), [2, 2]);
    assert.equal(pages.at(-1)?.state, 'paused', 'the round stopped at its cap');
    assert.equal(session.events.length, 4);
    assert.deepEqual(pages.map((p) => p.total), [2, 4]);

    let state = session.queryState;
    const streamed = pages.flatMap((p) => p.events.map((e) => e.id));
    while (state === 'paused') {
      const more = await ask(session, { kind: 'loadMore', queryId: first.requestId });
      assert.ok(more.response.ok);
      const morePages = resultsOf(more.posted, first.requestId);
      streamed.push(...morePages.flatMap((p) => p.events.map((e) => e.id)));
      state = morePages.at(-1)?.state;
    }
    assert.equal(state, 'done');
    assert.deepEqual([...streamed].sort(), written.map((e) => e.id).sort(), 'every entry of the cycle arrived once');
    assert.deepEqual(session.events.map((e) => e.id), streamed, 'the host holds what it streamed, in order');
    assert.ok(session.events.every((e) => e.cycleId === cycleId && e.jobId === jobId));
  });

  it('filters by status and by user on the server, and reads the detail of a failure', async () => {
    const session = connected.api.services.logsWorkbenches.get({ connectionId: connected.connectionId, servicePrincipalId: sp, jobId })!;
    const failures = await ask(session, { kind: 'query', filters: { status: 'failure' } });
    assert.ok(failures.response.ok);
    assert.deepEqual(session.events.map((e) => e.id).sort(), ['f1', 'f2', 'f3']);
    assert.equal(resultsOf(failures.posted, failures.requestId).at(-1)?.state, 'done');

    const upn = connected.sandbox.store.users.get(created.sourceIdentity.id)!.userPrincipalName;
    await ask(session, { kind: 'query', filters: { user: upn } });
    assert.ok(session.events.some((e) => e.id === created.id), 'the user principal name finds the create');
    assert.ok(session.events.every((e) => e.sourceId === created.sourceIdentity.id));
    await ask(session, { kind: 'query', filters: { user: created.sourceIdentity.id, status: 'failure' } });
    const failedForUser = session.events.map((e) => e.id).sort();

    await ask(session, { kind: 'query', filters: { cycleId: 'failing-cycle' } });
    const detail = await ask(session, { kind: 'details', eventId: 'f1' });
    assert.ok(detail.response.ok && detail.response.result.kind === 'details');
    const event = detail.response.result.event;
    assert.equal(event?.provisioningStatusInfo?.errorInformation?.errorCode, 'SystemForCrossDomainIdentityManagementBadResponse');
    assert.ok(event?.provisioningSteps?.length, 'the steps come with the detail');
    const outside = await ask(session, { kind: 'details', eventId: created.id });
    assert.equal(outside.response.ok, false, 'only events of the current result are read');
    assert.deepEqual(failedForUser.filter((id) => id.startsWith('f')), failedForUser, 'only failures');
    assert.ok(failedForUser.length >= 1);
  });

  it('exports what the host holds as CSV and JSON, not what the webview says', async () => {
    const session = connected.api.services.logsWorkbenches.get({ connectionId: connected.connectionId, servicePrincipalId: sp, jobId })!;
    await ask(session, { kind: 'query', filters: { cycleId } });
    assert.equal(session.queryState, 'done');
    const csv = vscode.Uri.file(join(folder, 'cycle.csv'));
    const json = vscode.Uri.file(join(folder, 'cycle.json'));
    assert.equal(await session.exportTo('csv', csv), written.length);
    assert.equal(await session.exportTo('json', json), written.length);
    const text = readFileSync(csv.fsPath, 'utf8');
    assert.equal(text, logsToCsv(session.events));
    const lines = text.trimEnd().split('\r\n');
    assert.equal(lines[0], LOG_CSV_COLUMNS.join(','));
    assert.equal(lines.length, written.length + 1);
    assert.equal(readFileSync(json.fsPath, 'utf8'), logsToJson(session.events));
    assert.deepEqual((JSON.parse(readFileSync(json.fsPath, 'utf8')) as { id: string }[]).map((e) => e.id).sort(), written.map((e) => e.id).sort());
  });

  it('runs only the newest of queries sent in a burst, and refuses malformed messages with an answer', async () => {
    const session = connected.api.services.logsWorkbenches.get({ connectionId: connected.connectionId, servicePrincipalId: sp, jobId })!;
    const seen: LogsHostMessage[] = [];
    const listener = session.onDidPostMessage((m) => seen.push(m));
    const ids = [nextRequestId++, nextRequestId++, nextRequestId++];
    const filters = [{ cycleId }, { status: 'success' }, { cycleId: 'failing-cycle' }];
    await Promise.all(ids.map((requestId, i) => session.handleMessage({ type: 'request', requestId, request: { kind: 'query', filters: filters[i] } })));
    listener.dispose();
    const responses = ids.map((id) => seen.find((m): m is ResponseMessage => m.type === 'response' && m.requestId === id));
    assert.deepEqual(responses[1]?.ok && responses[1].result, { kind: 'superseded' }, 'the waiting query was replaced');
    assert.deepEqual(responses[2]?.ok && responses[2].result, { kind: 'query', queryId: ids[2] });
    assert.equal(resultsOf(seen, ids[0]).at(-1)?.state, 'cancelled', 'the running query was stopped');
    assert.deepEqual(session.filters, { cycleId: 'failing-cycle' });
    assert.deepEqual(session.events.map((e) => e.id).sort(), ['f1', 'f2', 'f3']);

    const rejectedBefore = session.rejected.count;
    const refused = await exchange(session, { type: 'request', requestId: 9001, request: { kind: 'openDocs', url: 'https://example.com/' } }, (m) => m.type === 'response' && m.requestId === 9001);
    const answer = refused.find((m) => m.type === 'response');
    assert.ok(answer && answer.type === 'response' && !answer.ok, 'a refused request is answered');
    await session.handleMessage({ type: 'request', requestId: 9002, request: { kind: 'query', filters: { status: 'FAILURE' } } });
    await session.handleMessage({ type: 'nonsense' });
    await session.handleMessage({ type: 'request', requestId: 9003, request: { kind: 'query', filters: { user: 'x'.repeat(30_000) } } });
    assert.equal(session.rejected.count, rejectedBefore + 4);
    assert.match(session.rejected.recent.at(-1)!.reason, /larger than/);
    assert.deepEqual(session.filters, { cycleId: 'failing-cycle' }, 'nothing refused was run');
  });

  it('restores a workbench from the state its webview kept, and closes a panel whose state is not a scope', async () => {
    const manager = connected.api.services.logsWorkbenches;
    const scope = { connectionId: connected.connectionId };
    const panel = vscode.window.createWebviewPanel('entraProvisioning.logsWorkbench', 'restored', vscode.ViewColumn.Active, {});
    await manager.deserializeWebviewPanel(panel, { scope, grouping: 'error' });
    const restored = manager.get(scope);
    assert.ok(restored, 'the tenant workbench is back');
    assert.equal(restored.panel, panel);
    const posted = await exchange(restored, { type: 'ready' }, (m) => m.type === 'init');
    assert.ok(posted.some((m) => m.type === 'init' && m.scope.servicePrincipalId === undefined));

    const bad = vscode.window.createWebviewPanel('entraProvisioning.logsWorkbench', 'bad', vscode.ViewColumn.Active, {});
    let disposed = false;
    bad.onDidDispose(() => (disposed = true));
    await manager.deserializeWebviewPanel(bad, { scope: { connectionId: connected.connectionId, jobId: 'orphan' } });
    assert.ok(disposed, 'a job without its app is not a scope');
  });

  it('adopts no panel that was closed while its restored label was read', async () => {
    const manager = connected.api.services.logsWorkbenches;
    const scope = { connectionId: connected.connectionId, servicePrincipalId: sp };
    manager.get(scope)?.panel.dispose();
    const panel = vscode.window.createWebviewPanel('entraProvisioning.logsWorkbench', 'closed early', vscode.ViewColumn.Active, {});
    const restoring = manager.deserializeWebviewPanel(panel, { scope });
    panel.dispose();
    await restoring;
    assert.equal(manager.get(scope), undefined, 'no workbench for a closed panel');
  });
});
