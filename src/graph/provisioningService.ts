import { AppsApi } from './appsApi';
import { createGraphCaller, type GraphConnectionOptions } from './createGraphCaller';
import type { GraphCaller } from './graphCaller';
import { JobsApi } from './jobsApi';
import { LogsApi } from './logsApi';
import type { RequestCounter } from './middleware/requestLog';
import { SchemaApi } from './schemaApi';
import { SecretsApi } from './secretsApi';

/**
 * The one client every feature calls for provisioning: enterprise apps and the gallery, assignments,
 * jobs and their actions, credentials, schema and provisioning logs, all over one Graph connection.
 */
export class ProvisioningService {
  readonly apps: AppsApi;
  readonly jobs: JobsApi;
  readonly secrets: SecretsApi;
  readonly schema: SchemaApi;
  readonly logs: LogsApi;

  constructor(
    readonly graph: GraphCaller,
    /** HTTP attempts made so far (retries included). */
    readonly requests: RequestCounter,
  ) {
    this.apps = new AppsApi(graph);
    this.jobs = new JobsApi(graph);
    this.secrets = new SecretsApi(graph);
    this.schema = new SchemaApi(graph);
    this.logs = new LogsApi(graph);
  }
}

/** Builds the service over a new Graph client for one connection. */
export function createProvisioningService(options: GraphConnectionOptions): ProvisioningService {
  const { caller, requests } = createGraphCaller(options);
  return new ProvisioningService(caller, requests);
}
