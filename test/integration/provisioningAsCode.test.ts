import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { RawSchema } from '../../src/shared/synchronizationSchema';
import type { ProvisioningFile } from '../../src/shared/provisioningFile';
import { markdownPreviews } from './helpers/extension';
import { connectTestSandbox, eventually, type ConnectedSandbox } from './helpers/sandbox';

type Plan = { drift: boolean; changes: Array<{ path: string; before?: unknown; after?: unknown }>; scimPreview: Array<{ subject: string; requests: Array<{ method: string; path: string; body: { Operations?: Array<{ op: string; path?: string; value: unknown }> } }> }> };
type Applied = { outcome: 'applied' | 'unchanged' | 'conflict'; version: string };

describe('Provisioning as code (real VS Code host, sandbox tenant)', function () {
  this.timeout(180_000);
  let connected: ConnectedSandbox;
  let sp: string;
  let jobId: string;
  let folder: string;
  let file: string;

  before(async () => {
    connected = await connectTestSandbox();
    ({ servicePrincipalId: sp, jobId } = connected.sandbox.demo);
    const workspace = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(workspace, 'the test window has a workspace folder (checkDrift searches it)');
    folder = join(workspace, `pac-test-${process.pid}`);
    mkdirSync(folder, { recursive: true });
    file = join(folder, 'demo.provisioning.json');
    // The app then holds what the current mappings produce: the plan's SCIM preview assumes so.
    const cycle = await connected.sandbox.engine.runCycleNow(sp, jobId);
    assert.equal(cycle.state, 'Succeeded');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (folder) rmSync(folder, { recursive: true, force: true });
    await connected?.dispose();
  });

  const run = <T>(command: string, arg: unknown) => vscode.commands.executeCommand<T | undefined>(`entraProvisioning.${command}`, arg);

  async function graph(method: string, path: string, body?: unknown): Promise<Response> {
    return fetch(`${connected.sandbox.graphUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${connected.sandbox.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  async function schemaOnServer(): Promise<RawSchema> {
    const response = await graph('GET', `/servicePrincipals/${sp}/synchronization/jobs/${jobId}/schema`);
    assert.equal(response.status, 200);
    return (await response.json()) as RawSchema;
  }

  const readFile = () => JSON.parse(readFileSync(file, 'utf8')) as ProvisioningFile;
  function editTitle(expression: string): void {
    const content = readFile();
    const users = content.objectMappings.find((om) => om.sourceObject === 'User')!;
    const title = users.attributeMappings.find((m) => m.target === 'title') as { source?: string; expression?: string };
    delete title.source;
    title.expression = expression;
    writeFileSync(file, JSON.stringify(content, null, 2) + '\n');
  }

  it('exports, plans an edited expression with its SCIM requests, applies it, and a cycle uses it', async () => {
    const exported = await run<{ uri: string }>('exportJobFile', { servicePrincipalId: sp, jobId, file });
    assert.equal(exported?.uri, vscode.Uri.file(file).toString());
    const text = readFileSync(file, 'utf8');
    assert.doesNotMatch(text, new RegExp(connected.sandbox.scimToken), 'no credential in the file');
    const content = readFile();
    assert.equal(content.identity.servicePrincipalId, sp);
    assert.equal(content.identity.tenantId, connected.tenantId);

    const unchanged = await run<Plan>('planJobFile', { file });
    assert.deepEqual(unchanged, { drift: false, changes: [], scimPreview: [] }, 'a fresh export plans nothing');

    editTitle('ToUpper([jobTitle])');
    const plan = await run<Plan>('planJobFile', { file, sampleSize: 10 });
    assert.ok(plan);
    assert.equal(plan.drift, false);
    const titlePath = /^objectMappings\[User → User\]\.attributeMappings\[title\]\./;
    assert.deepEqual(plan.changes.filter((c) => titlePath.test(c.path)).map((c) => [c.path.replace(titlePath, ''), c.before, c.after]), [['source', 'jobTitle', undefined], ['expression', undefined, 'ToUpper([jobTitle])']]);
    assert.equal(plan.changes.length, 2);
    assert.ok(plan.scimPreview.length > 0 && plan.scimPreview.length <= 10, 'sample users in scope');
    const titled = [...connected.sandbox.store.users.values()].filter((u) => u.jobTitle && u.jobTitle !== u.jobTitle.toUpperCase());
    const patches = plan.scimPreview.flatMap((p) => p.requests.map((r) => ({ subject: p.subject, ...r })));
    const patch = patches.find((r) => r.method === 'PATCH' && r.body.Operations?.some((o) => o.path === 'title'));
    assert.ok(patch, `a PATCH of the title for a sample user: ${JSON.stringify(plan.scimPreview)}`);
    const user = titled.find((u) => patch.subject.includes(u.userPrincipalName));
    assert.ok(user, `the patched subject is a tenant user with a job title: ${patch.subject}`);
    assert.deepEqual(patch.body.Operations, [{ op: 'replace', path: 'title', value: user.jobTitle!.toUpperCase() }]);
    await eventually(() => markdownPreviews().some((t) => t.label.includes('Plan')), 20_000, 'the plan rendered in a Markdown preview');

    const versionBefore = (await schemaOnServer()).version;
    const applied = await run<Applied>('applyJobFile', { file, skipConfirmation: true });
    assert.equal(applied?.outcome, 'applied');
    const after = await schemaOnServer();
    assert.notEqual(after.version, versionBefore);
    const title = after.synchronizationRules![0].objectMappings!.find((om) => om.sourceObjectName === 'User')!.attributeMappings!.find((m) => m.targetAttributeName === 'title');
    assert.equal(title?.source?.expression, 'ToUpper([jobTitle])');
    assert.equal(readFile().version.fingerprint, applied.version, 'the file records the version it applied');
    assert.deepEqual(await run<Plan>('planJobFile', { file }), { drift: false, changes: [], scimPreview: [] }, 'nothing left to apply');
    assert.deepEqual(await run<Applied>('applyJobFile', { file, skipConfirmation: true }), { outcome: 'unchanged', version: applied.version });

    const cycle = await connected.sandbox.engine.runCycleNow(sp, jobId);
    assert.equal(cycle.state, 'Succeeded');
    const inApp = connected.sandbox.scim.listUsers().find((u) => String(u.userName).toLowerCase() === user.userPrincipalName.toLowerCase());
    assert.equal(inApp?.title, user.jobTitle!.toUpperCase(), 'the cycle sent what the plan previewed');
  });

  it('refuses to apply over a tenant-side change, and checkDrift reports the file', async () => {
    assert.deepEqual(await run<{ drifted: unknown[] }>('checkDrift', {}), { drifted: [] });
    // Someone changes the job in the tenant (the portal, another engineer).
    const server = await schemaOnServer();
    server.synchronizationRules![0].objectMappings![0].attributeMappings!.find((m) => m.targetAttributeName === 'displayName')!.defaultValue = 'changed elsewhere';
    assert.equal((await graph('PUT', `/servicePrincipals/${sp}/synchronization/jobs/${jobId}/schema`, server)).status, 204);

    const drift = await run<{ drifted: unknown[] }>('checkDrift', {});
    assert.deepEqual(drift?.drifted, [{ file, servicePrincipalId: sp, jobId }]);
    // The tree marks the job, and its row's Plan finds the file.
    const tenant = connected.api.services.tree.tenant(connected.connectionId)!;
    await tenant.model.refreshJobs([sp]);
    const jobRow = () => tenant.appNode(sp).jobNode(jobId).getTreeItem();
    assert.match(String((await jobRow()).description), /drifted from its file$/);
    assert.match(String((await jobRow()).contextValue), /^job\b.*\bdrifted\b/);
    const fromRow = await run<Plan>('planJobFile', { jobTarget: { connectionId: connected.connectionId, servicePrincipalId: sp, jobId } });
    assert.equal(fromRow?.drift, true);
    editTitle('ToLower([jobTitle])');
    const plan = await run<Plan>('planJobFile', { file, sampleSize: 0 });
    assert.equal(plan?.drift, true);
    assert.ok(plan.changes.some((c) => c.path.endsWith('attributeMappings[displayName].default') && c.before === 'changed elsewhere'), 'the plan shows what applying would undo');

    const refused = await run<Applied>('applyJobFile', { file, skipConfirmation: true });
    assert.equal(refused?.outcome, 'conflict');
    const still = await schemaOnServer();
    assert.equal(still.synchronizationRules![0].objectMappings![0].attributeMappings!.find((m) => m.targetAttributeName === 'displayName')?.defaultValue, 'changed elsewhere', 'nothing was written');
    assert.equal((await run<Applied>('applyJobFile', { file, skipConfirmation: true, onConflict: 'fail' }))?.outcome, 'conflict');

    const overwritten = await run<Applied>('applyJobFile', { file, skipConfirmation: true, onConflict: 'overwrite' });
    assert.equal(overwritten?.outcome, 'applied');
    const now = await schemaOnServer();
    assert.equal(now.synchronizationRules![0].objectMappings![0].attributeMappings!.find((m) => m.targetAttributeName === 'displayName')?.defaultValue ?? null, null);
    assert.deepEqual(await run<{ drifted: unknown[] }>('checkDrift', {}), { drifted: [] });
    assert.doesNotMatch(String((await jobRow()).contextValue), /\bdrifted\b/, 'in step again: the mark is gone');
  });

  it('compares the job with its file and with its template default in a diff editor', async () => {
    const same = await run<{ changes: unknown[] }>('compareJobs', { left: { servicePrincipalId: sp, jobId }, right: { file } });
    assert.deepEqual(same, { changes: [] });
    const diffTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputTextDiff);
    await eventually(() => diffTabs().length > 0, 15_000, 'a diff editor');
    const template = await run<{ changes: Array<{ path: string; before?: unknown; after?: unknown }> }>('compareJobs', { left: { templateOf: { servicePrincipalId: sp, jobId } }, right: { servicePrincipalId: sp, jobId } });
    assert.ok(template);
    const title = template.changes.find((c) => c.path.endsWith('attributeMappings[title].expression'));
    assert.deepEqual(title, { path: title?.path, after: 'ToLower([jobTitle])' }, 'the job differs from its template by the edited expression');
    assert.ok(!template.changes.some((c) => c.path.startsWith('settings.')), 'a template has no settings to compare');
  });

  it('copies job commands as HTTP, PowerShell and az rest, and the HTTP form does what the command does', async () => {
    const args = { servicePrincipalId: sp, jobId };
    const cases: Array<[string, Record<string, unknown>, RegExp]> = [
      ['startJob', args, /Start-MgServicePrincipalSynchronizationJob/],
      ['pauseJob', args, /Suspend-MgServicePrincipalSynchronizationJob/],
      ['restartJob', { ...args, resetScope: ['Watermark'] }, /Restart-MgServicePrincipalSynchronizationJob/],
      ['allowHeldDeletions', args, /Restart-MgServicePrincipalSynchronizationJob/],
      ['provisionOnDemand', { ...args, subject: { objectId: 'u-1', objectTypeName: 'User' } }, /New-MgServicePrincipalSynchronizationJobOnDemand/],
      ['saveCredentials', { ...args, credentials: [{ key: 'BaseAddress', value: 'https://x' }, { key: 'SecretToken', value: 'real-secret' }] }, /Set-MgServicePrincipalSynchronizationSecret/],
      ['testConnection', args, /Test-MgServicePrincipalSynchronizationJobCredential/],
      ['createJob', { servicePrincipalId: sp, templateId: 'scim' }, /New-MgServicePrincipalSynchronizationJob /],
      ['deleteJob', args, /Remove-MgServicePrincipalSynchronizationJob/],
      ['exportSchema', args, /Get-MgServicePrincipalSynchronizationJobSchema/],
      ['importSchema', { ...args, file: 'schema.json' }, /Invoke-MgGraphRequest -Method PUT/],
    ];
    for (const [command, commandArgs, cmdlet] of cases) {
      const http = await run<{ text: string }>('copyAsCode', { command: `entraProvisioning.${command}`, args: commandArgs, format: 'http' });
      const powershell = await run<{ text: string }>('copyAsCode', { command: `entraProvisioning.${command}`, args: commandArgs, format: 'powershell' });
      const azcli = await run<{ text: string }>('copyAsCode', { command: `entraProvisioning.${command}`, args: commandArgs, format: 'azcli' });
      assert.ok(http && powershell && azcli, command);
      assert.match(http.text, new RegExp(`^(GET|POST|PUT|DELETE) ${connected.sandbox.graphUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/servicePrincipals/${sp}`), `${command} http`);
      assert.match(powershell.text, cmdlet, `${command} powershell`);
      assert.match(azcli.text, /^az rest --method (get|post|put|delete)/, `${command} azcli`);
      for (const text of [http.text, powershell.text, azcli.text]) assert.doesNotMatch(text, /real-secret/, `${command}: no credential value`);
      assert.equal(await vscode.env.clipboard.readText(), azcli.text, 'the last text is on the clipboard');
    }
    const onDemand = await run<{ text: string }>('copyAsCode', { command: 'entraProvisioning.provisionOnDemand', args: { ...args, subject: { objectId: 'u-1', objectTypeName: 'User' } }, format: 'http' });
    const ruleId = (await schemaOnServer()).synchronizationRules![0].id!;
    assert.ok(onDemand?.text.includes(`"ruleId": "${ruleId}"`), 'provision on demand carries the job’s rule id');

    // The HTTP form, sent as it is to the sandbox, does what the command does.
    const send = async (text: string) => {
      const [head, ...rest] = text.split('\n\n');
      const [requestLine] = head.split('\n');
      const [method, url] = requestLine.split(' ');
      const body = rest.join('\n\n').trim();
      return fetch(url, { method, headers: { authorization: `Bearer ${connected.sandbox.token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body || undefined });
    };
    const status = async () => ((await (await graph('GET', `/servicePrincipals/${sp}/synchronization/jobs/${jobId}`)).json()) as { status: { code: string } }).status.code;
    const pause = await run<{ text: string }>('copyAsCode', { command: 'entraProvisioning.pauseJob', args, format: 'http' });
    assert.equal((await send(pause!.text)).status, 204);
    assert.equal(await status(), 'Paused');
    const start = await run<{ text: string }>('copyAsCode', { command: 'entraProvisioning.startJob', args, format: 'http' });
    assert.equal((await send(start!.text)).status, 204);
    assert.notEqual(await status(), 'Paused');
  });

  it('applies settings from the file and leaves the credentials alone', async () => {
    const secretsBefore = await (await connected.api.services.graph.service(connected.connectionId)).secrets.list(sp);
    const content = readFile();
    writeFileSync(file, JSON.stringify({ ...content, settings: { ...content.settings, notificationEmail: 'ops@contoso.test', emailOnFailure: true, deleteThreshold: 42 } }, null, 2) + '\n');
    const plan = await run<Plan>('planJobFile', { file, sampleSize: 0 });
    assert.deepEqual(plan?.changes.map((c) => c.path), ['settings.notificationEmail', 'settings.emailOnFailure', 'settings.deleteThreshold']);
    assert.equal((await run<Applied>('applyJobFile', { file, skipConfirmation: true }))?.outcome, 'applied');
    const secrets = await (await connected.api.services.graph.service(connected.connectionId)).secrets.list(sp);
    const notification = JSON.parse(secrets.find((x) => x.key === 'SyncNotificationSettings')?.value ?? '{}') as Record<string, unknown>;
    assert.equal(notification.Recipients, 'ops@contoso.test');
    assert.equal(notification.Enabled, true);
    assert.equal(notification.DeleteThresholdValue, 42);
    for (const key of ['BaseAddress', 'SecretToken']) {
      assert.deepEqual(secrets.find((x) => x.key === key), secretsBefore.find((x) => x.key === key), `${key} unchanged`);
    }
    assert.deepEqual(readFile().settings, { ...content.settings, notificationEmail: 'ops@contoso.test', emailOnFailure: true, deleteThreshold: 42 });
  });

  it('puts the expression engine’s errors and the mapping rules in the Problems panel, at their place in the file', async () => {
    const broken = join(folder, 'broken.provisioning.json');
    const content = readFile();
    const users = content.objectMappings.find((om) => om.sourceObject === 'User')!;
    const title = users.attributeMappings.find((m) => m.target === 'title') as { expression?: string };
    title.expression = 'Join(" ", [jobTitle], Nope([department]))';
    (users.attributeMappings.find((m) => m.target === 'externalId') as { matchingPriority: number }).matchingPriority = 1;
    writeFileSync(broken, JSON.stringify(content, null, 2) + '\n');
    const document = await vscode.workspace.openTextDocument(broken);
    await vscode.window.showTextDocument(document);
    const ours = () => vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'Entra Provisioning');
    await eventually(() => ours().length >= 3, 15_000, 'the file’s problems');
    const expression = ours().find((d) => d.code === 'expressionError');
    assert.ok(expression, JSON.stringify(ours()));
    assert.equal(expression.severity, vscode.DiagnosticSeverity.Error);
    assert.ok(document.getText(expression.range).startsWith('Nope'), `the error is at the unknown function: ${document.getText(expression.range)}`);
    assert.equal(ours().filter((d) => d.code === 'matchingDuplicate').length, 2, 'both mappings with precedence 1');
  });

  it('marks a scoping operator the attribute’s type does not take and an unmapped required attribute, read against the tenant’s schema', async () => {
    const wrong = join(folder, 'rules.provisioning.json');
    await run('exportJobFile', { servicePrincipalId: sp, jobId, file: wrong });
    const content = JSON.parse(readFileSync(wrong, 'utf8')) as ProvisioningFile;
    const users = content.objectMappings.find((om) => om.sourceObject === 'User')!;
    // department is a String in the tenant's Entra directory: Greater_Than compares integers only.
    (users as { scope: unknown }).scope = [{ name: 'Big departments', clauses: [{ attribute: 'department', operator: 'Greater_Than', values: ['10'] }] }];
    // userName is required in the app's User definition; externalId takes over matching.
    (users as { attributeMappings: unknown }).attributeMappings = users.attributeMappings
      .filter((m) => m.target !== 'userName')
      .map((m) => (m.target === 'externalId' ? { ...m, matchingPriority: 1 } : m));
    const text = JSON.stringify(content, null, 2) + '\n';
    writeFileSync(wrong, text);
    const document = await vscode.workspace.openTextDocument(wrong);
    await vscode.window.showTextDocument(document);
    const ours = () => vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'Entra Provisioning');
    // The type and required checks need the job's schema, read from the sandbox in the background.
    const found = await eventually(() => {
      const all = ours();
      return all.some((d) => d.code === 'scopeOperatorType') && all.some((d) => d.code === 'requiredUnmapped') ? all : undefined;
    }, 15_000, 'the schema-based problems');
    const lines = text.split('\n');
    const operator = found.find((d) => d.code === 'scopeOperatorType')!;
    assert.equal(operator.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(document.getText(operator.range), '"Greater_Than"');
    assert.match(lines[operator.range.start.line], /"operator": "Greater_Than"/);
    assert.match(operator.message, /Greater_Than.*department.*String/);
    const required = found.find((d) => d.code === 'requiredUnmapped')!;
    assert.equal(required.severity, vscode.DiagnosticSeverity.Error);
    assert.match(required.message, /userName/);
    // At the user mapping's list of attribute mappings (the first one in the file).
    assert.equal(required.range.start.line, lines.findIndex((l) => l.includes('"attributeMappings": [')));
    assert.deepEqual(found.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).map((d) => d.code).sort(), ['requiredUnmapped', 'scopeOperatorType']);
  });
});
