import * as assert from 'node:assert/strict';
import { formatExpression, MAX_EXPRESSION_LENGTH, parseExpression, spanOf } from '../../../src/expressions';
import type { CallExpression, Expression } from '../../../src/expressions';
import { assertExpressionError } from './helpers';

function call(text: string): CallExpression {
  const tree = parseExpression(text);
  assert.equal(tree.kind, 'call');
  return tree as CallExpression;
}

describe('parseExpression', () => {
  describe('accepts the documented constructs', () => {
    it('parses a call with an attribute and string constants', () => {
      assert.deepEqual(parseExpression('Join("@", [mailNickname], "contoso.com")'), {
        kind: 'call',
        name: 'Join',
        args: [
          { kind: 'string', value: '@' },
          { kind: 'attribute', name: 'mailNickname' },
          { kind: 'string', value: 'contoso.com' },
        ],
      });
    });

    it('accepts a bare attribute or constant at top level', () => {
      assert.deepEqual(parseExpression('[mail]'), { kind: 'attribute', name: 'mail' });
      assert.deepEqual(parseExpression('"x"'), { kind: 'string', value: 'x' });
      assert.deepEqual(parseExpression('  42 '), { kind: 'number', text: '42' });
    });

    it('unescapes \\" and \\\\ inside strings', () => {
      assert.deepEqual(parseExpression('"Company name: \\"Contoso\\""'), { kind: 'string', value: 'Company name: "Contoso"' });
      assert.deepEqual(parseExpression('"C:\\\\temp"'), { kind: 'string', value: 'C:\\temp' });
    });

    it('keeps newlines and spaces inside strings but ignores them between tokens', () => {
      const tree = parseExpression('Switch([Active], ,\n  "1", "a\n b",\r\n\t"0", "False")');
      assert.deepEqual((tree as CallExpression).args[3], { kind: 'string', value: 'a\n b' });
      assert.equal((tree as CallExpression).args.length, 6);
    });

    it('accepts attribute names with dots, colons, dashes and digits', () => {
      for (const name of ['passwordProfile.password', 'extension_9d98ed114c9d4f4f9b8d0c0f4ef2e0b1_costCenter', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department', 'a b']) {
        assert.deepEqual(parseExpression(`[${name}]`), { kind: 'attribute', name });
      }
    });

    it('parses negative numbers, VB hex literals and enum constants', () => {
      assert.deepEqual(call('DateAdd("d", -10, Now())').args[1], { kind: 'number', text: '-10' });
      assert.deepEqual(call('BitAnd(&hf, &HF7)').args, [
        { kind: 'number', text: '&HF' },
        { kind: 'number', text: '&HF7' },
      ]);
      assert.deepEqual(call('InStr("repEated","e",3,VBBINARYCOMPARE)').args[3], { kind: 'enum', name: 'vbBinaryCompare' });
      assert.deepEqual(parseExpression('DateFromNum(129699324000000000)'), { kind: 'call', name: 'DateFromNum', args: [{ kind: 'number', text: '129699324000000000' }] });
    });

    it('keeps empty slots apart from "" and drops trailing empty slots', () => {
      const replace = call('Replace([mail], "@contoso.com", , ,"", ,)');
      assert.deepEqual(replace.args, [{ kind: 'attribute', name: 'mail' }, { kind: 'string', value: '@contoso.com' }, null, null, { kind: 'string', value: '' }]);
      const sw = call('Switch([IsSoftDeleted], , "False", "True", "True", "False")');
      assert.equal(sw.args[1], null);
    });

    it('parses every comparison operator inside IIF', () => {
      for (const op of ['=', '<>', '>', '>=', '<', '<=']) {
        const tree = call(`IIF([a]${op}"b", "1", "2")`);
        assert.deepEqual(tree.args[0], { kind: 'comparison', operator: op, left: { kind: 'attribute', name: 'a' }, right: { kind: 'string', value: 'b' } });
      }
      assert.equal(call('IIF(DateDiff("d", Now(), CDate([x])) > 5, "False", "True")').args[0]?.kind, 'comparison');
    });

    it('resolves function names case-insensitively to the canonical spelling', () => {
      assert.equal(call('switch([companyName], "x", "a", "b")').name, 'Switch');
      assert.equal(call('IsNullorEmpty([x])').name, 'IsNullOrEmpty');
      assert.equal(call('iif([a]="b","1","2")').name, 'IIF');
    });

    it('rewrites the legacy three-argument FormatDateTime to the current shape', () => {
      assert.deepEqual(parseExpression('FormatDateTime([x], "yyyyMMdd", "yyyy-MM-dd")'), parseExpression('FormatDateTime([x], , "yyyyMMdd", "yyyy-MM-dd")'));
    });

    it('records the span of every node', () => {
      const text = 'Join(" ", [givenName], [surname])';
      const tree = call(text);
      assert.deepEqual(spanOf(tree), { start: 0, end: text.length });
      assert.deepEqual(spanOf(tree.args[1] as Expression), { start: 10, end: 21 });
    });

    it('accepts an expression of exactly 10,000 characters', () => {
      const text = `"${'a'.repeat(MAX_EXPRESSION_LENGTH - 2)}"`;
      assert.equal(text.length, 10_000);
      assert.equal(parseExpression(text).kind, 'string');
    });
  });

  describe('rejects invalid text with a position and a readable message', () => {
    it('reports a missing separator after an argument', () => {
      assertExpressionError(() => parseExpression('Join(" ", [a] [b], [c])'), /^Expected ',' or '\)' after argument 2 of Join\.$/, 14);
    });

    it('reports unknown functions at the name, with a suggestion', () => {
      assertExpressionError(() => parseExpression('Append([a], Jion(",", [b]))'), /Unknown function 'Jion' \(did you mean Join\?\)/, 12);
      assertExpressionError(() => parseExpression('Frobnicate([a])'), /^Unknown function 'Frobnicate'\.$/, 0);
    });

    it('checks argument counts', () => {
      assertExpressionError(() => parseExpression('Mid([x], 1)'), /Mid needs 3 arguments, got 2/, 0);
      assertExpressionError(() => parseExpression('Append([a], "b", "c")'), /Append takes at most 2 arguments, got 3/, 17);
      assertExpressionError(() => parseExpression('Now(1)'), /Now takes at most 0 arguments, got 1/);
      assertExpressionError(() => parseExpression('Join(",")'), /Join needs at least 2 arguments, got 1/);
      assertExpressionError(() => parseExpression('SelectUniqueValue([a])'), /at least 2 arguments/);
      assertExpressionError(() => parseExpression('Switch([a], "d", "k")'), /at least 4 arguments/);
      assertExpressionError(() => parseExpression('Switch([a], "d", "k", "v", "k2")'), /the last key has no value/, 27);
      assertExpressionError(() => parseExpression('FormatDateTime([x], "y")'), /needs 4 arguments \(or 3 in the legacy form\)/);
    });

    it('rejects an empty slot for a required parameter', () => {
      assertExpressionError(() => parseExpression('Append(, "x")'), /argument 1 \(source\) of Append cannot be left empty/, 7);
      assertExpressionError(() => parseExpression('Join(",", [a], , [b])'), /argument 3 \(source\) of Join cannot be left empty/, 15);
    });

    it('rejects escapes other than \\" and \\\\', () => {
      assertExpressionError(() => parseExpression('Replace([x], , "\\d+", , "", , )'), /Unknown escape '\\d'/, 16);
      assertExpressionError(() => parseExpression('"a\\nb"'), /Unknown escape '\\n'/, 2);
    });

    it('reports unbalanced brackets, quotes and parentheses', () => {
      assertExpressionError(() => parseExpression('Append([givenName, "x")'), /cannot contain '\['|no closing '\]'/);
      assertExpressionError(() => parseExpression('Append([givenName, "x"'), /no closing '\]'/, 7);
      assertExpressionError(() => parseExpression('Append("abc, [x])'), /no closing double quote/, 7);
      assertExpressionError(() => parseExpression('Append([a], "b"'), /Expected ',' or '\)' after argument 2 of Append: the '\(' here is never closed/, 6);
      assertExpressionError(() => parseExpression('Append([a], "b"))'), /Unexpected '\)' after the end of the expression/, 16);
      assertExpressionError(() => parseExpression('[a]]'), /Unexpected '\]' after the end/, 3);
      assertExpressionError(() => parseExpression('[]'), /attribute name is missing/, 0);
    });

    it('rejects more than 10,000 characters at offset 10,000', () => {
      assertExpressionError(() => parseExpression(`"${'a'.repeat(MAX_EXPRESSION_LENGTH)}"`), /at most 10,000/, 10_000);
    });

    it('rejects empty text, stray tokens and undocumented syntax', () => {
      assertExpressionError(() => parseExpression('   '), /empty/, 0);
      assertExpressionError(() => parseExpression('Join(",", [a]) & "x"'), /Unexpected '&'/, 15);
      assertExpressionError(() => parseExpression('Append([a], &x)'), /hex number/, 12);
      assertExpressionError(() => parseExpression("Append([a], 'x')"), /double quotes/, 12);
      assertExpressionError(() => parseExpression('Append([a], 1.5)'), /whole numbers/, 13);
      assertExpressionError(() => parseExpression('Append([a], True)'), /Unknown name 'True'/, 12);
      assertExpressionError(() => parseExpression('Now'), /Now is a function: write Now\(…\)/, 0);
      assertExpressionError(() => parseExpression('IIF([a]="b"="c", "1", "2")'), /Only one comparison/, 11);
      assertExpressionError(() => parseExpression('IIF([a]=, "1", "2")'), /Expected a value after '='/, 8);
      assertExpressionError(() => parseExpression('Append([a], -)'), /digits after '-'/, 12);
    });

    it('rejects Replace argument combinations that match no documented mode', () => {
      assertExpressionError(() => parseExpression('Replace([x], "a", , , , , )'), /exactly one of replacementValue/);
      assertExpressionError(() => parseExpression('Replace([x], "a", "b", , "c", , )'), /either oldValue .* or regexPattern/);
      assertExpressionError(() => parseExpression('Replace([x], , "a", , , , )'), /regexPattern needs replacementValue/);
      assertExpressionError(() => parseExpression('Replace([x], , "a", , , [y], )'), /replacementAttributeName needs regexGroupName/);
      assertExpressionError(() => parseExpression('Replace([x])'), /give oldValue .* or regexPattern/);
    });

    it('limits nesting depth instead of overflowing the stack', () => {
      const deep = 'Append('.repeat(150) + '"x"' + ', "y")'.repeat(150);
      assertExpressionError(() => parseExpression(deep), /nested more than 100 levels/);
    });

    it('rejects a non-string argument with an ExpressionError', () => {
      assertExpressionError(() => parseExpression(42 as unknown as string), /must be text/, 0);
    });
  });
});

describe('formatExpression', () => {
  it('writes the canonical one-line form', () => {
    assert.equal(formatExpression(parseExpression('switch( [IsSoftDeleted] ,, "False","True" ,"True","False" )')), 'Switch([IsSoftDeleted], , "False", "True", "True", "False")');
    assert.equal(formatExpression(parseExpression('Replace([mail], "@contoso.com", , ,"", ,)')), 'Replace([mail], "@contoso.com", , , "")');
    assert.equal(formatExpression(parseExpression('IIF([country]="USA",[country],[department])')), 'IIF([country] = "USA", [country], [department])');
    assert.equal(formatExpression(parseExpression('BitAnd(&hf, -3)')), 'BitAnd(&HF, -3)');
    assert.equal(formatExpression(parseExpression('"say \\"hi\\" \\\\ bye"')), '"say \\"hi\\" \\\\ bye"');
  });

  it('breaks long calls one argument per line and stays parseable', () => {
    const text =
      'SelectUniqueValue(Join("@", NormalizeDiacritics(StripSpaces(Join(".", [PreferredFirstName], [PreferredLastName]))), "contoso.com"), Join("@", NormalizeDiacritics(StripSpaces(Join(".", Mid([PreferredFirstName], 1, 1), [PreferredLastName]))), "contoso.com"))';
    const formatted = formatExpression(parseExpression(text));
    assert.ok(formatted.startsWith('SelectUniqueValue(\n  Join(\n    "@",'), formatted);
    assert.deepEqual(parseExpression(formatted), parseExpression(text));
  });
});
