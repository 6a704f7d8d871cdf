import * as assert from 'node:assert/strict';
import { cloudEndpoints, tenantIdFromAccessToken } from '../../src/auth/clouds';

describe('clouds', () => {
  it('maps national clouds to their Graph hosts and auth providers', () => {
    assert.equal(cloudEndpoints('AzureCloud').graphHost, 'https://graph.microsoft.com');
    assert.equal(cloudEndpoints('AzureUSGovernment').graphHost, 'https://graph.microsoft.us');
    assert.equal(cloudEndpoints('AzureUSGovernment').authProviderId, 'microsoft-sovereign-cloud');
    assert.equal(cloudEndpoints('AzureChinaCloud').graphHost, 'https://microsoftgraph.chinacloudapi.cn');
  });

  it('uses a custom Graph host without its trailing slash, and rejects a missing one', () => {
    assert.equal(cloudEndpoints('Custom', 'http://127.0.0.1:5000/').graphHost, 'http://127.0.0.1:5000');
    assert.throws(() => cloudEndpoints('Custom', ''), /customGraphEndpoint/);
  });

  it('reads the tenant id from an access token and tolerates garbage', () => {
    const payload = Buffer.from(JSON.stringify({ tid: 'aaaabbbb-0000-1111-2222-333344445555' })).toString('base64url');
    assert.equal(tenantIdFromAccessToken(`header.${payload}.sig`), 'aaaabbbb-0000-1111-2222-333344445555');
    assert.equal(tenantIdFromAccessToken('not-a-token'), undefined);
    assert.equal(tenantIdFromAccessToken('a.%%%.c'), undefined);
  });
});
