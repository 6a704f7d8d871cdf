import assert from 'node:assert/strict';
import { evaluateClause, passesScope } from '../../../src/sandbox/engine/scoping';
import type { FilterClause } from '../../../src/sandbox/types';

const clause = (sourceOperandName: string, operatorName: string, ...values: string[]): FilterClause => ({ sourceOperandName, operatorName, targetOperand: { values } });
const user = { department: 'Sales', userPrincipalName: 'ada@contoso.com', accountEnabled: true, IsSoftDeleted: false, employeeId: '1500000', city: '' };

describe('sandbox scoping filters', () => {
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
    for (const [c, expected] of cases) assert.equal(evaluateClause(c, user), expected, `${c.sourceOperandName} ${c.operatorName} ${c.targetOperand.values.join(',')}`);
  });

  it('ANDs clauses in a group and ORs groups; no filter means in scope', () => {
    assert.equal(passesScope(null, user), true);
    const scope = (groups: FilterClause[][]) => ({ groups: groups.map((clauses, i) => ({ name: `g${i}`, clauses })), inputFilterGroups: [], categoryFilterGroups: [] });
    assert.equal(passesScope(scope([[clause('department', 'EQUALS', 'Sales'), clause('accountEnabled', 'IS FALSE')]]), user), false);
    assert.equal(passesScope(scope([[clause('department', 'EQUALS', 'Sales'), clause('accountEnabled', 'IS FALSE')], [clause('employeeId', 'Greater_Than', '1')]]), user), true);
  });
});
