import * as assert from 'node:assert/strict';
import { applyEdit, createDocument, emptyMapping, fieldsOf, isDirty, newMappingId, schemaText, toSchema, EditError } from '../../../src/shared/mappingEditor';
import { scimSchema } from './fixtures';

describe('mapping editor document', () => {
  it('reads mapping types from the Graph source shapes', () => {
    const doc = createDocument(scimSchema());
    const users = doc.objectMappings[0];
    const byTarget = new Map(users.attributeMappings.map((m) => [m.targetAttribute, m]));
    assert.equal(byTarget.get('userName')?.mappingType, 'Direct');
    assert.equal(byTarget.get('userName')?.sourceAttribute, 'userPrincipalName');
    assert.equal(byTarget.get('userName')?.matchingPriority, 1);
    assert.equal(byTarget.get('active')?.mappingType, 'Expression');
    assert.match(byTarget.get('active')?.expression ?? '', /^Switch\(\[IsSoftDeleted\]/);
    assert.deepEqual(fieldsOf({ targetAttributeName: 'x', source: null, defaultValue: 'v' }).mappingType, 'Constant');
    assert.equal(fieldsOf({ targetAttributeName: 'x', source: { type: 'Constant', name: 'hello' } }).constantValue, 'hello');
  });

  it('writes an untouched document back exactly as loaded', () => {
    const schema = scimSchema();
    const doc = createDocument(schema);
    assert.equal(isDirty(doc), false);
    assert.equal(schemaText(toSchema(doc)), schemaText(schema));
  });

  it('writes only the edited mapping and keeps its other fields', () => {
    const schema = scimSchema();
    let doc = createDocument(schema);
    const users = doc.objectMappings[0];
    const title = users.attributeMappings.find((m) => m.targetAttribute === 'title')!;
    doc = applyEdit(doc, { kind: 'updateMapping', objectMappingId: users.id, mappingId: title.id, patch: { mappingType: 'Expression', expression: 'ToUpper([jobTitle])' } });
    assert.equal(isDirty(doc), true);
    const after = toSchema(doc);
    const mappings = after.synchronizationRules![0].objectMappings![0].attributeMappings!;
    const written = mappings.find((m) => m.targetAttributeName === 'title')!;
    assert.equal(written.source?.type, 'Function');
    assert.equal(written.source?.name, 'ToUpper');
    assert.equal(written.source?.expression, 'ToUpper([jobTitle])');
    assert.deepEqual(written.source?.parameters?.map((p) => p.key), ['source']);
    assert.equal(written.flowBehavior, 'FlowWhenChanged', 'fields the editor does not show are kept');
    const before = schema.synchronizationRules![0].objectMappings![0].attributeMappings!;
    mappings.forEach((m, i) => {
      if (m.targetAttributeName !== 'title') assert.equal(m, before[i], `${m.targetAttributeName} is the loaded object`);
    });
    assert.equal(after.directories, schema.directories, 'untouched directories are not rewritten');
  });

  it('is clean again when an edit is undone by hand', () => {
    let doc = createDocument(scimSchema());
    const om = doc.objectMappings[0];
    const m = om.attributeMappings[2];
    doc = applyEdit(doc, { kind: 'updateMapping', objectMappingId: om.id, mappingId: m.id, patch: { defaultValue: 'x' } });
    assert.equal(isDirty(doc), true);
    doc = applyEdit(doc, { kind: 'updateMapping', objectMappingId: om.id, mappingId: m.id, patch: { defaultValue: '' } });
    assert.equal(isDirty(doc), false);
  });

  it('adds, moves and deletes mappings; constants and defaults become Graph shapes', () => {
    let doc = createDocument(scimSchema());
    const om = doc.objectMappings[0];
    const id = newMappingId(doc, om.id);
    doc = applyEdit(doc, { kind: 'addMapping', objectMappingId: om.id, mappingId: id, fields: { ...emptyMapping('Constant'), constantValue: 'say "hi"', targetAttribute: 'nickName', flowType: 'ObjectAddOnly' } });
    doc = applyEdit(doc, { kind: 'moveMapping', objectMappingId: om.id, mappingId: id, toIndex: 0 });
    doc = applyEdit(doc, { kind: 'deleteMapping', objectMappingId: om.id, mappingId: om.attributeMappings[1].id });
    const mappings = toSchema(doc).synchronizationRules![0].objectMappings![0].attributeMappings!;
    assert.equal(mappings[0].targetAttributeName, 'nickName');
    assert.deepEqual(mappings[0].source, { expression: '"say \\"hi\\""', name: 'say "hi"', type: 'Constant', parameters: [] });
    assert.equal(mappings[0].flowType, 'ObjectAddOnly');
    assert.equal(mappings[0].defaultValue, null);
    assert.equal(mappings.length, om.attributeMappings.length, 'one added, one deleted');
    assert.ok(!mappings.some((m) => m.targetAttributeName === om.attributeMappings[1].targetAttribute));
    assert.throws(() => applyEdit(doc, { kind: 'addMapping', objectMappingId: om.id, mappingId: id, fields: emptyMapping() }), EditError);
    assert.throws(() => applyEdit(doc, { kind: 'moveMapping', objectMappingId: om.id, mappingId: id, toIndex: 999 }), EditError);
    assert.throws(() => applyEdit(doc, { kind: 'deleteMapping', objectMappingId: 'nope', mappingId: id }), EditError);
  });

  it('writes object-mapping settings, scoping filters and target attributes', () => {
    let doc = createDocument(scimSchema());
    const om = doc.objectMappings[0];
    doc = applyEdit(doc, { kind: 'setEnabled', objectMappingId: om.id, enabled: false });
    doc = applyEdit(doc, { kind: 'setActions', objectMappingId: om.id, actions: { Add: true, Update: true, Delete: false } });
    doc = applyEdit(doc, { kind: 'setScope', objectMappingId: om.id, groups: [{ name: 'Sales', clauses: [{ sourceAttribute: 'department', operator: 'EQUALS', values: ['Sales'] }] }] });
    doc = applyEdit(doc, { kind: 'addTargetAttribute', objectMappingId: om.id, attribute: { name: 'nickName', type: 'String', multivalued: false, required: false } });
    const after = toSchema(doc);
    const written = after.synchronizationRules![0].objectMappings![0];
    assert.equal(written.enabled, false);
    assert.equal(written.flowTypes, 'Add, Update');
    assert.deepEqual(written.scope?.groups, [{ name: 'Sales', clauses: [{ operatorName: 'EQUALS', sourceOperandName: 'department', targetOperand: { values: ['Sales'] } }] }]);
    assert.deepEqual(written.scope?.inputFilterGroups, []);
    const target = after.directories!.find((d) => d.name === 'customappsso')!.objects!.find((o) => o.name === 'User')!;
    assert.ok(target.attributes!.some((a) => a.name === 'nickName' && a.type === 'String'));
    assert.equal(createDocument(after).objectMappings[0].scopeGroups.length, 1, 'the written scope reads back');
  });

  it('refuses to write a broken expression', () => {
    let doc = createDocument(scimSchema());
    const om = doc.objectMappings[0];
    doc = applyEdit(doc, { kind: 'updateMapping', objectMappingId: om.id, mappingId: om.attributeMappings[0].id, patch: { mappingType: 'Expression', expression: 'Join(' } });
    assert.throws(() => toSchema(doc), /ExpressionError|expected|end/i);
  });
});
