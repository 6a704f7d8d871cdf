import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StreamActivityResult } from '../../src/commands/activityCommands';
import { recordFromDetails } from '../../src/activity/eventDetails';
import type { ActivityEvent } from '../../src/activity/types';
import { markdownPreviews } from './helpers/extension';
import { connectTestSandbox, eventually, type ConnectedSandbox } from './helpers/sandbox';

const INTERVAL_SECONDS = 2;

/** The log entries the sandbox engine wrote for a job, oldest first, as JSON (what Graph returns). */
function engineLog(connected: ConnectedSandbox, jobId: string): ActivityEvent[] {
  return JSON.parse(JSON.stringify(connected.sandbox.store.data.audit.filter((e) => e.jobId === jobId))) as ActivityEvent[];
}

describe('Activity streaming (real VS Code host, real sandbox)', () => {
  let connected: ConnectedSandbox;
  const settings = () => vscode.workspace.getConfiguration('entraProvisioning.activity');

  before(async () => {
    connected = await connectTestSandbox();
    await settings().update('pollIntervalSeconds', INTERVAL_SECONDS, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await vscode.commands.executeCommand('entraProvisioning.stopActivity');
    await settings().update('pollIntervalSeconds', undefined, vscode.ConfigurationTarget.Global);
    await settings().update('hideStatuses', undefined, vscode.ConfigurationTarget.Global);
    await settings().update('hideActions', undefined, vscode.ConfigurationTarget.Global);
    await connected?.dispose();
  });

  it('streams every action of a job\'s cycle into the channel once, in order, then the cycle\'s end', async () => {
    const { api, sandbox } = connected;
    const activity = api.services.activity;
    const { servicePrincipalId, jobId } = sandbox.demo;
    const written = activity.lines.length;

    const result = await vscode.commands.executeCommand<StreamActivityResult>('entraProvisioning.streamActivity', { servicePrincipalId, jobId });
    assert.equal(result?.streaming, true);
    assert.equal(activity.isStreaming, true);
    assert.equal(result.label, 'Contoso SCIM App (sandbox)', 'a stream started by ids is named after the app');
    assert.ok(activity.lines.slice(written).some((l) => l.text === 'Watching Contoso SCIM App (sandbox): Not started, not scheduled.'));

    const cycle = sandbox.engine.nextCycle(jobId);
    const service = await api.services.graph.service();
    await service.jobs.start(servicePrincipalId, jobId);
    const outcome = await cycle;
    await eventually(() => activity.lines.slice(written).some((l) => /cycle finished \(succeeded\)/.test(l.text)), 20_000, 'the "cycle finished" line');

    const lines = activity.lines.slice(written);
    // The default filter hides "skipped"; the first cycle's entries are creates and updates.
    const expected = engineLog(connected, jobId).filter((e) => e.provisioningStatusInfo?.status !== 'skipped');
    assert.ok(expected.length > 3, `the engine logged ${expected.length} entries`);
    assert.deepEqual(lines.filter((l) => l.eventId).map((l) => l.eventId), expected.map((e) => e.id), 'each once, in order');
    for (const line of lines.filter((l) => l.eventId)) {
      const event = expected.find((e) => e.id === line.eventId)!;
      assert.equal(line.text, `${event.provisioningAction}  ${event.provisioningStatusInfo?.status}  ${event.sourceIdentity?.displayName} → ${event.targetIdentity?.displayName}`);
      assert.ok(!line.text.includes(outcome.cycleId.slice(0, 8)));
    }
    const finished = lines.findIndex((l) => /cycle finished/.test(l.text));
    const lastEvent = lines.map((l) => l.eventId !== undefined).lastIndexOf(true);
    assert.ok(finished > lastEvent, 'the cycle\'s end comes after its events');
    assert.ok(!lines.some((l) => l.text.includes(sandbox.token!)), 'no token in the channel');
  });

  it('opens an event\'s full record rendered, headed and named by what happened, with a record that matches the event', async () => {
    const { sandbox } = connected;
    const event = engineLog(connected, sandbox.demo.jobId).find((e) => (e.modifiedProperties?.length ?? 0) > 0 && e.provisioningAction === 'create')!;
    const result = await vscode.commands.executeCommand<{ eventId: string; uri: string }>('entraProvisioning.showActivityDetails', { eventId: event.id });
    assert.equal(result?.eventId, event.id);
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === result.uri);
    assert.ok(document, 'the details document is open');
    assert.equal(document.languageId, 'markdown');
    const text = document.getText();
    assert.deepEqual(recordFromDetails(text), event, 'the record is the event Graph returned');
    const headline = `Created ${event.sourceIdentity!.displayName} in ${event.targetSystem!.displayName}`;
    assert.equal(text.split('\n')[0], `# ${headline}`, 'the outcome in words first');
    assert.ok(vscode.Uri.parse(result.uri).path.endsWith(`/${headline}.md`), `named by the outcome: ${result.uri}`);
    const preview = await eventually(() => markdownPreviews().find((t) => t.label.includes(headline)), 20_000, 'a Markdown preview tab of the details');
    assert.ok(preview, 'shown rendered');
    assert.ok(!vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === result.uri), 'not as Markdown source');
    for (const step of event.provisioningSteps ?? []) assert.ok(text.includes(`${step.name} (${step.provisioningStepType})`), `step ${step.name}`);
    const property = event.modifiedProperties![0];
    assert.ok(text.includes(`| ${property.displayName} | ${property.oldValue ?? '—'} | ${property.newValue} |`), 'modified property with old → new');
    assert.equal(document.uri.scheme, 'entra-provisioning', 'served by the read-only content provider');
  });

  it('opens the details of an event the stream never saw (as the tree does), reading it from Graph', async () => {
    const { sandbox } = connected;
    const base = engineLog(connected, sandbox.demo.jobId)[0];
    const failed: ActivityEvent = {
      ...base,
      id: `tree-only-${Date.now()}`,
      jobId: 'another.job',
      provisioningStatusInfo: { status: 'failure', errorInformation: { errorCode: 'SystemForCrossDomainIdentityManagementBadResponse', reason: 'The app answered 500.', additionalDetails: null, errorCategory: 'nonServiceFailure', recommendedAction: 'Check the app.' } },
    };
    sandbox.store.addAudit([failed as never]);
    const result = await vscode.commands.executeCommand<{ uri: string }>('entraProvisioning.showActivityDetails', { eventId: failed.id });
    const text = vscode.workspace.textDocuments.find((d) => d.uri.toString() === result?.uri)?.getText() ?? '';
    assert.deepEqual(recordFromDetails(text), failed);
    assert.match(text, /^# Could not provision .+: The app answered 500\.$/m);
    assert.match(text, /^- \*\*Code:\*\* SystemForCrossDomainIdentityManagementBadResponse$/m);
    assert.match(text, /^- \*\*Recommended action:\*\* Check the app\.$/m);
  });

  it('filterActivity changes what the stream shows at once, through the settings', async () => {
    const { api, sandbox } = connected;
    const activity = api.services.activity;
    const result = await vscode.commands.executeCommand<{ hideStatuses: string[]; hideActions: string[] }>('entraProvisioning.filterActivity', { hideStatuses: [], hideActions: ['update'] });
    assert.deepEqual(result, { hideStatuses: [], hideActions: ['update'] });
    assert.deepEqual(settings().get('hideActions'), ['update']);

    const lines = activity.lines.length;
    sandbox.store.touchUsers(sandbox.store.users.keys());
    const { outcomes, cycleId } = await sandbox.engine.runCycleNow(sandbox.demo.servicePrincipalId, sandbox.demo.jobId);
    // Every user is only touched, so this cycle changes nothing; the first such cycle still gets its line.
    await eventually(() => activity.lines.slice(lines).some((l) => /cycle finished/.test(l.text)), 20_000, 'the cycle\'s lines');
    const shown = engineLog(connected, sandbox.demo.jobId).filter((e) => e.cycleId === cycleId && e.provisioningAction !== 'update');
    assert.ok(outcomes.some((o) => o.status === 'skipped'), 'the cycle skipped users out of scope');
    assert.deepEqual(activity.lines.slice(lines).filter((l) => l.eventId).map((l) => l.eventId), shown.map((e) => e.id), 'skipped shown, updates hidden');
    await vscode.commands.executeCommand('entraProvisioning.filterActivity', { hideStatuses: ['skipped'], hideActions: [] });
  });

  it('writes each event once, in order, when a poll spans several pages and Graph throttles', async () => {
    const { api, sandbox } = connected;
    const activity = api.services.activity;
    await vscode.commands.executeCommand('entraProvisioning.filterActivity', { hideStatuses: [], hideActions: [] });
    // Held while cycles log more entries than one page (200) holds, then read in one poll.
    activity.setFocused(false);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const lines = activity.lines.length;
    const cycles = new Set<string>();
    while (engineLog(connected, sandbox.demo.jobId).filter((e) => cycles.has(e.cycleId!)).length <= 250) {
      sandbox.store.touchUsers(sandbox.store.users.keys());
      cycles.add((await sandbox.engine.runCycleNow(sandbox.demo.servicePrincipalId, sandbox.demo.jobId)).cycleId);
    }
    sandbox.faults.retryAfterSeconds = 0;
    sandbox.faults.throttleRate = 0.3;
    try {
      activity.setFocused(true);
      const expected = engineLog(connected, sandbox.demo.jobId).filter((e) => cycles.has(e.cycleId!)).map((e) => e.id);
      await eventually(() => activity.lines.slice(lines).filter((l) => l.eventId).length >= expected.length, 30_000, 'every entry');
      // Later polls re-read the window; they must not repeat anything.
      await new Promise((resolve) => setTimeout(resolve, INTERVAL_SECONDS * 2000 + 500));
      assert.deepEqual(activity.lines.slice(lines).filter((l) => l.eventId).map((l) => l.eventId), expected);
    } finally {
      sandbox.faults.throttleRate = 0;
      await vscode.commands.executeCommand('entraProvisioning.filterActivity', { hideStatuses: ['skipped'], hideActions: [] });
    }
  });

  it('pauses polling while the window is not focused and polls at once when it is again', async () => {
    const { api, sandbox } = connected;
    const activity = api.services.activity;
    const service = await api.services.graph.service();
    assert.equal(activity.isPaused, !vscode.window.state.focused);
    // What the window-state event does when the window loses focus (a test cannot move the OS focus).
    activity.setFocused(false);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const requests = service.requests.count;
    const lines = activity.lines.length;
    // A real change, so the cycle has something to report (cycles that change nothing are only counted).
    const provisioned = engineLog(connected, sandbox.demo.jobId).find((e) => e.provisioningAction === 'create')!;
    sandbox.store.updateUser(provisioned.sourceIdentity!.id!, { displayName: `${provisioned.sourceIdentity!.displayName} Jr` });
    const { outcomes } = await sandbox.engine.runCycleNow(sandbox.demo.servicePrincipalId, sandbox.demo.jobId);
    await new Promise((resolve) => setTimeout(resolve, INTERVAL_SECONDS * 2000 + 500));
    assert.equal(service.requests.count, requests, 'no request while unfocused');
    assert.equal(activity.lines.length, lines);

    activity.setFocused(true);
    const shown = outcomes.filter((o) => o.status !== 'skipped').length;
    assert.ok(shown > 0, 'the cycle updated the changed user');
    await eventually(() => activity.lines.slice(lines).some((l) => /cycle finished \(succeeded\)/.test(l.text)), 20_000, 'the paused cycle\'s lines');
    assert.equal(activity.lines.slice(lines).filter((l) => l.eventId).length, shown, 'nothing lost while paused');
  });

  it('stopActivity stops the stream: no more requests, no more lines', async () => {
    const { api, sandbox } = connected;
    const activity = api.services.activity;
    const service = await api.services.graph.service();
    const stopped = await vscode.commands.executeCommand<{ stopped: number }>('entraProvisioning.stopActivity');
    assert.equal(stopped?.stopped, 1);
    assert.equal(activity.isStreaming, false);
    assert.match(activity.lines.at(-1)!.text, /^Stopped streaming /);

    const requests = service.requests.count;
    const lines = activity.lines.length;
    sandbox.store.touchUsers(sandbox.store.users.keys());
    await sandbox.engine.runCycleNow(sandbox.demo.servicePrincipalId, sandbox.demo.jobId);
    // Two poll intervals and a bit: a running stream would have polled at least once.
    await new Promise((resolve) => setTimeout(resolve, INTERVAL_SECONDS * 2000 + 500));
    assert.equal(service.requests.count, requests, 'no request after stop');
    assert.equal(activity.lines.length, lines, 'no line after stop');
  });
});
