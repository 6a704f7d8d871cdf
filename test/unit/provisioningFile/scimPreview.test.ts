import * as assert from 'node:assert/strict';
import { scimPreview, type PreviewUser } from '../../../src/sandbox/engine/scimPreview';
import { applyConfigurationToSchema, buildProvisioningFile, type ProvisioningFile } from '../../../src/shared/provisioningFile';
import { scimSchema } from '../mappingEditor/fixtures';

const settings = { syncAll: false, skipOutOfScopeDeletions: false };
const users: PreviewUser[] = [
  { label: 'Ada (ada@contoso.test)', assigned: true, attributes: { userPrincipalName: 'ada@contoso.test', displayName: 'Ada', jobTitle: 'Engineer', department: 'R&D', IsSoftDeleted: false, accountEnabled: true } },
  { label: 'Bob (bob@contoso.test)', assigned: false, attributes: { userPrincipalName: 'bob@contoso.test', displayName: 'Bob', jobTitle: 'Sales', department: 'Sales', IsSoftDeleted: false, accountEnabled: true } },
  { label: 'Cy (cy@contoso.test)', assigned: true, attributes: { userPrincipalName: 'cy@contoso.test', displayName: 'Cy', department: 'Ops', IsSoftDeleted: false, accountEnabled: true } },
];

function planned(edit: (file: ProvisioningFile) => void) {
  const schema = scimSchema();
  const file = JSON.parse(JSON.stringify(buildProvisioningFile({ tenantId: 't', servicePrincipalId: 's', jobId: 'j' }, schema, [], undefined, new Date(0)))) as ProvisioningFile;
  edit(file);
  return { schema, planned: applyConfigurationToSchema(schema, file) };
}

describe('SCIM preview of a plan (issue #15)', () => {
  it('sends a PATCH with the new value to in-scope users whose value changes, nothing to others', () => {
    const { schema, planned: next } = planned((file) => {
      const title = file.objectMappings[0].attributeMappings.find((m) => m.target === 'title') as { source?: string; expression?: string };
      delete title.source;
      title.expression = 'ToUpper([jobTitle])';
    });
    const preview = scimPreview(schema, next, settings, settings, users, 10);
    assert.deepEqual(preview.map((p) => p.subject), ['Ada (ada@contoso.test)', 'Cy (cy@contoso.test)'], 'only assigned users are in scope');
    assert.deepEqual(preview[0].requests, [{ method: 'PATCH', path: '/Users/{id}', body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'title', value: 'ENGINEER' }] } }]);
    assert.deepEqual(preview[1].requests, [], 'Cy has no job title: nothing changes for Cy');
    assert.equal(scimPreview(schema, next, settings, settings, users, 1).length, 1, 'the sample size caps the users');
  });

  it('POSTs users that come into scope and disables those that leave it', () => {
    const { schema, planned: next } = planned(() => undefined);
    const preview = scimPreview(schema, next, settings, { ...settings, syncAll: true }, users, 10);
    const bob = preview.find((p) => p.subject.startsWith('Bob'));
    assert.equal(bob?.requests[0].method, 'POST');
    assert.equal(bob?.requests[0].body.userName, 'bob@contoso.test');
    const leaving = scimPreview(schema, next, { ...settings, syncAll: true }, settings, users, 10).find((p) => p.subject.startsWith('Bob'));
    assert.deepEqual(leaving?.requests[0].body.Operations, [{ op: 'replace', path: 'active', value: false }]);
  });
});
