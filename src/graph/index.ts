// The Graph layer's public surface. Heavy: bundled separately (dist/graphRuntime.js) and loaded on the
// first Graph call, so activating the extension does not pay for the Graph client or @azure/identity.
export { createProvisioningService, ProvisioningService } from './provisioningService';
export type { GraphConnectionOptions } from './createGraphCaller';
export { ProvisioningApiError, type GraphErrorKind } from './errors';
export type { OnDemandResult, OnDemandSubject, CredentialCheck, AppJobs } from './jobsApi';
export type { SecretPair } from './secretsApi';
export { DEFAULT_ACCESS_ROLE_ID, holdsDeletions, isMaskedSecret, isNeverTime } from './facts';
export type { Page } from './graphCaller';
export { provisioningLogFilter, type LogQuery, type LogEventPage } from './logsApi';
