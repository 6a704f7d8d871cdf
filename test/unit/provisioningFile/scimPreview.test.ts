import * as assert from 'node:assert/strict';
import { scimPreview, type PreviewGroup, type PreviewUser } from '../../../src/sandbox/engine/scimPreview';
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
    const preview = scimPreview(schema, next, settings, settings, { users }, 10);
    assert.deepEqual(preview.map((p) => p.subject), ['Ada (ada@contoso.test)', 'Cy (cy@contoso.test)'], 'only assigned users are in scope');
    assert.deepEqual(preview[0].requests, [{ method: 'PATCH', path: '/Users/{id}', body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'title', value: 'ENGINEER' }] } }]);
    assert.deepEqual(preview[1].requests, [], 'Cy has no job title: nothing changes for Cy');
    assert.equal(scimPreview(schema, next, settings, settings, { users }, 1).length, 1, 'the sample size caps the users');
  });

  it('POSTs users that come into scope and disables those that leave it', () => {
    const { schema, planned: next } = planned(() => undefined);
    const preview = scimPreview(schema, next, settings, { ...settings, syncAll: true }, { users }, 10);
    const bob = preview.find((p) => p.subject.startsWith('Bob'));
    assert.equal(bob?.requests[0].method, 'POST');
    assert.equal(bob?.requests[0].body!.userName, 'bob@contoso.test');
    const leaving = scimPreview(schema, next, { ...settings, syncAll: true }, settings, { users }, 10).find((p) => p.subject.startsWith('Bob'));
    assert.deepEqual(leaving?.requests[0].body!.Operations, [{ op: 'replace', path: 'active', value: false }]);
  });

  it('sends nothing for a value that becomes empty, and says the app keeps it', () => {
    const { schema, planned: next } = planned((file) => {
      const title = file.objectMappings[0].attributeMappings.find((m) => m.target === 'title') as { source?: string; expression?: string };
      title.source = 'officeLocation';
    });
    const ada = scimPreview(schema, next, settings, settings, { users }, 10).find((p) => p.subject.startsWith('Ada'));
    assert.deepEqual(ada, { subject: 'Ada (ada@contoso.test)', requests: [], kept: ['title'] }, 'the engine sends no remove: outbound provisioning does not clear');
  });

  it('previews an enabled group mapping: attribute PATCH, members as provisioned, POST and DELETE on scope changes', () => {
    const members = [users[0], users[1]];
    const groups: PreviewGroup[] = [
      { label: 'Engineers', assigned: true, members, attributes: { objectId: 'g-1', displayName: 'Engineers', mailNickname: 'eng', IsSoftDeleted: false } },
      { label: 'Sales', assigned: false, members: [users[1]], attributes: { objectId: 'g-2', displayName: 'Sales', mailNickname: 'sales', IsSoftDeleted: false } },
    ];
    const enableGroups = (file: ProvisioningFile) => {
      (file.objectMappings.find((om) => om.sourceObject === 'Group') as { enabled: boolean }).enabled = true;
    };
    const enabled = planned(enableGroups);
    // Today the group mapping is enabled; the file maps externalId from the mail nickname.
    const current = enabled.planned;
    const { planned: next } = (() => {
      const file = JSON.parse(JSON.stringify(buildProvisioningFile({ tenantId: 't', servicePrincipalId: 's', jobId: 'j' }, current, [], undefined, new Date(0)))) as ProvisioningFile;
      const externalId = file.objectMappings.find((om) => om.sourceObject === 'Group')!.attributeMappings.find((m) => m.target === 'externalId') as { source?: string };
      externalId.source = 'mailNickname';
      return { planned: applyConfigurationToSchema(current, file) };
    })();
    const preview = scimPreview(current, next, settings, settings, { users, groups }, 10);
    assert.deepEqual(preview.map((p) => p.subject), ['Group Engineers'], 'the user mapping is untouched; only the assigned group is in scope');
    assert.deepEqual(preview[0].requests, [{ method: 'PATCH', path: '/Groups/{id}', body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'externalId', value: 'eng' }] } }]);

    // Enabling the group mapping creates the group, then adds its members in scope (Ada; Bob is not assigned).
    const created = scimPreview(enabled.schema, current, settings, settings, { users, groups }, 10).find((p) => p.subject === 'Group Engineers');
    assert.deepEqual(created?.requests.map((r) => r.method), ['POST', 'PATCH']);
    assert.deepEqual(created?.requests[0].body, { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Engineers', externalId: 'g-1' });
    assert.deepEqual(created?.requests[1].body!.Operations, [{ op: 'add', path: 'members', value: [{ value: '{id of ada@contoso.test}' }] }]);

    // Syncing everyone brings Bob into both groups and the unassigned Sales group into scope.
    const all = scimPreview(current, current, settings, { ...settings, syncAll: true }, { users, groups }, 10);
    const engineers = all.find((p) => p.subject === 'Group Engineers');
    assert.deepEqual(engineers?.requests[0].body!.Operations, [{ op: 'add', path: 'members', value: [{ value: '{id of bob@contoso.test}' }] }]);
    assert.deepEqual(all.find((p) => p.subject === 'Group Sales')?.requests.map((r) => r.method), ['POST', 'PATCH']);
    const narrowed = scimPreview(current, current, { ...settings, syncAll: true }, settings, { users, groups }, 10);
    assert.deepEqual(narrowed.find((p) => p.subject === 'Group Sales')?.requests, [{ method: 'DELETE', path: '/Groups/{id}', body: null }]);
    assert.deepEqual(narrowed.find((p) => p.subject === 'Group Engineers')?.requests[0].body!.Operations, [{ op: 'remove', path: 'members[value eq "{id of bob@contoso.test}"]' }]);
  });

  it('takes only objects in scope toward the sample, and previews users only when the change touches them', () => {
    const { schema, planned: next } = planned((file) => {
      (file.objectMappings.find((om) => om.sourceObject === 'Group') as { enabled: boolean }).enabled = true;
    });
    const preview = scimPreview(schema, next, settings, settings, { users, groups: [] }, 1);
    assert.deepEqual(preview, [], 'the user mapping did not change, and no group is in scope');
    const many: PreviewUser[] = [users[1], users[1], users[0]];
    const { schema: s2, planned: n2 } = planned((file) => {
      (file.objectMappings[0].attributeMappings.find((m) => m.target === 'title') as { source?: string }).source = 'department';
    });
    assert.deepEqual(scimPreview(s2, n2, settings, settings, { users: many }, 1).map((p) => p.subject), ['Ada (ada@contoso.test)'], 'out-of-scope users are passed over');
  });
});

