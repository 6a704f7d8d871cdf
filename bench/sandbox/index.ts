// Sandbox benchmark: an initial provisioning cycle of 10,000 users into the sandbox's SCIM app, then
// an incremental cycle with no changes; then, in a fresh process (so its peak memory is its own), an
// initial cycle of 100,000 users. Prints JSON lines {"metric","value","unit"}.
// `--users <n>` runs only the initial cycle of n users and prints its figures (the 100k step uses it).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { startSandbox } from '../../src/sandbox/server';

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

/** CPU seconds each thread spent between two readings, the main thread first, then the busiest: `main 3.1, 4.5+0.4`. */
function threadSeconds(before: Map<string, number>, after: Map<string, number>): string {
  const spent = (tid: string) => (after.get(tid) ?? 0) - (before.get(tid) ?? 0);
  const main = String(process.pid);
  const others = [...after.keys()].filter((tid) => tid !== main).map(spent).filter((t) => t >= 0.05).sort((a, b) => b - a);
  return after.size ? `main ${spent(main).toFixed(1)}, others ${others.map((t) => t.toFixed(1)).join('+')}` : '?';
}

function emit(metric: string, value: number, unit: string): void {
  process.stdout.write(`${JSON.stringify({ metric, value: Math.round(value * 1000) / 1000, unit })}\n`);
}

/** Load average of the machine, for reading the wall times of a shared machine. */
function load(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return '?';
  }
}

/** Runs the initial cycle of `users` users (and the incremental one when asked); returns the initial cycle's wall seconds. */
async function cycles(users: number, incremental: boolean): Promise<number> {
  // Run as the CLI runs it: the SCIM app on its own thread.
  const sandbox = await startSandbox({ users, groups: 0, seed: 42, scimWorker: true, pace: 'instant' });
  try {
    const { servicePrincipalId: sp, jobId } = sandbox.demo;
    // Provision everyone (scope "all users") so the cycle exports all of them.
    const secrets = sandbox.store.sync(sp).secrets.filter((s) => s.key !== 'SyncAll');
    sandbox.store.sync(sp).secrets = [...secrets, { key: 'SyncAll', value: 'true' }];

    const cpuBefore = threadCpuSeconds();
    const loadBefore = load();
    let t = performance.now();
    const initial = await sandbox.engine.runCycleNow(sp, jobId);
    const initialSeconds = (performance.now() - t) / 1000;
    const cpuAfter = threadCpuSeconds();
    process.stderr.write(`[bench sandbox] initial cycle of ${users}: ${initialSeconds.toFixed(1)} s wall, thread CPU s: ${threadSeconds(cpuBefore, cpuAfter)}, load ${loadBefore} -> ${load()}\n`);
    if (initial.state !== 'Succeeded' || sandbox.scim.userCount() !== users || sandbox.scim.clientErrors().length > 0) {
      throw new Error(`initial cycle did not provision ${users} users cleanly: state ${initial.state}, ${sandbox.scim.userCount()} users, ${sandbox.scim.clientErrors().length} SCIM 4xx`);
    }
    if (!incremental) return initialSeconds;

    t = performance.now();
    const second = await sandbox.engine.runCycleNow(sp, jobId);
    const incrementalSeconds = (performance.now() - t) / 1000;
    if (second.state !== 'Succeeded' || second.exported !== 0) throw new Error(`incremental cycle exported ${second.exported} (${second.state})`);
    emit('sandbox.initialCycle10k.seconds', initialSeconds, 's');
    emit('sandbox.incrementalCycle10k.seconds', incrementalSeconds, 's');
    return initialSeconds;
  } finally {
    await sandbox.close();
  }
}

async function main(): Promise<void> {
  const at = process.argv.indexOf('--users');
  if (at > 0) {
    const users = Number(process.argv[at + 1]);
    const seconds = await cycles(users, false);
    // Peak resident memory of the whole process (both threads), seeding included.
    const rssMB = process.resourceUsage().maxRSS / 1024;
    process.stderr.write(`[bench sandbox] peak RSS ${rssMB.toFixed(0)} MB\n`);
    process.stdout.write(`${JSON.stringify({ users, seconds, rssMB })}\n`);
    return;
  }
  await cycles(10_000, true);
  const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1], '--users', '100000'], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`the 100k step exited with ${child.status ?? child.signal}`);
  const result = JSON.parse(child.stdout.trim().split('\n').pop()!) as { seconds: number; rssMB: number };
  emit('sandbox.initialCycle100k.seconds', result.seconds, 's');
  emit('sandbox.initialCycle100k.rssMB', result.rssMB, 'MB');
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exit(1);
});
