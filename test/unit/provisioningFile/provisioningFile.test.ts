import * as assert from 'node:assert/strict';
import { createDocument, schemaText } from '../../../src/shared/mappingEditor';
import {
  applyConfigurationToSchema,
  buildProvisioningFile,
  configurationOf,
  diffConfigurations,
  fingerprintOf,
  parseProvisioningFile,
  provisioningFileText,
  type JobConfiguration,
  type ProvisioningFile,
} from '../../../src/shared/provisioningFile';
import { scimSchema } from '../mappingEditor/fixtures';

const identity = { tenantId: 't-1', connection: 'Sandbox', servicePrincipalId: 'sp-1', appDisplayName: 'App', jobId: 'scim.abc', templateId: 'scim' };
const secrets = [
  { key: 'BaseAddress', value: 'https://scim.example.com/scim' },
  { key: 'SecretToken', value: 's3cr3t-value' },
  { key: 'SyncAll', value: 'false' },
  { key: 'SyncNotificationSettings', value: JSON.stringify({ Enabled: true, Recipients: 'ops@example.com', DeleteThresholdEnabled: true, DeleteThresholdValue: 500 }) },
];
const at = new Date('2026-12-03T10:00:00Z');

function fileOf(schema = scimSchema()): ProvisioningFile {
  return buildProvisioningFile(identity, schema, secrets, scimSchema(), at);
}

/** A deep copy of a file's configuration with `edit` applied to its user mapping. */
function edited(file: ProvisioningFile, edit: (om: { attributeMappings: Array<Record<string, unknown>>; addedTargetAttributes: unknown[] }) => void): JobConfiguration {
  const copy = JSON.parse(JSON.stringify(file)) as ProvisioningFile;
  edit(copy.objectMappings.find((om) => om.sourceObject === 'User') as never);
  return copy;
}

describe('provisioning file (issue #15)', () => {
  it('holds the identity, the settings and the mappings, but never a credential value', () => {
    const file = fileOf();
    const text = provisioningFileText(file);
    assert.doesNotMatch(text, /s3cr3t-value|scim\.example\.com|SecretToken|BaseAddress/);
    assert.deepEqual(file.identity, identity);
    assert.deepEqual(file.settings, { notificationEmail: 'ops@example.com', emailOnFailure: true, deleteThreshold: 500, scope: 'assigned', skipOutOfScopeDeletions: false });
    const users = file.objectMappings.find((om) => om.sourceObject === 'User')!;
    assert.equal(users.attributeMappings.find((m) => m.target === 'userName')?.source, 'userPrincipalName');
    assert.equal(users.attributeMappings.find((m) => m.target === 'userName')?.matchingPriority, 1);
    assert.match(users.attributeMappings.find((m) => m.target === 'active')?.expression ?? '', /^Switch\(\[IsSoftDeleted\]/);
    assert.deepEqual(users.addedTargetAttributes, [], 'nothing was added to the template');
  });

  it('writes 2-space JSON in a stable order, mappings sorted by target, whatever order the tenant returns', () => {
    const schema = scimSchema();
    const reversed = scimSchema();
    reversed.synchronizationRules![0].objectMappings![0].attributeMappings!.reverse();
    const a = provisioningFileText(fileOf(schema));
    const b = provisioningFileText(fileOf(reversed));
    assert.equal(a, b);
    assert.ok(a.startsWith('{\n  "format": 1,\n  "identity": {\n    "tenantId": "t-1",'), a.slice(0, 80));
    assert.ok(a.endsWith('}\n'));
    const targets = fileOf().objectMappings[0].attributeMappings.map((m) => m.target.toLowerCase());
    assert.deepEqual(targets, [...targets].sort());
    assert.equal(fileOf(schema).version.fingerprint, fileOf(reversed).version.fingerprint, 'the fingerprint ignores order without meaning');
  });

  it('round-trips through parse, and the fingerprint moves with any configuration change', () => {
    const file = fileOf();
    const parsed = parseProvisioningFile(provisioningFileText(file));
    assert.deepEqual(parsed, file);
    const changed = edited(file, (om) => {
      om.attributeMappings.find((m) => m.target === 'title')!.expression = 'ToUpper([jobTitle])';
      delete om.attributeMappings.find((m) => m.target === 'title')!.source;
    });
    assert.notEqual(fingerprintOf(changed), file.version.fingerprint);
    assert.equal(fingerprintOf(file), file.version.fingerprint);
  });

  it('refuses files that are not provisioning files, saying why', () => {
    assert.throws(() => parseProvisioningFile('{'), /not valid JSON/);
    assert.throws(() => parseProvisioningFile('{"format":1}'), /identity/);
    const file = JSON.parse(provisioningFileText(fileOf())) as Record<string, unknown>;
    (file.objectMappings as Array<{ attributeMappings: Array<Record<string, unknown>> }>)[0].attributeMappings[0].constant = 'x';
    assert.throws(() => parseProvisioningFile(JSON.stringify(file)), /exactly one of source, constant, expression/);
    assert.throws(() => parseProvisioningFile(JSON.stringify({ ...fileOf(), format: 99 })), /newer/);
  });

  it('diffs two configurations into named paths with before and after', () => {
    const file = fileOf();
    const after = edited(file, (om) => {
      const title = om.attributeMappings.find((m) => m.target === 'title')!;
      delete title.source;
      title.expression = 'ToUpper([jobTitle])';
      om.attributeMappings.push({ target: 'nickName', constant: 'n', flowType: 'ObjectAddOnly', matchingPriority: 0 });
      om.attributeMappings.splice(om.attributeMappings.findIndex((m) => m.target === 'preferredLanguage'), 1);
    });
    const changes = diffConfigurations(file, { ...after, settings: { ...after.settings, scope: 'all' } });
    const om = file.objectMappings.find((o) => o.sourceObject === 'User')!;
    const key = `objectMappings[${om.sourceObject} → ${om.targetObject}]`;
    assert.deepEqual(changes, [
      { path: 'settings.scope', before: 'assigned', after: 'all' },
      { path: `${key}.attributeMappings[nickName]`, after: { target: 'nickName', constant: 'n', flowType: 'ObjectAddOnly', matchingPriority: 0 } },
      { path: `${key}.attributeMappings[title].source`, before: 'jobTitle' },
      { path: `${key}.attributeMappings[title].expression`, after: 'ToUpper([jobTitle])' },
      { path: `${key}.attributeMappings[preferredLanguage]`, before: om.attributeMappings.find((m) => m.target === 'preferredLanguage') },
    ]);
    assert.deepEqual(diffConfigurations(file, fileOf()), []);
  });

  it('applies a configuration to the tenant schema, changing only what the file changes', () => {
    const schema = scimSchema();
    const file = fileOf(schema);
    assert.equal(schemaText(applyConfigurationToSchema(schema, file, scimSchema())), schemaText(schema), 'an unchanged file writes the schema back as read');
    const after = edited(file, (om) => {
      const title = om.attributeMappings.find((m) => m.target === 'title')!;
      delete title.source;
      title.expression = 'ToUpper([jobTitle])';
      om.addedTargetAttributes.push({ name: 'urn:ietf:params:scim:schemas:extension:test:2.0:User:costCenter', type: 'String', multivalued: false, required: false });
      om.attributeMappings.push({ target: 'urn:ietf:params:scim:schemas:extension:test:2.0:User:costCenter', source: 'department', flowType: 'Always', matchingPriority: 0 });
    });
    const written = applyConfigurationToSchema(schema, after, scimSchema());
    const roundTrip = configurationOf(written, secrets, scimSchema());
    assert.deepEqual(diffConfigurations(after, roundTrip), [], 'the tenant then holds what the file says');
    const userMappings = createDocument(written).objectMappings.find((o) => o.sourceObjectName === 'User')!;
    assert.equal(userMappings.attributeMappings.find((m) => m.targetAttribute === 'title')?.expression, 'ToUpper([jobTitle])');
    assert.ok(userMappings.targetAttributes?.some((a) => a.name.endsWith(':costCenter')));
    // Removing the added attribute from the file removes it from the tenant; template attributes stay.
    const removed = applyConfigurationToSchema(written, file, scimSchema());
    assert.deepEqual(diffConfigurations(file, configurationOf(removed, secrets, scimSchema())), []);
  });

  it('names an object mapping the tenant does not have', () => {
    const file = fileOf();
    const wrong = { ...file, objectMappings: [{ ...file.objectMappings[0], sourceObject: 'Device' }] };
    assert.throws(() => applyConfigurationToSchema(scimSchema(), wrong), /no object mapping Device/);
  });
});
