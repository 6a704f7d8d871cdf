import * as assert from 'node:assert/strict';
import { fromAttributeMappingSource, parseExpression, toAttributeMappingSource } from '../../../src/expressions';
import type { AttributeMappingSource } from '../../../src/expressions';
import { assertExpressionError } from './helpers';

describe('Graph attributeMappingSource conversion', () => {
  it('builds the documented Join tree', () => {
    assert.deepEqual(toAttributeMappingSource('Join("@", [mailNickname], "contoso.com")'), {
      expression: 'Join("@", [mailNickname], "contoso.com")',
      name: 'Join',
      type: 'Function',
      parameters: [
        { key: 'separator', value: { expression: '"@"', name: '@', type: 'Constant', parameters: [] } },
        { key: 'source', value: { expression: '[mailNickname]', name: 'mailNickname', type: 'Attribute', parameters: [] } },
        { key: 'source', value: { expression: '"contoso.com"', name: 'contoso.com', type: 'Constant', parameters: [] } },
      ],
    });
  });

  it('keys Replace parameters with Graph names and drops empty slots (parseExpression example)', () => {
    const source = toAttributeMappingSource('Replace([preferredLanguage], "-", , , "_", , )');
    assert.deepEqual(
      source.parameters?.map((p) => p.key),
      ['source', 'Find', 'Replacement'],
    );
  });

  it('reads a Graph tree back, including keys in the docs’ spelling and omitted defaults', () => {
    const graph: AttributeMappingSource = {
      name: 'Switch',
      type: 'Function',
      parameters: [
        { key: 'source', value: { name: 'IsSoftDeleted', type: 'Attribute' } },
        { key: 'key', value: { name: 'False', type: 'Constant', expression: '"False"' } },
        { key: 'value', value: { name: 'True', type: 'Constant' } },
        { key: 'key', value: { name: 'True', type: 'Constant' } },
        { key: 'value', value: { name: 'False', type: 'Constant' } },
      ],
    };
    assert.deepEqual(fromAttributeMappingSource(graph), parseExpression('Switch([IsSoftDeleted], , "False", "True", "True", "False")'));
    const replace: AttributeMappingSource = {
      name: 'Replace',
      type: 'Function',
      parameters: [
        { key: 'source', value: { name: 'mail' } },
        { key: 'oldValue', value: { name: '@contoso.com', type: 'Constant' } },
        { key: 'replacementValue', value: { name: '', type: 'Constant' } },
      ],
    };
    assert.deepEqual(fromAttributeMappingSource(replace), parseExpression('Replace([mail], "@contoso.com", , , "", , )'));
  });

  it('reads the legacy three-parameter FormatDateTime shape of Graph’s function schema', () => {
    const graph: AttributeMappingSource = {
      name: 'FormatDateTime',
      type: 'Function',
      parameters: [
        { key: 'source', value: { name: 'x', type: 'Attribute' } },
        { key: 'inputFormat', value: { name: 'yyyyMMdd', type: 'Constant' } },
        { key: 'outputFormat', value: { name: 'yyyy-MM-dd', type: 'Constant' } },
      ],
    };
    assert.deepEqual(fromAttributeMappingSource(graph), parseExpression('FormatDateTime([x], "yyyyMMdd", "yyyy-MM-dd")'));
  });

  it('keeps numbers, hex and enum constants apart from strings via their expression text', () => {
    const tree = parseExpression('InStr("a1", "1", 1, vbTextCompare)');
    const source = toAttributeMappingSource(tree);
    assert.equal(source.parameters?.[2].value.expression, '1');
    assert.deepEqual(fromAttributeMappingSource(source), tree);
    assert.deepEqual(fromAttributeMappingSource({ name: '1', type: 'Constant' }), { kind: 'string', value: '1' });
    assert.deepEqual(fromAttributeMappingSource({ name: '&HF', type: 'Constant', expression: '&HF' }), { kind: 'number', text: '&HF' });
  });

  it('represents comparisons as operator-named functions', () => {
    const tree = parseExpression('IIF([country] = "USA", "1", "2")');
    const source = toAttributeMappingSource(tree);
    assert.equal(source.parameters?.[0].key, 'condition');
    assert.equal(source.parameters?.[0].value.name, '=');
    assert.deepEqual(fromAttributeMappingSource(source), tree);
  });

  it('rejects malformed trees with the path of the problem', () => {
    assertExpressionError(() => fromAttributeMappingSource({ name: 'Nope', type: 'Function' }), /unknown function "Nope"/);
    assertExpressionError(() => fromAttributeMappingSource({ name: 'x', type: 'Weird' }), /unknown type "Weird"/);
    assertExpressionError(
      () => fromAttributeMappingSource({ name: 'Append', type: 'Function', parameters: [{ key: 'source', value: { name: 'a' } }, { key: 'bogus', value: { name: 'b' } }] }),
      /parameters\[1\]: "bogus" is not a parameter of Append/,
    );
    assertExpressionError(() => fromAttributeMappingSource({ name: 'Mid', type: 'Function', parameters: [{ key: 'source', value: { name: 'a' } }] }), /Mid needs 3 arguments/);
    assertExpressionError(() => fromAttributeMappingSource({ name: 'a]b' }), /not a usable attribute name/);
    assertExpressionError(() => fromAttributeMappingSource(null as unknown as AttributeMappingSource), /must be an object/);
    assertExpressionError(
      () => fromAttributeMappingSource({ name: 'Append', type: 'Function', parameters: [{ key: 'source', value: { name: 'a' } }, { key: 'source', value: { name: 'b' } }] }),
      /"source" is given twice/,
    );
  });
});
