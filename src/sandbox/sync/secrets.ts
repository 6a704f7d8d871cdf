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
 * Applies a PUT of the secret list. The list replaces the stored one, except that credential
 * (write-only) values are kept when the PUT leaves them out or sends the mask back: GET never
 * returns them, so a client that reads, edits and writes the list could not send them again.
 * Sending a credential key with an empty value removes it.
 */
export function applySecretsPut(stored: KeyStringValue[], incoming: KeyStringValue[]): KeyStringValue[] {
  const out = new Map<string, string>();
  for (const s of stored) if (SENSITIVE.has(s.key)) out.set(s.key, s.value);
  for (const s of incoming) {
    if (SENSITIVE.has(s.key) && s.value === MASK && out.has(s.key)) continue;
    if (SENSITIVE.has(s.key) && s.value === '') {
      out.delete(s.key);
      continue;
    }
    out.set(s.key, s.value);
  }
  // Keep the caller's order, with kept credentials first where they were not resent.
  return [...out].map(([key, value]) => ({ key, value }));
}
