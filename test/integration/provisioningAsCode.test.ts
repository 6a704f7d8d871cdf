import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { DriftNotices, type FileDrift } from '../../src/commands/jobFileDriftNotices';
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

  it('checks the other files when one file\'s job cannot be read, keeping the result\'s shape', async () => {
    // A file whose job was deleted in the tenant (here: a job id the app never had).
    const orphan = join(folder, 'orphan.provisioning.json');
    const content = readFile();
    writeFileSync(orphan, JSON.stringify({ ...content, identity: { ...content.identity, jobId: 'scim.0000000000000000000000000000000000' } }, null, 2) + '\n');
    try {
      const server = await schemaOnServer();
      server.synchronizationRules![0].objectMappings![0].attributeMappings!.find((m) => m.targetAttributeName === 'displayName')!.defaultValue = 'changed beside an orphan';
      assert.equal((await graph('PUT', `/servicePrincipals/${sp}/synchronization/jobs/${jobId}/schema`, server)).status, 204);
      assert.deepEqual(await run('checkDrift', {}), { drifted: [{ file, servicePrincipalId: sp, jobId }] }, 'the readable file is still checked');
    } finally {
      rmSync(orphan, { force: true });
    }
    assert.equal((await run<Applied>('applyJobFile', { file, skipConfirmation: true, onConflict: 'overwrite' }))?.outcome, 'applied');
    assert.deepEqual(await run('checkDrift', {}), { drifted: [] });
  });

  it('keeps a command\'s finding over a drift check that started before it, and stops checks when disposed', async () => {
    const pending: Array<{ uri: string; resolve: (drift: FileDrift) => void; signal: AbortSignal }> = [];
    const notices = new DriftNotices((document, signal) => new Promise((resolve) => pending.push({ uri: document.uri.toString(), resolve, signal })), () => undefined, new vscode.EventEmitter<void>().event);
    try {
      const document = await vscode.workspace.openTextDocument(file);
      const checking = notices.checkDocument(document);
      const check = await eventually(() => pending.find((p) => p.uri === document.uri.toString()), 15_000, 'a drift check under way');
      const job = { connectionId: connected.connectionId, servicePrincipalId: sp, jobId };
      // Apply finishes while the check still reads the tenant: the older read must not win.
      notices.record(document.uri, { drifted: false, job });
      check.resolve({ drifted: true, job });
      await checking;
      assert.equal(notices.driftOf(document.uri)?.drifted, false);
      assert.equal(check.signal.aborted, false);
      notices.dispose();
      assert.equal(check.signal.aborted, true, 'closing the notices aborts the checks under way');
    } finally {
      notices.dispose();
    }
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
      ['testConnection', args, /Test-MgServicePrincipalSynchronizationJobCredentials -/],
      ['editProvisioningSettings', { ...args, notificationEmail: 'copied@contoso.test' }, /Set-MgServicePrincipalSynchronizationSecret/],
      ['saveMappings', args, /Invoke-MgGraphRequest -Method PUT -Uri '[^']+\/schema' -Body \$body/],
      ['applyJobFile', { file }, /Invoke-MgGraphRequest -Method PUT -Uri '[^']+\/schema' -Body \$body/],
      ['createJob', { servicePrincipalId: sp, templateId: 'scim' }, /New-MgServicePrincipalSynchronizationJob /],
      ['deleteJob', args, /Remove-MgServicePrincipalSynchronizationJob/],
      ['exportSchema', args, /Get-MgServicePrincipalSynchronizationJobSchema/],
      ['importSchema', { ...args, file: 'schema.json' }, /Invoke-MgGraphRequest -Method PUT/],
    ];
    // saveMappings sends the open editor's schema; applyJobFile what the edited file makes of the tenant's.
    assert.ok((await run<{ key: string }>('openMappingEditor', args))?.key);
    editTitle('Join(" ", [jobTitle], [department])');
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

    // The HTTP form, sent as it is to the sandbox, does what the command does (each request in turn).
    const send = async (text: string) => {
      let response: Response | undefined;
      for (const request of text.trim().split('\n\n###\n\n')) {
        const [head, ...rest] = request.split('\n\n');
        const [requestLine] = head.split('\n');
        const [method, url] = requestLine.split(' ');
        const body = rest.join('\n\n').trim();
        response = await fetch(url, { method, headers: { authorization: `Bearer ${connected.sandbox.token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body || undefined });
        if (response.status >= 300) return response;
      }
      return response!;
    };
    const status = async () => ((await (await graph('GET', `/servicePrincipals/${sp}/synchronization/jobs/${jobId}`)).json()) as { status: { code: string } }).status.code;
    const pause = await run<{ text: string }>('copyAsCode', { command: 'entraProvisioning.pauseJob', args, format: 'http' });
    assert.equal((await send(pause!.text)).status, 204);
    assert.equal(await status(), 'Paused');
    const start = await run<{ text: string }>('copyAsCode', { command: 'entraProvisioning.startJob', args, format: 'http' });
    assert.equal((await send(start!.text)).status, 204);
    assert.notEqual(await status(), 'Paused');

    const settings = await run<{ text: string }>('copyAsCode', { command: 'entraProvisioning.editProvisioningSettings', args: { ...args, notificationEmail: 'copied@contoso.test' }, format: 'http' });
    assert.equal((await send(settings!.text)).status, 204);
    const secrets = await (await connected.api.services.graph.service(connected.connectionId)).secrets.list(sp);
    assert.equal((JSON.parse(secrets.find((x) => x.key === 'SyncNotificationSettings')?.value ?? '{}') as { Recipients?: string }).Recipients, 'copied@contoso.test', 'the settings PUT set the email');
    assert.ok(secrets.some((x) => x.key === 'SecretToken'), 'and left the credentials');

    const save = await run<{ text: string }>('copyAsCode', { command: 'entraProvisioning.saveMappings', args, format: 'http' });
    const before = (await schemaOnServer()).synchronizationRules;
    assert.equal((await send(save!.text)).status, 204, 'the editor’s schema PUT is accepted by the strict schema check');
    assert.deepEqual((await schemaOnServer()).synchronizationRules, before, 'the unedited editor saves the same mappings');

    const apply = await run<{ text: string }>('copyAsCode', { command: 'entraProvisioning.applyJobFile', args: { file }, format: 'http' });
    assert.equal((await send(apply!.text)).status, 204);
    const title = (await schemaOnServer()).synchronizationRules![0].objectMappings!.find((om) => om.sourceObjectName === 'User')!.attributeMappings!.find((m) => m.targetAttributeName === 'title');
    assert.equal(title?.source?.expression, 'Join(" ", [jobTitle], [department])', 'the copied apply wrote the file’s expression');
    // The file learns the tenant's version again (the copied requests do not write it).
    assert.equal((await run<Applied>('applyJobFile', { file, skipConfirmation: true, onConflict: 'overwrite' }))?.outcome, 'unchanged');
    for (const session of connected.api.services.mappingEditors.list()) session.panel.dispose();
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

  it('previews a group mapping change with the group’s members, and a value becoming empty as no request (as the engine does)', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const content = readFile();
    const groups = content.objectMappings.find((om) => om.sourceObject === 'Group') as { enabled: boolean };
    groups.enabled = true;
    writeFileSync(file, JSON.stringify(content, null, 2) + '\n');
    const plan = await run<Plan>('planJobFile', { file, sampleSize: 5 });
    const group = plan?.scimPreview.find((p) => p.subject.startsWith('Group '));
    assert.ok(group, `the assigned group is previewed: ${JSON.stringify(plan?.scimPreview.map((p) => p.subject))}`);
    assert.deepEqual(group.requests.map((r) => `${r.method} ${r.path}`), ['POST /Groups', 'PATCH /Groups/{id}'], 'created, then its members added');
    const added = group.requests[1].body.Operations?.[0] as { op: string; value: Array<{ value: string }> };
    assert.equal(added.op, 'add');
    assert.ok(added.value.length > 0 && added.value.every((m) => /^\{id of .+@.+\}$/.test(m.value)), JSON.stringify(added.value));
    assert.ok(!plan!.scimPreview.some((p) => !p.subject.startsWith('Group ')), 'the user mapping is untouched: no user previewed');
    groups.enabled = false;

    // The title now comes from an attribute nobody has: it becomes empty for everyone.
    const title = content.objectMappings.find((om) => om.sourceObject === 'User')!.attributeMappings.find((m) => m.target === 'title') as { source?: string; expression?: string };
    delete title.expression;
    title.source = 'extensionAttribute15';
    writeFileSync(file, JSON.stringify(content, null, 2) + '\n');
    const emptied = await run<Plan>('planJobFile', { file, sampleSize: 10 });
    assert.ok(emptied && emptied.scimPreview.length > 0);
    assert.ok(emptied.scimPreview.every((p) => p.requests.length === 0), `no request clears the title: ${JSON.stringify(emptied.scimPreview)}`);
    assert.equal((await run<Applied>('applyJobFile', { file, skipConfirmation: true }))?.outcome, 'applied');
    const titled = connected.sandbox.scim.listUsers().filter((u) => u.title).length;
    assert.ok(titled > 0);
    assert.equal((await connected.sandbox.engine.runCycleNow(sp, jobId)).state, 'Succeeded');
    assert.equal(connected.sandbox.scim.listUsers().filter((u) => u.title).length, titled, 'the cycle left every title in the app, as the preview said');
  });

  it('shows a notice with Plan and Compare at the top of a drifted file when it is opened, and marks the job in the tree', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const drifting = join(folder, 'drifting.provisioning.json');
    await run('exportJobFile', { servicePrincipalId: sp, jobId, file: drifting });
    const server = await schemaOnServer();
    server.synchronizationRules![0].objectMappings![0].attributeMappings!.find((m) => m.targetAttributeName === 'displayName')!.defaultValue = 'changed in the portal';
    assert.equal((await graph('PUT', `/servicePrincipals/${sp}/synchronization/jobs/${jobId}/schema`, server)).status, 204);
    const tenant = connected.api.services.tree.tenant(connected.connectionId)!;
    await tenant.model.refreshJobs([sp]);
    const jobRow = () => tenant.appNode(sp).jobNode(jobId).getTreeItem();
    connected.api.services.tree.driftChecked([{ connectionId: connected.connectionId, servicePrincipalId: sp, jobId }], []);
    assert.doesNotMatch(String((await jobRow()).contextValue), /\bdrifted\b/);

    const document = await vscode.workspace.openTextDocument(drifting);
    await vscode.window.showTextDocument(document);
    const lenses = async () => (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri)) ?? [];
    let found: vscode.CodeLens[] = [];
    await eventually(async () => (found = (await lenses()).filter((l) => l.command?.command.startsWith('entraProvisioning.'))).length > 0, 20_000, 'the drift notice');
    assert.deepEqual(found.map((l) => l.range.start.line), found.map(() => 0), 'at the top of the file');
    assert.match(found[0].command!.title, /changed in the tenant/);
    const plan = found.find((l) => l.command!.title === 'Plan');
    const compare = found.find((l) => l.command!.title === 'Compare');
    assert.ok(plan && compare, JSON.stringify(found.map((l) => l.command?.title)));
    assert.equal(compare.command!.command, 'entraProvisioning.compareJobs');
    assert.match(String((await jobRow()).contextValue), /\bdrifted\b/, 'opening the file marked the job');

    const planned = await vscode.commands.executeCommand<Plan>(plan.command!.command, ...(plan.command!.arguments ?? []));
    assert.equal(planned?.drift, true, 'Plan plans this file');
    assert.ok(planned.changes.some((c) => c.path.endsWith('attributeMappings[displayName].default') && c.before === 'changed in the portal'));

    // Once the file is in step again, the notice goes.
    assert.equal((await run<Applied>('applyJobFile', { file: drifting, skipConfirmation: true, onConflict: 'overwrite' }))?.outcome, 'applied');
    await eventually(async () => (await lenses()).every((l) => !l.command?.command.startsWith('entraProvisioning.')), 20_000, 'the notice gone after apply');
    assert.doesNotMatch(String((await jobRow()).contextValue), /\bdrifted\b/);
  });
});
