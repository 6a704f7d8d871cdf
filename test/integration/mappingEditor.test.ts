import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { previewObjectMapping } from '../../src/shared/mappingEditor';
import type { RawSchema, SampleUser } from '../../src/shared/mappingEditor';
import { DEFAULT_ACCESS_ROLE_ID } from '../../src/shared/scoping';
import type { ExtensionToWebviewMessage, ResponseMessage } from '../../src/shared/webviewProtocol';
import type { MappingEditorSession } from '../../src/webviews/mappingEditorSession';
import type { SeenRequest } from '../contract/operations';
import { connectTestSandbox, eventually, type ConnectedSandbox } from './helpers/sandbox';

const TITLE_EXPRESSION = 'Join(" / ", ToUpper([jobTitle]), [department])';

describe('Mapping editor (real VS Code host, sandbox tenant)', function () {
  this.timeout(120_000);
  let connected: ConnectedSandbox;
  let sp: string;
  let jobId: string;
  /** Every request the sandbox answered, oldest first. */
  const requests: SeenRequest[] = [];

  before(async () => {
    connected = await connectTestSandbox({ onRequest: (r) => requests.push(r) });
    ({ servicePrincipalId: sp, jobId } = connected.sandbox.demo);
  });

  after(async () => {
    for (const session of connected?.api.services.mappingEditors.list() ?? []) session.panel.dispose();
    await connected?.dispose();
  });

  async function schemaOnServer(): Promise<RawSchema> {
    const response = await fetch(`${connected.sandbox.graphUrl}/servicePrincipals/${sp}/synchronization/jobs/${jobId}/schema`, {
      headers: { authorization: `Bearer ${connected.sandbox.token}` },
    });
    assert.equal(response.status, 200);
    return (await response.json()) as RawSchema;
  }

  async function putSchema(schema: RawSchema): Promise<void> {
    const response = await fetch(`${connected.sandbox.graphUrl}/servicePrincipals/${sp}/synchronization/jobs/${jobId}/schema`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${connected.sandbox.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(schema),
    });
    assert.equal(response.status, 204, await response.text());
  }

  async function openEditor(): Promise<MappingEditorSession> {
    const result = await vscode.commands.executeCommand<{ key: string } | undefined>('entraProvisioning.openMappingEditor', { servicePrincipalId: sp, jobId });
    assert.ok(result?.key, 'the command returns the editor key');
    const session = connected.api.services.mappingEditors.get({ connectionId: connected.connectionId, servicePrincipalId: sp, jobId });
    assert.ok(session, 'the editor is open');
    return session;
  }

  /** Sends a message as the webview would and collects what the extension posts back until `until` holds. */
  async function exchange(session: MappingEditorSession, message: unknown, until?: (m: ExtensionToWebviewMessage) => boolean): Promise<ExtensionToWebviewMessage[]> {
    const seen: ExtensionToWebviewMessage[] = [];
    const listener = session.onDidPostMessage((m) => seen.push(m));
    try {
      await session.handleMessage(message);
      if (until) await eventually(() => seen.some(until), 15_000, 'a reply from the extension');
      return seen;
    } finally {
      listener.dispose();
    }
  }

  function userMappings(session: MappingEditorSession) {
    const om = session.document.objectMappings.find((o) => o.sourceObjectName === 'User');
    assert.ok(om, 'the job maps users');
    return om;
  }

  it('opens one panel per job and answers ready with the document, strings and operators', async () => {
    const session = await openEditor();
    const again = await openEditor();
    assert.equal(again, session, 'opening again reveals the same editor');
    assert.equal(connected.api.services.mappingEditors.list().length, 1);
    const replies = await exchange(session, { type: 'ready' }, (m) => m.type === 'init');
    const init = replies.find((m) => m.type === 'init');
    assert.ok(init && init.type === 'init');
    assert.equal(init.document.base.version, (await schemaOnServer()).version);
    assert.ok(init.strings.save.length > 0 && init.strings['issue.expressionError'].length > 0);
    assert.ok(init.filterOperators.some((o) => o.name === 'EQUALS'));
    assert.ok(!session.panel.webview.html.includes(sp), 'the HTML shell carries no data');
    assert.match(session.panel.webview.html, /default-src 'none'; script-src 'nonce-[A-Za-z0-9+/=]{20,}'/);
  });

  it('saves an edited mapping: the server schema changes exactly so, and a cycle sends the new value', async () => {
    const before = await schemaOnServer();
    const session = await openEditor();
    const om = userMappings(session);
    const title = om.attributeMappings.find((m) => m.targetAttribute === 'title');
    assert.ok(title);
    await exchange(session, { type: 'edit', edit: { kind: 'updateMapping', objectMappingId: om.id, mappingId: title.id, patch: { mappingType: 'Expression', expression: TITLE_EXPRESSION } } });
    assert.equal(session.dirty, true);
    assert.match(session.panel.title, /^●/, 'the title shows unsaved changes');

    const result = await vscode.commands.executeCommand<{ outcome: string; version: string } | undefined>('entraProvisioning.saveMappings', { servicePrincipalId: sp, jobId, skipConfirmation: true });
    assert.equal(result?.outcome, 'saved');
    const after = await schemaOnServer();
    assert.notEqual(after.version, before.version, 'the server bumped the version');
    assert.equal(result.version, after.version);
    assert.equal(session.dirty, false);

    // Exactly one mapping changed, and into the Graph shape of the expression.
    const beforeMappings = before.synchronizationRules![0].objectMappings![0].attributeMappings!;
    const afterMappings = after.synchronizationRules![0].objectMappings![0].attributeMappings!;
    assert.equal(afterMappings.length, beforeMappings.length);
    afterMappings.forEach((m, i) => {
      if (m.targetAttributeName === 'title') {
        assert.equal(m.source?.type, 'Function');
        assert.equal(m.source?.name, 'Join');
        assert.equal(m.source?.expression, TITLE_EXPRESSION);
        assert.deepEqual({ ...m, source: undefined }, { ...beforeMappings[i], source: undefined }, 'only the source of the title mapping changed');
      } else {
        assert.deepEqual(m, beforeMappings[i], `${m.targetAttributeName} is unchanged`);
      }
    });
    const strip = (s: RawSchema) => ({ ...s, version: undefined, synchronizationRules: undefined, '@odata.context': undefined });
    assert.deepEqual(strip(after), strip(before), 'directories and the rest of the schema are unchanged');

    // The provisioning engine uses the saved mapping.
    const cycle = await connected.sandbox.engine.runCycleNow(sp, jobId);
    assert.equal(cycle.state, 'Succeeded');
    const users = connected.sandbox.scim.listUsers();
    assert.ok(users.length > 0, 'the cycle provisioned users');
    const withTitle = users.filter((u) => typeof u.title === 'string');
    assert.ok(withTitle.length > 0);
    for (const u of withTitle) {
      const source = [...connected.sandbox.store.users.values()].find((x) => x.userPrincipalName.toLowerCase() === String(u.userName).toLowerCase());
      assert.ok(source);
      assert.equal(u.title, [source.jobTitle?.toUpperCase(), source.department].filter((x) => x).join(' / '));
    }
  });

  it('detects a schema changed on the server after loading and keeps every edit', async () => {
    const session = await openEditor();
    const om = userMappings(session);
    const department = om.attributeMappings.find((m) => /department$/.test(m.targetAttribute));
    assert.ok(department);
    await exchange(session, { type: 'edit', edit: { kind: 'updateMapping', objectMappingId: om.id, mappingId: department.id, patch: { defaultValue: 'Unknown' } } });
    const loadedVersion = session.document.base.version;

    // Someone else saves in between (the portal, another editor).
    const server = await schemaOnServer();
    const other = server.synchronizationRules![0].objectMappings![0].attributeMappings!.find((m) => m.targetAttributeName === 'displayName')!;
    other.defaultValue = 'changed elsewhere';
    await putSchema(server);
    const changed = await schemaOnServer();
    assert.notEqual(changed.version, loadedVersion);

    const cancelled = await connected.api.services.mappingEditors.save({ connectionId: connected.connectionId, servicePrincipalId: sp, jobId }, { skipConfirmation: true, onConflict: 'cancel' });
    assert.equal(cancelled.outcome, 'conflict');
    assert.equal((await schemaOnServer()).version, changed.version, 'nothing was written');
    assert.equal(session.dirty, true, 'the edit is kept');

    // Scripted saves fail loudly by default (the command wrapper turns it into one sentence).
    await assert.rejects(
      connected.api.services.mappingEditors.save({ connectionId: connected.connectionId, servicePrincipalId: sp, jobId }, { skipConfirmation: true }),
      /changed on the server/,
    );
    assert.equal(session.dirty, true);

    const overwritten = await connected.api.services.mappingEditors.save({ connectionId: connected.connectionId, servicePrincipalId: sp, jobId }, { skipConfirmation: true, onConflict: 'overwrite' });
    assert.equal(overwritten.outcome, 'saved');
    const final = await schemaOnServer();
    const finalMappings = final.synchronizationRules![0].objectMappings![0].attributeMappings!;
    assert.equal(finalMappings.find((m) => /department$/.test(m.targetAttributeName ?? ''))?.defaultValue, 'Unknown');
  });

  it('keeps the edits when the save fails on the server', async () => {
    const session = await openEditor();
    const om = userMappings(session);
    await exchange(session, { type: 'edit', edit: { kind: 'setActions', objectMappingId: om.id, actions: { Add: true, Update: true, Delete: false } } });
    const faults = connected.sandbox.faults;
    faults.failRate = 1;
    try {
      await assert.rejects(connected.api.services.mappingEditors.save({ connectionId: connected.connectionId, servicePrincipalId: sp, jobId }, { skipConfirmation: true, onConflict: 'overwrite' }));
    } finally {
      faults.failRate = 0;
    }
    assert.equal(session.dirty, true);
    assert.equal(userMappings(session).actions.Delete, false, 'the edit survived the failed save');
    const saved = await connected.api.services.mappingEditors.save({ connectionId: connected.connectionId, servicePrincipalId: sp, jobId }, { skipConfirmation: true });
    assert.equal(saved.outcome, 'saved');
    assert.equal((await schemaOnServer()).synchronizationRules![0].objectMappings![0].flowTypes, 'Add, Update');
  });

  it('refuses edits while a save runs and resyncs the webview afterwards', async () => {
    const session = await openEditor();
    const om = userMappings(session);
    await exchange(session, { type: 'edit', edit: { kind: 'updateMapping', objectMappingId: om.id, mappingId: om.attributeMappings[3].id, patch: { defaultValue: 'confirmed' } } });
    const seen: ExtensionToWebviewMessage[] = [];
    const listener = session.onDidPostMessage((m) => seen.push(m));
    const saving = connected.api.services.mappingEditors.save({ connectionId: connected.connectionId, servicePrincipalId: sp, jobId }, { skipConfirmation: true });
    await session.handleMessage({ type: 'edit', edit: { kind: 'updateMapping', objectMappingId: om.id, mappingId: om.attributeMappings[3].id, patch: { defaultValue: 'typed during the save' } } });
    assert.equal((await saving).outcome, 'saved');
    listener.dispose();
    assert.equal(session.rejected.recent.at(-1)?.reason, 'edit while saving');
    // The open panel's own webview asks for sample users too; its answers may come at any point.
    const sequence = seen.filter((m) => m.type !== 'response');
    assert.deepEqual(sequence.map((m) => (m.type === 'document' ? `document:${m.reason}` : m.type === 'busy' ? `busy:${m.busy}` : m.type)), ['busy:true', 'document:saved', 'busy:false', 'document:resync']);
    const server = await schemaOnServer();
    assert.equal(server.synchronizationRules![0].objectMappings![0].attributeMappings![3].defaultValue, 'confirmed');
  });

  it('rejects and logs invalid messages, and resyncs the webview after an edit that does not fit', async () => {
    const session = await openEditor();
    const rejectedBefore = session.rejected.count;
    const documentBefore = session.document;
    const invalid: unknown[] = [
      'ready',
      { type: 'edit', edit: { kind: 'updateMapping', objectMappingId: 'r0o0', mappingId: 'r0o0m0', patch: { matchingPriority: 'first' } } },
      { type: 'request', requestId: -1, request: { kind: 'save' } },
      { type: 'runCommand', command: 'workbench.action.terminal.new' },
    ];
    for (const message of invalid) {
      const replies = await exchange(session, message);
      assert.deepEqual(replies, [], 'nothing is answered to an invalid message');
    }
    assert.equal(session.rejected.count, rejectedBefore + invalid.length);
    assert.equal(session.document, documentBefore, 'the document was not touched');

    const replies = await exchange(session, { type: 'edit', edit: { kind: 'deleteMapping', objectMappingId: 'r0o0', mappingId: 'no-such-mapping' } }, (m) => m.type === 'document');
    assert.ok(replies.some((m) => m.type === 'document' && m.reason === 'resync'));
    assert.equal(session.rejected.count, rejectedBefore + invalid.length + 1);
  });

  it('answers sample-user requests with attributes the engine reads', async () => {
    const session = await openEditor();
    // Matched by request id: the webview asks for its own sample users too.
    const replies = await exchange(session, { type: 'request', requestId: 7, request: { kind: 'sampleUsers', count: 5 } }, (m) => m.type === 'response' && m.requestId === 7);
    const response = replies.find((m): m is ResponseMessage => m.type === 'response' && m.requestId === 7);
    assert.ok(response?.ok, JSON.stringify(response));
    assert.equal(response.requestId, 7);
    assert.ok(response.result.kind === 'users');
    assert.equal(response.result.users.length, 5);
    const first = response.result.users[0];
    assert.equal(typeof first.attributes.userPrincipalName, 'string');
    assert.equal(first.attributes.IsSoftDeleted, false);

    const named = await exchange(session, { type: 'request', requestId: 8, request: { kind: 'sampleUsers', count: 5, query: String(first.attributes.displayName).slice(0, 3) } }, (m) => m.type === 'response' && m.requestId === 8);
    const chosen = named.find((m): m is ResponseMessage => m.type === 'response' && m.requestId === 8);
    assert.ok(chosen?.ok && chosen.result.kind === 'users');
    assert.ok(chosen.result.users.length >= 1);
    const prefix = String(first.attributes.displayName).slice(0, 3);
    for (const user of chosen.result.users) assert.ok(String(user.attributes.displayName).toLowerCase().startsWith(prefix.toLowerCase()), `${String(user.attributes.displayName)} starts with ${prefix}`);
  });

  it('reads the app\'s assignments once for a run of sample requests, and again after a reload', async () => {
    const session = await openEditor();
    /** The reads of who is assigned to the app (the assignments and the assigned groups' members) since `from`. */
    const scopeReads = (from: number) => requests.slice(from).filter((r) => r.method === 'GET' && (r.url.includes(`/servicePrincipals/${sp}/appRoleAssignedTo`) || /\/groups\/[^/?]+\/members/.test(r.url)));
    const sample = async (requestId: number, query?: string) => {
      const replies = await exchange(session, { type: 'request', requestId, request: { kind: 'sampleUsers', count: 5, ...(query === undefined ? {} : { query }) } }, (m) => m.type === 'response' && m.requestId === requestId);
      const response = replies.find((m): m is ResponseMessage => m.type === 'response' && m.requestId === requestId);
      assert.ok(response?.ok && response.result.kind === 'users', JSON.stringify(response));
      for (const user of response.result.users) assert.ok(user.assignment, `${user.label} comes with its assignment`);
      return response.result.users;
    };

    const beforeReload = requests.length;
    await session.reload(false);
    const [first] = await sample(71);
    const read = scopeReads(beforeReload);
    assert.ok(read.some((r) => r.url.includes('/appRoleAssignedTo')), 'the first sample request after a reload reads the assignments');
    assert.ok(read.some((r) => r.url.includes('/members')), 'and the assigned groups\' members');

    // As a user typing in the sample search: one request per keystroke.
    const typing = requests.length;
    const name = String(first.attributes.displayName);
    for (let i = 1; i <= 3; i++) await sample(71 + i, name.slice(0, i));
    assert.deepEqual(scopeReads(typing).map((r) => r.url), [], 'the requests that follow reuse what the first read');
    assert.ok(requests.slice(typing).some((r) => r.url.includes('/users')), 'while each still searches the users');

    const reloaded = requests.length;
    await session.reload(false);
    await sample(75);
    assert.ok(scopeReads(reloaded).some((r) => r.url.includes('/appRoleAssignedTo')), 'a reload reads the assignments again');
  });

  it('answers a flood of user searches once each: the newest with its users, the ones it replaced as superseded', async () => {
    const session = await openEditor();
    const prefix = String(connected.sandbox.store.activeUsers()[0].displayName).slice(0, 2);
    const ids = Array.from({ length: 40 }, (_, i) => 5000 + i);
    const seen: ExtensionToWebviewMessage[] = [];
    const listener = session.onDidPostMessage((m) => seen.push(m));
    try {
      // All sent before the first is answered, as a script in the webview could.
      await Promise.all(ids.map((requestId, i) => session.handleMessage({ type: 'request', requestId, request: { kind: 'searchUsers', query: i === ids.length - 1 ? prefix : `flood ${i}` } })));
    } finally {
      listener.dispose();
    }
    const responses = seen.filter((m): m is ResponseMessage => m.type === 'response' && ids.includes(m.requestId));
    assert.deepEqual(responses.map((r) => r.requestId).sort((a, b) => a - b), ids, 'every request is answered exactly once');
    const ran = responses.filter((r) => !(r.ok && r.result.kind === 'superseded'));
    // The first (unless the webview's own search was running) and the newest read Graph; none of the others did.
    assert.ok(ran.length <= 2, `${ran.length} of the flood read Graph`);
    const newest = responses.find((r) => r.requestId === ids[ids.length - 1]);
    assert.ok(newest?.ok && newest.result.kind === 'users', JSON.stringify(newest));
    assert.ok(newest.result.users.length >= 1);
    for (const user of newest.result.users) assert.ok(String(user.attributes.displayName).toLowerCase().startsWith(prefix.toLowerCase()), `${String(user.attributes.displayName)} starts with ${prefix}`);
  });

  it('answers a request too large or nested too deep with an error, without acting on it', async () => {
    const session = await openEditor();
    const rejectedBefore = session.rejected.count;
    const deep: Record<string, unknown> = {};
    let inner = deep;
    for (let i = 0; i < 100; i++) inner = (inner.x = {}) as Record<string, unknown>;
    for (const [requestId, request] of [[61, { kind: 'searchUsers', query: 'q', extra: deep }], [62, { kind: 'searchUsers', query: 'q'.repeat(2_000_000) }]] as const) {
      const replies = await exchange(session, { type: 'request', requestId, request }, (m) => m.type === 'response' && m.requestId === requestId);
      const reply = replies.find((m): m is ResponseMessage => m.type === 'response' && m.requestId === requestId);
      assert.ok(reply && !reply.ok, JSON.stringify(reply)?.slice(0, 200));
      assert.match(reply.error, /refused a request/);
    }
    assert.equal(session.rejected.count, rejectedBefore + 2);
    assert.match(session.rejected.recent.at(-2)!.reason, /nested deeper than/);
    assert.match(session.rejected.recent.at(-1)!.reason, /larger than/);
  });

  it('previews the same scope as provisioning on demand: assigned, unassigned, group-assigned, filtered out, and with "all users"', async () => {
    const before = await schemaOnServer();
    const store = connected.sandbox.store;
    const assignments = store.assignmentsFor(sp);
    const direct = new Set(assignments.filter((a) => a.appRoleId !== DEFAULT_ACCESS_ROLE_ID && store.users.has(a.principalId)).map((a) => a.principalId));
    const group = assignments.find((a) => a.appRoleId !== DEFAULT_ACCESS_ROLE_ID && store.groups.has(a.principalId));
    assert.ok(group, 'the sandbox assigns a group');
    const members = new Set(store.groups.get(group.principalId)!.members);
    const users = [...store.users.values()].filter((u) => !u.deletedDateTime);
    const assigned = users.filter((u) => direct.has(u.id));
    const viaGroup = users.find((u) => members.has(u.id) && !direct.has(u.id));
    const unassigned = users.find((u) => !members.has(u.id) && !direct.has(u.id));
    assert.ok(assigned.length >= 2 && viaGroup && unassigned, 'the seed has every kind of user');
    const [kept, filtered] = assigned;

    // A scoping filter that leaves out one assigned user, saved as the editor saves it.
    const session = await openEditor();
    const om = userMappings(session);
    await exchange(session, { type: 'edit', edit: { kind: 'setScope', objectMappingId: om.id, groups: [{ name: 'not one', clauses: [{ sourceAttribute: 'objectId', operator: 'NOT EQUALS', values: [filtered.id] }] }] } });
    assert.equal((await session.save({ skipConfirmation: true })).outcome, 'saved');

    /** The preview's verdict, from the sample users the webview receives, computed as the webview computes it. */
    async function previewed(): Promise<Map<string, SampleUser & { inScope: boolean }>> {
      const replies = await exchange(session, { type: 'request', requestId: 21, request: { kind: 'sampleUsers', count: 100 } }, (m) => m.type === 'response');
      const response = replies.find((m): m is ResponseMessage => m.type === 'response');
      assert.ok(response?.ok && response.result.kind === 'users', JSON.stringify(response));
      const current = userMappings(session);
      return new Map(response.result.users.map((u) => [u.id, { ...u, inScope: previewObjectMapping(session.document, current, u).scope.verdict.inScope }]));
    }
    /** What provisioning on demand answers: the scoping step skipped means out of scope. */
    async function onDemand(userId: string): Promise<{ inScope: boolean; scoping: string }> {
      const result = await vscode.commands.executeCommand<{ ok: boolean; steps: Array<{ name: string; status: string; description: string }> }>('entraProvisioning.provisionOnDemand', { servicePrincipalId: sp, jobId, subject: { objectId: userId, objectTypeName: 'User' } });
      const scoping = result?.steps.find((step) => step.name === 'EntrySynchronizationScoping');
      assert.ok(scoping, JSON.stringify(result));
      // Out of scope reads "not in scope" (skipped) or, for a user provisioned before, "left the scope".
      return { inScope: /\bis in scope\b/.test(scoping.description), scoping: scoping.description };
    }

    try {
      const preview = await previewed();
      const cases = { assigned: kept, unassigned, groupAssigned: viaGroup, filteredOut: filtered };
      const expected = { assigned: true, unassigned: false, groupAssigned: true, filteredOut: false };
      for (const [kind, user] of Object.entries(cases)) {
        const shown = preview.get(user.id);
        assert.ok(shown, `${kind}: the preview lists ${user.displayName}`);
        const served = await onDemand(user.id);
        assert.equal(shown.inScope, served.inScope, `${kind}: the preview says ${shown.inScope ? 'in' : 'out of'} scope, provisioning on demand says ${served.scoping}`);
        assert.equal(shown.inScope, expected[kind as keyof typeof expected], `${kind}: ${served.scoping}`);
      }
      assert.match((await onDemand(unassigned.id)).scoping, /not assigned/);
      assert.deepEqual(previewObjectMapping(session.document, userMappings(session), preview.get(unassigned.id)!).scope.verdict, { inScope: false, reason: 'notAssigned' });

      // "All users and groups": the unassigned user comes into scope on both sides; the filter still holds.
      await vscode.commands.executeCommand('entraProvisioning.editProvisioningSettings', { servicePrincipalId: sp, jobId, scope: 'all' });
      const all = await previewed();
      for (const user of [unassigned, filtered]) {
        const served = await onDemand(user.id);
        assert.equal(all.get(user.id)?.inScope, served.inScope, `with all users, ${user.displayName}: ${served.scoping}`);
      }
      assert.equal(all.get(unassigned.id)?.inScope, true);
      assert.equal(all.get(filtered.id)?.inScope, false);
    } finally {
      await vscode.commands.executeCommand('entraProvisioning.editProvisioningSettings', { servicePrincipalId: sp, jobId, scope: 'assigned' });
      await putSchema({ ...before, version: undefined });
      await session.reload(false);
    }
  });

  it('shows changes as mapping lines in the UI\'s words, and closes that diff once saved', async () => {
    const session = await openEditor();
    const om = userMappings(session);
    const title = om.attributeMappings.find((m) => m.targetAttribute === 'title');
    assert.ok(title);
    await exchange(session, { type: 'edit', edit: { kind: 'updateMapping', objectMappingId: om.id, mappingId: title.id, patch: { mappingType: 'Expression', expression: 'ToUpper([jobTitle])' } } });
    await exchange(session, { type: 'request', requestId: 31, request: { kind: 'showChanges' } }, (m) => m.type === 'response');
    const diffTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((tab) => tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.path.includes('/mappings/'));
    const [tab] = await eventually(() => (diffTabs().length ? diffTabs() : undefined), 15_000, 'the diff tab');
    const input = tab.input as vscode.TabInputTextDiff;
    const [left, right] = await Promise.all([vscode.workspace.openTextDocument(input.original), vscode.workspace.openTextDocument(input.modified)]);
    const loaded = title.mappingType === 'Direct' ? `[${title.sourceAttribute}]` : title.expression;
    assert.ok(left.getText().includes(`  title ← ${loaded}`), left.getText());
    assert.ok(right.getText().includes('  title ← ToUpper([jobTitle])'), right.getText());
    assert.ok(right.getText().includes('Provision Microsoft Entra ID Users'), 'the object mapping named as the user knows it');
    assert.doesNotMatch(right.getText(), /"parameters"|"type": "Function"|"source"/, 'no Graph JSON or parse trees');

    assert.equal((await session.save({ skipConfirmation: true })).outcome, 'saved');
    assert.equal(diffTabs().length, 0, 'the diff of the saved changes is closed');
  });

  it('offers Save and Don\'t Save for the edits of an editor closed unsaved, acting on the kept copy', async () => {
    const target = { connectionId: connected.connectionId, servicePrincipalId: sp, jobId };
    const manager = connected.api.services.mappingEditors;
    const closeDirty = async (defaultValue: string) => {
      const session = await openEditor();
      const om = userMappings(session);
      await exchange(session, { type: 'edit', edit: { kind: 'updateMapping', objectMappingId: om.id, mappingId: om.attributeMappings[2].id, patch: { defaultValue } } });
      const closed = new Promise<void>((resolve) => session.onDidClose(() => resolve()));
      session.panel.dispose();
      await closed;
      await eventually(() => manager.hasDraft(target), 10_000, 'the kept copy');
      return om.attributeMappings[2].targetAttribute;
    };

    const target2 = await closeDirty('dropped');
    await manager.resolveDraft(target, 'discard');
    assert.equal(manager.hasDraft(target), false, "Don't Save drops the kept copy");
    assert.equal((await openEditor()).dirty, false);

    await closeDirty('saved from the notification');
    const result = await manager.resolveDraft(target, 'save', { skipConfirmation: true });
    assert.equal(result?.outcome, 'saved');
    const saved = (await schemaOnServer()).synchronizationRules![0].objectMappings![0].attributeMappings!.find((m) => m.targetAttributeName === target2);
    assert.equal(saved?.defaultValue, 'saved from the notification', 'Save wrote the kept edits');
    assert.equal(manager.get(target)?.dirty, false);
    await eventually(() => !manager.hasDraft(target), 10_000, 'the copy to go once saved');
  });

  it('sends the edited document again when the webview reloads (hidden and shown), and focuses a tree row\'s object mapping', async () => {
    const session = await openEditor();
    const om = userMappings(session);
    await exchange(session, { type: 'edit', edit: { kind: 'updateMapping', objectMappingId: om.id, mappingId: om.attributeMappings[1].id, patch: { defaultValue: 'kept across reloads' } } });
    const replies = await exchange(session, { type: 'ready' }, (m) => m.type === 'init');
    const init = replies.find((m) => m.type === 'init');
    assert.ok(init?.type === 'init');
    assert.equal(init.document.objectMappings.find((o) => o.id === om.id)?.attributeMappings[1].defaultValue, 'kept across reloads');

    const groups = session.document.objectMappings.find((o) => o.sourceObjectName === 'Group');
    assert.ok(groups);
    const seen: ExtensionToWebviewMessage[] = [];
    const listener = session.onDidPostMessage((m) => seen.push(m));
    await vscode.commands.executeCommand('entraProvisioning.openMappingEditor', { servicePrincipalId: sp, jobId, objectMapping: groups.name });
    listener.dispose();
    assert.deepEqual(seen, [{ type: 'focus', objectMappingId: groups.id }]);
  });

  it('restores a panel VS Code brings back after a reload, with its unsaved edits', async () => {
    let session = await openEditor();
    const om = userMappings(session);
    await exchange(session, { type: 'edit', edit: { kind: 'updateMapping', objectMappingId: om.id, mappingId: om.attributeMappings[4].id, patch: { defaultValue: 'across a reload' } } });
    const init = (await exchange(session, { type: 'ready' }, (m) => m.type === 'init')).find((m) => m.type === 'init');
    assert.ok(init?.type === 'init');
    const closed = new Promise<void>((resolve) => session.onDidClose(() => resolve()));
    session.panel.dispose();
    await closed;

    // What VS Code does on reload: a new panel of our view type, and the state the webview kept.
    const panel = vscode.window.createWebviewPanel('entraProvisioning.mappingEditor', 'restored', vscode.ViewColumn.Active, {});
    const manager = connected.api.services.mappingEditors;
    await manager.deserializeWebviewPanel(panel, { target: init.target, filter: '' });
    const restored = manager.get({ connectionId: connected.connectionId, servicePrincipalId: sp, jobId });
    assert.ok(restored, 'the editor is back');
    assert.equal(restored.panel, panel);
    assert.equal(userMappings(restored).attributeMappings[4].defaultValue, 'across a reload');
    session = restored;

    // A state that names no known job closes the panel instead.
    const stray = vscode.window.createWebviewPanel('entraProvisioning.mappingEditor', 'stray', vscode.ViewColumn.Active, {});
    const strayClosed = new Promise<void>((resolve) => stray.onDidDispose(() => resolve()));
    await manager.deserializeWebviewPanel(stray, { target: { connectionId: 'nobody', servicePrincipalId: sp, jobId } });
    await strayClosed;
  });

  it('keeps one editor when VS Code restores a panel of a job that is being opened', async () => {
    const manager = connected.api.services.mappingEditors;
    const target = { connectionId: connected.connectionId, servicePrincipalId: sp, jobId };
    const existing = manager.get(target);
    if (existing) {
      const closed = new Promise<void>((resolve) => existing.onDidClose(() => resolve()));
      existing.panel.dispose();
      await closed;
    }
    const opening = manager.open(target);
    const panel = vscode.window.createWebviewPanel('entraProvisioning.mappingEditor', 'restored late', vscode.ViewColumn.Active, {});
    const disposed = new Promise<void>((resolve) => panel.onDidDispose(() => resolve()));
    await manager.deserializeWebviewPanel(panel, { target, filter: '' });
    const session = await opening;
    assert.equal(manager.get(target), session, 'the restored panel did not start a second session');
    assert.notEqual(session.panel, panel, 'the open that started first keeps its own panel');
    await disposed;
  });

  it('restores the template defaults as unsaved edits, and saves them', async () => {
    const session = await openEditor();
    const replies = await exchange(session, { type: 'request', requestId: 11, request: { kind: 'restoreDefaults' } }, (m) => m.type === 'response');
    const response = replies.find((m): m is ResponseMessage => m.type === 'response');
    assert.ok(response?.ok, JSON.stringify(response));
    assert.ok(replies.some((m) => m.type === 'document' && m.reason === 'restored'));
    assert.equal(session.dirty, true);
    const title = userMappings(session).attributeMappings.find((m) => m.targetAttribute === 'title');
    assert.equal(title?.mappingType, 'Direct');
    assert.equal(title?.sourceAttribute, 'jobTitle');
    const saved = await connected.api.services.mappingEditors.save({ connectionId: connected.connectionId, servicePrincipalId: sp, jobId }, { skipConfirmation: true });
    assert.equal(saved.outcome, 'saved');
    const job = (await (await fetch(`${connected.sandbox.graphUrl}/servicePrincipals/${sp}/synchronization/jobs/${jobId}`, { headers: { authorization: `Bearer ${connected.sandbox.token}` } })).json()) as { templateId: string };
    const template = (await (await fetch(`${connected.sandbox.graphUrl}/servicePrincipals/${sp}/synchronization/templates/${job.templateId}/schema`, { headers: { authorization: `Bearer ${connected.sandbox.token}` } })).json()) as RawSchema;
    const server = await schemaOnServer();
    assert.deepEqual(server.synchronizationRules, template.synchronizationRules, 'the job schema has the template\'s rules again');
  });

  it('keeps unsaved edits of a closed editor and restores them on reopening', async () => {
    let session = await openEditor();
    const om = userMappings(session);
    await exchange(session, { type: 'edit', edit: { kind: 'setEnabled', objectMappingId: om.id, enabled: false } });
    assert.equal(session.dirty, true);
    const target = { connectionId: connected.connectionId, servicePrincipalId: sp, jobId };
    // A copy is kept while the editor is open too (a window reload must not lose it).
    await eventually(() => connected.api.services.mappingEditors.hasDraft(target), 10_000, 'the recoverable copy');
    const closed = new Promise<void>((resolve) => session.onDidClose(() => resolve()));
    session.panel.dispose();
    await closed;
    assert.equal(connected.api.services.mappingEditors.get(target), undefined);
    assert.equal(connected.api.services.mappingEditors.hasDraft(target), true);
    session = await openEditor();
    assert.equal(session.dirty, true);
    assert.equal(userMappings(session).enabled, false, 'the recovered edit is back');
    await exchange(session, { type: 'edit', edit: { kind: 'setEnabled', objectMappingId: om.id, enabled: true } });
    assert.equal(session.dirty, false, 'undone by hand');
    await eventually(() => !connected.api.services.mappingEditors.hasDraft(target), 10_000, 'the copy to go once nothing is unsaved');
  });

  it('asks for the write permission before it writes, like every other write', async () => {
    const session = await openEditor();
    const om = userMappings(session);
    const graph = connected.api.services.graph;
    const asked: Array<{ group: string; versionOnServer: unknown }> = [];
    const ensureScopes = graph.ensureScopes;
    // Watches the real call (a Microsoft account would be asked for consent there) and what the server held then.
    graph.ensureScopes = async (connectionId, group) => {
      asked.push({ group, versionOnServer: (await schemaOnServer()).version });
      return ensureScopes.call(graph, connectionId, group);
    };
    try {
      const before = (await schemaOnServer()).version;
      for (const enabled of [false, true]) {
        await exchange(session, { type: 'edit', edit: { kind: 'setEnabled', objectMappingId: om.id, enabled } });
        const result = await vscode.commands.executeCommand<{ outcome: string } | undefined>('entraProvisioning.saveMappings', { servicePrincipalId: sp, jobId, skipConfirmation: true });
        assert.equal(result?.outcome, 'saved');
      }
      assert.deepEqual(asked.map((a) => a.group), ['manageJobs', 'manageJobs'], 'each save asked for Synchronization.ReadWrite.All');
      assert.equal(asked[0].versionOnServer, before, 'the first save asked before it wrote');
      assert.notEqual((await schemaOnServer()).version, before);
    } finally {
      graph.ensureScopes = ensureScopes;
    }
  });
});
