import assert from 'node:assert/strict';
import fc from 'fast-check';
import { cases } from '../faultScale';
import { GraphError } from '../../../src/sandbox/http/graphError';
import { filterPredicate, parseFilter, parseSearch, matchesSearch } from '../../../src/sandbox/odata';

const ci = { caseInsensitive: true };
const cs = { caseInsensitive: false };

describe('sandbox OData query parsing', () => {
  const sp = { displayName: 'Contoso SCIM', appId: 'a1', tags: ['WindowsAzureActiveDirectoryIntegratedApp', 'x'], servicePrincipal: { id: 'SP1' }, activityDateTime: '2026-01-02T10:00:00Z', n: 5 };

  it('evaluates the documented filter forms', () => {
    const yes = [
      "startswith(displayName,'contoso')",
      "displayName eq 'CONTOSO SCIM'",
      "tags/any(t:t eq 'WindowsAzureActiveDirectoryIntegratedApp')",
      "servicePrincipal/id eq 'SP1'",
      'activityDateTime gt 2026-01-01T00:00:00Z and activityDateTime lt 2026-01-03T00:00:00Z',
      "not (appId eq 'zz') and (n ge 5 or n lt 0)",
      "contains(displayName,'scim')",
      "appId in ('b', 'a1')",
    ];
    for (const f of yes) assert.equal(filterPredicate(parseFilter(f), ci)(sp), true, f);
    const no = ["displayName eq 'contoso'", "tags/any(t:t eq 'nope')", 'activityDateTime gt 2026-01-03T00:00:00Z', "endswith(displayName,'x')"];
    for (const f of no) assert.equal(filterPredicate(parseFilter(f), ci)(sp), false, f);
  });

  it('compares case-sensitively when asked (provisioning logs)', () => {
    assert.equal(filterPredicate(parseFilter("displayName eq 'contoso scim'"), cs)(sp), false);
    assert.equal(filterPredicate(parseFilter("displayName eq 'Contoso SCIM'"), cs)(sp), true);
  });

  it('unescapes doubled quotes in string literals', () => {
    assert.equal(filterPredicate(parseFilter("displayName eq 'O''Brien'"), cs)({ displayName: "O'Brien" }), true);
  });

  it('parses $search clauses', () => {
    const groups = parseSearch('"displayName:scim" OR "appId:zz"');
    assert.equal(matchesSearch(sp, groups), true);
    assert.throws(() => parseSearch('scim'), GraphError);
  });

  it('never fails with anything but a 400 GraphError, whatever the text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 80 }), (text) => {
      try {
        const node = parseFilter(text);
        filterPredicate(node, ci)(sp);
      } catch (e) {
        assert.ok(e instanceof GraphError, `threw ${String(e)}`);
        assert.equal(e.status, 400);
      }
    }), { numRuns: cases(2000) });
  });

  it('never fails with anything but a 400 GraphError on filter-like text', () => {
    const token = fc.constantFrom('displayName', 'eq', 'ne', 'and', 'or', 'not', '(', ')', "'x'", "''", 'startswith(', ',', 'tags/any(t:t', '/', '1', 'true', 'null', '2026-01-01T00:00:00Z', ' ');
    fc.assert(fc.property(fc.array(token, { maxLength: 12 }), (parts) => {
      try {
        filterPredicate(parseFilter(parts.join(' ')), ci)(sp);
      } catch (e) {
        assert.ok(e instanceof GraphError, `threw ${String(e)}`);
      }
    }), { numRuns: cases(2000) });
  });
});
