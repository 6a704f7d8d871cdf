import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StreamActivityResult } from '../../src/commands/activityCommands';
import { connectTestSandbox, eventually, type ConnectedSandbox } from './helpers/sandbox';

/** An ISO 8601 time as the service writes it (the tree used to show these raw, in UTC). */
const RAW_TIME = /\d{4}-\d\d-\d\dT\d\d:\d\d/;

describe('Status and schedule in words (real VS Code host, sandbox with one-minute cycles)', () => {
  let env: ConnectedSandbox;
  const tenant = () => env.api.services.tree.tenant(env.connectionId)!;
  const jobItem = async () => {
    const { servicePrincipalId, jobId } = env.sandbox.demo;
    await tenant().model.refreshJobs([servicePrincipalId]);
    return tenant().appNode(servicePrincipalId).jobNode(jobId).getTreeItem();
  };
  const tooltip = (item: vscode.TreeItem) => (item.tooltip as vscode.MarkdownString).value;

  before(async () => {
    env = await connectTestSandbox({ users: 5, cycleIntervalSeconds: 60 });
    await tenant().getChildren();
  });

  after(async () => {
    await vscode.commands.executeCommand('entraProvisioning.stopActivity');
    await env?.dispose();
  });

  it('describes a job never started in words: not "NotRun", not "Disabled, every never"', async () => {
    const item = await jobItem();
    assert.equal(item.label, 'Provisioning', 'the app has one job: the template is in the tooltip');
    assert.equal(item.description, 'Not started');
    assert.match(tooltip(item), /^\*\*Provisioning \\\(scim\\\)\*\*/, 'the tooltip names the template');
    assert.match(tooltip(item), /\| Status \| Not started \|/);
    assert.match(tooltip(item), /\| Schedule \| not scheduled \|/);
  });

  it('takes the schedule from the job (one minute here) and shows times as local clock times', async () => {
    const { servicePrincipalId, jobId } = env.sandbox.demo;
    const cycle = env.sandbox.engine.nextCycle(jobId);
    const started = await vscode.commands.executeCommand<{ status: string }>('entraProvisioning.startJob', { servicePrincipalId, jobId });
    assert.ok(started);
    await cycle;
    const item = await eventually(async () => {
      const shown = await jobItem();
      return shown.description === 'Active' ? shown : undefined;
    }, 10_000, 'the job Active after its first cycle');
    const details = tooltip(item);
    assert.match(details, /\| Schedule \| every minute \|/);
    assert.match(details, /\| Next cycle \| about \d{1,2}[:.]\d\d(\s[AP]M)? \(in 1 min\) \|/);
    assert.match(details, /\| Last cycle \| succeeded, \d{1,2}[:.]\d\d[:.]\d\d(\s[AP]M)? → \d{1,2}[:.]\d\d[:.]\d\d(\s[AP]M)? \(just now\) \|/);
    assert.doesNotMatch(details, RAW_TIME, 'no raw UTC timestamp beside the local clock times');

    const app = tenant().appNode(servicePrincipalId).getTreeItem();
    assert.equal(app.description, undefined, 'the app row leaves the status to its job row, so its long name fits');
    assert.match(String((app.tooltip as vscode.MarkdownString).value), /^Provisioning: Active, every minute$/m);
  });

  it('streams a job under the app\'s name, with the same status and schedule as the tree', async () => {
    const { servicePrincipalId, jobId } = env.sandbox.demo;
    const activity = env.api.services.activity;
    const written = activity.lines.length;
    const result = await vscode.commands.executeCommand<StreamActivityResult>('entraProvisioning.streamActivity', { servicePrincipalId, jobId });
    assert.equal(result?.label, 'Contoso SCIM App (sandbox)');
    assert.deepEqual(activity.lines.slice(written).map((l) => l.text).filter((t) => t.startsWith('Watching')), ['Watching Contoso SCIM App (sandbox): Active, every minute.']);
  });

  it('marks sandbox apps and jobs, so their menus leave out the admin center, which has no page for them', async () => {
    const { servicePrincipalId } = env.sandbox.demo;
    const manifest = vscode.extensions.getExtension('entra-provisioning.entra-provisioning')!.packageJSON as { contributes: { menus: Record<string, Array<{ command: string; when?: string }>> } };
    const entry = manifest.contributes.menus['view/item/context'].find((m) => m.command === 'entraProvisioning.openInPortal')!;
    const pattern = /viewItem =~ \/(.+)\/$/.exec(entry.when ?? '')?.[1];
    assert.ok(pattern, entry.when);
    const offered = (contextValue: string) => new RegExp(pattern).test(contextValue);
    const app = tenant().appNode(servicePrincipalId).getTreeItem();
    const job = await jobItem();
    for (const item of [app, job]) {
      assert.match(String(item.contextValue), /\bsandbox\b/);
      assert.equal(offered(String(item.contextValue)), false, String(item.contextValue));
      // The same row of a real tenant (no sandbox token) still offers it.
      assert.equal(offered(String(item.contextValue).replace(/ sandbox\b/, '')), true, String(item.contextValue));
    }
  });
});
