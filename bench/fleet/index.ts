// The fleet view's background refresh over 1,000 provisioning jobs (issue #16): a sandbox tenant
// with 1,000 apps that each have a job, made through Graph as an admin's script would, among apps
// without provisioning; the fleet discovers them once, then one background pass re-reads the known
// jobs. Counts the Graph HTTP requests of that pass (goal ≤ 50: one $batch per 20 apps). Prints
// JSON lines.
import { StaticTokenCredential } from '../../src/auth/staticTokenCredential';
import { createProvisioningService } from '../../src/graph';
import { FleetTenant, refreshRequestBudget, type FleetGraph } from '../../src/shared/fleet';
import { silentLogger } from '../../src/shared/logger';
import { SCIM_APP_TEMPLATE_ID } from '../../src/sandbox/seed/templates';
import { startSandbox } from '../../src/sandbox/server';

const JOBS = 1000;
/** Apps without a job beside them, so discovery has to tell them apart. */
const OTHER_APPS = 200;

function emit(metric: string, value: number, unit: string): void {
  console.log(JSON.stringify({ metric, value: Number(value.toFixed(3)), unit }));
}

async function main(): Promise<void> {
  const token = 'bench-token';
  const sandbox = await startSandbox({ port: 0, seed: 5, users: 10, groups: 2, apps: OTHER_APPS, token, pace: 'instant', replicationDelaySeconds: 0 });
  try {
    const service = createProvisioningService({ credential: new StaticTokenCredential(token), graphBaseUrl: sandbox.graphUrl, scopes: ['bench/.default'], logger: silentLogger });
    // The demo job is one of the 1,000.
    for (let i = 1; i < JOBS; i++) {
      const app = await service.apps.instantiateTemplate(SCIM_APP_TEMPLATE_ID, `Fleet bench ${i}`);
      await service.jobs.createJob(app.servicePrincipal!.id!, 'scim');
    }
    const graph: FleetGraph = { listAllAppNames: (limit, signal) => service.apps.listAllAppNames(limit, signal), jobsForApps: (ids, signal) => service.jobs.jobsForApps(ids, signal) };
    const tenant = new FleetTenant('bench');

    let before = service.requests.count;
    let started = performance.now();
    await tenant.discover(graph);
    const discoveryMs = performance.now() - started;
    const discoveryRequests = service.requests.count - before;
    const jobs = tenant.jobs().length;
    if (jobs !== JOBS) throw new Error(`discovery found ${jobs} jobs, expected ${JOBS}`);

    before = service.requests.count;
    started = performance.now();
    await tenant.refresh(graph);
    const refreshMs = performance.now() - started;
    const refreshRequests = service.requests.count - before;

    emit('fleet.refresh1000.requests', refreshRequests, 'requests');
    emit('fleet.refresh1000.budget', refreshRequestBudget(jobs), 'requests');
    emit('fleet.refresh1000.ms', refreshMs, 'ms');
    emit('fleet.discover1000.requests', discoveryRequests, 'requests');
    emit('fleet.discover1000.ms', discoveryMs, 'ms');
  } finally {
    await sandbox.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
