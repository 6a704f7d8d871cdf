import { randomUUID } from 'node:crypto';
import { secretValue } from '../sync/secrets';
import type { KeyStringValue, SynchronizationError } from '../types';
import { ScimClient, ScimConnectionError, scimString } from './scimClient';

/** Where the GoToMeeting connector sends users (a gallery connector knows its own endpoint). */
export interface ConnectorEndpoints { gotoMeetingUrl: string }

/** Codes of the errors {@link connect} and {@link testConnection} give: the target cannot be used with the saved credentials. */
const CONNECTION_ERROR_CODES = new Set([
  'CredentialsMissing',
  'SystemForCrossDomainIdentityManagementCredentialValidationUnauthorized',
  'SystemForCrossDomainIdentityManagementCredentialValidationUnavailable',
  'SystemForCrossDomainIdentityManagementServiceUnreachable',
]);

/** Whether an error says the target application cannot be reached or refuses the credentials. */
export function isConnectionError(error: SynchronizationError): boolean {
  return CONNECTION_ERROR_CODES.has(error.code);
}

/** Builds the SCIM client for a job's connector from its credentials, or explains what is missing. */
export function connect(templateId: string, secrets: KeyStringValue[], endpoints: ConnectorEndpoints): ScimClient | SynchronizationError {
  if (templateId === 'gotomeeting') {
    const user = secretValue(secrets, 'UserName');
    const password = secretValue(secrets, 'Password');
    if (!user || !password) return { code: 'CredentialsMissing', message: 'Enter the admin user name and password of the GoToMeeting account.', tenantActionable: true };
    return new ScimClient(endpoints.gotoMeetingUrl, `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`);
  }
  const base = secretValue(secrets, 'BaseAddress');
  const token = secretValue(secrets, 'SecretToken');
  if (!base) return { code: 'CredentialsMissing', message: 'The Tenant URL (BaseAddress) is missing.', tenantActionable: true };
  try {
    new URL(base);
  } catch {
    return { code: 'SystemForCrossDomainIdentityManagementCredentialValidationUnavailable', message: `The Tenant URL '${base}' is not a valid URL.`, tenantActionable: true };
  }
  return new ScimClient(base, `Bearer ${token ?? ''}`);
}

/**
 * Tests a connection the way Entra's "Test Connection" does: query users by a random userName and
 * expect a 200 list. Null when the credentials work.
 */
export async function testConnection(client: ScimClient): Promise<SynchronizationError | null> {
  try {
    const res = await client.send('GET', `/Users?filter=${encodeURIComponent(`userName eq ${scimString(randomUUID())}`)}`);
    if (res.status === 200) return null;
    if (res.status === 401 || res.status === 403) {
      return {
        code: 'SystemForCrossDomainIdentityManagementCredentialValidationUnauthorized',
        message: `The target application rejected the credentials (HTTP ${res.status}).`,
        tenantActionable: true,
      };
    }
    return {
      code: 'SystemForCrossDomainIdentityManagementCredentialValidationUnavailable',
      message: `The target application answered HTTP ${res.status} to a test query; it must return 200 with a ListResponse.`,
      tenantActionable: true,
    };
  } catch (e) {
    const message = e instanceof ScimConnectionError ? e.message : String(e);
    return { code: 'SystemForCrossDomainIdentityManagementServiceUnreachable', message: `Could not reach the target application: ${message}`, tenantActionable: true };
  }
}
