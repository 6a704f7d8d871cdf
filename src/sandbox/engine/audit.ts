import { randomUUID } from 'node:crypto';
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

/** Builds a provisioningObjectSummary from an outcome. */
export function toSummary(scope: AuditScope, o: ObjectOutcome, at = new Date()): ProvisioningObjectSummary {
  return {
    id: randomUUID(),
    activityDateTime: at.toISOString(),
    tenantId: scope.tenantId,
    jobId: scope.jobId,
    cycleId: scope.cycleId,
    changeId: randomUUID(),
    durationInMilliseconds: o.durationMs,
    provisioningAction: o.action,
    provisioningStatusInfo: {
      status: o.status,
      errorInformation: o.error
        ? { errorCode: o.error.code, reason: o.error.reason, additionalDetails: null, errorCategory: o.error.category, recommendedAction: o.error.recommendedAction ?? null }
        : null,
    },
    provisioningSteps: o.steps,
    modifiedProperties: o.modifiedProperties,
    servicePrincipal: { id: scope.sp.id, displayName: scope.sp.displayName },
    sourceSystem: { id: scope.tenantId, displayName: 'Azure Active Directory', details: {} },
    targetSystem: { id: scope.sp.appId, displayName: scope.sp.displayName, details: { ApplicationId: scope.sp.appId, ServicePrincipalId: scope.sp.id, ServicePrincipalDisplayName: scope.sp.displayName } },
    sourceIdentity: { id: o.source.id, displayName: o.source.displayName, identityType: o.identityType ?? 'User', details: {} },
    targetIdentity: { id: o.target.id, displayName: o.target.displayName, identityType: o.identityType ?? 'User', details: {} },
    initiatedBy: scope.initiatedBy,
  };
}

/** The provisioning service as initiator of scheduled cycles. */
export const SYSTEM_INITIATOR: ProvisioningObjectSummary['initiatedBy'] = { id: '', displayName: 'Azure AD Provisioning Service', initiatorType: 'system' };
