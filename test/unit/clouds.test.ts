import * as assert from 'node:assert/strict';
import { cloudEndpoints, customGraphHost, tenantIdFromAccessToken } from '../../src/auth/clouds';

describe('clouds', () => {
  it('maps national clouds to their Graph hosts and auth providers', () => {
    assert.equal(cloudEndpoints('AzureCloud').graphHost, 'https://graph.microsoft.com');
    assert.equal(cloudEndpoints('AzureUSGovernment').graphHost, 'https://graph.microsoft.us');
    assert.equal(cloudEndpoints('AzureUSGovernment').authProviderId, 'microsoft-sovereign-cloud');
    assert.equal(cloudEndpoints('AzureChinaCloud').graphHost, 'https://microsoftgraph.chinacloudapi.cn');
  });

  it('uses a custom Graph host without its trailing slash, and rejects a missing one', () => {
    assert.equal(cloudEndpoints('Custom', 'http://127.0.0.1:5000/').graphHost, 'http://127.0.0.1:5000');
    assert.equal(customGraphHost('https://graph.example.test//'), 'https://graph.example.test');
    for (const bad of [undefined, '', 'graph.example.test', 'ftp://graph.example.test', 'https:// spaced']) assert.equal(customGraphHost(bad), undefined, String(bad));
    // The host refuses such a setting first, in the user's language (configuredCloud); reaching here is a defect.
    assert.throws(() => cloudEndpoints('Custom', ''), (e: Error) => e.name === 'Error' && /not an http\(s\) URL/.test(e.message));
  });

  it('reads the tenant id from an access token and tolerates garbage', () => {
    const payload = Buffer.from(JSON.stringify({ tid: 'aaaabbbb-0000-1111-2222-333344445555' })).toString('base64url');
    assert.equal(tenantIdFromAccessToken(`header.${payload}.sig`), 'aaaabbbb-0000-1111-2222-333344445555');
    assert.equal(tenantIdFromAccessToken('not-a-token'), undefined);
    assert.equal(tenantIdFromAccessToken('a.%%%.c'), undefined);
  });
});
