// The Graph layer's public surface. Heavy: bundled separately (dist/graph.js) and loaded on the
// first Graph call, so activating the extension does not pay for the Graph client or @azure/identity.
export { createProvisioningService, ProvisioningService } from './provisioningService';
export type { GraphConnectionOptions } from './createGraphCaller';
export { ProvisioningApiError, type GraphErrorKind } from './errors';
export { DEFAULT_ACCESS_ROLE_ID } from './appsApi';
export type { OnDemandResult, OnDemandSubject, CredentialCheck, AppJobs } from './jobsApi';
export { isMaskedSecret, type SecretPair } from './secretsApi';
export type { Page } from './graphCaller';
export { provisioningLogFilter, type LogQuery } from './logsApi';
