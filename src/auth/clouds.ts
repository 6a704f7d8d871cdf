/** The national clouds we know, by the value of the `entraProvisioning.cloud` setting. */
export type CloudName = 'AzureCloud' | 'AzureUSGovernment' | 'AzureChinaCloud' | 'Custom';

export interface CloudEndpoints {
  /** Graph host root without version, e.g. `https://graph.microsoft.com`. */
  readonly graphHost: string;
  /** VS Code authentication provider id that signs in to this cloud. */
  readonly authProviderId: 'microsoft' | 'microsoft-sovereign-cloud';
  /** Where "Open in Entra admin center" goes. */
  readonly portalUrl: string;
  /** Login host for @azure/identity credentials. */
  readonly authorityHost: string;
}

const clouds: Record<Exclude<CloudName, 'Custom'>, CloudEndpoints> = {
  AzureCloud: { graphHost: 'https://graph.microsoft.com', authProviderId: 'microsoft', portalUrl: 'https://entra.microsoft.com', authorityHost: 'https://login.microsoftonline.com' },
  AzureUSGovernment: { graphHost: 'https://graph.microsoft.us', authProviderId: 'microsoft-sovereign-cloud', portalUrl: 'https://portal.azure.us', authorityHost: 'https://login.microsoftonline.us' },
  AzureChinaCloud: { graphHost: 'https://microsoftgraph.chinacloudapi.cn', authProviderId: 'microsoft-sovereign-cloud', portalUrl: 'https://portal.azure.cn', authorityHost: 'https://login.chinacloudapi.cn' },
};

/** A custom Graph host without its trailing slashes; undefined when it is not an http(s) URL. */
export function customGraphHost(value: string | undefined): string | undefined {
  const host = (value ?? '').replace(/\/+$/, '');
  return /^https?:\/\/[^\s/]+/.test(host) ? host : undefined;
}

/**
 * Endpoints for a cloud; `Custom` uses the given Graph host with public-cloud sign-in. The host
 * checks a custom host first (see `configuredCloud`), so that the user reads why in their language.
 */
export function cloudEndpoints(name: CloudName, customHost?: string): CloudEndpoints {
  if (name === 'Custom') {
    const host = customGraphHost(customHost);
    if (!host) throw new Error('cloudEndpoints: the custom Graph host is not an http(s) URL.');
    return { ...clouds.AzureCloud, graphHost: host };
  }
  return clouds[name] ?? clouds.AzureCloud;
}

/** Delegated scopes, asked for when a feature first needs them (read first, write on demand). */
export { graphScopes, type ScopeGroup } from '../shared/graphPermissions';

/** The tenant id (`tid` claim) of an access token, without verifying it (it is only a display hint). */
export function tenantIdFromAccessToken(accessToken: string): string | undefined {
  const payload = accessToken.split('.')[1];
  if (!payload) return undefined;
  try {
    const json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { tid?: unknown };
    return typeof json.tid === 'string' ? json.tid : undefined;
  } catch {
    return undefined;
  }
}
