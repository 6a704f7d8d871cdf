import * as assert from 'node:assert/strict';
import { FILTER_OPERATORS } from '../../../src/sandbox/schema/operators';
import { defaultSchema } from '../../../src/sandbox/schema/syncTemplates';
import {
  applyEdit,
  attributeCatalog,
  createDocument,
  EditorState,
  issueArgs,
  validateDocument,
  validationContextFor,
  type EditorDocument,
  type Issue,
  type ScopeClauseDraft,
} from '../../../src/shared/mappingEditor';
import { buildProvisioningFile, provisioningFileText } from '../../../src/shared/provisioningFile';
import { locateJsonPath, validateProvisioningFile } from '../../../src/shared/provisioningFileValidation';
import type { RawSchema } from '../../../src/shared/synchronizationSchema';
import { scimSchema } from './fixtures';

// The sandbox's default SCIM schema, with one Integer attribute on the Entra user (a directory
// extension such as an employee number): the sandbox's own directory has none to test Greater_Than on.
function schema(): RawSchema {
  const s = scimSchema();
  const user = s.directories![0].objects!.find((o) => o.name === 'User')!;
  user.attributes!.push({ name: 'extension_costCenterNumber', type: 'Integer', multivalued: false, required: false, mutability: 'ReadWrite' });
  user.attributes!.push({ name: 'employeeHireDate', type: 'DateTime', multivalued: false, required: false, mutability: 'ReadWrite' });
  return s;
}

const operators = FILTER_OPERATORS.map((o) => ({ name: o.name, arity: o.arity, supportedAttributeTypes: [...o.supportedAttributeTypes] }));

function issuesOf(doc: EditorDocument): Issue[] {
  return validateDocument(doc, validationContextFor((om) => attributeCatalog(doc.base, om), operators));
}

function withScope(clauses: ScopeClauseDraft[], base = schema()): EditorDocument {
  const doc = createDocument(base);
  return applyEdit(doc, { kind: 'setScope', objectMappingId: doc.objectMappings[0].id, groups: [{ name: 'g', clauses }] });
}

const codes = (issues: readonly Issue[]) => issues.map((i) => `${i.severity} ${i.code} ${i.field}`).sort();

describe('mapping rules that need the schema (scoping, flow types, required targets)', () => {
  it('finds nothing wrong with the sandbox templates’ default schemas', () => {
    for (const s of [schema(), JSON.parse(JSON.stringify(defaultSchema('gotomeeting'))) as RawSchema]) assert.deepEqual(issuesOf(createDocument(s)), []);
  });

  describe('scoping operators valid for the attribute’s type', () => {
    it('accepts operators on attributes of the types they compare', () => {
      const doc = withScope([
        { sourceAttribute: 'department', operator: 'EQUALS', values: ['Sales'] },
        { sourceAttribute: 'accountEnabled', operator: 'IS TRUE', values: [] },
        { sourceAttribute: 'jobTitle', operator: 'IS NOT NULL', values: [] },
        { sourceAttribute: 'userPrincipalName', operator: 'REGEX MATCH', values: ['.*\\@contoso.com'] },
        { sourceAttribute: 'extension_costCenterNumber', operator: 'Greater_Than_OR_EQUALS', values: ['1000000'] },
        { sourceAttribute: 'mail', operator: 'ENDS_WITH', values: ['@contoso.com'] },
      ]);
      assert.deepEqual(issuesOf(doc), []);
    });

    it('refuses IS TRUE on a String attribute and Greater_Than on a Boolean one, naming the operators that fit', () => {
      const doc = withScope([
        { sourceAttribute: 'department', operator: 'IS TRUE', values: [] },
        { sourceAttribute: 'accountEnabled', operator: 'Greater_Than', values: ['1'] },
      ]);
      const issues = issuesOf(doc);
      assert.deepEqual(codes(issues), ['error scopeOperatorType scope.0.0.operator', 'error scopeOperatorType scope.0.1.operator']);
      const [onString, onBoolean] = issues;
      assert.deepEqual(onString.args.slice(0, 3), ['IS TRUE', 'department', 'String']);
      assert.ok(onString.args[3].split(', ').includes('REGEX MATCH') && !onString.args[3].includes('IS TRUE'), onString.args[3]);
      assert.deepEqual(onBoolean.args.slice(0, 3), ['Greater_Than', 'accountEnabled', 'Boolean']);
      assert.ok(onBoolean.args[3].split(', ').includes('IS FALSE'), onBoolean.args[3]);
    });

    it('refuses REGEX MATCH on an Integer attribute', () => {
      const issues = issuesOf(withScope([{ sourceAttribute: 'extension_costCenterNumber', operator: 'REGEX MATCH', values: ['^1'] }]));
      assert.deepEqual(codes(issues), ['error scopeOperatorType scope.0.0.operator']);
    });

    it('says a DateTime attribute cannot be filtered on: no operator the service lists compares it', () => {
      const issues = issuesOf(withScope([{ sourceAttribute: 'employeeHireDate', operator: 'EQUALS', values: ['2026-01-01'] }]));
      assert.deepEqual(codes(issues), ['error scopeAttributeNotFilterable scope.0.0.attribute']);
      assert.deepEqual(issues[0].args, ['employeeHireDate', 'DateTime']);
    });

    it('uses the documented types when the service’s operator list does not say', () => {
      const doc = withScope([{ sourceAttribute: 'department', operator: 'Greater_Than', values: ['3'] }]);
      const bare = validateDocument(doc, validationContextFor((om) => attributeCatalog(doc.base, om), operators.map(({ name, arity }) => ({ name, arity }))));
      assert.deepEqual(codes(bare), ['error scopeOperatorType scope.0.0.operator']);
    });

    it('refuses an attribute the source object does not have, and warns about a multi-valued one', () => {
      const issues = issuesOf(withScope([
        { sourceAttribute: 'shoeSize', operator: 'EQUALS', values: ['42'] },
        { sourceAttribute: 'appRoleAssignments', operator: 'EQUALS', values: ['Admin'] },
      ]));
      assert.deepEqual(codes(issues), ['error scopeAttributeUnknown scope.0.0.attribute', 'warning scopeMultivalued scope.0.1.attribute']);
      assert.deepEqual(issues.find((i) => i.code === 'scopeAttributeUnknown')!.args, ['shoeSize', 'User']);
    });

    it('wants no value for unary operators, a value for the others, and integers for Greater_Than', () => {
      const issues = issuesOf(withScope([
        { sourceAttribute: 'jobTitle', operator: 'IS NULL', values: ['x'] },
        { sourceAttribute: 'department', operator: 'EQUALS', values: [''] },
        { sourceAttribute: 'extension_costCenterNumber', operator: 'Greater_Than', values: ['one million'] },
      ]));
      assert.deepEqual(codes(issues), ['error scopeValueMissing scope.0.1.values', 'error scopeValueNotInteger scope.0.2.values', 'warning scopeValueUnexpected scope.0.0.values']);
    });

    it('compiles REGEX values with the engine’s .NET translation, its runaway guard included', () => {
      const issues = issuesOf(withScope([
        { sourceAttribute: 'userPrincipalName', operator: 'REGEX MATCH', values: ['(unclosed'] },
        { sourceAttribute: 'userPrincipalName', operator: 'NOT REGEX MATCH', values: ['(a|a)*\\1b'] },
      ]));
      assert.deepEqual(codes(issues), ['error scopeRegexInvalid scope.0.0.values', 'error scopeRegexInvalid scope.0.1.values']);
      assert.equal(issues[1].argMessages?.[1]?.id, 'regexMayRunAway');
      // The reason is an engine sentence, localized like expression messages (English without a template).
      assert.match(issueArgs(issues[1], undefined)[1], /\w/);
      assert.equal(issueArgs(issues[1], { 'expr.regexMayRunAway': 'kan skena' })[1], 'kan skena');
    });
  });

  describe('flow types', () => {
    it('accepts every member of attributeFlowType and refuses anything else', () => {
      let doc = createDocument(schema());
      const om = doc.objectMappings[0];
      const [a, b] = om.attributeMappings;
      doc = applyEdit(doc, { kind: 'updateMapping', objectMappingId: om.id, mappingId: a.id, patch: { flowType: 'ObjectAddOnly' } });
      assert.deepEqual(issuesOf(doc), []);
      doc = applyEdit(doc, { kind: 'updateMapping', objectMappingId: om.id, mappingId: b.id, patch: { flowType: 'Sometimes' } });
      const issues = issuesOf(doc);
      assert.deepEqual(codes(issues), ['error flowTypeUnknown flowType']);
      assert.deepEqual(issues[0].args, ['Sometimes', 'Always, ObjectAddOnly, MultiValueAddOnly, ValueAddOnly, AttributeAddOnly']);
    });

    it('warns about MultiValueAddOnly on a single-valued target, not on a multi-valued one', () => {
      let doc = createDocument(schema());
      const [users, groups] = doc.objectMappings;
      const members = groups.attributeMappings.find((m) => m.targetAttribute === 'members')!;
      doc = applyEdit(doc, { kind: 'updateMapping', objectMappingId: groups.id, mappingId: members.id, patch: { flowType: 'MultiValueAddOnly' } });
      assert.deepEqual(issuesOf(doc), []);
      const displayName = users.attributeMappings.find((m) => m.targetAttribute === 'displayName')!;
      doc = applyEdit(doc, { kind: 'updateMapping', objectMappingId: users.id, mappingId: displayName.id, patch: { flowType: 'MultiValueAddOnly' } });
      const issues = issuesOf(doc);
      assert.deepEqual(codes(issues), ['warning flowTypeSingleValued flowType']);
      assert.equal(issues[0].mappingId, displayName.id);
    });

    it('refuses a flowBehavior outside attributeFlowBehavior', () => {
      const s = schema();
      s.synchronizationRules![0].objectMappings![0].attributeMappings![2].flowBehavior = 'FlowSometimes';
      assert.deepEqual(codes(issuesOf(createDocument(s))), ['error flowBehaviorUnknown flowBehavior']);
    });
  });

  describe('required target attributes mapped', () => {
    it('is an error when no mapping of an enabled object mapping sets a required target attribute', () => {
      let doc = createDocument(schema());
      const [users, groups] = doc.objectMappings;
      const userName = users.attributeMappings.find((m) => m.targetAttribute === 'userName')!;
      doc = applyEdit(doc, { kind: 'updateMapping', objectMappingId: users.id, mappingId: users.attributeMappings[1].id, patch: { matchingPriority: 1 } });
      doc = applyEdit(doc, { kind: 'deleteMapping', objectMappingId: users.id, mappingId: userName.id });
      const issues = issuesOf(doc);
      assert.deepEqual(codes(issues), ['error requiredUnmapped attributeMappings']);
      assert.deepEqual(issues[0].args, ['userName', 'Provision Microsoft Entra ID Users']);
      // The groups' mapping is off: its required displayName may go unmapped.
      const displayName = groups.attributeMappings.find((m) => m.targetAttribute === 'displayName')!;
      doc = applyEdit(doc, { kind: 'deleteMapping', objectMappingId: groups.id, mappingId: displayName.id });
      assert.deepEqual(codes(issuesOf(doc)), ['error requiredUnmapped attributeMappings']);
      doc = applyEdit(doc, { kind: 'setEnabled', objectMappingId: groups.id, enabled: true });
      assert.ok(issuesOf(doc).some((i) => i.code === 'requiredUnmapped' && i.args[0] === 'displayName' && i.objectMappingId === groups.id));
    });

    it('counts a target attribute the user added as required, and not one with a default value', () => {
      let doc = createDocument(schema());
      const users = doc.objectMappings[0];
      doc = applyEdit(doc, { kind: 'addTargetAttribute', objectMappingId: users.id, attribute: { name: 'urn:test:badge', type: 'String', multivalued: false, required: true } });
      assert.deepEqual(issuesOf(doc).map((i) => `${i.code} ${i.args[0]}`), ['requiredUnmapped urn:test:badge']);
      const s = schema();
      s.directories![1].objects![0].attributes!.push({ name: 'urn:test:badge', type: 'String', required: true, defaultValue: 'none' });
      assert.deepEqual(issuesOf(createDocument(s)), []);
    });
  });

  describe('mapping-level rules', () => {
    it('warns about a constant without a value', () => {
      let doc = createDocument(schema());
      const om = doc.objectMappings[0];
      const m = om.attributeMappings[2];
      doc = applyEdit(doc, { kind: 'updateMapping', objectMappingId: om.id, mappingId: m.id, patch: { mappingType: 'Constant', constantValue: 'Sales' } });
      assert.deepEqual(issuesOf(doc), []);
      doc = applyEdit(doc, { kind: 'updateMapping', objectMappingId: om.id, mappingId: m.id, patch: { constantValue: '' } });
      assert.deepEqual(codes(issuesOf(doc)), ['warning constantEmpty constantValue']);
    });

    it('sees one target attribute in two mappings whatever their case, and a direct source the object lacks', () => {
      let doc = createDocument(schema());
      const om = doc.objectMappings[0];
      const displayName = om.attributeMappings.find((m) => m.targetAttribute === 'displayName')!;
      doc = applyEdit(doc, { kind: 'updateMapping', objectMappingId: om.id, mappingId: displayName.id, patch: { targetAttribute: 'UserName', sourceAttribute: 'nickName' } });
      assert.deepEqual(codes(issuesOf(doc)), ['error targetDuplicate targetAttribute', 'error targetDuplicate targetAttribute', 'warning sourceUnknown sourceAttribute']);
    });
  });

  it('reports the same through EditorState (the editor as you type) as validateDocument (the save gate)', () => {
    const doc = withScope([{ sourceAttribute: 'department', operator: 'IS TRUE', values: ['x'] }, { sourceAttribute: 'nope', operator: 'EQUALS', values: ['1'] }]);
    const state = new EditorState(doc, operators);
    const users = state.doc.objectMappings[0];
    state.apply({ kind: 'deleteMapping', objectMappingId: users.id, mappingId: users.attributeMappings.find((m) => m.targetAttribute === 'userName')!.id });
    state.apply({ kind: 'updateMapping', objectMappingId: users.id, mappingId: users.attributeMappings[1].id, patch: { flowType: 'Never', matchingPriority: 1 } });
    const key = (i: Issue) => `${i.code}|${i.mappingId ?? ''}|${i.field}|${i.args.join(',')}`;
    assert.deepEqual(state.issues().map(key).sort(), issuesOf(state.doc).map(key).sort());
    assert.ok(state.issues().length >= 4, state.issues().map(key).join('\n'));
  });
});

describe('the same rule, the same message: provisioning file and mapping editor', () => {
  it('reports a wrong scoping operator, an unmapped required attribute and a bad flow type with the same code and arguments, at the file’s field', () => {
    const base = schema();
    const text = provisioningFileText(buildProvisioningFile({ tenantId: 't', servicePrincipalId: 's', jobId: 'j' }, base, [], undefined, new Date(0)));
    const file = JSON.parse(text);
    const users = file.objectMappings[0];
    users.scope = [{ name: 'Sales', clauses: [{ attribute: 'department', operator: 'Greater_Than', values: ['5'] }] }];
    users.attributeMappings = users.attributeMappings.filter((m: { target: string }) => m.target !== 'userName');
    users.attributeMappings.find((m: { target: string }) => m.target === 'externalId').matchingPriority = 1;
    const title = users.attributeMappings.find((m: { target: string }) => m.target === 'title');
    title.flowType = 'MultiValueAddOnly';
    const edited = JSON.stringify(file, null, 2);
    const fromFile = validateProvisioningFile(JSON.parse(edited), { schema: base, filterOperators: operators });

    // The same three mistakes made in the editor.
    let doc = withScope([{ sourceAttribute: 'department', operator: 'Greater_Than', values: ['5'] }], base);
    const om = doc.objectMappings[0];
    const byTarget = (t: string) => om.attributeMappings.find((m) => m.targetAttribute === t)!.id;
    doc = applyEdit(doc, { kind: 'deleteMapping', objectMappingId: om.id, mappingId: byTarget('userName') });
    doc = applyEdit(doc, { kind: 'updateMapping', objectMappingId: om.id, mappingId: byTarget('externalId'), patch: { matchingPriority: 1 } });
    doc = applyEdit(doc, { kind: 'updateMapping', objectMappingId: om.id, mappingId: byTarget('title'), patch: { flowType: 'MultiValueAddOnly' } });
    const fromEditor = new EditorState(doc, operators).issues();

    const sentence = (i: Issue) => `${i.severity} ${i.code}: ${issueArgs(i, undefined).join(' | ')}`;
    assert.deepEqual(fromFile.map((l) => sentence(l.issue)).sort(), fromEditor.map(sentence).sort());
    assert.equal(fromFile.length, 3, fromFile.map((l) => sentence(l.issue)).join('\n'));

    // Each at its field in the file.
    const at = (code: string) => {
      const found = fromFile.find((l) => l.issue.code === code)!;
      const span = locateJsonPath(edited, found.path)!;
      return edited.slice(span.offset, span.offset + span.length);
    };
    assert.equal(at('scopeOperatorType'), '"Greater_Than"');
    assert.equal(at('flowTypeSingleValued'), '"MultiValueAddOnly"');
    assert.ok(at('requiredUnmapped').startsWith('['), 'the object mapping’s list of attribute mappings');
  });

  it('checks the file’s object actions and its added required target attributes', () => {
    const base = schema();
    const file = JSON.parse(provisioningFileText(buildProvisioningFile({ tenantId: 't', servicePrincipalId: 's', jobId: 'j' }, base, [], undefined, new Date(0))));
    file.objectMappings[0].actions = ['Add', 'Upsert'];
    file.objectMappings[0].addedTargetAttributes = [{ name: 'urn:test:badge', type: 'String', multivalued: false, required: true }];
    const found = validateProvisioningFile(file, { schema: base, filterOperators: operators }).map((l) => `${l.issue.code} ${l.issue.args[0]} ${l.path.join('/')}`);
    assert.deepEqual(found.sort(), ['actionUnknown Upsert objectMappings/0/actions/1', 'requiredUnmapped urn:test:badge objectMappings/0/attributeMappings']);
    // Without the tenant's schema the rules that need definitions are left out.
    assert.deepEqual(validateProvisioningFile(file, { filterOperators: operators }).map((l) => l.issue.code), ['actionUnknown']);
  });
});
