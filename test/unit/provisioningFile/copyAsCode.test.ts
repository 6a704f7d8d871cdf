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
      const lookups = { settings: [{ key: 'SyncAll', value: 'true' }], schema: { synchronizationRules: [] } };
      assert.ok(graphRequestsFor(command, args, lookups).length > 0, command);
    }
    assert.throws(() => graphRequestsFor('entraProvisioning.saveMappings', job), /mapping editor of this job is not open/);
    assert.throws(() => graphRequestsFor('entraProvisioning.applyJobFile', job), /sends nothing/);
    assert.throws(() => graphRequestsFor('entraProvisioning.editProvisioningSettings', job), /no provisioning setting/);
    assert.throws(() => graphRequestsFor('entraProvisioning.signIn', job), /does not know/);
    assert.throws(() => graphRequestsFor('entraProvisioning.startJob', { servicePrincipalId: 'x' }), /jobId/);
  });

  it('writes a settings change as the secrets PUT (Set-MgServicePrincipalSynchronizationSecret) and a schema PUT as Invoke-MgGraphRequest', () => {
    const settings = graphRequestsFor('entraProvisioning.editProvisioningSettings', job, { settings: [{ key: 'SyncAll', value: 'true' }] });
    assert.deepEqual(settings.map((r) => [r.method, r.path, r.body]), [['PUT', "/servicePrincipals/sp'1/synchronization/secrets", { value: [{ key: 'SyncAll', value: 'true' }] }]]);
    assert.match(requestsAsCode(settings, 'powershell', root), /Set-MgServicePrincipalSynchronizationSecret -ServicePrincipalId 'sp''1' -BodyParameter \$params/);
    const schema = { synchronizationRules: [{ name: "it's" }] };
    const apply = graphRequestsFor('entraProvisioning.applyJobFile', job, { schema, settings: [{ key: 'SkipOutOfScopeDeletions', value: 'true' }] });
    assert.deepEqual(apply.map((r) => `${r.method} ${r.path}`), ["PUT /servicePrincipals/sp'1/synchronization/jobs/scim.abc/schema", "PUT /servicePrincipals/sp'1/synchronization/secrets"]);
    const powershell = requestsAsCode(apply, 'powershell', root);
    // Update-MgServicePrincipalSynchronizationJobSchema sends PATCH, which the service refuses.
    assert.doesNotMatch(powershell, /Update-MgServicePrincipalSynchronizationJobSchema/);
    assert.match(powershell, /\$body = @'\n\{\n {2}"synchronizationRules"[\s\S]*"it's"[\s\S]*\n'@\nInvoke-MgGraphRequest -Method PUT -Uri 'https:\/\/graph\.microsoft\.com\/v1\.0\/servicePrincipals\/sp''1\/synchronization\/jobs\/scim\.abc\/schema' -Body \$body -ContentType 'application\/json'/);
    const az = requestsAsCode(apply, 'azcli', root);
    assert.match(az, /--body '\{"synchronizationRules":\[\{"name":"it'\\''s"\}\]\}'/, 'a quote in the body is closed, escaped and reopened for bash');
    assert.equal(requestsAsCode(apply, 'http', root).split('\n\n###\n\n').length, 2, 'two requests');
  });

  it('names the credentials check Test-MgServicePrincipalSynchronizationJobCredentials', () => {
    assert.match(requestsAsCode(graphRequestsFor('entraProvisioning.testConnection', job), 'powershell', root), /^Test-MgServicePrincipalSynchronizationJobCredentials -ServicePrincipalId/m);
  });
});

