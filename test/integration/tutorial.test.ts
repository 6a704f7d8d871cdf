// The seed tutorial (provision GoToMeeting from Entra ID), step by step, through the extension's
// public commands in a real VS Code host against the sandbox tenant.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { GOTOMEETING_TEMPLATE_ID } from '../../src/sandbox/seed/templates';
import type { TreeNode } from '../../src/tree/treeNode';
import { markdownPreviews } from './helpers/extension';
import { connectTestSandbox, eventually, type ConnectedSandbox } from './helpers/sandbox';

const run = <T>(command: string, arg?: unknown) => vscode.commands.executeCommand<T>(`entraProvisioning.${command}`, arg);

async function child(node: TreeNode, idSuffix: string): Promise<TreeNode> {
  const children = await node.getChildren();
  const found = children.find((c) => c.id.endsWith(idSuffix));
  assert.ok(found, `no child ${idSuffix} under ${node.id}: ${children.map((c) => c.id).join(', ')}`);
  return found;
}

describe('Tutorial: provision GoToMeeting (real VS Code host, sandbox)', function () {
  this.timeout(120_000);
  let env: ConnectedSandbox;
  let spId: string;
  let jobId: string;
  let assignedUserId: string;
  let assignedUserName: string;
  let defaultAccessUserName: string;

  const service = () => env.api.services.graph.service(env.connectionId);
  const tenantNode = () => env.api.services.tree.tenant(env.connectionId)!;
  const job = async () => (await service()).jobs.getJob(spId, jobId);

  before(async () => {
    env = await connectTestSandbox({ users: 12 });
  });

  after(async () => {
    await env?.dispose();
  });

  it('shows the seeded apps and their jobs in the tree, provisioning apps first', async () => {
    const apps = await tenantNode().getChildren();
    const demo = apps.find((n) => n.id.endsWith(`/app/${env.sandbox.demo.servicePrincipalId}`));
    assert.ok(demo, 'the seeded SCIM app is listed');
    const kinds = await Promise.all(apps.map(async (n) => String((await n.getTreeItem()).contextValue)));
    const firstWithout = kinds.findIndex((k) => /\bnoJobs\b/.test(k));
    const lastWith = kinds.map((k) => /\bhasJobs\b/.test(k)).lastIndexOf(true);
    assert.ok(lastWith >= 0, 'some app has provisioning');
    assert.ok(firstWithout === -1 || lastWith < firstWithout, `apps with provisioning come first: ${kinds.join(', ')}`);
    const jobNode = await child(demo, `/job/${env.sandbox.demo.jobId}`);
    const item = await jobNode.getTreeItem();
    assert.match(String(item.contextValue), /^job\b/);
    assert.ok(item.description, 'the job shows its status');
    assert.ok(item.tooltip, 'the job has sync details');
  });

  it('step 1: adds GoToMeeting from the gallery', async () => {
    const result = await run<{ servicePrincipalId: string; applicationId: string }>('addGalleryApp', { templateId: GOTOMEETING_TEMPLATE_ID, displayName: 'GoToMeeting' });
    assert.ok(result?.servicePrincipalId);
    spId = result.servicePrincipalId;
    const app = await (await service()).apps.getApp(spId);
    assert.equal(app.displayName, 'GoToMeeting');
    const apps = await tenantNode().getChildren();
    assert.ok(apps.some((n) => n.id.endsWith(`/app/${spId}`)), 'the new app is in the tree');
  });

  it('step 2: assigns users with a real role, and flags a Default Access assignment', async () => {
    const users = (await (await service()).apps.searchUsers('')).items;
    assert.ok(users.length >= 2);
    assignedUserId = users[0].id!;
    assignedUserName = users[0].userPrincipalName!;
    defaultAccessUserName = users[1].userPrincipalName!;
    const real = await run<{ assignmentId: string }>('assignUsers', { servicePrincipalId: spId, principalId: assignedUserId });
    assert.ok(real?.assignmentId);
    await run('assignUsers', { servicePrincipalId: spId, principalId: users[1].id, appRoleId: '00000000-0000-0000-0000-000000000000' });
    const assignments = await (await service()).apps.listAssignments(spId);
    assert.ok(assignments.some((a) => a.principalId === assignedUserId && a.appRoleId !== '00000000-0000-0000-0000-000000000000'), 'assigned with the app role');
    const appNode = tenantNode().appNode(spId);
    const folder = await child(appNode, '/assignments');
    const rows = await Promise.all((await folder.getChildren()).map((n) => n.getTreeItem()));
    const flagged = rows.find((r) => /defaultAccess/.test(String(r.contextValue)));
    assert.ok(flagged, 'the Default Access assignment is flagged');
    assert.match(String((flagged.tooltip as vscode.MarkdownString).value), /Default Access/);
  });

  it('step 3: creates the provisioning job (provisioning mode Automatic)', async () => {
    const result = await run<{ jobId: string }>('createJob', { servicePrincipalId: spId });
    assert.ok(result?.jobId);
    jobId = result.jobId;
    assert.equal((await job()).status?.code, 'NotConfigured');
  });

  it('step 4: bad admin credentials fail the test with a reason, and the job is not started', async () => {
    const result = await run<{ ok: boolean; message: string }>('testConnection', { servicePrincipalId: spId, jobId, credentials: [{ key: 'UserName', value: 'admin' }, { key: 'Password', value: 'wrong-password' }] });
    assert.equal(result?.ok, false);
    assert.ok(result.message.length > 10, result.message);
    assert.doesNotMatch(result.message, /wrong-password/);
    assert.notEqual((await job()).status?.code, 'Active');
  });

  it('step 5: saves the admin credentials and the connection test passes', async () => {
    const { userName, password } = env.sandbox.gotoMeetingCredentials;
    const saved = await run<{ ok: boolean }>('saveCredentials', { servicePrincipalId: spId, jobId, credentials: [{ key: 'UserName', value: userName }, { key: 'Password', value: password }] });
    assert.equal(saved?.ok, true);
    const test = await run<{ ok: boolean; message: string }>('testConnection', { servicePrincipalId: spId, jobId });
    assert.equal(test?.ok, true, test?.message);
    const credentialsNode = await child(tenantNode().appNode(spId).jobNode(jobId), '/credentials');
    const rows = await Promise.all((await credentialsNode.getChildren()).map((n) => n.getTreeItem()));
    assert.deepEqual(rows.map((r) => r.label).sort(), ['Password', 'UserName']);
    assert.ok(rows.every((r) => !String(r.description).includes(password) && !String(r.label).includes(password)), 'no credential value in the tree');
  });

  it('step 6: sets the notification email for failures without touching the credentials', async () => {
    const result = await run<{ ok: boolean; changed: string[]; notifying: boolean }>('editProvisioningSettings', { servicePrincipalId: spId, jobId, notificationEmail: 'it-admins@contoso.example', emailOnFailure: true });
    assert.equal(result?.ok, true);
    assert.deepEqual([...result.changed].sort(), ['emailOnFailure', 'notificationEmail']);
    assert.equal(result.notifying, true);
    const secrets = await (await service()).secrets.list(spId);
    const notification = JSON.parse(secrets.find((s) => s.key === 'SyncNotificationSettings')?.value ?? '{}');
    assert.equal(notification.Recipients, 'it-admins@contoso.example');
    assert.equal(notification.Enabled, true);
    assert.equal((await run<{ ok: boolean }>('testConnection', { servicePrincipalId: spId, jobId }))?.ok, true, 'credentials survived');
    // The settings are secrets to the service but not credentials: the Admin credentials folder leaves them out.
    const credentialsNode = await child(tenantNode().appNode(spId).jobNode(jobId), '/credentials');
    const rows = await Promise.all((await credentialsNode.getChildren()).map((n) => n.getTreeItem()));
    assert.deepEqual(rows.map((r) => r.label).sort(), ['Password', 'UserName']);
  });

  it('step 7: shows the attribute mappings with their matching attribute', async () => {
    const mappings = await child(tenantNode().appNode(spId).jobNode(jobId), '/mappings');
    const rows = await Promise.all((await mappings.getChildren()).map((n) => n.getTreeItem()));
    const users = rows.find((r) => /User\s*→/.test(String(r.label)));
    assert.ok(users, rows.map((r) => r.label).join(', '));
    assert.match(String(users.description), /userName/);
  });

  it('step 8: turns provisioning on; the first cycle provisions the assigned user only', async () => {
    const cycle = env.sandbox.engine.nextCycle(jobId);
    const started = await run<{ status: string }>('startJob', { servicePrincipalId: spId, jobId });
    assert.ok(started && ['NotRun', 'Active'].includes(started.status), started?.status);
    await cycle;
    const inApp = env.sandbox.scim.listGoToMeetingUsers() as Array<{ userName?: string }>;
    assert.ok(inApp.some((u) => u.userName?.toLowerCase() === assignedUserName.toLowerCase()), 'the assigned user is in GoToMeeting');
    assert.ok(!inApp.some((u) => u.userName?.toLowerCase() === defaultAccessUserName.toLowerCase()), 'the Default Access user is not');
    await eventually(async () => (await job()).status?.code === 'Active', 10_000, 'job Active');
  });

  it('step 9: follows sync details and recent activity in the tree', async () => {
    const tenant = tenantNode();
    await tenant.model.refreshJobs([spId]);
    const item = await tenant.appNode(spId).jobNode(jobId).getTreeItem();
    assert.match(String(item.description), /Active/);
    assert.match((item.tooltip as vscode.MarkdownString).value, /Imported \/ exported/);
    // Later cycles run about every 40 minutes: the details say when the next one is due.
    assert.match((item.tooltip as vscode.MarkdownString).value, /\| Next cycle \| about \d{1,2}[:.]\d\d(\s[AP]M)? \(in (3\d|40) min\) \|/);
    const activity = await child(tenant.appNode(spId).jobNode(jobId), '/activity');
    // The log lags the cycle, as Entra's does: until its entries arrive the folder says so.
    const rows = async () => Promise.all((await activity.getChildren()).map((n) => n.getTreeItem()));
    const first = await rows();
    assert.ok(first.some((e) => e.description === 'create') || first.some((e) => /can take a few minutes/.test(String(e.label))), first.map((e) => `${e.label} ${e.description}`).join(', '));
    await eventually(async () => (await rows()).some((e) => e.description === 'create'), 15_000, 'the cycle\'s create in recent activity');
  });

  it('step 10: stops (pauses) provisioning', async () => {
    const paused = await run<{ status: string }>('pauseJob', { servicePrincipalId: spId, jobId });
    assert.equal(paused?.status, 'Paused');
  });

  it('step 11: a restart lifts quarantine after repeated credential failures', async () => {
    await run('saveCredentials', { servicePrincipalId: spId, jobId, credentials: [{ key: 'Password', value: 'rotated-elsewhere' }] });
    for (let i = 0; i < 3; i++) await env.sandbox.engine.runCycleNow(spId, jobId).catch(() => undefined);
    await eventually(async () => (await job()).status?.code === 'Quarantine', 15_000, 'quarantine');
    const { userName, password } = env.sandbox.gotoMeetingCredentials;
    await run('saveCredentials', { servicePrincipalId: spId, jobId, credentials: [{ key: 'UserName', value: userName }, { key: 'Password', value: password }] });
    const restarted = await run<{ status: string }>('restartJob', { servicePrincipalId: spId, jobId, resetScope: ['QuarantineState', 'Escrows'] });
    assert.ok(restarted);
    assert.notEqual(restarted.status, 'Quarantine');
    assert.equal((await job()).status?.quarantine ?? null, null);
    await run('pauseJob', { servicePrincipalId: spId, jobId });
  });

  it('step 12: provisions one more user on demand and reports each step', async () => {
    const svc = await service();
    const user = await svc.graph.post<{ id: string }>('/users', { displayName: 'Grace On-Demand', userPrincipalName: 'grace.od@contoso-sandbox.example', mailNickname: 'grace.od', accountEnabled: true, givenName: 'Grace', surname: 'OnDemand' }, { operation: 'create a test user' });
    await run('assignUsers', { servicePrincipalId: spId, principalId: user.id });
    const result = await run<{ ok: boolean; steps: Array<{ name: string; status: string; description: string }> }>('provisionOnDemand', { servicePrincipalId: spId, jobId, subject: { objectId: user.id, objectTypeName: 'User' } });
    assert.equal(result?.ok, true, JSON.stringify(result));
    assert.ok(result.steps.length >= 3);
    const inApp = env.sandbox.scim.listGoToMeetingUsers() as Array<{ userName?: string }>;
    assert.ok(inApp.some((u) => u.userName === 'grace.od@contoso-sandbox.example'));
  });

  it('keeps each on-demand run as its own report under the job, in words and names, opened rendered', async () => {
    const svc = await service();
    const [grace] = (await svc.apps.searchUsers('Grace On-Demand')).items;
    // The same user again: nothing left to export, so the service skips her.
    const again = await run<{ ok: boolean; steps: unknown[] }>('provisionOnDemand', { servicePrincipalId: spId, jobId, subject: { objectId: grace.id, objectTypeName: 'User' } });
    assert.deepEqual(Object.keys(again ?? {}).sort(), ['ok', 'steps'], 'the command result keeps its shape');
    const jobNode = tenantNode().appNode(spId).jobNode(jobId);
    const folder = await child(jobNode, '/onDemand');
    const rows = await Promise.all((await folder.getChildren()).map((n) => n.getTreeItem()));
    assert.deepEqual(
      rows.map((r) => r.label),
      ['Skipped Grace On-Demand: already up to date in GoToMeeting', 'Created Grace On-Demand in GoToMeeting'],
      'both runs, newest first, each headed by what happened',
    );
    // Each row opens its report through our Open Report command, with the report's address.
    assert.ok(rows.every((r) => r.command?.command === 'entraProvisioning.openReport'));
    const [skipped, created] = rows.map((r) => vscode.Uri.parse((r.command!.arguments![0] as { uri: string }).uri));
    assert.notEqual(skipped.toString(), created.toString(), 'the second run did not overwrite the first');
    const text = (await vscode.workspace.openTextDocument(created)).getText();
    assert.match(text, /^# Created Grace On-Demand in GoToMeeting\n/);
    assert.ok(!text.split('\n')[0].includes(grace.id!), 'the headline names the user, not her id');
    assert.match(decodeURIComponent(created.path), /\/Grace On-Demand in GoToMeeting, [^/]+\.md$/, 'named after user, app and time');

    await vscode.commands.executeCommand(rows[1].command!.command, ...rows[1].command!.arguments!);
    await eventually(() => markdownPreviews().some((t) => t.label.includes('Grace On-Demand in GoToMeeting')), 20_000, 'the report rendered in a Markdown preview');
  });

  it('exports the schema to JSON and applies an edited copy back', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'entra-schema-')), 'gotomeeting.schema.json');
    const exported = await run<{ uri: string }>('exportSchema', { servicePrincipalId: spId, jobId, file });
    assert.ok(exported?.uri);
    const schema = JSON.parse(readFileSync(file, 'utf8'));
    const mapping = schema.synchronizationRules[0].objectMappings[0].attributeMappings.find((m: { targetAttributeName: string }) => m.targetAttributeName === 'displayName');
    mapping.defaultValue = 'Name unknown';
    writeFileSync(file, JSON.stringify(schema));
    const applied = await run<{ ok: boolean }>('importSchema', { servicePrincipalId: spId, jobId, file, skipConfirmation: true });
    assert.equal(applied?.ok, true);
    const after = await (await service()).schema.get(spId, jobId);
    assert.equal(after.synchronizationRules![0].objectMappings![0].attributeMappings!.find((m) => m.targetAttributeName === 'displayName')?.defaultValue, 'Name unknown');
  });

  it('rejects malformed scripted arguments with nothing changed', async () => {
    const before = (await (await service()).apps.listAssignments(spId)).length;
    const result = await run('assignUsers', { servicePrincipalId: spId, principalId: 42 });
    assert.equal(result, undefined);
    assert.equal((await (await service()).apps.listAssignments(spId)).length, before);
    assert.equal(await run('restartJob', { servicePrincipalId: spId, jobId, resetScope: ['Everything'] }), undefined);
  });

  it('deletes the job after confirmation is skipped by the script', async () => {
    const result = await run<{ ok: boolean }>('deleteJob', { servicePrincipalId: spId, jobId, skipConfirmation: true });
    assert.equal(result?.ok, true);
    assert.deepEqual(await (await service()).jobs.listJobs(spId), []);
  });
});
