// Sandbox benchmark: an initial provisioning cycle of 10,000 users into the sandbox's SCIM app,
// then an incremental cycle with no changes. Prints JSON lines {"metric","value","unit"}.
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { startSandbox } from '../../src/sandbox/server';

const USERS = 10_000;

/**
 * CPU seconds used so far by each thread of this process (Linux only; empty elsewhere). Printed to
 * stderr next to the wall times: on a shared machine the busiest thread's CPU time says what the
 * cycle would take on two idle cores.
 */
function threadCpuSeconds(): Map<string, number> {
  const out = new Map<string, number>();
  try {
    for (const tid of readdirSync('/proc/self/task')) {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime and stime are fields 14 and 15 of stat (11 and 12 after the command name).
      out.set(tid, (Number(fields[11]) + Number(fields[12])) / 100);
    }
  } catch {
    // not Linux: no per-thread figures
  }
  return out;
}

function busiestThread(before: Map<string, number>, after: Map<string, number>): number {
  let max = 0;
  for (const [tid, t] of after) max = Math.max(max, t - (before.get(tid) ?? 0));
  return max;
}

function emit(metric: string, seconds: number): void {
  process.stdout.write(`${JSON.stringify({ metric, value: Math.round(seconds * 1000) / 1000, unit: 's' })}\n`);
}

async function main(): Promise<void> {
  // Run as the CLI runs it: the SCIM app on its own thread.
  const sandbox = await startSandbox({ users: USERS, groups: 0, seed: 42, scimWorker: true, pace: 'instant' });
  try {
    const { servicePrincipalId: sp, jobId } = sandbox.demo;
    // Provision everyone (scope "all users") so the cycle exports all 10,000.
    const secrets = sandbox.store.sync(sp).secrets.filter((s) => s.key !== 'SyncAll');
    sandbox.store.sync(sp).secrets = [...secrets, { key: 'SyncAll', value: 'true' }];

    const cpuBefore = threadCpuSeconds();
    let t = performance.now();
    const initial = await sandbox.engine.runCycleNow(sp, jobId);
    const initialSeconds = (performance.now() - t) / 1000;
    const cpuAfter = threadCpuSeconds();
    if (cpuAfter.size) process.stderr.write(`[bench sandbox] initial cycle: ${initialSeconds.toFixed(1)} s wall, busiest thread ${busiestThread(cpuBefore, cpuAfter).toFixed(1)} s CPU\n`);
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
