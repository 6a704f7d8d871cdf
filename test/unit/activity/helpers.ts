// Fixtures for the activity tests: a real sandbox tenant and our ProvisioningService pointed at it.
import { StaticTokenCredential } from '../../../src/auth/staticTokenCredential';
import { createProvisioningService, type ProvisioningService } from '../../../src/graph';
import type { ActivityEvent } from '../../../src/activity/types';
import { silentLogger } from '../../../src/shared/logger';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../src/sandbox/server';

export const TOKEN = 'activity-test-token';

export function startActivitySandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  return startSandbox({ port: 0, seed: 9, users: 40, groups: 4, token: TOKEN, pace: 'instant', ...options });
}

/** `maxRetries: 0` hands every 429 to the poller instead of the Graph client's own retry. */
export function serviceFor(sandbox: Sandbox, retry: { maxRetries?: number; maxTotalWaitSeconds?: number } = {}): ProvisioningService {
  return createProvisioningService({
    credential: new StaticTokenCredential(TOKEN),
    graphBaseUrl: sandbox.graphUrl,
    scopes: ['https://graph.microsoft.com/.default'],
    logger: silentLogger,
    retry: { maxRetries: retry.maxRetries ?? 5, maxTotalWaitSeconds: retry.maxTotalWaitSeconds ?? 10 },
  });
}

/** The log entries the engine wrote for a job, in the order it wrote them. */
export function engineLog(sandbox: Sandbox, jobId: string): ActivityEvent[] {
  return sandbox.store.data.audit.filter((e) => e.jobId === jobId) as ActivityEvent[];
}

/** A provisioning log entry with what a test cares about; the rest is filled in plausibly. */
export function logEntry(overrides: Partial<ActivityEvent> = {}): ActivityEvent {
  return {
    id: 'e1',
    activityDateTime: '2025-03-01T12:00:05.123Z',
    jobId: 'scim.job1',
    cycleId: '0a1b2c3d-0000-4000-8000-000000000000',
    changeId: 'c1',
    durationInMilliseconds: 40,
    provisioningAction: 'create',
    provisioningStatusInfo: { status: 'success', errorInformation: null },
    provisioningSteps: [{ name: 'EntryImport', provisioningStepType: 'import', status: 'success', description: 'Received the user', details: {} }],
    modifiedProperties: [{ displayName: 'userName', oldValue: null, newValue: 'ada@contoso.com' }],
    servicePrincipal: { id: 'sp1', displayName: 'Contoso SCIM' },
    sourceIdentity: { id: 'u1', displayName: 'Ada Lovelace', identityType: 'User' },
    targetIdentity: { id: 't1', displayName: 'ada@contoso.com', identityType: 'User' },
    initiatedBy: { id: '', displayName: 'Azure AD Provisioning Service', initiatorType: 'system' },
    ...overrides,
  };
}
