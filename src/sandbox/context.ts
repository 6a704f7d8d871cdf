import type { JobControl } from './engine/api';
import type { Replication } from './graph/replication';
import type { ProvisioningLogIngestion } from './engine/audit';
import type { FaultSettings } from './http/middleware';
import type { Random } from './random';
import type { SandboxStore } from './state/store';

/** Services shared by the Graph routers, built once per sandbox instance (no module globals). */
export interface SandboxContext {
  store: SandboxStore;
  faults: FaultSettings;
  random: Random;
  engine: JobControl;
  /** Hides objects written through Graph from other requests for the replication delay. */
  replication: Replication;
  /** Provisioning log entries, each readable after its ingestion delay. */
  logs: ProvisioningLogIngestion;
}
