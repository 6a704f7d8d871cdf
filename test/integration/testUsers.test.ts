import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ProvisionTestUsersResult, TestUsersResult } from '../../src/commands/testUsers';
import { DEFAULT_ACCESS_ROLE_ID } from '../../src/sandbox/types';
import { testUserKey } from '../../src/shared/testUsers';
import { onDemandReportsFolder } from '../../src/tree/onDemandResultsNode';
import { extensionId, markdownPreviews } from './helpers/extension';
import { connectTestSandbox, eventually, type ConnectedSandbox } from './helpers/sandbox';

describe('Test users and before/after (real VS Code host)', () => {
  let connected: ConnectedSandbox;

  before(async () => {
    connected = await connectTestSandbox();
  });
  after(() => connected?.dispose());

  it('without the SCIM endpoint\'s token (Graph never returns it), takes before and after from the on-demand report and says so', async () => {
    const { sandbox } = connected;
    // The seeded SCIM app's job: its credentials were saved before this session, so the token is unknown here.
    const target = sandbox.demo;
    const assigned = [...sandbox.store.assignments.values()].find((a) => a.resourceId === target.servicePrincipalId && a.principalType === 'User' && a.appRoleId !== DEFAULT_ACCESS_ROLE_ID && !a.deletedDateTime);
    const user = assigned && sandbox.store.users.get(assigned.principalId);
    assert.ok(user, 'a user assigned to the seeded SCIM app');
    const added = await vscode.commands.executeCommand<TestUsersResult | undefined>('entraProvisioning.addTestUsers', { ...target, users: [{ id: user.id, displayName: user.displayName, userPrincipalName: user.userPrincipalName }] });
    assert.deepEqual(added?.users, [{ id: user.id, displayName: user.displayName, userPrincipalName: user.userPrincipalName }]);

    const run = await vscode.commands.executeCommand<ProvisionTestUsersResult | undefined>('entraProvisioning.provisionTestUsers', target);
    assert.ok(run, 'the command returned a result (see the Entra Provisioning log)');
    const [only] = run.users;
    assert.equal(only.ok, true, `${only.result}: ${only.errorMessage ?? ''}`);
    assert.equal(only.action, 'Create');
    assert.ok(only.steps.length > 0);
    assert.equal(only.attributesFrom, 'report');
    assert.match(only.attributesNote ?? '', /token/);
    assert.equal(only.targetFound, undefined);
    assert.ok(only.attributes.length > 0 && only.attributes.every((a) => a.change === 'added'), JSON.stringify(only.attributes));
    assert.equal(only.attributes.find((a) => a.attribute === 'userName')?.after, user.userPrincipalName);
    assert.ok(!JSON.stringify(run).includes(sandbox.scimToken), 'the result carries no token');
  });

  it('saves two test users, provisions both on demand, and reads each one\'s target object before and after from the SCIM app', async () => {
    const { sandbox, api } = connected;
    // The sandbox's own SCIM app, as a SaaS developer would point a job at an endpoint.
    type Pointed = { servicePrincipalId: string; jobId: string };
    const job = await vscode.commands.executeCommand<Pointed | undefined>('entraProvisioning.pointSandboxJobAtScimApp', { baseAddress: sandbox.scimUrl, token: sandbox.scimToken });
    assert.ok(job?.servicePrincipalId && job.jobId, 'the job was pointed at the SCIM app (see the Entra Provisioning log)');
    const target = { servicePrincipalId: job.servicePrincipalId, jobId: job.jobId };

    const [existing, created] = [...sandbox.store.users.values()].filter((u) => u.accountEnabled && !u.deletedDateTime && !sandbox.scim.findUser(u.userPrincipalName));
    assert.ok(existing && created, 'two enabled users not yet in the SCIM app');

    // One user is in the app already (an earlier run), the other is not.
    const first = await vscode.commands.executeCommand<{ ok: boolean } | undefined>('entraProvisioning.provisionOnDemand', { ...target, subject: { objectId: existing.id, objectTypeName: 'User' } });
    assert.equal(first?.ok, true, 'the first run provisioned the user who exists before');
    const titleBefore = String(sandbox.scim.findUser(existing.userPrincipalName)?.title ?? '');
    assert.equal(sandbox.scim.findUser(created.userPrincipalName), undefined);

    const added = await vscode.commands.executeCommand<TestUsersResult | undefined>('entraProvisioning.addTestUsers', { ...target, users: [{ id: existing.id }, { id: created.id }] });
    assert.deepEqual(added?.users.map((u) => [u.id, u.displayName, u.userPrincipalName]), [
      [existing.id, existing.displayName, existing.userPrincipalName],
      [created.id, created.displayName, created.userPrincipalName],
    ], 'the saved list has both users, named from the directory');

    // The source changes: the next on-demand run updates the app.
    const newTitle = `Test lead ${Date.now() % 100_000}`;
    const patched = await fetch(`${sandbox.graphUrl}/users/${existing.id}`, {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${sandbox.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ jobTitle: newTitle }),
    });
    assert.equal(patched.status, 204);

    const run = await vscode.commands.executeCommand<ProvisionTestUsersResult | undefined>('entraProvisioning.provisionTestUsers', target);
    assert.ok(run, 'the command returned a result (see the Entra Provisioning log)');
    assert.equal(run.cancelled, false);
    assert.deepEqual(run.users.map((u) => u.id), [existing.id, created.id]);
    assert.equal(run.ok, true, JSON.stringify(run.users.map((u) => [u.result, u.errorMessage])));
    assert.deepEqual(JSON.parse(JSON.stringify(run)), run, 'the result is plain JSON');

    const [updated, fresh] = run.users;
    for (const user of run.users) {
      assert.ok(user.steps.length > 0, `${user.displayName}: the service reported its steps`);
      assert.ok(user.steps.every((s) => s.name && s.status), `${user.displayName}: every step has a name and a status`);
      assert.equal(user.attributesFrom, 'target', `${user.displayName}: read from the SCIM app (${user.attributesNote ?? ''})`);
    }
    assert.deepEqual(updated.targetFound, { before: true, after: true });
    const title = updated.attributes.find((a) => a.attribute === 'title');
    assert.deepEqual(title, { attribute: 'title', ...(titleBefore && { before: titleBefore }), after: newTitle, change: titleBefore ? 'changed' : 'added' });
    assert.equal(updated.attributes.find((a) => a.attribute === 'userName')?.change, 'unchanged', 'the matching attribute stayed');
    assert.ok(updated.attributes.filter((a) => a.change !== 'unchanged').every((a) => a.attribute === 'title' || a.attribute.startsWith('meta')), JSON.stringify(updated.attributes.filter((a) => a.change !== 'unchanged')));

    assert.deepEqual(fresh.targetFound, { before: false, after: true });
    assert.ok(fresh.attributes.length > 0 && fresh.attributes.every((a) => a.change === 'added' && a.before === undefined), 'the new user had no attributes before');
    assert.equal(fresh.attributes.find((a) => a.attribute === 'userName')?.after, created.userPrincipalName);
    assert.ok(sandbox.scim.findUser(created.userPrincipalName), 'the new user is in the SCIM app now');

    // The run's report, under the job's On-demand results: per user the steps and before/after; never the token.
    const jobTarget = { connectionId: connected.connectionId, ...target };
    const [report] = api.services.documents.list(onDemandReportsFolder(jobTarget));
    assert.ok(report, 'the run kept a report');
    const text = (await vscode.workspace.openTextDocument(report.uri)).getText();
    // Each user's section is headed by what happened, as the single on-demand report is.
    assert.match(text, new RegExp(`## Updated ${escape(existing.displayName)} in `));
    assert.match(text, new RegExp(`## Created ${escape(created.displayName)} in `));
    assert.match(text, new RegExp(`\\| \\*\\*title\\*\\* \\|[^\\n]*\\| ${escape(newTitle)} \\|`));
    assert.ok(!text.includes(sandbox.scimToken), 'the report carries no token');
    assert.ok(!JSON.stringify(run).includes(sandbox.scimToken), 'the result carries no token');

    // The list persists in workspace state: a fresh read, the job's "Test users" rows, and removal.
    const key = testUserKey(jobTarget, connected.tenantId);
    assert.deepEqual(api.services.testUsers.list(key).map((u) => u.id), [existing.id, created.id]);
    assert.deepEqual(api.services.tree.testUsers(jobTarget).map((u) => u.id), [existing.id, created.id]);
    // The job's row offers the commands, and its "Test users" folder lists the saved users.
    const tenant = api.services.tree.tenant(connected.connectionId)!;
    await tenant.model.refreshJobs([target.servicePrincipalId]);
    const jobNode = tenant.appNode(target.servicePrincipalId).jobNode(target.jobId);
    const jobContext = String((await jobNode.getTreeItem()).contextValue);
    assert.ok(menuOffers('entraProvisioning.provisionTestUsers', jobContext) && menuOffers('entraProvisioning.addTestUsers', jobContext), jobContext);
    const folder = (await jobNode.getChildren()).find((n) => n.id.endsWith('/testUsers'));
    assert.ok(folder, 'the job lists its test users');
    const rows = await Promise.all((await folder.getChildren()).map((n) => n.getTreeItem()));
    assert.deepEqual(rows.map((r) => [r.label, r.contextValue]), [[existing.displayName, 'testUser'], [created.displayName, 'testUser']]);
    assert.ok(rows.every((r) => menuOffers('entraProvisioning.removeTestUser', String(r.contextValue))));

    // Each report has a row under "On-demand results" that opens it rendered through a command of ours.
    const results = (await jobNode.getChildren()).find((n) => n.id.endsWith('/onDemand'));
    assert.ok(results, 'the job lists its on-demand results');
    const newest = await (await results.getChildren())[0].getTreeItem();
    assert.equal(newest.label, report.summary);
    assert.equal(newest.command?.command, 'entraProvisioning.openReport', 'the row runs our command (and with it the command wrapper)');
    await vscode.window.tabGroups.close(markdownPreviews());
    const opened = await vscode.commands.executeCommand<{ uri: string } | undefined>(newest.command.command, ...(newest.command.arguments ?? []));
    assert.equal(opened?.uri, report.uri.toString());
    const name = report.uri.path.split('/').pop()!.replace(/\.md$/, '');
    await eventually(() => markdownPreviews().find((t) => t.label.includes(name)), 20_000, 'a Markdown preview tab of the report');

    const removed = await vscode.commands.executeCommand<TestUsersResult | undefined>('entraProvisioning.removeTestUser', { ...target, userId: created.id });
    assert.deepEqual(removed?.users.map((u) => u.id), [existing.id]);
    assert.deepEqual(api.services.testUsers.list(key).map((u) => u.id), [existing.id]);
  });
});

/** Whether a tree row with this context value shows the command in its context menu or inline. */
function menuOffers(command: string, contextValue: string): boolean {
  const manifest = vscode.extensions.getExtension(extensionId)!.packageJSON as { contributes: { menus: Record<string, Array<{ command: string; when?: string }>> } };
  return manifest.contributes.menus['view/item/context'].some((item) => {
    if (item.command !== command) return false;
    const pattern = /viewItem =~ \/(.+)\/$/.exec(item.when ?? '')?.[1];
    return pattern !== undefined && new RegExp(pattern).test(contextValue);
  });
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
