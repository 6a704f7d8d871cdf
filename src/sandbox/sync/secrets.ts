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
