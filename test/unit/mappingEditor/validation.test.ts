import * as assert from 'node:assert/strict';
import { applyEdit, attributeCatalog, canSave, createDocument, describeChanges, EditorState, validateDocument, validationContextFor } from '../../../src/shared/mappingEditor';
import { scimSchema } from './fixtures';

describe('mapping editor validation and change summary', () => {
  it('finds nothing wrong with the default schema', () => {
    const issues = validateDocument(createDocument(scimSchema()));
    assert.deepEqual(issues.filter((i) => i.severity === 'error'), []);
  });

  it('points at the offset of an expression error', () => {
    const state = new EditorState(createDocument(scimSchema()));
    const om = state.doc.objectMappings[0];
    const m = om.attributeMappings[2];
    state.apply({ kind: 'updateMapping', objectMappingId: om.id, mappingId: m.id, patch: { mappingType: 'Expression', expression: 'Join(" ", [givenName] [surname])' } });
    const issues = state.issuesOfMapping(state.doc.objectMappings[0], state.doc.objectMappings[0].attributeMappings[2]);
    const error = issues.find((i) => i.code === 'expressionError');
    assert.ok(error, JSON.stringify(issues));
    assert.equal(error.offset, 'Join(" ", [givenName] '.length, error.message);
    assert.equal(canSave(state.issues()), false);
  });

  it('reports duplicate targets and matching precedences, and a mapping with no matching attribute', () => {
    let doc = createDocument(scimSchema());
    const om = doc.objectMappings[0];
    const [a, b] = om.attributeMappings;
    doc = applyEdit(doc, { kind: 'updateMapping', objectMappingId: om.id, mappingId: b.id, patch: { targetAttribute: a.targetAttribute, matchingPriority: a.matchingPriority } });
    const codes = validateDocument(doc).map((i) => i.code);
    assert.ok(codes.includes('targetDuplicate'));
    assert.ok(codes.includes('matchingDuplicate'));
    doc = applyEdit(doc, { kind: 'updateMapping', objectMappingId: om.id, mappingId: a.id, patch: { matchingPriority: 0 } });
    doc = applyEdit(doc, { kind: 'updateMapping', objectMappingId: om.id, mappingId: b.id, patch: { matchingPriority: 0 } });
    assert.ok(validateDocument(doc).some((i) => i.code === 'matchingNone'));
  });

  it('checks scoping clauses against the service operators', () => {
    let doc = createDocument(scimSchema());
    const om = doc.objectMappings[0];
    doc = applyEdit(doc, { kind: 'setScope', objectMappingId: om.id, groups: [{ name: 'g', clauses: [{ sourceAttribute: '', operator: 'LIKE', values: [''] }, { sourceAttribute: 'accountEnabled', operator: 'IS TRUE', values: [] }] }] });
    const operators = new Map([['EQUALS', { arity: 'Binary' }], ['IS TRUE', { arity: 'Unary' }]]);
    const codes = validateDocument(doc, { filterOperators: operators }).map((i) => `${i.code}:${i.field}`);
    assert.deepEqual(codes.sort(), ['scopeAttributeMissing:scope.0.0.attribute', 'scopeOperatorUnknown:scope.0.0.operator', 'scopeValueMissing:scope.0.0.values']);
  });

  it('warns about source attributes the directory does not have', () => {
    const state = new EditorState(createDocument(scimSchema()));
    const om = state.doc.objectMappings[0];
    state.apply({ kind: 'updateMapping', objectMappingId: om.id, mappingId: om.attributeMappings[0].id, patch: { sourceAttribute: 'noSuchAttribute' } });
    const issues = state.issues();
    assert.ok(issues.some((i) => i.code === 'sourceUnknown' && i.severity === 'warning' && i.args[0] === 'noSuchAttribute'));
    assert.ok(state.catalog(om.id).source.some((a) => a.name === 'extensionAttribute1'), 'extension attributes are offered');
  });

  it('summarises what a save would change', () => {
    let doc = createDocument(scimSchema());
    const om = doc.objectMappings[0];
    doc = applyEdit(doc, { kind: 'updateMapping', objectMappingId: om.id, mappingId: om.attributeMappings[2].id, patch: { defaultValue: 'n/a' } });
    doc = applyEdit(doc, { kind: 'moveMapping', objectMappingId: om.id, mappingId: om.attributeMappings[0].id, toIndex: 3 });
    doc = applyEdit(doc, { kind: 'setEnabled', objectMappingId: doc.objectMappings[1].id, enabled: true });
    const changes = describeChanges(doc).map((c) => `${c.code}:${c.args.slice(1).join('|')}`);
    assert.deepEqual(changes.sort(), ['enabledChanged:true', `mappingChanged:${om.attributeMappings[2].targetAttribute}|defaultValue`, 'mappingsReordered:'].sort());
  });

  it('reports through EditorState exactly what validateDocument reports', () => {
    const operators = [{ name: 'EQUALS', arity: 'Binary' }];
    const state = new EditorState(createDocument(scimSchema()), operators);
    const om = state.doc.objectMappings[0];
    const [a, b, c] = om.attributeMappings;
    state.apply({ kind: 'updateMapping', objectMappingId: om.id, mappingId: a.id, patch: { matchingPriority: 0 } });
    state.apply({ kind: 'updateMapping', objectMappingId: om.id, mappingId: b.id, patch: { mappingType: 'Expression', expression: 'IIF(' } });
    state.apply({ kind: 'updateMapping', objectMappingId: om.id, mappingId: c.id, patch: { targetAttribute: '', mappingType: 'Direct', sourceAttribute: 'nope' } });
    state.apply({ kind: 'setScope', objectMappingId: om.id, groups: [{ name: 'g', clauses: [{ sourceAttribute: 'department', operator: 'LIKE', values: [''] }] }] });
    const key = (i: { code: string; mappingId?: string; field: string }) => `${i.code}|${i.mappingId ?? ''}|${i.field}`;
    const expected = validateDocument(state.doc, validationContextFor((o) => attributeCatalog(state.doc.base, o), operators)).map(key).sort();
    assert.deepEqual(state.issues().map(key).sort(), expected);
    assert.ok(expected.length >= 5, expected.join('\n'));
  });

  it('keeps cached checks of unchanged mappings across edits', () => {
    const state = new EditorState(createDocument(scimSchema()));
    const om = state.doc.objectMappings[0];
    const before = state.issuesOfMapping(om, om.attributeMappings[1]);
    state.apply({ kind: 'updateMapping', objectMappingId: om.id, mappingId: om.attributeMappings[0].id, patch: { defaultValue: 'x' } });
    const after = state.doc.objectMappings[0];
    assert.equal(state.issuesOfMapping(after, after.attributeMappings[1]), before);
    assert.equal(state.dirty, true);
  });
});
