// The schema the mapping editor PUTs, after every kind of edit it makes, is one Graph's v1.0
// metadata accepts (issue #18's shape contract, request side, without a VS Code host).
import * as assert from 'node:assert/strict';
import { applyEdit, createDocument, emptyMapping, newMappingId, toSchema } from '../../../src/shared/mappingEditor';
import { bodyContract, checkRequestBody } from '../../contract/operations';
import { formatViolations } from '../../contract/validate';
import { scimSchema } from './fixtures';

describe('mapping editor: the saved schema matches the Graph v1.0 metadata', () => {
  it('after adding, editing and scoping mappings, changing actions and adding a target attribute', () => {
    let doc = createDocument(scimSchema());
    const om = doc.objectMappings[0];
    const add = (fields: ReturnType<typeof emptyMapping>) => {
      doc = applyEdit(doc, { kind: 'addMapping', objectMappingId: om.id, mappingId: newMappingId(doc, om.id), fields });
    };
    add({ ...emptyMapping('Expression'), expression: 'Join("@", [mailNickname], "contoso.com")', targetAttribute: 'nickName', flowType: 'ObjectAddOnly' });
    add({ ...emptyMapping('Constant'), constantValue: 'Employee', targetAttribute: 'userType' });
    add({ ...emptyMapping('Direct'), sourceAttribute: 'department', defaultValue: 'None', targetAttribute: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department', matchingPriority: 2 });
    const title = doc.objectMappings[0].attributeMappings.find((m) => m.targetAttribute === 'title')!;
    doc = applyEdit(doc, { kind: 'updateMapping', objectMappingId: om.id, mappingId: title.id, patch: { mappingType: 'Expression', expression: 'ToUpper([jobTitle])' } });
    doc = applyEdit(doc, { kind: 'setScope', objectMappingId: om.id, groups: [{ name: 'Sales', clauses: [{ sourceAttribute: 'department', operator: 'EQUALS', values: ['Sales'] }, { sourceAttribute: 'accountEnabled', operator: 'IS TRUE', values: [] }] }] });
    doc = applyEdit(doc, { kind: 'setActions', objectMappingId: om.id, actions: { Add: true, Update: true, Delete: false } });
    doc = applyEdit(doc, { kind: 'addTargetAttribute', objectMappingId: om.id, attribute: { name: 'urn:contoso:costCenter', type: 'String', multivalued: false, required: false } });

    const body = JSON.parse(JSON.stringify(toSchema(doc))) as unknown;
    const contract = bodyContract('PUT', '/servicePrincipals/sp/synchronization/jobs/job/schema');
    assert.ok(contract);
    const violations = checkRequestBody(contract, body);
    assert.deepEqual(violations, [], `the schema PUT body does not match the metadata:\n${formatViolations(violations)}`);
    const written = (body as { synchronizationRules: { objectMappings: { flowTypes: string; scope: { groups: unknown[] } }[] }[] }).synchronizationRules[0].objectMappings[0];
    assert.equal(written.flowTypes, 'Add, Update', 'the edits reached the body that was checked');
    assert.equal(written.scope.groups.length, 1);
  });
});
