import type { SynchronizationTemplate } from '@microsoft/microsoft-graph-types';

/** One admin credential the app's provisioning connector asks for. */
export interface CredentialField {
  readonly key: string;
  readonly label: string;
  readonly secret: boolean;
  readonly required: boolean;
}

const knownLabels: Record<string, string> = {
  BaseAddress: 'Tenant URL',
  SecretToken: 'Secret Token',
  UserName: 'Admin Username',
  Password: 'Admin Password',
  ClientIdentifier: 'Client ID',
  ClientSecret: 'Client Secret',
  Domain: 'Domain',
  InstanceName: 'Instance name',
};
// The same keys the service treats as write-only credentials.
const secretKeys = new Set(['Password', 'SecretToken', 'ClientSecret', 'AppKey', 'ConsumerSecret', 'TokenKey', 'Oauth2AccessToken', 'Oauth2RefreshToken', 'Oauth2ClientSecret', 'Oauth2AuthorizationCode', 'ConnectionString']);

/**
 * The fields of the credentials form, from the template's `ConfigurationFields` metadata (the names of
 * the admin center's text boxes). Without it: the SCIM pair for SCIM connectors, else user and password.
 */
export function credentialFields(template: SynchronizationTemplate | undefined): CredentialField[] {
  const raw = template?.metadata?.find((m) => m.key === 'ConfigurationFields')?.value;
  if (raw) {
    try {
      const parsed: unknown = JSON.parse(raw);
      if (Array.isArray(parsed)) {
        const fields = parsed
          .map((f: Record<string, unknown>) => {
            const key = typeof f.name === 'string' ? f.name : typeof f.key === 'string' ? f.key : undefined;
            if (!key) return undefined;
            return {
              key,
              label: typeof f.displayName === 'string' ? f.displayName : (knownLabels[key] ?? key),
              // Masked when either the template or our list says it is a secret.
              secret: f.isSecret === true || secretKeys.has(key),
              required: f.required !== false,
            };
          })
          .filter((f): f is CredentialField => f !== undefined);
        if (fields.length > 0) return fields;
      }
    } catch {
      // Unreadable metadata: fall back to what the connector kind usually needs.
    }
  }
  const scim = /scim/i.test(template?.factoryTag ?? '') || /scim/i.test(template?.id ?? '');
  const keys = scim ? ['BaseAddress', 'SecretToken'] : ['UserName', 'Password'];
  return keys.map((key) => ({ key, label: knownLabels[key] ?? key, secret: secretKeys.has(key), required: true }));
}
