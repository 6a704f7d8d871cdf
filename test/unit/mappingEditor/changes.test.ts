import * as assert from 'node:assert/strict';
import { applyEdit, changeText, createDocument, describeChanges, objectMappingDisplayName, readableMappings } from '../../../src/shared/mappingEditor';
import type { UiText } from '../../../src/shared/mappingEditor';
import { untranslatedEditorStrings } from '../../../src/shared/webviewProtocol';
import { scimSchema } from './fixtures';

// The UI's English words for the keys these sentences use (the extension sends the localized ones).
const english: Record<string, string> = {
  matchingPriority: 'Matching precedence', expression: 'Expression', mappingType: 'Mapping type', typeDirect: 'Direct', typeExpression: 'Expression',
  defaultValueShort: 'Default value', 'change.mappingChanged': '{0}: mapping to {1} changed: {2}', 'change.field': '{0}: {1} → {2}', 'change.empty': '(none)',
  'change.turnedOn': '{0}: turned on', 'change.turnedOff': '{0}: turned off', 'change.actionsChanged': '{0}: target actions set to {1}', actionAdd: 'Create', actionUpdate: 'Update',
  attributeMappings: 'Attribute mappings', applyMapping: 'Apply this mapping', flowObjectAddOnly: 'Only during object creation',
};
const t: UiText = (key, ...args) => (english[key] ?? (untranslatedEditorStrings() as Record<string, string>)[key] ?? key).replace(/\{(\d+)\}/g, (_, i: string) => args[Number(i)]);

describe('mapping editor change summary and readable diff', () => {
  it('names changed fields with the UI\'s labels, old → new, and the object mapping as Microsoft Entra ID', () => {
    let doc = createDocument(scimSchema());
    const om = doc.objectMappings[0];
    const userName = om.attributeMappings.find((m) => m.targetAttribute === 'userName')!;
    doc = applyEdit(doc, { kind: 'updateMapping', objectMappingId: om.id, mappingId: userName.id, patch: { matchingPriority: 0, mappingType: 'Expression', expression: 'ToLower([userPrincipalName])' } });
    doc = applyEdit(doc, { kind: 'setActions', objectMappingId: om.id, actions: { Add: true, Update: true, Delete: false } });
    doc = applyEdit(doc, { kind: 'setEnabled', objectMappingId: doc.objectMappings[1].id, enabled: !doc.objectMappings[1].enabled });
    const texts = describeChanges(doc).map((c) => changeText(c, t));
    assert.ok(om.name.includes('Azure Active Directory'), 'the schema keeps the service\'s name');
    const changed = texts.find((x) => x.includes('userName'));
    assert.equal(changed, 'Provision Microsoft Entra ID Users: mapping to userName changed: Mapping type: Direct → Expression; Expression: (none) → ToLower([userPrincipalName]); Matching precedence: 1 → 0');
    assert.ok(texts.includes('Provision Microsoft Entra ID Users: target actions set to Create, Update'), texts.join('\n'));
    assert.ok(texts.some((x) => /: turned (on|off)$/.test(x)), texts.join('\n'));
    for (const text of texts) assert.doesNotMatch(text, /matchingPriority|mappingType|\(s\)/, text);
  });

  it('renders one line per mapping, so a diff shows a changed mapping as its old and new line, without parse trees', () => {
    const before = createDocument(scimSchema());
    const om = before.objectMappings[0];
    const title = om.attributeMappings.find((m) => m.targetAttribute === 'title')!;
    const after = applyEdit(before, { kind: 'updateMapping', objectMappingId: om.id, mappingId: title.id, patch: { mappingType: 'Expression', expression: 'ToUpper([jobTitle])', flowType: 'ObjectAddOnly' } });
    const left = readableMappings(before.objectMappings, t).split('\n');
    const right = readableMappings(after.objectMappings, t).split('\n');
    assert.equal(left.length, right.length, 'the same lines, one changed');
    const differing = left.map((line, i) => [line, right[i]]).filter(([a, b]) => a !== b);
    assert.deepEqual(differing, [['  title ← [jobTitle]', '  title ← ToUpper([jobTitle])   (Apply this mapping: Only during object creation)']]);
    assert.ok(left.includes('Provision Microsoft Entra ID Users'));
    assert.ok(left.includes('  userName ← [userPrincipalName]   (Matching precedence: 1)'));
    assert.doesNotMatch(right.join('\n'), /"parameters"|"type": "Function"/);
  });

  it('keeps other names as they are', () => {
    assert.equal(objectMappingDisplayName('Provision Azure AD Groups'), 'Provision Microsoft Entra ID Groups');
    assert.equal(objectMappingDisplayName('User → urn:x'), 'User → urn:x');
  });
});
