// Sandbox benchmark: an initial provisioning cycle of 10,000 users into the sandbox's SCIM app,
// then an incremental cycle with no changes. Prints JSON lines {"metric","value","unit"}.
import { performance } from 'node:perf_hooks';
import { startSandbox } from '../../src/sandbox/server';

const USERS = 10_000;

function emit(metric: string, seconds: number): void {
  process.stdout.write(`${JSON.stringify({ metric, value: Math.round(seconds * 1000) / 1000, unit: 's' })}\n`);
}

async function main(): Promise<void> {
  // Run as the CLI runs it: the SCIM app on its own thread.
  const sandbox = await startSandbox({ users: USERS, groups: 0, seed: 42, scimWorker: true });
  try {
    const { servicePrincipalId: sp, jobId } = sandbox.demo;
    // Provision everyone (scope "all users") so the cycle exports all 10,000.
    const secrets = sandbox.store.sync(sp).secrets.filter((s) => s.key !== 'SyncAll');
    sandbox.store.sync(sp).secrets = [...secrets, { key: 'SyncAll', value: 'true' }];

    let t = performance.now();
    const initial = await sandbox.engine.runCycleNow(sp, jobId);
    const initialSeconds = (performance.now() - t) / 1000;
    if (initial.state !== 'Succeeded' || sandbox.scim.listUsers().length !== USERS || sandbox.scim.clientErrors().length > 0) {
      throw new Error(`initial cycle did not provision ${USERS} users cleanly: state ${initial.state}, ${sandbox.scim.listUsers().length} users, ${sandbox.scim.clientErrors().length} SCIM 4xx`);
    }
    emit('sandbox.initialCycle10k.seconds', initialSeconds);

    t = performance.now();
    const incremental = await sandbox.engine.runCycleNow(sp, jobId);
    const incrementalSeconds = (performance.now() - t) / 1000;
    if (incremental.state !== 'Succeeded' || incremental.exported !== 0) throw new Error(`incremental cycle exported ${incremental.exported} (${incremental.state})`);
    emit('sandbox.incrementalCycle10k.seconds', incrementalSeconds);
  } finally {
    await sandbox.close();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exit(1);
});
