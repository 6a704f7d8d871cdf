import { newGuid } from '../random';
import type { ProvisioningObjectSummary, ServicePrincipal } from '../types';

/** One step of processing an object, in the provisioning log's vocabulary. */
export type Step = ProvisioningObjectSummary['provisioningSteps'][number];

/** What processing one object produced, before it becomes a log entry. */
export interface ObjectOutcome {
  action: ProvisioningObjectSummary['provisioningAction'];
  status: ProvisioningObjectSummary['provisioningStatusInfo']['status'];
  steps: Step[];
  modifiedProperties: ProvisioningObjectSummary['modifiedProperties'];
  error?: { code: string; reason: string; category: 'failure' | 'nonServiceFailure'; recommendedAction?: string };
  source: { id: string; displayName: string };
  target: { id: string; displayName: string };
  durationMs: number;
  /** `User` unless said otherwise. */
  identityType?: 'User' | 'Group';
}

/** Where an entry belongs. */
export interface AuditScope {
  tenantId: string;
  jobId: string;
  cycleId: string;
  sp: ServicePrincipal;
  /** Who started it: the service for cycles, a user for provision on demand. */
  initiatedBy: ProvisioningObjectSummary['initiatedBy'];
}

/** An empty `details` bag, shared: entries are never changed once written, and a cycle writes one per object. */
export const NO_DETAILS: Record<string, string> = Object.freeze({}) as Record<string, string>;

type Systems = Pick<ProvisioningObjectSummary, 'servicePrincipal' | 'sourceSystem' | 'targetSystem'>;

/**
 * The parts of an entry that name the app and the tenant, built once per app and tenant and shared
 * by its entries (a 100,000-user cycle writes 100,000 entries; these parts are the same in all).
 */
const systemsCache = new WeakMap<ServicePrincipal, Map<string, Systems>>();

function systemsOf(sp: ServicePrincipal, tenantId: string): Systems {
  let byTenant = systemsCache.get(sp);
  if (!byTenant) {
    byTenant = new Map();
    systemsCache.set(sp, byTenant);
  }
  let systems = byTenant.get(tenantId);
  // Built again if the app was renamed since.
  if (!systems || systems.servicePrincipal.displayName !== sp.displayName || systems.targetSystem.id !== sp.appId) {
    systems = Object.freeze({
      servicePrincipal: Object.freeze({ id: sp.id, displayName: sp.displayName }),
      sourceSystem: Object.freeze({ id: tenantId, displayName: 'Azure Active Directory', details: NO_DETAILS }),
      targetSystem: Object.freeze({ id: sp.appId, displayName: sp.displayName, details: Object.freeze({ ApplicationId: sp.appId, ServicePrincipalId: sp.id, ServicePrincipalDisplayName: sp.displayName }) }),
    });
    byTenant.set(tenantId, systems);
  }
  return systems;
}

type StatusInfo = ProvisioningObjectSummary['provisioningStatusInfo'];

/** The status part of entries without an error, one per status (a cycle writes one entry per object). */
const STATUS_ONLY = new Map<StatusInfo['status'], StatusInfo>(
  (['success', 'warning', 'failure', 'skipped'] as const).map((status) => [status, Object.freeze({ status, errorInformation: null })]),
);

/** Builds a provisioningObjectSummary from an outcome. */
export function toSummary(scope: AuditScope, o: ObjectOutcome, at = new Date()): ProvisioningObjectSummary {
  const { servicePrincipal, sourceSystem, targetSystem } = systemsOf(scope.sp, scope.tenantId);
  return {
    id: newGuid(),
    activityDateTime: at.toISOString(),
    tenantId: scope.tenantId,
    jobId: scope.jobId,
    cycleId: scope.cycleId,
    changeId: newGuid(),
    durationInMilliseconds: o.durationMs,
    provisioningAction: o.action,
    provisioningStatusInfo: o.error
      ? { status: o.status, errorInformation: { errorCode: o.error.code, reason: o.error.reason, additionalDetails: null, errorCategory: o.error.category, recommendedAction: o.error.recommendedAction ?? null } }
      : STATUS_ONLY.get(o.status)!,
    // A copy of exactly its length: the steps were pushed one by one into an array with room for 17.
    provisioningSteps: o.steps.slice(),
    modifiedProperties: o.modifiedProperties,
    servicePrincipal,
    sourceSystem,
    targetSystem,
    sourceIdentity: { id: o.source.id, displayName: o.source.displayName, identityType: o.identityType ?? 'User', details: NO_DETAILS },
    targetIdentity: { id: o.target.id, displayName: o.target.displayName, identityType: o.identityType ?? 'User', details: NO_DETAILS },
    initiatedBy: scope.initiatedBy,
  };
}

/** The provisioning service as initiator of scheduled cycles. */
export const SYSTEM_INITIATOR: ProvisioningObjectSummary['initiatedBy'] = { id: '', displayName: 'Azure AD Provisioning Service', initiatorType: 'system' };

/**
 * Provisioning log entries as Graph serves them: each becomes readable some time after the action
 * it records (Entra ingests provisioning logs with a delay), between `delayMs` and twice that, drawn
 * per entry so that a later action can show up before an earlier one. `activityDateTime` stays the
 * time of the action. Entries are stored at once (persisted state keeps them); only reads wait.
 */
export class ProvisioningLogIngestion {
  /** Entries not yet readable, with the time they become readable. */
  private readonly pending = new Map<ProvisioningObjectSummary, number>();

  constructor(
    private readonly store: { addAudit(entries: ProvisioningObjectSummary[]): void },
    private readonly delayMs: number,
    private readonly random: () => number,
  ) {}

  /** Records entries whose actions happened at their `activityDateTime`. */
  add(entries: ProvisioningObjectSummary[]): void {
    if (this.delayMs > 0) {
      for (const e of entries) this.pending.set(e, Date.parse(e.activityDateTime) + this.delayMs * (1 + this.random()));
    }
    this.store.addAudit(entries);
  }

  /** The entries of `all` that Graph shows at `now`, in their order. */
  visible<T extends ProvisioningObjectSummary>(all: T[], now = Date.now()): T[] {
    for (const [entry, at] of this.pending) if (at <= now) this.pending.delete(entry);
    if (this.pending.size === 0) return all;
    return all.filter((e) => !this.pending.has(e));
  }

  /** Whether one entry is readable at `now`. */
  isVisible(entry: ProvisioningObjectSummary, now = Date.now()): boolean {
    const at = this.pending.get(entry);
    if (at === undefined) return true;
    if (at > now) return false;
    this.pending.delete(entry);
    return true;
  }
}
