import * as assert from 'node:assert/strict';
import { describeFunction } from '../../../src/expressions';
import { completeExpression, createDocument, emptyMapping, previewMapping, previewObjectMapping, sampleScope, signatureAt, sourceObjectFromGraphUser } from '../../../src/shared/mappingEditor';
import { ana, scimSchema } from './fixtures';

describe('mapping editor preview and completion', () => {
  it('evaluates each mapping type for a sample user, with the default value for null', () => {
    const m = { ...emptyMapping('Expression'), id: 'x', expression: 'Join(".", ToLower([givenName]), [surname])' };
    assert.deepEqual(previewMapping(m, ana), { kind: 'value', value: 'ana.García', usedDefault: false });
    assert.deepEqual(previewMapping({ ...m, mappingType: 'Direct', sourceAttribute: 'mobile', defaultValue: 'none' }, ana), { kind: 'value', value: 'none', usedDefault: true });
    assert.deepEqual(previewMapping({ ...m, mappingType: 'Constant', constantValue: 'c' }, ana), { kind: 'value', value: 'c', usedDefault: false });
    const broken = previewMapping({ ...m, expression: 'Join(".", ' }, ana);
    assert.equal(broken.kind, 'error');
  });

  it('previews a whole object mapping and its scope', () => {
    const doc = createDocument(scimSchema());
    const om = doc.objectMappings[0];
    const preview = previewObjectMapping(doc, om, { attributes: ana, assignment: { assigned: true, syncAll: false } });
    assert.deepEqual(preview.scope, { verdict: { inScope: true }, assignmentChecked: true });
    const active = preview.results.find((r) => r.targetAttribute === 'active');
    assert.deepEqual(active?.result, { kind: 'value', value: 'True', usedDefault: false });
    const withScope = (groups: typeof om.scopeGroups) => ({ ...om, scopeGroups: groups });
    const scoped = [{ name: 'g', clauses: [{ sourceAttribute: 'department', operator: 'EQUALS', values: ['Marketing'] }] }];
    const assigned = { assigned: true, syncAll: false };
    assert.deepEqual(sampleScope(doc, withScope(scoped), ana, assigned).verdict, { inScope: false, reason: 'filteredOut' });
    assert.deepEqual(sampleScope(doc, withScope([...scoped, { name: 'h', clauses: [{ sourceAttribute: 'country', operator: 'REGEX MATCH', values: ['^U'] }] }]), ana, assigned).verdict, { inScope: true });
    assert.deepEqual(sampleScope(doc, withScope([{ name: 'u', clauses: [{ sourceAttribute: 'IsSoftDeleted', operator: 'IS FALSE', values: [] }] }]), ana, assigned).verdict, { inScope: true });
  });

  it('applies the assignment and the job\'s "all users" setting to the scope, and says when it could not check them', () => {
    const doc = createDocument(scimSchema());
    const om = doc.objectMappings[0];
    assert.deepEqual(sampleScope(doc, om, ana, { assigned: false, syncAll: false }).verdict, { inScope: false, reason: 'notAssigned' });
    assert.deepEqual(sampleScope(doc, om, ana, { assigned: false, syncAll: true }).verdict, { inScope: true });
    assert.deepEqual(sampleScope(doc, om, { ...ana, IsSoftDeleted: true }, { assigned: true, syncAll: true }).verdict, { inScope: false, reason: 'deleted' });
    assert.equal(sampleScope(doc, om, ana, undefined).assignmentChecked, false, 'typed values have no assignment');
  });

  it('applies the schema\'s input filter groups too, as the engine does', () => {
    const schema = scimSchema();
    const raw = schema.synchronizationRules![0].objectMappings![0];
    raw.scope = { groups: [], inputFilterGroups: [{ name: 'i', clauses: [{ sourceOperandName: 'department', operatorName: 'EQUALS', targetOperand: { values: ['Nobody'] } }] }] };
    const doc = createDocument(schema);
    assert.deepEqual(sampleScope(doc, doc.objectMappings[0], ana, { assigned: true, syncAll: false }).verdict, { inScope: false, reason: 'filteredOut' });
  });

  it('turns a Graph user into the attributes expressions read', () => {
    const source = sourceObjectFromGraphUser({ id: 'u1', displayName: 'Ana', mobilePhone: '+1 5', businessPhones: ['+1 6'], deletedDateTime: null, onPremisesExtensionAttributes: { extensionAttribute1: 'e1', extensionAttribute2: null }, '@odata.type': 'x' });
    assert.deepEqual(source, { objectId: 'u1', displayName: 'Ana', mobile: '+1 5', businessPhones: ['+1 6'], telephoneNumber: '+1 6', extensionAttribute1: 'e1', IsSoftDeleted: false, userType: 'Member' });
  });

  it('completes function names, attribute names, and knows the parameter under the caret', () => {
    const fns = completeExpression('Jo', 2, ['givenName']);
    assert.equal(fns.replaceStart, 0);
    assert.ok(fns.items.some((i) => i.label === 'Join' && i.insertText === 'Join('));
    assert.deepEqual(completeExpression('ToUp', 4, []).items[0]?.help, { text: describeFunction('ToUpper')!.help, key: 'fn.ToUpper' }, 'a function suggestion carries its help');
    const attrs = completeExpression('Join(" ", [gi', 13, ['surname', 'givenName']);
    assert.equal(attrs.replaceStart, 11);
    assert.deepEqual(attrs.items.map((i) => i.label), ['givenName']);
    assert.deepEqual(completeExpression('"Jo', 3, []).items, [], 'nothing inside a string');
    const help = signatureAt('Replace([mail], , "@", , "-", , )', 16);
    assert.equal(help?.functionName, 'Replace');
    assert.equal(help?.parameter?.index, 1);
    assert.equal(help?.helpKey, 'fn.Replace');
    assert.equal(help?.parameter?.helpKey, 'fn.Replace.oldValue', 'the key the localized help is sent under');
    assert.equal(signatureAt('Join(", ", [a], [b], ', 21)?.parameter?.helpKey, 'fn.Join.source', 'a repeated parameter has one key');
    assert.equal(signatureAt('Join(", ", ToLower([givenName]', 26)?.functionName, 'ToLower');
    assert.equal(signatureAt('[mail]', 3), undefined);
  });
});
