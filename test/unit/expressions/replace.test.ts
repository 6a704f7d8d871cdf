import * as assert from 'node:assert/strict';
import { validateExpression } from '../../../src/expressions';
import { assertExpressionError, ev } from './helpers';

describe('Replace', () => {
  describe('mode 1: oldValue and replacementValue', () => {
    it('replaces every occurrence (documented examples)', () => {
      assert.equal(ev('Replace([BusinessTitle],"Product Developer", , , "Software Engineer", , )', { BusinessTitle: 'Senior Product Developer' }), 'Senior Software Engineer');
      assert.equal(ev('Replace([mail], "@contoso.com", , ,"", ,)', { mail: 'john@contoso.com' }), 'john');
      assert.equal(ev('Replace([preferredLanguage], "-", , , "_", , )', { preferredLanguage: 'EN-US' }), 'EN_US');
    });
    it('is case-sensitive, literal and handles $ in the replacement literally', () => {
      assert.equal(ev('Replace("a.b.A", ".", , , "$&", , )'), 'a$&b$&A');
      assert.equal(ev('Replace("aAa", "a", , , "x", , )'), 'xAx');
    });
    it('passes null through and applies to each value', () => {
      assert.equal(ev('Replace([missing], "-", , , "_", , )'), null);
      assert.deepEqual(ev('Replace([l], "-", , , "_", , )', { l: ['a-b', 'c-d'] }), ['a_b', 'c_d']);
    });
  });

  describe('mode 2: oldValue and template', () => {
    it('fills the template with the source (documented example)', () => {
      assert.equal(ev('Replace([UserID],"<username>", , , , , "<username>@contoso.com")', { UserID: 'jsmith' }), 'jsmith@contoso.com');
      assert.equal(ev('Replace([UserID],"<u>", , , , , "<u>.<u>")', { UserID: 'x' }), 'x.x');
    });
  });

  describe('mode 3: regexPattern and replacementValue', () => {
    it('replaces with group references (documented examples)', () => {
      assert.equal(
        ev('Replace([mobile], , "\\\\+(?<isdCode>\\\\d* )(?<phoneNumber>\\\\d{10})", , "${phoneNumber}", , )', { mobile: '+91 9998887777' }),
        '9998887777',
      );
      assert.equal(ev('Replace([mailNickname], , "[a-zA-Z_]*", , "", , )', { mailNickname: 'john_doe72' }), '72');
    });
    it('follows the regex, not the sloppy documented output, for the mobile example', () => {
      assert.equal(ev('Replace([mobile], , "[()\\\\s-]+", , "", , )', { mobile: '+1 (999) 888-7777' }), '+19998887777');
    });
    it('supports numbered, whole-match and escaped references like .NET', () => {
      assert.equal(ev('Replace("John Smith", , "(\\\\w+) (\\\\w+)", , "$2, $1", , )'), 'Smith, John');
      assert.equal(ev('Replace("abc", , "b", , "[$&]", , )'), 'a[b]c');
      assert.equal(ev('Replace("abc", , "b", , "$$", , )'), 'a$c');
      assert.equal(ev('Replace("abc", , "b", , "$3${nope}", , )'), 'a$3${nope}c');
      assert.equal(ev('Replace("abc", , "b", , "<$_>", , )'), 'a<abc>c');
      // .NET numbers unnamed groups before named ones: $1 is (c), $2 is (?<x>b).
      assert.equal(ev('Replace("abc", , "(?<x>b)(c)", , "$1$2", , )'), 'acb');
    });
    it('uses .NET semantics for \\d, \\w, ., $ and inline options', () => {
      assert.equal(ev('Replace("١٢3", , "\\\\d", , "#", , )'), '###');
      assert.equal(ev('Replace("Zoë_1", , "\\\\w+", , "#", , )'), '#');
      assert.equal(ev('Replace("a\rb", , ".", , "#", , )'), '###');
      assert.equal(ev('Replace("end\n", , "d$", , "D", , )'), 'enD\n');
      assert.equal(ev('Replace("ABC", , "(?i)b", , "x", , )'), 'AxC');
      assert.equal(ev('Replace("a@b", , "\\\\@", , "-", , )'), 'a-b');
      assert.equal(ev('Replace("Ab1", , "\\\\p{Lu}", , "_", , )'), '_b1');
      assert.equal(ev('Replace("aXb", , "[^\\\\d]", , "", , )'), '');
    });
    it('rejects invalid or unsupported patterns at validation time', () => {
      const bad = validateExpression('Replace([x], , "(?>a)", , "", , )');
      assert.equal(bad.ok, false);
      assert.match(bad.ok ? '' : bad.error.message, /atomic groups/);
      assertExpressionError(() => ev('Replace([x], , "(a", , "", , )', { x: 'a' }), /not a valid regular expression/);
      assertExpressionError(() => ev('Replace([x], , "\\\\q", , "", , )', { x: 'a' }), /unrecognised escape \\q/);
    });
    it('compiles a pattern that comes from an attribute at evaluation time', () => {
      assert.equal(ev('Replace([x], , [p], , "-", , )', { x: 'a1b2', p: '\\d' }), 'a-b-');
    });
    it('refuses very long inputs instead of risking a runaway regex', () => {
      assertExpressionError(() => ev('Replace([x], , "(a+)+$", , "", , )', { x: 'a'.repeat(5000) }), /at most 4096/);
    });
  });

  describe('mode 4: regexPattern, regexGroupName and replacementValue', () => {
    it('replaces only the named group (documented examples)', () => {
      assert.equal(ev('Replace([address], , "(?<streetNumber>^\\\\d*)", "streetNumber", "888", , )', { address: '545 Tremont Street' }), '888 Tremont Street');
      assert.equal(ev('Replace([mail], , "(?<Suffix>@(.)*)", "Suffix", "", , )', { mail: 'jsmith@contoso.com' }), 'jsmith');
    });
    it('replaces the group in every match and reports an unknown group', () => {
      assert.equal(ev('Replace("a1 b2", , "[a-z](?<d>\\\\d)", "d", "#", , )'), 'a# b#');
      assertExpressionError(() => ev('Replace("a", , "(?<x>a)", "y", "#", , )'), /no group named "y"/);
    });
  });

  describe('mode 5: regexPattern, regexGroupName and replacementAttributeName', () => {
    const text = 'Replace([telephoneNumber], , "\\\\+(?<isdCode>\\\\d* )(?<phoneNumber>\\\\d{10})", "phoneNumber" , , [mobile], )';
    it('extracts the group from the other attribute when the source is empty (documented example)', () => {
      assert.equal(ev(text, { telephoneNumber: '', mobile: '+91 8887779999' }), '8887779999');
      assert.equal(ev(text, { mobile: '+91 8887779999' }), '8887779999');
    });
    it('returns a source that has a value unchanged', () => {
      assert.equal(ev(text, { telephoneNumber: '+1 555', mobile: '+91 8887779999' }), '+1 555');
    });
    it('gives "" when the other attribute does not match and the source when it is null', () => {
      assert.equal(ev(text, { telephoneNumber: '', mobile: 'none' }), '');
      assert.equal(ev(text, { telephoneNumber: '' }), '');
    });
  });
});
