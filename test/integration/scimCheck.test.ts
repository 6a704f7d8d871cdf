import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startSandbox, type Sandbox } from '../../src/sandbox/server';
import { startScimHost, type ScimHost } from '../../src/sandbox/scim/host';
import type { ScimCheckResult } from '../../src/scimCheck/types';
import { activateExtension, waitFor } from './helpers/extension';
import { connectTestSandbox, type ConnectedSandbox } from './helpers/sandbox';

describe('Check a SCIM Endpoint (real VS Code host)', () => {
  let sandbox: Sandbox;

  before(async () => {
    sandbox = await startSandbox({ pace: 'instant', users: 5, groups: 1 });
  });
  after(() => sandbox?.close());

  it('checks the sandbox\'s SCIM app by the public contract, and the token appears in no result, report or log', async () => {
    const api = await activateExtension();
    const token = sandbox.scimToken;
    const result = await vscode.commands.executeCommand<ScimCheckResult | undefined>('entraProvisioning.checkScimEndpoint', { baseAddress: sandbox.scimUrl, token, profile: 'entra' });
    assert.ok(result, 'the command returned a result (see the Entra Provisioning log)');
    assert.deepEqual(Object.keys(result), ['passed', 'failed', 'warnings', 'checks']);
    assert.equal(result.failed, 0, result.checks.filter((c) => c.status === 'fail').map((c) => c.id).join(', '));
    assert.equal(result.passed + result.warnings + result.checks.filter((c) => c.status === 'skip').length, result.checks.length);
    for (const check of result.checks) {
      assert.match(check.id, /^[a-z]+\.[A-Za-z]+$/);
      assert.ok(['pass', 'fail', 'warn', 'skip'].includes(check.status));
      assert.ok(check.title && check.requirement, check.id);
      assert.match(check.docs, /^https:\/\//);
      for (const key of Object.keys(check)) assert.ok(['id', 'title', 'status', 'requirement', 'docs', 'request', 'response'].includes(key), `${check.id} has no extra field ${key}`);
    }
    assert.ok(result.checks.some((c) => c.id === 'users.create' && c.status === 'pass' && /^POST /.test(c.request ?? '')));
    assert.ok(!JSON.stringify(result).includes(token), 'the result carries no token');

    // The raw log, as the output channel was given it, and as the channel shows it.
    const log = api.services.scimCheckLog.text();
    assert.match(log, /→ POST \/scim\/v2\/Users/);
    assert.ok(!log.includes(token), 'the log carries no token');
    api.services.scimCheckLog.show();
    const isChannel = (d: vscode.TextDocument) => d.uri.scheme === 'output' && /SCIM/i.test(decodeURIComponent(d.uri.toString()));
    await waitFor(() => vscode.workspace.textDocuments.some(isChannel), 'the SCIM check output channel to open', 5000);
    const channelText = vscode.workspace.textDocuments.find(isChannel)!.getText();
    assert.ok(!channelText.includes(token), 'the output channel shows no token');

    // The report kept for this run.
    const [stored] = api.services.documents.list('scim-check');
    assert.ok(stored, 'the run\'s report is kept');
    const report = (await vscode.workspace.openTextDocument(stored.uri)).getText();
    assert.match(report, /^# SCIM endpoint check/);
    assert.match(report, /users\.uniqueness/);
    assert.ok(!report.includes(token), 'the report carries no token');
  });

  it('refuses an argument without a token, and contacts nothing', async () => {
    const before = sandbox.scim.requests.length;
    const result = await vscode.commands.executeCommand('entraProvisioning.checkScimEndpoint', { baseAddress: sandbox.scimUrl, token: '' });
    assert.equal(result, undefined);
    assert.equal(sandbox.scim.requests.length, before);
  });
});

describe('Point a Sandbox Job at My SCIM App (real VS Code host)', () => {
  let connected: ConnectedSandbox;
  let myApp: ScimHost;
  const myToken = `my-scim-app-${Date.now()}`;

  before(async () => {
    connected = await connectTestSandbox();
    // The SaaS developer's app: a SCIM server of its own, apart from the sandbox tenant's.
    myApp = await startScimHost({ port: 0, worker: false, token: myToken, gotoMeetingUser: 'unused', gotoMeetingPassword: 'unused' });
  });
  after(async () => {
    await myApp?.close();
    await connected?.dispose();
  });

  it('adds the app and its job once, points it at the endpoint, and a cycle provisions the sandbox\'s users into it', async () => {
    const baseAddress = `http://127.0.0.1:${myApp.port}/scim/v2`;
    type Pointed = { servicePrincipalId: string; jobId: string; created: boolean };
    const first = await vscode.commands.executeCommand<Pointed | undefined>('entraProvisioning.pointSandboxJobAtScimApp', { baseAddress, token: myToken });
    assert.ok(first?.servicePrincipalId && first.jobId, 'the command returned the app and job (see the Entra Provisioning log)');
    assert.equal(first.created, true);
    const again = await vscode.commands.executeCommand<Pointed | undefined>('entraProvisioning.pointSandboxJobAtScimApp', { baseAddress, token: myToken });
    assert.deepEqual(again, { ...first, created: false }, 'a second run reuses the app and the job');

    await vscode.commands.executeCommand('entraProvisioning.startJob', { servicePrincipalId: first.servicePrincipalId, jobId: first.jobId });
    await waitFor(() => myApp.targets.listUsers().length > 0, 'the first user to arrive in my SCIM app', 30_000);
    assert.deepEqual(myApp.targets.clientErrors(), [], 'the cycle\'s requests were all accepted');
    const secrets = connected.sandbox.store.sync(first.servicePrincipalId).secrets;
    assert.equal(secrets.find((s) => s.key === 'BaseAddress')?.value, baseAddress);
  });
});
