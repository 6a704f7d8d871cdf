import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { assignUsers } from '../../src/commands/galleryAndAssignments';
import type { CommandContext } from '../../src/commands/commandRunner';
import { connectTestSandbox, type ConnectedSandbox } from './helpers/sandbox';

describe('Cancellation (real VS Code host, sandbox)', () => {
  let env: ConnectedSandbox;

  before(async () => {
    env = await connectTestSandbox({ users: 10 });
  });

  after(async () => {
    await env?.dispose();
  });

  it('takes back the assignments already made when a multi-assignment is cancelled part-way', async () => {
    const spId = env.sandbox.demo.servicePrincipalId;
    const service = await env.api.services.graph.service(env.connectionId);
    const before = (await service.apps.listAssignments(spId)).map((a) => a.id).sort();
    const assigned = new Set(before.length ? (await service.apps.listAssignments(spId)).map((a) => a.principalId) : []);
    const users = (await service.apps.searchUsers('')).items.filter((u) => !assigned.has(u.id)).slice(0, 4);
    assert.equal(users.length, 4, 'four unassigned users to work with');

    const source = new vscode.CancellationTokenSource();
    const abort = new AbortController();
    const context: CommandContext = { token: source.token, signal: abort.signal, report: () => {}, waitForUser: (prompt) => Promise.resolve(prompt()) };
    env.sandbox.faults.latencyMs = 400;
    let assignedWhenCancelled = 0;
    setTimeout(() => {
      assignedWhenCancelled = env.sandbox.store.assignmentsFor(spId).length - before.length;
      source.cancel();
      abort.abort();
    }, 1000);
    try {
      await assert.rejects(assignUsers(env.api.services, context, { servicePrincipalId: spId, principalIds: users.map((u) => u.id) }));
    } finally {
      env.sandbox.faults.latencyMs = 0;
    }
    assert.ok(assignedWhenCancelled > 0, 'the run was cancelled part-way, after some assignments were made');
    const after = (await service.apps.listAssignments(spId)).map((a) => a.id).sort();
    assert.deepEqual(after, before, 'no assignment of the cancelled run is left');
  });
});
