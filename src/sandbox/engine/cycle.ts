import { randomUUID } from 'node:crypto';
import type { SandboxStore } from '../state/store';
import { secretValue } from '../sync/secrets';
import type { DirectoryGroup, DirectoryUser, JobRecord, ObjectMapping, ProvisioningObjectSummary, SynchronizationError } from '../types';
import { SYSTEM_INITIATOR, toSummary } from './audit';
import type { AuditScope, ObjectOutcome, ProvisioningLogIngestion } from './audit';
import { deletionThreshold, heldOutcome, quarantineForDeletes } from './deletionThreshold';
import { compileMappings, MappingError } from './mapping';
import type { CompiledMapping } from './mapping';
import { groupSourceObject, processGroup } from './processGroup';
import { processUser } from './processUser';
import { ScimClient } from './scimClient';
import { assignedGroupIds, assignedUserIds, outOfScopeSentence, passesScope } from './scoping';
import { scopeVerdict, scopingFilterOf } from '../../shared/scoping';
import { userSourceObject } from './sourceObject';
import type { RateGate } from './pace';
import { recordCycle, recordFailure, recordRunning } from './status';
import { connect, isConnectionError, testConnection } from './target';
import type { ConnectorEndpoints } from './target';

/** Services a cycle needs. */
export interface CycleDeps {
  store: SandboxStore;
  endpoints: ConnectorEndpoints;
  /** Objects processed in parallel. */
  concurrency: number;
  /** The cycle interval, which a quarantined job's retries are measured against. */
  intervalMs: number;
  /** Called before a cycle reports its result, so observers of the target see its effects. */
  settle?: () => Promise<void>;
  /** Where provisioning log entries go (readable after the ingestion delay). */
  logs: ProvisioningLogIngestion;
  /** Spaces the cycle's objects to the export rate; absent, they go as fast as they can. */
  gate?: RateGate;
}

/** A running cycle publishes its progress at most this often (a 10k-user cycle need not rewrite it per user). */
const PROGRESS_EVERY_MS = 100;

/**
 * What a running cycle shows while it runs: now and then its progress, counts and entries by type
 * on the job status, and a log entry per object stamped with the time it was done. A paced cycle
 * logs each object as it goes, like Entra; an unpaced one (the instant pace, a few milliseconds for
 * a small tenant) writes its entries together at the end, so that a client paging the log never
 * sees half of a batch of entries that share one millisecond.
 */
class RunReport {
  entitled = 0;
  done = 0;
  private total = 0;
  private published = 0;
  private readonly unlogged: ProvisioningObjectSummary[] = [];

  /**
   * @param changedUsers Collects the users this cycle changed (succeeded with), when a group pass
   *   needs them.
   */
  constructor(private readonly deps: CycleDeps, private readonly job: JobRecord, private readonly began: Date, private readonly result: CycleResult, private readonly scope: AuditScope, readonly changedUsers?: Set<string>) {}

  /** More objects to process (the group pass adds its own once the users are done). */
  addUnits(n: number): void {
    this.total += n;
    this.publish(true);
  }

  /**
   * An object's outcome: logged with the time it happened, counted, and kept for the result only
   * while the result holds fewer than {@link OUTCOME_SAMPLE} (its log entry is what stays).
   */
  log(outcome: ObjectOutcome): void {
    const r = this.result;
    r.logged[outcome.status] = (r.logged[outcome.status] ?? 0) + 1;
    if (r.outcomes.length < OUTCOME_SAMPLE) r.outcomes.push(outcome);
    if (this.changedUsers && outcome.status === 'success' && outcome.identityType !== 'Group') this.changedUsers.add(outcome.source.id);
    const entry = toSummary(this.scope, outcome);
    if (this.deps.gate) this.deps.logs.add([entry]);
    else this.unlogged.push(entry);
  }

  /** Writes the entries kept back (the cycle is ending). */
  flush(): void {
    this.deps.logs.add(this.unlogged.splice(0));
  }

  /** One object processed. */
  objectDone(): void {
    this.done++;
    this.publish(false);
  }

  private publish(force: boolean): void {
    const now = Date.now();
    if (!force && now - this.published < PROGRESS_EVERY_MS) return;
    this.published = now;
    const r = this.result;
    recordRunning(this.job, this.result.cycleId, this.began, { imported: r.imported, entitled: this.entitled, exported: r.exported, escrowed: r.escrowed }, this.done, this.total);
  }
}

/** What a cycle did. */
export interface CycleResult {
  cycleId: string;
  state: 'Succeeded' | 'EntryLevelErrors' | 'Failed' | 'Stopped';
  error?: SynchronizationError;
  imported: number;
  exported: number;
  escrowed: number;
  /** How many objects the cycle logged, by provisioning status. */
  logged: Partial<Record<ObjectOutcome['status'], number>>;
  /**
   * The first outcomes the cycle logged, at most {@link OUTCOME_SAMPLE} (all of them for a small
   * tenant); the provisioning log has every one.
   */
  outcomes: ObjectOutcome[];
}

/**
 * Outcomes a cycle's result keeps. Each log entry holds what matters of its outcome; keeping every
 * outcome too held some 150 bytes per object of a 100,000-user cycle until the cycle ended.
 */
export const OUTCOME_SAMPLE = 1000;

/** The parts of a job's schema a cycle runs. */
export interface PreparedJob {
  client: ScimClient;
  objectMapping: ObjectMapping;
  mappings: CompiledMapping[];
  syncAll: boolean;
  skipOutOfScopeDeletions: boolean;
  assigned: Set<string> | null;
  /** The accidental-deletion threshold, or null when the protection is off. */
  deleteThreshold: number | null;
  /** The enabled group mapping, if any, with its compiled attribute mappings. */
  groups?: { objectMapping: ObjectMapping; mappings: CompiledMapping[]; assigned: Set<string> | null };
}

/** Connects to the target and compiles the user mapping; an error means the cycle cannot run. */
export async function prepareJob(deps: CycleDeps, spId: string, job: JobRecord): Promise<PreparedJob | SynchronizationError | null> {
  const secrets = deps.store.sync(spId).secrets;
  const client = connect(job.templateId, secrets, deps.endpoints);
  if (!(client instanceof ScimClient)) return client;
  const connectionError = await testConnection(client);
  if (connectionError) return connectionError;
  const rule = job.schema.synchronizationRules[0];
  const objectMapping = rule?.objectMappings.find((om) => om.enabled && om.sourceObjectName.toLowerCase() === 'user');
  if (!rule || !objectMapping) return null;
  const targetObject = job.schema.directories.find((d) => d.name === rule.targetDirectoryName)?.objects.find((o) => o.name === objectMapping.targetObjectName);
  const groupMapping = rule.objectMappings.find((om) => om.enabled && om.sourceObjectName.toLowerCase() === 'group');
  const groupTarget = groupMapping && job.schema.directories.find((d) => d.name === rule.targetDirectoryName)?.objects.find((o) => o.name === groupMapping.targetObjectName);
  let mappings: CompiledMapping[];
  let groupMappings: CompiledMapping[] | undefined;
  try {
    mappings = compileMappings(objectMapping.attributeMappings, targetObject);
    if (groupMapping) groupMappings = compileMappings(groupMapping.attributeMappings, groupTarget);
  } catch (e) {
    if (e instanceof MappingError) return { code: 'InvalidMappingExpression', message: e.message, tenantActionable: true };
    throw e;
  }
  const syncAll = (secretValue(secrets, 'SyncAll') ?? '').toLowerCase() === 'true';
  return {
    client, objectMapping, mappings, syncAll,
    skipOutOfScopeDeletions: (secretValue(secrets, 'SkipOutOfScopeDeletions') ?? '').toLowerCase() === 'true',
    assigned: syncAll ? null : assignedUserIds(deps.store, spId),
    deleteThreshold: deletionThreshold(secrets, job),
    groups: groupMapping && groupMappings ? { objectMapping: groupMapping, mappings: groupMappings, assigned: syncAll ? null : assignedGroupIds(deps.store, spId) } : undefined,
  };
}

/** Whether a user is entitled to an account, and if not, why. */
export function entitlement(p: PreparedJob, user: DirectoryUser): { entitled: boolean; reason: string } {
  const verdict = scopeVerdict(
    { deleted: Boolean(user.deletedDateTime), assigned: p.assigned?.has(user.id) ?? true, syncAll: p.syncAll },
    scopingFilterOf(p.objectMapping.scope),
    userSourceObject(user, false, []),
  );
  return verdict.inScope ? { entitled: true, reason: '' } : { entitled: false, reason: outOfScopeSentence[verdict.reason] };
}

/** Whether a group is assigned (or SyncAll) and passes the group scoping filter, and if not, why. */
function groupEntitlement(g: NonNullable<PreparedJob['groups']>, group: DirectoryGroup): { entitled: boolean; reason: string } {
  const assigned = !g.assigned || g.assigned.has(group.id);
  if (!assigned) return { entitled: false, reason: 'the group is not assigned to the application' };
  if (!passesScope(g.objectMapping.scope, groupSourceObject(group, false))) return { entitled: false, reason: 'the group does not pass the scoping filter' };
  return { entitled: true, reason: '' };
}

/**
 * What this cycle would disable (users: out of scope, deleted or disabled in Entra, with an active
 * account) or delete (groups leaving scope), when that is more than the accidental-deletion
 * threshold allows and no restart with ForceDeletes let it through: the cycle holds all of it
 * (user ids, and `group:<id>` keys) and the job goes into quarantine. Empty when nothing is held.
 */
function deletionsToHold(job: JobRecord, p: PreparedJob, candidates: string[], store: SandboxStore, forced: boolean): Set<string> {
  if (p.deleteThreshold === null || forced) return new Set();
  const pending = candidates.filter((id) => {
    const user = store.users.get(id);
    if (!user || job.runtime.provisioned[id]?.active !== true) return false;
    const { entitled } = entitlement(p, user);
    return entitled ? !user.accountEnabled : !p.skipOutOfScopeDeletions;
  });
  if (p.groups) {
    for (const id of Object.keys(job.runtime.provisionedGroups ?? {})) {
      const group = store.groups.get(id);
      if (group && !groupEntitlement(p.groups, group).entitled) pending.push(groupEscrowKey(id));
    }
  }
  return pending.length > p.deleteThreshold ? new Set(pending) : new Set();
}

/** Key of a group among escrows and held deletions (users are keyed by their id). */
export const groupEscrowKey = (id: string) => `group:${id}`;

/**
 * Provisions groups after users (their members must exist first). Incremental cycles take groups
 * whose membership or assignment changed, groups of users created or disabled in this cycle, and
 * failed groups.
 */
async function provisionGroups(deps: CycleDeps, job: JobRecord, p: PreparedJob, full: boolean, changedUsers: Set<string>, held: ReadonlySet<string>, result: CycleResult, stop: () => boolean, run: RunReport): Promise<void> {
  const g = p.groups!;
  const { store } = deps;
  const ids = new Set<string>();
  // Groups held by the last cycle come back (job.runtime.heldDeletes is replaced only after this pass).
  const heldBefore = new Set(job.runtime.heldDeletes ?? []);
  for (const group of store.groups.values()) {
    const key = groupEscrowKey(group.id);
    if (full || (store.data.groupSeq[group.id] ?? 0) > job.runtime.watermark || group.members.some((m) => changedUsers.has(m)) || job.runtime.escrows[key] || held.has(key) || heldBefore.has(key)) ids.add(group.id);
  }
  run.addUnits(ids.size);
  await pool([...ids], deps.concurrency, async (id) => {
    await deps.gate?.wait();
    if (stop()) return;
    const group = store.groups.get(id);
    if (!group) return run.objectDone();
    const e = groupEntitlement(g, group);
    if (held.has(groupEscrowKey(id))) {
      run.log(heldOutcome({ id, displayName: group.displayName, name: group.displayName, identityType: 'Group' }, job.runtime.provisionedGroups?.[id]?.targetId, e.reason, held.size, p.deleteThreshold ?? 0));
      return run.objectDone();
    }
    const outcome = await processGroup({
      job, group, entitled: e.entitled, scopeReason: e.reason,
      objectMapping: g.objectMapping, mappings: g.mappings, client: p.client,
    });
    if (!outcome) return run.objectDone();
    run.log(outcome);
    if (outcome.status === 'failure') {
      const key = groupEscrowKey(id);
      job.runtime.escrows[key] = { sourceId: id, errorCode: outcome.error?.code ?? 'Unknown', reason: outcome.error?.reason ?? '', count: (job.runtime.escrows[key]?.count ?? 0) + 1 };
      result.escrowed++;
    } else {
      delete job.runtime.escrows[groupEscrowKey(id)];
      result.exported++;
    }
    run.objectDone();
  }, stop);
}

async function pool<T>(items: T[], concurrency: number, work: (item: T, index: number) => Promise<void>, stop: () => boolean): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && !stop()) {
      const i = next++;
      await work(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
}

/**
 * Runs one provisioning cycle of a job. A job whose watermark is 0 gets a full (initial) cycle
 * over every user; otherwise only users changed since the watermark, plus escrowed retries, are
 * read, which keeps a no-change incremental cycle cheap however big the tenant is.
 */
export async function runCycle(deps: CycleDeps, spId: string, job: JobRecord, shouldStop: () => boolean): Promise<CycleResult> {
  const { store } = deps;
  const cycleId = randomUUID();
  const began = new Date();
  const sp = store.servicePrincipals.get(spId)!;
  const result: CycleResult = { cycleId, state: 'Succeeded', imported: 0, exported: 0, escrowed: 0, logged: {}, outcomes: [] };

  const prepared = await prepareJob(deps, spId, job);
  if (prepared && !('client' in prepared)) {
    recordFailure(job, cycleId, began, prepared, deps.intervalMs, isConnectionError(prepared));
    store.changed();
    return { ...result, state: 'Failed', error: prepared };
  }
  const highWater = store.data.seq;
  const full = job.runtime.watermark === 0;
  const ids = new Set<string>();
  if (prepared) {
    if (full) for (const id of store.users.keys()) ids.add(id);
    else for (const [id, seq] of Object.entries(store.data.userSeq)) if (seq > job.runtime.watermark) ids.add(id);
    // Escrows and held deletions also hold `group:<id>` keys; groups have their own pass.
    for (const id of Object.keys(job.runtime.escrows)) if (store.users.has(id)) ids.add(id);
    for (const id of job.runtime.heldDeletes ?? []) if (store.users.has(id)) ids.add(id);
  }
  const candidates = [...ids];
  // Read once: a restart during this cycle sets it for the next one.
  const forced = job.runtime.forceDeletes === true;
  const held = prepared ? deletionsToHold(job, prepared, candidates, store, forced) : new Set<string>();
  const run = new RunReport(deps, job, began, result, { tenantId: store.data.tenantId, jobId: job.id, cycleId, sp, initiatedBy: SYSTEM_INITIATOR }, prepared?.groups ? new Set() : undefined);
  run.addUnits(candidates.length);
  await pool(candidates, deps.concurrency, async (id) => {
    await deps.gate?.wait();
    if (shouldStop()) return;
    const user = store.users.get(id);
    if (!user || !prepared) return run.objectDone();
    const e = entitlement(prepared, user);
    if (e.entitled) run.entitled++;
    if (held.has(id)) {
      result.imported++;
      run.log(heldOutcome({ id, displayName: user.displayName, name: user.userPrincipalName, identityType: 'User' }, job.runtime.provisioned[id]?.targetId, e.reason || 'the user is disabled in Entra ID', held.size, prepared.deleteThreshold ?? 0));
      return run.objectDone();
    }
    const outcome = await processUser({
      job, user, entitled: e.entitled, scopeReason: e.reason, objectMapping: prepared.objectMapping, mappings: prepared.mappings,
      client: prepared.client, skipOutOfScopeDeletions: prepared.skipOutOfScopeDeletions, reportNoOps: !full,
    });
    result.imported++;
    if (outcome) {
      run.log(outcome);
      if (outcome.status === 'failure') {
        const prev = job.runtime.escrows[id];
        job.runtime.escrows[id] = { sourceId: id, errorCode: outcome.error?.code ?? 'Unknown', reason: outcome.error?.reason ?? '', count: (prev?.count ?? 0) + 1 };
        result.escrowed++;
      } else {
        delete job.runtime.escrows[id];
        if (outcome.status === 'success') result.exported++;
      }
    } else {
      delete job.runtime.escrows[id];
    }
    run.objectDone();
  }, shouldStop);

  if (prepared?.groups && !shouldStop()) {
    await provisionGroups(deps, job, prepared, full, run.changedUsers!, held, result, shouldStop, run);
  }

  // A stopped cycle (pause, restart, close) keeps its watermark so the rest is picked up when it
  // runs again; redoing an object that was done is harmless.
  const stopped = shouldStop();
  if (!stopped) {
    job.runtime.watermark = highWater;
    job.runtime.heldDeletes = [...held];
    if (forced && prepared) delete job.runtime.forceDeletes;
  }
  job.runtime.cycles++;
  run.flush();
  const quarantineBefore = job.status.quarantine;
  recordCycle(job, cycleId, began, { imported: result.imported, entitled: run.entitled, exported: result.exported, escrowed: result.escrowed }, !stopped);
  // A paused job stays paused; its held deletions are checked again when it resumes.
  if (held.size > 0 && !stopped && job.schedule.state === 'Active') quarantineForDeletes(job, held.size, prepared?.deleteThreshold ?? 0, quarantineBefore);
  store.changed();
  await deps.settle?.();
  return { ...result, state: stopped ? 'Stopped' : result.escrowed > 0 ? 'EntryLevelErrors' : 'Succeeded' };
}
