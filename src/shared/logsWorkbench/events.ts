import type { ProvisioningObjectSummary } from '@microsoft/microsoft-graph-types';
import type { LogEventDetails, LogIdentity } from './protocol';

type Identity = { id?: string | null; displayName?: string | null; identityType?: string | null; details?: { additionalDetails?: unknown } | Record<string, unknown> | null } | null | undefined;

const MAX_FIELD = 10_000;

function text(value: unknown, max = MAX_FIELD): string | undefined {
  if (typeof value !== 'string') return undefined;
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}

function nullableText(value: unknown): string | null | undefined {
  return value === null ? null : text(value);
}

/**
 * The user principal name in an identity's details: Graph gives `details` as a detailsInfo with
 * key/value pairs, the sandbox as a plain map; both are read, and either may lack it.
 */
function userPrincipalName(details: unknown): string | undefined {
  if (typeof details !== 'object' || details === null) return undefined;
  const plain = details as Record<string, unknown>;
  for (const key of ['UserPrincipalName', 'userPrincipalName']) if (typeof plain[key] === 'string') return text(plain[key], 1000);
  const pairs = plain.additionalDetails;
  if (Array.isArray(pairs)) {
    const found = pairs.find((p) => typeof p === 'object' && p !== null && /^userPrincipalName$/i.test(String((p as { key?: unknown }).key)));
    if (found) return text((found as { value?: unknown }).value, 1000);
  }
  return undefined;
}

function identity(value: Identity): LogIdentity | undefined {
  if (!value) return undefined;
  const upn = userPrincipalName(value.details);
  return {
    ...(text(value.id, 1000) !== undefined ? { id: text(value.id, 1000) } : {}),
    ...(text(value.displayName, 1000) !== undefined ? { displayName: text(value.displayName, 1000) } : {}),
    ...(text(value.identityType, 200) !== undefined ? { identityType: text(value.identityType, 200) } : {}),
    ...(upn !== undefined ? { userPrincipalName: upn } : {}),
  };
}

/**
 * The part of a provisioning event the workbench's detail pane shows, under Graph's field names:
 * what crosses to the webview when an event is selected. Long texts are cut so one event cannot
 * make a message too large; at most 50 steps and 1,000 modified properties are kept.
 */
export function toLogEventDetails(event: ProvisioningObjectSummary): LogEventDetails {
  const info = event.provisioningStatusInfo;
  const error = info?.errorInformation;
  return {
    id: String(event.id ?? ''),
    ...(text(event.activityDateTime, 40) ? { activityDateTime: text(event.activityDateTime, 40) } : {}),
    ...(text(event.jobId, 1000) ? { jobId: text(event.jobId, 1000) } : {}),
    ...(text(event.cycleId, 1000) ? { cycleId: text(event.cycleId, 1000) } : {}),
    ...(text(event.changeId, 1000) ? { changeId: text(event.changeId, 1000) } : {}),
    ...(typeof event.durationInMilliseconds === 'number' ? { durationInMilliseconds: event.durationInMilliseconds } : {}),
    ...(text(event.provisioningAction, 100) ? { provisioningAction: text(event.provisioningAction, 100) } : {}),
    provisioningStatusInfo: {
      ...(text(info?.status, 100) ? { status: text(info?.status, 100) } : {}),
      errorInformation: error
        ? {
            errorCode: nullableText(error.errorCode) ?? null,
            reason: nullableText(error.reason) ?? null,
            additionalDetails: nullableText(error.additionalDetails) ?? null,
            errorCategory: nullableText(error.errorCategory) ?? null,
            recommendedAction: nullableText(error.recommendedAction) ?? null,
          }
        : null,
    },
    provisioningSteps: (event.provisioningSteps ?? []).slice(0, 50).map((step) => ({
      ...(text(step.name, 1000) ? { name: text(step.name, 1000) } : {}),
      ...(text(step.provisioningStepType, 100) ? { provisioningStepType: text(step.provisioningStepType, 100) } : {}),
      ...(text(step.status, 100) ? { status: text(step.status, 100) } : {}),
      ...(text(step.description) ? { description: text(step.description) } : {}),
    })),
    modifiedProperties: (event.modifiedProperties ?? []).slice(0, 1000).map((p) => ({
      ...(text(p.displayName, 1000) ? { displayName: text(p.displayName, 1000) } : {}),
      oldValue: nullableText(p.oldValue) ?? null,
      newValue: nullableText(p.newValue) ?? null,
    })),
    ...(identity(event.servicePrincipal as Identity) ? { servicePrincipal: identity(event.servicePrincipal as Identity) } : {}),
    ...(identity(event.sourceIdentity as Identity) ? { sourceIdentity: identity(event.sourceIdentity as Identity) } : {}),
    ...(identity(event.targetIdentity as Identity) ? { targetIdentity: identity(event.targetIdentity as Identity) } : {}),
  };
}
