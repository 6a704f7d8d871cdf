import * as assert from 'node:assert/strict';
import type { ExpressionWarning } from '../../../src/expressions';
import { assertExpressionError, ev } from './helpers';

const ACTIVE = 'Switch([IsSoftDeleted], , "False", "True", "True", "False")';

describe('conditions and null handling', () => {
  describe('Switch', () => {
    it('computes the default SCIM active attribute from IsSoftDeleted', () => {
      assert.equal(ev(ACTIVE, { IsSoftDeleted: false }), 'True');
      assert.equal(ev(ACTIVE, { IsSoftDeleted: true }), 'False');
      // Graph's test input passes Booleans as lower-case text.
      assert.equal(ev(ACTIVE, { IsSoftDeleted: 'false' }), 'True');
      assert.equal(ev(ACTIVE, { IsSoftDeleted: 'TRUE' }), 'False');
    });
    it('returns null with no default and no match', () => {
      assert.equal(ev(ACTIVE, {}), null);
      assert.equal(ev('Switch([x], , "a", "1")', { x: 'b' }), null);
    });
    it('compares case-sensitively (documented ToLower example)', () => {
      assert.equal(ev('Switch([statusFlag], "0", "true", "1", "false", "0")', { statusFlag: 'TRUE' }), '0');
      assert.equal(ev('Switch(ToLower([statusFlag]), "0", "true", "1", "false", "0")', { statusFlag: 'TRUE' }), '1');
    });
    it('matches null and empty sources with an empty key (documented)', () => {
      assert.equal(ev('Switch([statusFlag], "Default Value", "true", "1", "", "0")', { statusFlag: '' }), '0');
      assert.equal(ev('Switch([country],[country],"","Other")', {}), 'Other');
      assert.equal(ev('Switch([country],[country],"","Other")', { country: '' }), 'Other');
      assert.equal(ev('Switch([country],[country],"","Other")', { country: 'NZ' }), 'NZ');
    });
    it('evaluates only the chosen value and supports nested expressions (Workday example shape)', () => {
      const text = 'Switch([Active], , "1", IIF(DateDiff("d", Now(), CDate([StatusHireDate])) > 5, "False", "True"), "0", "False")';
      const now = new Date(Date.UTC(2021, 0, 1));
      assert.equal(ev(text, { Active: '1', StatusHireDate: '2021-01-10' }, { now }), 'False');
      assert.equal(ev(text, { Active: '1', StatusHireDate: '2021-01-03' }, { now }), 'True');
      assert.equal(ev(text, { Active: '0' }, { now }), 'False');
      assert.equal(ev('Switch([x], "d", "a", Item([list], 9))', { x: 'b', list: ['1'] }), 'd');
    });
    it('prefixes with IgnoreFlowIfNullOrEmpty (documented)', () => {
      const text = 'IgnoreFlowIfNullOrEmpty(Switch([prefix], "", "3443", "Dr.", "3444", "Prof.", "3445", "Prof. Dr."))';
      assert.equal(ev(text, { prefix: '3444' }), 'Prof.');
      assert.equal(ev(text, { prefix: '1' }), null);
    });
    it('maps each value of a multi-valued source', () => {
      assert.deepEqual(ev('Switch([codes], "?", "a", "A", "b", "B")', { codes: ['a', 'b', 'c'] }), ['A', 'B', '?']);
    });
    it('evaluates IsPresent as a source with the documented semantics and a lint warning', () => {
      assert.equal(ev('Switch(IsPresent([jobTitle]), "DefaultValue", "True", [jobTitle])', { jobTitle: 'Dev' }), 'Dev');
      assert.equal(ev('Switch(IsPresent([jobTitle]), "DefaultValue", "True", [jobTitle])', {}), 'DefaultValue');
      const text = 'Switch(IsPresent([directManager]),[directManager], IsPresent([skiplevelManager]), [skiplevelManager], IsPresent([director]),[director])';
      assert.equal(ev(text, { directManager: 'dm', skiplevelManager: 'sm' }), 'sm');
    });
  });

  describe('IIF', () => {
    it('chooses a branch (documented examples)', () => {
      const text = 'IIF([country]="USA",[country],[department])';
      assert.equal(ev(text, { country: 'USA', department: 'Sales' }), 'USA');
      assert.equal(ev(text, { country: 'NZ', department: 'Sales' }), 'Sales');
    });
    it('nests for AND and OR (documented)', () => {
      const and = 'IIF([country]="USA",IIF([state]="CA","True","False"),"False")';
      const or = 'IIF([country]="USA","True",IIF([state]="CA","True","False"))';
      assert.equal(ev(and, { country: 'USA', state: 'CA' }), 'True');
      assert.equal(ev(and, { country: 'USA', state: 'WA' }), 'False');
      assert.equal(ev(or, { country: 'NZ', state: 'CA' }), 'True');
      assert.equal(ev(or, { country: 'NZ', state: 'WA' }), 'False');
    });
    it('returns null with a warning when an attribute inside is null or empty, or fails in strict mode', () => {
      const warnings: ExpressionWarning[] = [];
      assert.equal(ev('IIF([country]="USA",[country],[department])', { country: 'USA' }, { onWarning: (w) => warnings.push(w) }), null);
      assert.equal(warnings.length, 1);
      assert.match(warnings[0].message, /\[department\] is null/);
      assert.equal(ev('IIF(IsPresent([country]),[country],"Other")', { country: '' }), null);
      assertExpressionError(() => ev('IIF([a]="x","1","2")', {}, { strict: true }), /IIF: attribute \[a\] is null/, 0);
    });
    it('compares numbers numerically and text ordinally', () => {
      assert.equal(ev('IIF([n] > 5, "big", "small")', { n: '10' }), 'big');
      assert.equal(ev('IIF([n] > "5", "big", "small")', { n: 'abc' }), 'big');
      assert.equal(ev('IIF([n] >= 10, "y", "n")', { n: 10 }), 'y');
      assert.equal(ev('IIF([n] <> 10, "y", "n")', { n: '010' }), 'n');
      assert.equal(ev('IIF([a] < [b], "y", "n")', { a: 'Zeta', b: 'alpha' }), 'y');
      assert.equal(ev('IIF([big] > 9007199254740993, "y", "n")', { big: '9007199254740994' }), 'y');
    });
    it('compares dates by time', () => {
      assert.equal(ev('IIF(CDate([d]) < CDate("2020-01-01T00:00:00Z"), "old", "new")', { d: '2019-12-31T23:00:00-02:00' }), 'new');
    });
    it('reads the condition as a Boolean and rejects other text', () => {
      assert.equal(ev('IIF([flag], "on", "off")', { flag: true }), 'on');
      assert.equal(ev('IIF([flag], "on", "off")', { flag: '0' }), 'off');
      assertExpressionError(() => ev('IIF([flag], "on", "off")', { flag: 'maybe' }), /must be True, False or a number/);
    });
    it('rejects comparing a multi-valued value', () => {
      assertExpressionError(() => ev('IIF([list]="a", "1", "2")', { list: ['a', 'b'] }), /multi-valued value cannot be compared/);
    });
  });

  describe('Coalesce', () => {
    it('returns the first non-null argument (documented example)', () => {
      assert.equal(ev('Coalesce([mail],[userPrincipalName])', { userPrincipalName: 'John.Doe@contoso.com' }), 'John.Doe@contoso.com');
      assert.equal(ev('Coalesce([mail],[userPrincipalName])', { mail: 'j@x', userPrincipalName: 'u@x' }), 'j@x');
    });
    it('treats "" as a value and falls back to the last argument', () => {
      assert.equal(ev('Coalesce([mail], "fallback")', { mail: '' }), '');
      assert.equal(ev('Coalesce([a], [b], "default")'), 'default');
      assert.equal(ev('Coalesce([a], [b])'), null);
      assert.deepEqual(ev('Coalesce([a], [list])', { list: ['x'] }), ['x']);
    });
  });

  describe('CBool', () => {
    it('is True when the comparison holds (documented)', () => {
      assert.equal(ev('CBool([attribute1] = [attribute2])', { attribute1: 'a', attribute2: 'a' }), 'True');
      assert.equal(ev('CBool([attribute1] = [attribute2])', { attribute1: 'a', attribute2: 'b' }), 'False');
    });
    it('reads numbers, Boolean text and null', () => {
      assert.equal(ev('CBool(5)'), 'True');
      assert.equal(ev('CBool(0)'), 'False');
      assert.equal(ev('CBool("true")'), 'True');
      assert.equal(ev('CBool("FALSE")'), 'False');
      assert.equal(ev('CBool([missing])'), 'False');
      assertExpressionError(() => ev('CBool("abc")'), /CBool: argument 1 must be True, False or a number, got "abc"/);
    });
  });

  describe('Not', () => {
    it('inverts Boolean text (documented, Graph Salesforce example)', () => {
      assert.equal(ev('Not([IsSoftDeleted])', { IsSoftDeleted: false }), 'True');
      assert.equal(ev('Not([IsSoftDeleted])', { IsSoftDeleted: true }), 'False');
      assert.equal(ev('Not("True")'), 'False');
      assert.equal(ev('Not("anything")'), 'True');
      assert.equal(ev('Not([missing])'), null);
      assert.equal(ev('Not(Not("False"))'), 'False');
    });
  });

  describe('IsNull / IsNothing / IsNullOrEmpty / IsPresent / IsString', () => {
    it('tests for null (absent attributes)', () => {
      assert.equal(ev('IsNull([displayName])'), 'True');
      assert.equal(ev('IsNull([displayName])', { displayName: '' }), 'False');
      assert.equal(ev('IsNothing([displayName])'), 'True');
      assert.equal(ev('IsNull([list])', { list: [] }), 'True');
    });
    it('tests for null or empty, and their inverse', () => {
      assert.equal(ev('IsNullOrEmpty([x])', { x: '' }), 'True');
      assert.equal(ev('IsNullOrEmpty([x])'), 'True');
      assert.equal(ev('IsNullOrEmpty([x])', { x: ' ' }), 'False');
      assert.equal(ev('IsPresent([x])', { x: 'a' }), 'True');
      assert.equal(ev('IsPresent([x])', { x: '' }), 'False');
      assert.equal(ev('IsPresent([x])', { x: ['a'] }), 'True');
    });
    it('tests whether a value reads as a string', () => {
      assert.equal(ev('IsString([x])', { x: 'a' }), 'True');
      assert.equal(ev('IsString([x])', { x: 7 }), 'True');
      assert.equal(ev('IsString([x])'), 'False');
      assert.equal(ev('IsString(AppRoleAssignmentsComplex([r]))', { r: ['Admin'] }), 'False');
    });
  });

  describe('IgnoreFlowIfNullOrEmpty', () => {
    it('drops null and empty values, passes the rest', () => {
      assert.equal(ev('IgnoreFlowIfNullOrEmpty([department])'), null);
      assert.equal(ev('IgnoreFlowIfNullOrEmpty([department])', { department: '' }), null);
      assert.equal(ev('IgnoreFlowIfNullOrEmpty([department])', { department: 'Sales' }), 'Sales');
    });
  });

  describe('Redact', () => {
    it('returns its argument unchanged', () => {
      assert.equal(ev('Redact([pw])', { pw: 's3cret' }), 's3cret');
      assert.equal(ev('Redact([pw])'), null);
      assert.equal((ev('Redact(RandomString(6,3,0,0,3))') as string).length, 6);
    });
  });
});
