// The shape contract's own parts: the CSDL reader, the validator and the exception list. The
// sandbox and in-host checks trust them, so each rule is shown to catch what it is for.
import assert from 'node:assert/strict';
import { graphMetadata, parseCsdl } from '../../contract/csdl';
import { METADATA_EXCEPTIONS } from '../../contract/metadataExceptions';
import { bodyContract, checkRequestBody } from '../../contract/operations';
import { graphShapes, ShapeValidator } from '../../contract/validate';
import type { Violation } from '../../contract/validate';

const messages = (violations: readonly Violation[]) => violations.map((v) => `${v.path}: ${v.message}`);

/** A complete synchronizationStatus of a new job, as the docs' create-job example shows it. */
function newJobStatus(): Record<string, unknown> {
  return {
    code: 'NotConfigured', countSuccessiveCompleteFailures: 0, escrowsPruned: false,
    lastExecution: null, lastSuccessfulExecution: null, lastSuccessfulExecutionWithExports: null,
    progress: [], quarantine: null, steadyStateFirstAchievedTime: '0001-01-01T00:00:00Z', steadyStateLastAchievedTime: '0001-01-01T00:00:00Z',
    synchronizedEntryCountByType: [], troubleshootingUrl: null,
  };
}

describe('shape contract: CSDL reader', () => {
  it('reads structured types with base types, openness and nullability, and enums with flags', () => {
    const m = graphMetadata();
    assert.equal(m.namespace, 'microsoft.graph');
    const user = m.types.get('user');
    assert.ok(user && user.kind === 'entity');
    assert.equal(user.baseType, 'directoryObject');
    assert.equal(user.openType, true);
    assert.equal(user.properties.get('businessPhones')?.type, 'Collection(Edm.String)');
    assert.equal(user.properties.get('businessPhones')?.nullable, false);
    assert.equal(user.properties.get('manager')?.navigation, true);
    const flows = m.types.get('objectFlowTypes');
    assert.ok(flows && flows.kind === 'enum' && flows.isFlags);
    assert.deepEqual([...flows.members], ['None', 'Add', 'Update', 'Delete']);
  });

  it('does not take a Property inside an Annotation for a property of the type', () => {
    const m = parseCsdl(`<?xml version="1.0"?><edmx:Edmx xmlns:edmx="x"><edmx:DataServices><Schema Namespace="n.s" Alias="a">
      <ComplexType Name="t"><Property Name="p" Type="a.e" Nullable="false" />
        <Annotation Term="x"><Record><PropertyValue Property="Name" String="v" /><Property Name="inner" Type="Edm.String" /></Record></Annotation>
      </ComplexType>
      <EnumType Name="e"><Member Name="One" Value="0" /></EnumType>
      <EntityType Name="empty" BaseType="n.s.t" />
    </Schema></edmx:DataServices></edmx:Edmx>`);
    const t = m.types.get('t');
    assert.ok(t && t.kind === 'complex');
    assert.deepEqual([...t.properties.keys()], ['p']);
    assert.equal(t.properties.get('p')?.type, 'e', 'alias-qualified type names are unqualified');
    const empty = m.types.get('empty');
    assert.ok(empty && empty.kind === 'entity' && empty.baseType === 't');
  });
});

describe('shape contract: validator', () => {
  const v = graphShapes();

  it('accepts a documented new job and names every problem of a broken one', () => {
    const job = { id: 'scim.0123456789abcdef0123456789abcdef', templateId: 'scim', schedule: { expiration: null, interval: 'P10675199DT2H48M5.4775807S', state: 'Disabled' }, status: newJobStatus(), synchronizationJobSettings: [] };
    assert.deepEqual(v.validate(job, 'synchronizationJob'), []);
    const { steadyStateLastAchievedTime: _dropped, ...status } = newJobStatus();
    const broken = {
      ...job, templateID: 'scim',
      schedule: { expiration: '2025-01-01 10:00', interval: '40 minutes', state: 'Running' },
      status: { ...status, escrowsPruned: 'false', countSuccessiveCompleteFailures: 1.5, quarantine: { reason: 'Unknown' } },
    };
    assert.deepEqual(messages(v.validate(broken, 'synchronizationJob')).sort(), [
      "$.schedule.expiration: expected an ISO 8601 date-time with Z or an offset (Edm.DateTimeOffset), got \"2025-01-01 10:00\"",
      '$.schedule.interval: expected an ISO 8601 day-time duration such as PT40M (Edm.Duration), got "40 minutes"',
      '$.schedule.state: "Running" is not a member of synchronizationScheduleState (Active, Disabled, Paused)',
      '$.status.countSuccessiveCompleteFailures: expected an integer in range (Edm.Int64), got number 1.5',
      '$.status.escrowsPruned: expected true or false (Edm.Boolean), got "false"',
      '$.status.quarantine.currentBegan: non-nullable synchronizationQuarantine.currentBegan (Edm.DateTimeOffset) is missing',
      '$.status.quarantine.nextAttempt: non-nullable synchronizationQuarantine.nextAttempt (Edm.DateTimeOffset) is missing',
      '$.status.quarantine.seriesBegan: non-nullable synchronizationQuarantine.seriesBegan (Edm.DateTimeOffset) is missing',
      '$.status.quarantine.seriesCount: non-nullable synchronizationQuarantine.seriesCount (Edm.Int64) is missing',
      '$.status.steadyStateLastAchievedTime: non-nullable synchronizationStatus.steadyStateLastAchievedTime (Edm.DateTimeOffset) is missing',
      "$.templateID: 'templateID' is not a property of synchronizationJob",
    ]);
  });

  it('checks GUIDs, base64, date-times with offsets and null in non-nullable properties', () => {
    const role = { id: 'not-a-guid', allowedMemberTypes: ['User'], isEnabled: null, displayName: 'User', description: null, value: null, origin: 'Application' };
    assert.deepEqual(messages(v.validate(role, 'appRole')), ['$.id: expected a GUID (Edm.Guid), got "not-a-guid"', '$.isEnabled: null where Edm.Boolean is not nullable']);
    assert.deepEqual(v.validate({ key: 'AAECAw==', keyId: '00000000-0000-0000-0000-000000000000', startDateTime: '2025-01-01T10:00:00.123+02:00' }, 'keyCredential'), []);
    assert.equal(v.validate({ key: 'not base64!' }, 'keyCredential').length, 1);
  });

  it('takes flags enums as one comma-separated string, with spaces only where the docs write them', () => {
    const mapping = (flowTypes: unknown) => ({ enabled: true, flowTypes, name: 'u', sourceObjectName: 'User', targetObjectName: 'urn', scope: null, attributeMappings: [], metadata: [] });
    assert.deepEqual(v.validate(mapping('Add, Update, Delete'), 'objectMapping'), []);
    assert.deepEqual(v.validate(mapping('Add,Update'), 'objectMapping'), []);
    assert.deepEqual(messages(v.validate(mapping(['Add', 'Update']), 'objectMapping')), ['$.flowTypes: expected a objectFlowTypes member name (string), got an array']);
    assert.deepEqual(messages(v.validate(mapping('Add, Sometimes'), 'objectMapping')), ['$.flowTypes: "Sometimes" is not a member of objectFlowTypes (None, Add, Update, Delete)']);
    // A flags enum without a spacedFlags exception keeps OData's "," separator.
    const strict = new ShapeValidator(graphMetadata(), METADATA_EXCEPTIONS.filter((e) => e.kind !== 'spacedFlags'));
    assert.deepEqual(messages(strict.validate(mapping('Add, Update'), 'objectMapping')), ['$.flowTypes: objectFlowTypes members are separated by "," without spaces, got "Add, Update"']);
  });

  it('validates a derived type named by @odata.type with its base types\' properties, and refuses an unrelated one', () => {
    const member = { '@odata.type': '#microsoft.graph.user', id: '1', deletedDateTime: null, userPrincipalName: 'ada@contoso.com', accountEnabled: 'yes' };
    assert.deepEqual(messages(v.validate(member, 'directoryObject', { defaultPropertySets: ['user'] })), ['$.accountEnabled: expected true or false (Edm.Boolean), got "yes"']);
    assert.deepEqual(messages(v.validate({ '@odata.type': '#microsoft.graph.synchronizationJob', id: '1' }, 'directoryObject')), ['$.@odata.type: synchronizationJob does not derive from directoryObject']);
    assert.deepEqual(messages(v.validate({ id: '1', userPrincipalName: 'x' }, 'directoryObject')), ["$.userPrincipalName: 'userPrincipalName' is not a property of directoryObject"], 'without @odata.type the declared type is used');
  });

  it('allows directory extension properties on open directory objects, and nothing else undeclared', () => {
    assert.deepEqual(v.validate({ id: '1', extension_0123456789abcdef0123456789abcdef_costCenter: 'A1' }, 'user', { required: 'none' }), []);
    assert.deepEqual(messages(v.validate({ id: '1', createdDateTime: '2025-01-01T00:00:00Z' }, 'servicePrincipal', { required: 'none' })), ["$.createdDateTime: 'createdDateTime' is not a property of servicePrincipal"]);
    assert.deepEqual(v.validate({ displayName: 'Ada', details: { anything: 'goes' } }, 'provisionedIdentity'), [], 'detailsInfo is open without limits');
  });

  it('requires exactly the $select-ed properties, and accepts OData annotations anywhere', () => {
    const options = { required: ['id', 'displayName', 'mail'] };
    assert.deepEqual(v.validate({ '@odata.etag': 'W/"1"', id: '1', displayName: 'Ada', mail: null }, 'user', options), []);
    assert.deepEqual(messages(v.validate({ id: '1', displayName: 'Ada', surname: 'L' }, 'user', options)), ["$.surname: 'surname' was not in $select", "$.mail: 'mail' was selected but is missing"]);
  });

  it('refuses navigation properties inline except where the docs return them', () => {
    assert.deepEqual(messages(v.validate({ id: 's', secrets: [], jobs: [] }, 'synchronization')), ["$.jobs: 'jobs' is a navigation property of synchronization: Graph returns it only when expanded"]);
    assert.deepEqual(v.validate({ id: 'x', version: 'v1', synchronizationRules: [], directories: [] }, 'synchronizationSchema'), []);
  });

  it('checks collection responses: only value and annotations', () => {
    assert.deepEqual(v.validateCollection({ '@odata.context': 'x', '@odata.nextLink': 'y', value: [] }, 'user'), []);
    assert.deepEqual(messages(v.validateCollection({ value: [], count: 3 }, 'user')), ["$.count: 'count' is not part of a collection response"]);
  });
});

describe('shape contract: documented exceptions', () => {
  const m = graphMetadata();
  const structured = (name: string) => {
    const t = m.types.get(name);
    assert.ok(t && t.kind !== 'enum', `${name} is a structured type`);
    return t;
  };
  const allProperties = (name: string): Map<string, { nullable: boolean; navigation: boolean }> => {
    const t = structured(name);
    const base = t.baseType ? allProperties(t.baseType) : new Map();
    for (const [k, p] of t.properties) base.set(k, p);
    return base;
  };

  it('lists each exception once, with a learn.microsoft.com page, and each still disagrees with the metadata', () => {
    const keys = METADATA_EXCEPTIONS.map((e) => `${e.kind}:${e.kind === 'spacedFlags' ? e.enumType : e.type}:${'property' in e ? e.property : ''}`);
    assert.equal(new Set(keys).size, keys.length, 'no exception listed twice');
    for (const e of METADATA_EXCEPTIONS) {
      assert.match(e.doc, /^https:\/\/learn\.microsoft\.com\/graph\//, `${e.kind} has a doc page`);
      if (e.kind === 'extraProperty') assert.ok(!allProperties(e.type).has(e.property), `${e.type}.${e.property} is really missing from the metadata`);
      if (e.kind === 'optionalProperty') assert.equal(allProperties(e.type).get(e.property)?.nullable, false, `${e.type}.${e.property} is really non-nullable in the metadata`);
      if (e.kind === 'inlineNavigation') assert.equal(allProperties(e.type).get(e.property)?.navigation, true, `${e.type}.${e.property} is really a navigation property`);
      if (e.kind === 'spacedFlags') {
        const t = m.types.get(e.enumType);
        assert.ok(t && t.kind === 'enum' && t.isFlags, `${e.enumType} is really a flags enum`);
      }
      if (e.kind === 'closedDynamicProperties') assert.equal(structured(e.type).openType, true, `${e.type} is really open`);
    }
  });
});

describe('shape contract: request bodies', () => {
  it('knows the operations the extension sends bodies to, and checks action parameters from the docs', () => {
    const onDemand = bodyContract('POST', '/v1.0/servicePrincipals/s/synchronization/jobs/j/provisionOnDemand');
    assert.ok(onDemand);
    assert.deepEqual(checkRequestBody(onDemand, { parameters: [{ ruleId: 'r', subjects: [{ objectId: 'u', objectTypeName: 'User' }] }] }), []);
    assert.deepEqual(messages(checkRequestBody(onDemand, { parameters: [{ ruleId: 'r', subjects: [{ id: 'u' }] }], extra: 1 })), [
      "$.parameters[0].subjects[0].id: 'id' is not a property of synchronizationJobSubject",
      "$.extra: 'extra' is not a parameter of provisionOnDemand (https://learn.microsoft.com/graph/api/synchronization-synchronizationjob-provisionondemand?view=graph-rest-1.0)",
    ]);
    const secrets = bodyContract('PUT', '/servicePrincipals/s/synchronization/secrets')!;
    assert.deepEqual(messages(checkRequestBody(secrets, { value: [{ key: 'NotificationEmail', value: 'a@b' }] })), [
      '$.value[0].key: "NotificationEmail" is not a member of synchronizationSecret (' + [...(graphMetadata().types.get('synchronizationSecret') as { members: ReadonlySet<string> }).members].join(', ') + ')',
    ]);
    assert.deepEqual(checkRequestBody(bodyContract('POST', '/servicePrincipals/s/synchronization/jobs/j/start')!, {}), []);
    assert.deepEqual(checkRequestBody(bodyContract('POST', '/servicePrincipals/s/appRoleAssignedTo')!, { principalId: '00000000-0000-0000-0000-000000000001', resourceId: '00000000-0000-0000-0000-000000000002', appRoleId: '00000000-0000-0000-0000-000000000000' }), []);
    assert.equal(bodyContract('POST', '/servicePrincipals/s/synchronization/jobs/j/frobnicate'), undefined);
  });
});
