// 10,000 provisioning log entries paged from the sandbox through the activity stream (poller,
// de-duplication, ordering, filter and formatter) into a sink, as the output channel would get
// them. The entries are real: an incremental cycle of the sandbox engine over 10,000 changed
// users, each of which it logs once. Prints JSON lines.
import { ActivityStream } from '../../src/activity/activityStream';
import { StaticTokenCredential } from '../../src/auth/staticTokenCredential';
import { createProvisioningService } from '../../src/graph';
import { silentLogger } from '../../src/shared/logger';
import { startSandbox } from '../../src/sandbox/server';

const USERS = 10_000;

function emit(metric: string, value: number, unit: string): void {
  console.log(JSON.stringify({ metric, value: Number(value.toFixed(3)), unit }));
}

async function main(): Promise<void> {
  const token = 'bench-token';
  const sandbox = await startSandbox({ port: 0, seed: 5, users: USERS, groups: 8, token, pace: 'instant' });
  try {
    const service = createProvisioningService({ credential: new StaticTokenCredential(token), graphBaseUrl: sandbox.graphUrl, scopes: ['bench/.default'], logger: silentLogger });
    const { servicePrincipalId, jobId } = sandbox.demo;
    // The sink keeps each line's text (what the channel would show) and the event it reports.
    const lines: string[] = [];
    const sinkIds: string[] = [];
    const stream = new ActivityStream({
      service,
      scope: { kind: 'job', servicePrincipalId, jobId },
      sink: (line) => {
        lines.push(line.text);
        if (line.eventId) sinkIds.push(line.eventId);
      },
      filter: () => ({ hideStatuses: [], hideActions: [] }),
      intervalMs: () => 10_000,
      watchJobs: false,
      startAt: Date.now(),
      // The sandbox here writes its log at once: nothing to hold back, and the round is what is timed.
      maxHoldMs: 0,
    });

    // The initial cycle provisions the assigned users; the stream reads its entries (not timed).
    await sandbox.engine.runCycleNow(servicePrincipalId, jobId);
    await stream.round();
    // Every user changed: the incremental cycle logs one entry per user (mostly "skipped", out of scope).
    sandbox.store.touchUsers(sandbox.store.users.keys());
    const cycle = await sandbox.engine.runCycleNow(servicePrincipalId, jobId);
    const expected = sandbox.store.data.audit.filter((e) => e.cycleId === cycle.cycleId).map((e) => e.id);
    if (expected.length !== USERS) throw new Error(`the cycle logged ${expected.length} entries, not ${USERS}`);

    const first = sinkIds.length;
    const started = performance.now();
    await stream.round();
    const seconds = (performance.now() - started) / 1000;
    const emittedIds = sinkIds.slice(first);

    const unique = new Set(emittedIds);
    emit('activity10k.seconds', seconds, 's');
    emit('activity10k.duplicates', emittedIds.length - unique.size, 'events');
    emit('activity10k.lost', expected.filter((id) => !unique.has(id)).length, 'events');
  } finally {
    await sandbox.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
