import * as assert from 'node:assert/strict';
import type { ProvisioningService } from '../../../src/graph';
import type { Sandbox } from '../../../src/sandbox/server';
import { TenantModel } from '../../../src/tree/tenantModel';
import { serviceFor, startTestSandbox } from '../graph/sandboxService';

/** The service, except that its first jobs read waits for release() (the later ones go straight through). */
function holdFirstJobsRead(real: ProvisioningService): { service: ProvisioningService; release: () => void; calls: { jobs: number } } {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const calls = { jobs: 0 };
  const jobs = Object.create(real.jobs) as ProvisioningService['jobs'];
  jobs.jobsForApps = async (...args: Parameters<ProvisioningService['jobs']['jobsForApps']>) => {
    const result = await real.jobs.jobsForApps(...args);
    if (++calls.jobs === 1) await gate;
    return result;
  };
  return { service: { ...real, jobs } as ProvisioningService, release, calls };
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.ok(condition(), 'the condition came true');
}

describe('TenantModel loads (real sandbox)', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let service: ProvisioningService;
  let listCalls = 0;

  before(async () => {
    sandbox = await startTestSandbox({ apps: 5 });
    service = serviceFor(sandbox);
    // Counts the requests the model makes; the real service still answers them.
    const listApps = service.apps.listApps.bind(service.apps);
    service.apps.listApps = (options) => {
      listCalls++;
      return listApps(options);
    };
  });

  after(async () => {
    await sandbox?.close();
  });

  beforeEach(() => {
    listCalls = 0;
  });

  it('shares one load between callers that ask while it runs', async () => {
    const model = new TenantModel(async () => service);
    await Promise.all([model.load(), model.load(), model.load()]);
    assert.equal(listCalls, 1);
    assert.ok(model.isLoaded);
    assert.ok(model.app(sandbox.demo.servicePrincipalId), 'the demo app is loaded');
  });

  it('keeps the job status the load read: a second caller cannot overwrite it with a later answer', async () => {
    const { servicePrincipalId: spId, jobId } = sandbox.demo;
    const job = sandbox.store.sync(spId).jobs.find((j) => j.id === jobId)!;
    job.status.progress = [{ completedUnits: 2, totalUnits: 10, units: 'Objects', progressObservationDateTime: new Date().toISOString() }];
    // A second load of its own would be answered only after the status changed (held at this gate).
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let serviceCalls = 0;
    const model = new TenantModel(async () => {
      if (++serviceCalls === 2) await gate;
      return service;
    });
    const first = model.load();
    const second = model.load();
    await first;
    job.status.progress = [{ completedUnits: 10, totalUnits: 10, units: 'Objects', progressObservationDateTime: new Date().toISOString() }];
    release();
    await second;
    assert.equal(model.jobs.get(spId)?.[0]?.status?.progress?.[0]?.completedUnits, 2);
    assert.deepEqual(await model.refreshJobs([spId]), [spId], 'the next status refresh sees the change');
  });

  it('loads again after a reset, even while the old load still runs, and drops the old result', async () => {
    // The old load has read the unfiltered page and waits at the gate for its jobs.
    const { service: held, release, calls } = holdFirstJobsRead(service);
    const model = new TenantModel(async () => held);
    const old = model.load();
    await until(() => calls.jobs === 1);
    model.search = 'Contoso SCIM';
    model.reset();
    await model.load();
    release();
    await old;
    assert.deepEqual(model.apps.map((a) => a.id), [sandbox.demo.servicePrincipalId], 'only the searched app, not the old page');
    assert.ok(model.isLoaded);
  });

  it('drops a status refresh that was read before a reset', async () => {
    const { servicePrincipalId: spId, jobId } = sandbox.demo;
    const job = sandbox.store.sync(spId).jobs.find((j) => j.id === jobId)!;
    let current = service;
    const model = new TenantModel(async () => current);
    await model.load();
    const { service: held, release, calls } = holdFirstJobsRead(service);
    current = held;
    job.status.progress = [{ completedUnits: 3, totalUnits: 10, units: 'Objects', progressObservationDateTime: new Date().toISOString() }];
    const stale = model.refreshJobs([spId]);
    await until(() => calls.jobs === 1);
    model.reset();
    job.status.progress = [{ completedUnits: 10, totalUnits: 10, units: 'Objects', progressObservationDateTime: new Date().toISOString() }];
    await model.load();
    release();
    assert.deepEqual(await stale, [], 'nothing changed by the stale read');
    assert.equal(model.jobs.get(spId)?.[0]?.status?.progress?.[0]?.completedUnits, 10, 'the newer load’s status stays');
  });

  it('tries again after a failed load instead of sharing the failure', async () => {
    let calls = 0;
    const model = new TenantModel(async () => {
      if (++calls === 1) throw new Error('sign-in needed');
      return service;
    });
    await assert.rejects(model.load(), /sign-in needed/);
    assert.equal(model.isLoaded, false);
    await model.load();
    assert.ok(model.isLoaded);
  });
});
