import * as assert from 'node:assert/strict';
import { buildProvisioningFile, provisioningFileText } from '../../../src/shared/provisioningFile';
import { locateJsonPath, rawStringOffset, validateProvisioningFile } from '../../../src/shared/provisioningFileValidation';
import { scimSchema } from '../mappingEditor/fixtures';

const fileText = () => provisioningFileText(buildProvisioningFile({ tenantId: 't', servicePrincipalId: 's', jobId: 'j' }, scimSchema(), [], undefined, new Date(0)));

describe('provisioning file diagnostics (the mapping editor rules, located in the file)', () => {
  it('finds nothing to say about an exported file', () => {
    assert.deepEqual(validateProvisioningFile(JSON.parse(fileText())), []);
  });

  it('locates an expression error at the character the engine names, through JSON escapes', () => {
    const file = JSON.parse(fileText());
    const mappings = file.objectMappings[0].attributeMappings as Array<Record<string, unknown>>;
    const j = mappings.findIndex((m) => m.target === 'title');
    delete mappings[j].source;
    mappings[j].expression = 'Join("\\"", [jobTitle], Nope([department]))';
    const text = JSON.stringify(file, null, 2);
    const [found] = validateProvisioningFile(JSON.parse(text));
    assert.equal(found.issue.code, 'expressionError');
    assert.deepEqual(found.path, ['objectMappings', 0, 'attributeMappings', j, 'expression']);
    const span = locateJsonPath(text, found.path)!;
    assert.equal(JSON.parse(text.slice(span.offset, span.offset + span.length)), mappings[j].expression);
    const raw = text.slice(span.offset + 1, span.offset + span.length - 1);
    const at = span.offset + 1 + rawStringOffset(raw, found.issue.offset!);
    assert.ok(text.startsWith('Nope', at), `points at the unknown function: ${text.slice(at, at + 10)}`);
  });

  it('reports the documented rules: duplicate precedence, no matching attribute, unknown scoping operator', () => {
    const file = JSON.parse(fileText());
    const users = file.objectMappings[0];
    users.attributeMappings.find((m: { target: string }) => m.target === 'externalId').matchingPriority = 1;
    users.scope = [{ name: 'g', clauses: [{ attribute: 'department', operator: 'SOUNDS LIKE', values: ['x'] }] }];
    const groups = file.objectMappings[1];
    groups.enabled = true;
    for (const m of groups.attributeMappings) m.matchingPriority = 0;
    const located = validateProvisioningFile(file, { filterOperators: [{ name: 'EQUALS', arity: 'Binary' }] });
    const codes = located.map((l) => `${l.issue.code} ${l.path.join('/')}`);
    const externalId = users.attributeMappings.findIndex((m: { target: string }) => m.target === 'externalId');
    assert.ok(codes.includes(`matchingDuplicate objectMappings/0/attributeMappings/${externalId}/matchingPriority`), codes.join('\n'));
    assert.ok(codes.includes('scopeOperatorUnknown objectMappings/0/scope/0/clauses/0/operator'), codes.join('\n'));
    assert.ok(codes.includes('matchingNone objectMappings/1/attributeMappings'), codes.join('\n'));
  });
});
