import type { TokenCredential } from '@azure/core-auth';
import { AzureCliCredential, ClientCertificateCredential, ClientSecretCredential, DeviceCodeCredential, type DeviceCodeInfo } from '@azure/identity';

/** Sign-in kinds served by @azure/identity. */
export type IdentityKind = 'azureCli' | 'deviceCode' | 'clientSecret' | 'clientCertificate';

export interface IdentityCredentialOptions {
  readonly kind: IdentityKind;
  readonly tenantId: string;
  /** Application (client) id: required for app-only; optional for device code. */
  readonly clientId?: string;
  /** Held in SecretStorage by the caller, passed here in memory only. */
  readonly clientSecret?: string;
  readonly certificatePath?: string;
  /** Login host of the cloud, e.g. `https://login.microsoftonline.us`. */
  readonly authorityHost?: string;
  /** Shows the device-code message to the user. */
  readonly onDeviceCode?: (info: DeviceCodeInfo) => void;
}

/** Azure CLI's public client id; device code uses it when no app of the user's own is configured. */
const AZURE_CLI_CLIENT_ID = '04b07795-8ddb-461a-bbee-02f9e1bf7b46';

/**
 * Builds an @azure/identity credential. Loaded lazily with the Graph runtime. The host checks the
 * options first (GraphConnections), so that the user reads what is missing in their language.
 */
export function createIdentityCredential(options: IdentityCredentialOptions): TokenCredential {
  const common = { authorityHost: options.authorityHost };
  switch (options.kind) {
    case 'azureCli':
      return new AzureCliCredential({ tenantId: options.tenantId === 'organizations' ? undefined : options.tenantId });
    case 'deviceCode':
      return new DeviceCodeCredential({ ...common, tenantId: options.tenantId, clientId: options.clientId || AZURE_CLI_CLIENT_ID, userPromptCallback: options.onDeviceCode });
    case 'clientSecret':
      if (!options.clientId || !options.clientSecret) throw new Error('createIdentityCredential: clientSecret needs clientId and clientSecret.');
      return new ClientSecretCredential(options.tenantId, options.clientId, options.clientSecret, common);
    case 'clientCertificate':
      if (!options.clientId || !options.certificatePath) throw new Error('createIdentityCredential: clientCertificate needs clientId and certificatePath.');
      return new ClientCertificateCredential(options.tenantId, options.clientId, { certificatePath: options.certificatePath }, common);
  }
}
