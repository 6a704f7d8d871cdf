import * as assert from 'node:assert/strict';
import { copyableCommands, graphRequestsFor, requestsAsCode } from '../../../src/shared/copyAsCode';

const root = 'https://graph.microsoft.com/v1.0';
const job = { servicePrincipalId: "sp'1", jobId: 'scim.abc' };

describe('copy as code (Graph requests of job commands)', () => {
  it('writes restart with its scope as HTTP, PowerShell and az rest', () => {
    const requests = graphRequestsFor('entraProvisioning.restartJob', { ...job, resetScope: ['Watermark', 'Escrows'] });
    assert.equal(requestsAsCode(requests, 'http', root), [
      "POST https://graph.microsoft.com/v1.0/servicePrincipals/sp'1/synchronization/jobs/scim.abc/restart",
      'Authorization: Bearer {token}',
      'Content-Type: application/json',
      '',
      '{\n  "criteria": {\n    "resetScope": "Watermark, Escrows"\n  }\n}',
    ].join('\n') + '\n');
    const powershell = requestsAsCode(requests, 'powershell', root);
    assert.match(powershell, /Restart-MgServicePrincipalSynchronizationJob -ServicePrincipalId 'sp''1' -SynchronizationJobId 'scim\.abc' -BodyParameter \$params/);
    const az = requestsAsCode(requests, 'azcli', root);
    assert.match(az, /^az rest --method post \\\n {2}--url 'https:\/\/graph\.microsoft\.com\/v1\.0\/servicePrincipals\/sp'\\''1\/synchronization\/jobs\/scim\.abc\/restart'/);
    assert.match(az, /--body '\{"criteria":\{"resetScope":"Watermark, Escrows"\}\}'/);
  });

  it('never writes a credential value, only placeholders', () => {
    for (const command of ['entraProvisioning.saveCredentials', 'entraProvisioning.testConnection']) {
      const requests = graphRequestsFor(command, { ...job, credentials: [{ key: 'SecretToken', value: 'real-secret' }] });
      for (const format of ['http', 'powershell', 'azcli'] as const) {
        const text = requestsAsCode(requests, format, root);
        assert.doesNotMatch(text, /real-secret/);
        assert.match(text, /<SecretToken>/);
      }
    }
  });

  it('knows every job command it lists and refuses others', () => {
    for (const command of copyableCommands) {
      const args = { ...job, templateId: 'scim', subject: { objectId: 'u', objectTypeName: 'User' } };
      assert.ok(graphRequestsFor(command, args).length > 0, command);
    }
    assert.throws(() => graphRequestsFor('entraProvisioning.signIn', job), /does not know/);
    assert.throws(() => graphRequestsFor('entraProvisioning.startJob', { servicePrincipalId: 'x' }), /jobId/);
  });
});
