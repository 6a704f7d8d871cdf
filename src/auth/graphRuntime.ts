// The heavy half of the extension, bundled on its own as dist/graphRuntime.js and required on the
// first Graph call: the Graph client, @azure/identity and the service built on them. Activation
// never loads it (measured in bench/activation).
export * from '../graph/index';
export { createIdentityCredential, type IdentityCredentialOptions, type IdentityKind } from './azureIdentityCredentials';
export { StaticTokenCredential } from './staticTokenCredential';
