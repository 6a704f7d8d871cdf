import type { GraphError } from '../http/graphError';
import { nestedError } from '../http/graphError';
import type { KeyStringValue } from '../types';

/** Every documented synchronizationSecret key. */
export const SECRET_KEYS = new Set([
  'None', 'UserName', 'Password', 'SecretToken', 'AppKey', 'BaseAddress', 'ClientIdentifier', 'ClientSecret', 'SingleSignOnType',
  'Sandbox', 'Url', 'Domain', 'ConsumerKey', 'ConsumerSecret', 'TokenKey', 'TokenExpiration', 'Oauth2AccessToken',
  'Oauth2AccessTokenCreationTime', 'Oauth2RefreshToken', 'SyncAll', 'InstanceName', 'Oauth2ClientId', 'Oauth2ClientSecret', 'CompanyId',
  'UpdateKeyOnSoftDelete', 'SynchronizationSchedule', 'SystemOfRecord', 'SandboxName', 'EnforceDomain', 'SyncNotificationSettings',
  'SkipOutOfScopeDeletions', 'Oauth2AuthorizationCode', 'Oauth2RedirectUri', 'ApplicationTemplateIdentifier', 'Oauth2TokenExchangeUri',
  'Oauth2AuthorizationUri', 'AuthenticationType', 'Server', 'PerformInboundEntitlementGrants', 'HardDeletesEnabled',
  'SyncAgentCompatibilityKey', 'SyncAgentADContainer', 'ValidateDomain', 'TestReferences', 'ConnectionString',
]);

/** Keys whose values are credentials and must never be returned. */
const SENSITIVE = new Set([
  'Password', 'SecretToken', 'AppKey', 'ClientSecret', 'ConsumerSecret', 'TokenKey', 'Oauth2AccessToken', 'Oauth2RefreshToken',
  'Oauth2ClientSecret', 'Oauth2AuthorizationCode', 'ConnectionString',
]);

/** What GET shows in place of a credential value. */
export const MASK = '*****';

/** Secrets as GET returns them: credential values replaced by a mask, settings left readable. */
export function maskSecrets(secrets: KeyStringValue[]): KeyStringValue[] {
  return secrets.map((s) => ({ key: s.key, value: SENSITIVE.has(s.key) ? MASK : s.value }));
}

/** Value of a secret key, if set. */
export function secretValue(secrets: KeyStringValue[], key: string): string | undefined {
  return secrets.find((s) => s.key === key)?.value;
}

/**
 * The error the real service gives for a `SyncNotificationSettings` value it cannot read, `""`
 * included (so that key cannot be removed the way others are): 400 `UnknownError` whose message is
 * the provisioning service's own error document (msgraph-metadata issue 347,
 * github.com/microsoftgraph/msgraph-metadata/issues/347).
 */
function invalidNotificationSettings(): GraphError {
  return nestedError(400, 'InvalidNotificationSettings', null);
}

/** Whether a `SyncNotificationSettings` value is what the service accepts: a JSON object (`"{}"` included). */
function isNotificationSettings(value: string): boolean {
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed);
  } catch {
    return false;
  }
}

/**
 * Applies a PUT of secrets as the real service does (msgraph-metadata issue 347; the Terraform
 * azuread provider's synchronization secret resource relies on it): key by key. A key sent with a
 * value replaces that key, a key sent with `""` is removed, a key not sent is kept. A credential
 * sent back as the mask GET shows keeps its stored value. The whole PUT is checked before anything
 * changes.
 * @throws GraphError for a `SyncNotificationSettings` value that is not a JSON object.
 */
export function applySecretsPut(stored: KeyStringValue[], incoming: KeyStringValue[]): KeyStringValue[] {
  for (const s of incoming) if (s.key === 'SyncNotificationSettings' && !isNotificationSettings(s.value)) throw invalidNotificationSettings();
  const out = new Map(stored.map((s) => [s.key, s.value]));
  for (const s of incoming) {
    if (s.value === '') out.delete(s.key);
    else if (!(SENSITIVE.has(s.key) && s.value === MASK && out.has(s.key))) out.set(s.key, s.value);
  }
  // Kept keys stay where they were; new ones follow in the order sent.
  return [...out].map(([key, value]) => ({ key, value }));
}
