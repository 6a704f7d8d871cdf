import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CommandContext } from '../../src/commands/commandRunner';
import { jobForWrite, startJob } from '../../src/commands/jobActions';
import { GOTOMEETING_TEMPLATE_ID } from '../../src/sandbox/seed/templates';
import { UserFacingError } from '../../src/shared/errors';
import { extensionId } from './helpers/extension';
import { connectTestSandbox, type ConnectedSandbox } from './helpers/sandbox';

const run = <T>(command: string, arg?: unknown) => vscode.commands.executeCommand<T>(`entraProvisioning.${command}`, arg);

/** A handler's context outside the wrapper: these tests call handlers to see what they throw. */
function handlerContext(): CommandContext {
  const source = new vscode.CancellationTokenSource();
  return { token: source.token, signal: new AbortController().signal, report: () => undefined, waitForUser: (prompt) => Promise.resolve(prompt()) };
}

/** Whether a tree row with this context value shows the command in its context menu or inline. */
function menuOffers(command: string, contextValue: string): boolean {
  const manifest = vscode.extensions.getExtension(extensionId)!.packageJSON as { contributes: { menus: Record<string, Array<{ command: string; when?: string }>> } };
  return manifest.contributes.menus['view/item/context'].some((item) => {
    if (item.command !== command) return false;
    const pattern = /viewItem =~ \/(.+)\/$/.exec(item.when ?? '')?.[1];
    return pattern !== undefined && new RegExp(pattern).test(contextValue);
  });
}

describe('Admin credentials and the errors around them (real VS Code host, sandbox)', function () {
  this.timeout(60_000);
  let env: ConnectedSandbox;
  let spId: string;
  let jobId: string;

  before(async () => {
    env = await connectTestSandbox({ users: 5 });
    spId = (await run<{ servicePrincipalId: string }>('addGalleryApp', { templateId: GOTOMEETING_TEMPLATE_ID, displayName: 'GoToMeeting' }))!.servicePrincipalId;
    jobId = (await run<{ jobId: string }>('createJob', { servicePrincipalId: spId }))!.jobId;
  });

  after(async () => {
    await env?.dispose();
  });

  it('names a job given only by ids after its app, as the tree does', async () => {
    const resolved = await jobForWrite(env.api.services, handlerContext(), { servicePrincipalId: spId, jobId });
    assert.equal(resolved?.target.appDisplayName, 'GoToMeeting');
  });

  it('keeps Start off the menus of a job that needs credentials and offers Save Admin Credentials there', async () => {
    const tenant = env.api.services.tree.tenant(env.connectionId)!;
    await tenant.model.refreshJobs([spId]);
    const contextValue = String((await tenant.appNode(spId).jobNode(jobId).getTreeItem()).contextValue);
    assert.match(contextValue, /\bnotConfigured\b/, 'the job needs credentials');
    assert.equal(menuOffers('entraProvisioning.startJob', contextValue), false, contextValue);
    assert.equal(menuOffers('entraProvisioning.saveCredentials', contextValue), true, contextValue);
  });

  it('refuses to start a job without credentials in plain words, offering Save Admin Credentials for that very job', async () => {
    const error = await startJob(env.api.services, handlerContext(), { servicePrincipalId: spId, jobId }).then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof UserFacingError, String(error));
    assert.match(error.message, /^GoToMeeting needs admin credentials/);
    assert.doesNotMatch(error.message, /PUT|synchronization\/secrets/);
    assert.equal(error.actions.length, 1);
    const [action] = error.actions;
    assert.equal(action.command, 'entraProvisioning.saveCredentials');
    // The button's argument names the job; given credentials, the command saves them for it.
    const { userName, password } = env.sandbox.gotoMeetingCredentials;
    const saved = await run<{ ok: boolean }>('saveCredentials', { ...(action.argument as object), credentials: [{ key: 'UserName', value: userName }, { key: 'Password', value: password }] });
    assert.equal(saved?.ok, true);
    const started = await run<{ status: string }>('startJob', { servicePrincipalId: spId, jobId });
    assert.ok(started && started.status !== 'NotConfigured', started?.status);
    await run('pauseJob', { servicePrincipalId: spId, jobId });
  });
});
