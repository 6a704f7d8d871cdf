// Job status for 500 enterprise apps against the sandbox at 50 ms latency: our $batch path next to
// the naive one request per app, one after another (what a tree that loads each app's jobs on its
// own would do). Prints JSON lines.
import { StaticTokenCredential } from '../../src/auth/staticTokenCredential';
import { createProvisioningService } from '../../src/graph';
import { silentLogger } from '../../src/shared/logger';
import { startSandbox } from '../../src/sandbox/server';

const APPS = 500;
const LATENCY_MS = 50;

function emit(metric: string, value: number, unit: string): void {
  console.log(JSON.stringify({ metric, value: Number(value.toFixed(3)), unit }));
}

async function main(): Promise<void> {
  const token = 'bench-token';
  const sandbox = await startSandbox({ port: 0, seed: 3, users: 20, groups: 2, apps: APPS, token, pace: 'instant' });
  try {
    const service = createProvisioningService({ credential: new StaticTokenCredential(token), graphBaseUrl: sandbox.graphUrl, scopes: ['bench/.default'], logger: silentLogger });
    const ids = (await service.graph.all<{ id: string }>('/servicePrincipals?$select=id&$top=999', { operation: 'list apps' })).map((a) => a.id).slice(0, APPS);
    sandbox.faults.latencyMs = LATENCY_MS;

    let before = service.requests.count;
    let started = performance.now();
    const batched = await service.jobs.jobsForApps(ids);
    const batchedMs = performance.now() - started;
    const batchedRequests = service.requests.count - before;
    if (batched.size !== ids.length) throw new Error(`batched answered ${batched.size} of ${ids.length}`);

    before = service.requests.count;
    started = performance.now();
    for (const id of ids) await service.jobs.listJobs(id);
    const naiveMs = performance.now() - started;
    const naiveRequests = service.requests.count - before;

    emit('jobStatus500.requests', batchedRequests, 'requests');
    emit('jobStatus500.naiveRequests', naiveRequests, 'requests');
    emit('jobStatus500.batchedSeconds', batchedMs / 1000, 's');
    emit('jobStatus500.naiveSeconds', naiveMs / 1000, 's');
    emit('jobStatus500.speedupVsNaive', naiveMs / batchedMs, 'x');
  } finally {
    await sandbox.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
