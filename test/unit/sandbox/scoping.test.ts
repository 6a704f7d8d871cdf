import assert from 'node:assert/strict';
import { passesScope } from '../../../src/sandbox/engine/scoping';
import type { FilterClause } from '../../../src/sandbox/types';
import { assignedUserIds, clauseHolds, DEFAULT_ACCESS_ROLE_ID, scopeVerdict, scopingFilterOf } from '../../../src/shared/scoping';

const clause = (sourceOperandName: string, operatorName: string, ...values: string[]): FilterClause => ({ sourceOperandName, operatorName, targetOperand: { values } });
const user = { department: 'Sales', userPrincipalName: 'ada@contoso.com', accountEnabled: true, IsSoftDeleted: false, employeeId: '1500000', city: '' };

describe('scoping filters (shared by the sandbox engine and the mapping editor preview)', () => {
  it('implements the documented operators', () => {
    const cases: [FilterClause, boolean][] = [
      [clause('department', 'EQUALS', 'Sales'), true],
      [clause('department', 'EQUALS', 'sales'), false],
      [clause('department', 'NOT EQUALS', 'Marketing'), true],
      [clause('accountEnabled', 'IS TRUE'), true],
      [clause('IsSoftDeleted', 'IS FALSE'), true],
      [clause('jobTitle', 'IS NULL'), true],
      [clause('city', 'IS NULL'), true],
      [clause('department', 'IS NOT NULL'), true],
      [clause('userPrincipalName', 'REGEX MATCH', '.*\\@contoso.com'), true],
      [clause('userPrincipalName', 'NOT REGEX MATCH', '.*\\@contoso.com'), false],
      [clause('jobTitle', 'NOT REGEX MATCH', '.*'), false],
      [clause('employeeId', 'Greater_Than', '1000000'), true],
      [clause('employeeId', 'Less_Than', '1000000'), false],
      [clause('employeeId', 'Greater_Than_OR_EQUALS', '1500000'), true],
      [clause('department', 'Greater_Than', '3'), false],
      [clause('userPrincipalName', 'Includes', 'contoso'), true],
      [clause('userPrincipalName', 'ENDS_WITH', '.com'), true],
      [clause('department', 'IS MEMBER OF', 'x'), false],
    ];
    for (const [c, expected] of cases) assert.equal(clauseHolds({ sourceAttribute: c.sourceOperandName, operator: c.operatorName, values: c.targetOperand.values }, user), expected, `${c.sourceOperandName} ${c.operatorName} ${c.targetOperand.values.join(',')}`);
  });

  it('keeps a scoping filter’s REGEX MATCH bounded: RE2 decides the runaway pattern, an unboundable one is false', () => {
    const regexClause = (operator: string, pattern: string) => ({ sourceAttribute: 'mail', operator, values: [pattern] });
    const RUNAWAY_VALUE = 'a'.repeat(40) + '!';
    assert.equal(clauseHolds(regexClause('REGEX MATCH', '(a+)+$'), { mail: RUNAWAY_VALUE }), false);
    assert.equal(clauseHolds(regexClause('NOT REGEX MATCH', '(a+)+$'), { mail: RUNAWAY_VALUE }), true);
    assert.equal(clauseHolds(regexClause('REGEX MATCH', '(a+)+$'), { mail: 'a'.repeat(40) }), true);
    assert.equal(clauseHolds(regexClause('REGEX MATCH', '^(a+)+(?=!)'), { mail: RUNAWAY_VALUE }), false);
    assert.equal(clauseHolds(regexClause('NOT REGEX MATCH', '^(a+)+(?=!)'), { mail: RUNAWAY_VALUE }), false);
    // The service's dialect is .NET: \d is any Unicode digit.
    assert.equal(clauseHolds(regexClause('REGEX MATCH', '^\\d+$'), { mail: '١٢٣' }), true);
  });

  it('ANDs clauses in a group and ORs groups; no filter means in scope', () => {
    assert.equal(passesScope(null, user), true);
    const scope = (groups: FilterClause[][]) => ({ groups: groups.map((clauses, i) => ({ name: `g${i}`, clauses })), inputFilterGroups: [], categoryFilterGroups: [] });
    assert.equal(passesScope(scope([[clause('department', 'EQUALS', 'Sales'), clause('accountEnabled', 'IS FALSE')]]), user), false);
    assert.equal(passesScope(scope([[clause('department', 'EQUALS', 'Sales'), clause('accountEnabled', 'IS FALSE')], [clause('employeeId', 'Greater_Than', '1')]]), user), true);
  });

  it('ANDs the input filter groups with the scoping filter groups', () => {
    const both = { groups: [{ name: 'a', clauses: [clause('department', 'EQUALS', 'Sales')] }], inputFilterGroups: [{ name: 'b', clauses: [clause('city', 'IS NOT NULL')] }], categoryFilterGroups: [] };
    assert.equal(passesScope(both, user), false, 'city is empty');
    assert.equal(passesScope(both, { ...user, city: 'Oslo' }), true);
  });

  it('decides scope in the service\'s order: deleted, then assignment (unless all users are synced), then the filter', () => {
    const filter = scopingFilterOf({ groups: [{ clauses: [clause('department', 'EQUALS', 'Sales')] }] });
    const subject = { deleted: false, assigned: true, syncAll: false };
    assert.deepEqual(scopeVerdict(subject, filter, user), { inScope: true });
    assert.deepEqual(scopeVerdict({ ...subject, assigned: false }, filter, user), { inScope: false, reason: 'notAssigned' });
    assert.deepEqual(scopeVerdict({ ...subject, assigned: false, syncAll: true }, filter, user), { inScope: true });
    assert.deepEqual(scopeVerdict({ ...subject, assigned: false, syncAll: true }, filter, { ...user, department: 'HR' }), { inScope: false, reason: 'filteredOut' });
    assert.deepEqual(scopeVerdict({ ...subject, deleted: true }, filter, user), { inScope: false, reason: 'deleted' });
  });

  it('counts users assigned directly and through a group, but not Default Access', () => {
    const members: Record<string, string[]> = { group: ['u2', 'u3'], u1: ['u1'], u4: ['u4'] };
    const ids = assignedUserIds(
      [{ principalId: 'u1', appRoleId: 'role' }, { principalId: 'group', appRoleId: 'role' }, { principalId: 'u4', appRoleId: DEFAULT_ACCESS_ROLE_ID }],
      (id) => members[id] ?? [],
    );
    assert.deepEqual([...ids].sort(), ['u1', 'u2', 'u3']);
  });
});
