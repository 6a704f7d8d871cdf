import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { inlineText } from '../../src/activity/eventDetails';
import { explainProvisioningError, type ErrorExplanation } from '../../src/shared/provisioningErrorCatalog';
import { activateExtension, markdownPreviews, waitFor } from './helpers/extension';
import { connectTestSandbox, eventually, type ConnectedSandbox } from './helpers/sandbox';

const explain = (arg?: unknown) => vscode.commands.executeCommand<ErrorExplanation | undefined>('entraProvisioning.explainError', arg);

/** The public contract's keys, exactly. */
const KEYS = ['code', 'docs', 'explanation', 'fix', 'known', 'title'];

describe('Explain a provisioning error code (real VS Code host)', () => {
  before(async () => {
    await activateExtension();
  });

  it('explains a documented code with its Microsoft Learn page', async () => {
    const result = await explain({ code: 'SystemForCrossDomainIdentityManagementServiceIncompatible' });
    assert.ok(result);
    assert.deepEqual(Object.keys(result).sort(), KEYS);
    assert.equal(result.known, true);
    assert.equal(result.code, 'SystemForCrossDomainIdentityManagementServiceIncompatible');
    assert.equal(result.docs, 'https://learn.microsoft.com/entra/identity/monitoring-health/howto-analyze-provisioning-logs#error-codes');
    for (const text of [result.title, result.explanation, result.fix]) assert.ok(text.length > 5);
    // In the host's display language, the same texts as the host-free catalogue gives for it.
    assert.deepEqual(result, explainProvisioningError('SystemForCrossDomainIdentityManagementServiceIncompatible', vscode.env.language));
  });

  it('finds the code the way the logs write it (any case, with text around it)', async () => {
    const result = await explain({ code: 'Error code: systemforcrossdomainidentitymanagementbadresponse' });
    assert.equal(result?.known, true);
    assert.equal(result?.code, 'SystemForCrossDomainIdentityManagementBadResponse');
  });

  it('says when a code is not in the catalogue, and still gives a place to look', async () => {
    const result = await explain({ code: 'NoSuchProvisioningCode42' });
    assert.ok(result);
    assert.deepEqual(Object.keys(result).sort(), KEYS);
    assert.equal(result.known, false);
    assert.equal(result.code, 'NoSuchProvisioningCode42');
    assert.ok(result.explanation.includes('NoSuchProvisioningCode42'), 'names the code it does not know');
    assert.match(result.docs, /^https:\/\/learn\.microsoft\.com\//);
  });

  it('rejects a code that is not a string, with nothing shown', async () => {
    const previews = markdownPreviews().length;
    assert.equal(await explain({ code: 409 }), undefined);
    assert.equal(markdownPreviews().length, previews);
  });

  it('asks for the code from the palette and shows the explanation rendered', async () => {
    const { services } = await activateExtension();
    const before = services.documents.list('explanations').length;
    let settled = false;
    const running = Promise.resolve(explain()).finally(() => { settled = true; });
    // Accept the first code the pick offers, once it is open (accepting before that does nothing).
    while (!settled) {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const result = await running;
    assert.ok(result?.known, 'an offered code is one the catalogue explains');
    const stored = services.documents.list('explanations');
    assert.equal(stored.length, before + 1);
    const text = (await vscode.workspace.openTextDocument(stored[0]!.uri)).getText();
    assert.equal(text.split('\n')[0], `# ${inlineText(result.title)}`);
    assert.ok(text.includes(`](${result.docs})`), 'links the documentation');
    await waitFor(() => markdownPreviews().some((t) => t.label.includes(result.code)), 'a Markdown preview of the explanation', 20_000);
  });
});

describe('Explained errors where they show (real VS Code host, real sandbox)', () => {
  let env: ConnectedSandbox;

  before(async () => {
    env = await connectTestSandbox({ users: 3 });
  });

  after(async () => {
    await env?.dispose();
  });

  it('says what a quarantined job\'s error means, with its page, and explainError knows the code the sandbox gave', async () => {
    const { servicePrincipalId, jobId } = env.sandbox.demo;
    // Nothing listens on port 1: the cycle cannot connect, and the job goes into quarantine at once.
    await vscode.commands.executeCommand('entraProvisioning.saveCredentials', {
      servicePrincipalId, jobId, credentials: [{ key: 'BaseAddress', value: 'http://127.0.0.1:1/scim' }, { key: 'SecretToken', value: 'any' }],
    });
    await env.sandbox.engine.runCycleNow(servicePrincipalId, jobId).catch(() => undefined);
    const tenant = env.api.services.tree.tenant(env.connectionId)!;
    const tooltip = await eventually(async () => {
      await tenant.model.refreshJobs([servicePrincipalId]);
      const item = await tenant.appNode(servicePrincipalId).jobNode(jobId).getTreeItem();
      const text = (item.tooltip as vscode.MarkdownString).value;
      return /\| In quarantine since \|/.test(text) ? text : undefined;
    }, 15_000, 'the job row in quarantine');

    const code = env.sandbox.store.sync(servicePrincipalId).jobs.find((j) => j.id === jobId)?.status.quarantine?.error?.code;
    assert.ok(code, 'the sandbox recorded the quarantine\'s error');
    const result = await explain({ code });
    assert.equal(result?.known, true, `${code} is explained`);
    const row = tooltip.split('\n').find((line) => line.includes(result.title));
    assert.ok(row, `a row with "${result.title}" in:\n${tooltip}`);
    assert.ok(row.includes(`](${result.docs})`), 'links the documentation');
  });
});
