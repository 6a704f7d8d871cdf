import type { ProvisioningObjectSummary } from '@microsoft/microsoft-graph-types';

/**
 * Whether a provisioning log entry comes from provisioning on demand rather than a scheduled cycle:
 * the service starts cycles itself (initiator type `system`), while on-demand runs are started by a
 * person or an app. Their action is often `other`, which says nothing to a reader.
 */
export function isOnDemand(event: Pick<ProvisioningObjectSummary, 'initiatedBy'>): boolean {
  // One of Graph's own examples spells the field `initiatingType`.
  const type = event.initiatedBy?.initiatorType ?? (event.initiatedBy as { initiatingType?: string } | null | undefined)?.initiatingType;
  return type === 'user' || type === 'application';
}
