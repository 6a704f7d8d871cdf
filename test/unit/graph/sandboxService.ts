// Test fixture: a real sandbox tenant on loopback and our ProvisioningService pointed at it.
import { StaticTokenCredential } from '../../../src/auth/staticTokenCredential';
import { createProvisioningService, type ProvisioningService } from '../../../src/graph';
import { silentLogger } from '../../../src/shared/logger';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../src/sandbox/server';

export const TEST_TOKEN = 'unit-test-token';

export async function startTestSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  // Replication delay off: these tests read back what they write (replication.test.ts covers the delay).
  return startSandbox({ port: 0, seed: 7, users: 20, groups: 4, token: TEST_TOKEN, pace: 'instant', replicationDelaySeconds: 0, ...options });
}

export function serviceFor(sandbox: Sandbox, options: { token?: string; maxTotalWaitSeconds?: number; maxRetries?: number } = {}): ProvisioningService {
  return createProvisioningService({
    credential: new StaticTokenCredential(options.token ?? TEST_TOKEN),
    graphBaseUrl: sandbox.graphUrl,
    scopes: ['https://graph.microsoft.com/.default'],
    logger: silentLogger,
    retry: { maxTotalWaitSeconds: options.maxTotalWaitSeconds ?? 10, maxRetries: options.maxRetries ?? 5 },
  });
}
