/* eslint-disable @typescript-eslint/no-explicit-any -- tests read Graph JSON loosely, as a client would */
// A regex that would run away in a saved mapping no longer freezes the sandbox, before or after a
// restart with --data: the cycle finishes, Graph keeps answering, and a value the pattern cannot be
// run on within its bound fails that user's export with the reason in the provisioning logs.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sandbox } from '../../../src/sandbox/server';
import { graph, startTestSandbox } from './helpers';

/** The issue's pattern: exponential on a backtracking engine for a run of `a` followed by `!`. */
const RUNAWAY = '(a+)+$';
const RUNAWAY_VALUE = 'a'.repeat(40) + '!';
/** Only the backtracking engine takes this pattern (lookahead), within its budget on short values only. */
const BACKTRACKING_ONLY = '(?=.*a).*.*.*.*b';

async function addAssignedUser(sandbox: Sandbox, sp: string, name: string, extra: Record<string, unknown>): Promise<string> {
  const created = await graph(sandbox, 'POST', '/users', { displayName: name, userPrincipalName: `${name}@contoso-sandbox.example`, mailNickname: name, accountEnabled: true, ...extra });
  assert.equal(created.status, 201);
  const roleId = (await graph(sandbox, 'GET', `/servicePrincipals/${sp}`)).body.appRoles[0].id;
  assert.equal((await graph(sandbox, 'POST', `/servicePrincipals/${sp}/appRoleAssignedTo`, { principalId: created.body.id, resourceId: sp, appRoleId: roleId })).status, 201);
  return created.body.id as string;
}

describe('sandbox: runaway regexes in a saved mapping (--data)', () => {
  let dir: string;
  before(async () => { dir = await mkdtemp(join(tmpdir(), 'sandbox-regex-')); });
  after(async () => { await rm(dir, { recursive: true, force: true }); });

  it('answers parseExpression for the pathological Replace with its result', async () => {
    const sandbox = await startTestSandbox({ users: 3 });
    try {
      const { servicePrincipalId: sp, jobId } = sandbox.demo;
      const res = await graph(sandbox, 'POST', `/servicePrincipals/${sp}/synchronization/jobs/${jobId}/schema/parseExpression`, {
        expression: `Replace([mail], , "${RUNAWAY}", , "", , )`,
        testInputObject: { definition: null, properties: [{ key: 'mail', value: RUNAWAY_VALUE }] },
      });
      assert.equal(res.status, 200);
      assert.equal(res.body.evaluationSucceeded, true);
      assert.deepEqual(res.body.evaluationResult, [RUNAWAY_VALUE]);
      assert.equal((await graph(sandbox, 'GET', '/users?$top=1')).status, 200);
    } finally {
      await sandbox.close();
    }
  });

  it('runs a cycle after a restart while Graph answers, failing only the export the bound stops', async () => {
    const first = await startTestSandbox({ users: 10, groups: 2, dataDir: dir });
    const { servicePrincipalId: sp, jobId } = first.demo;
    const schemaUrl = `/servicePrincipals/${sp}/synchronization/jobs/${jobId}/schema`;
    const runawayId = await addAssignedUser(first, sp, 'runaway', { department: RUNAWAY_VALUE });
    const longId = await addAssignedUser(first, sp, 'longvalue', { employeeId: 'a'.repeat(60) });
    const schema = (await graph(first, 'GET', schemaUrl)).body;
    delete schema['@odata.context'];
    const mappings = schema.synchronizationRules[0].objectMappings[0].attributeMappings as any[];
    const department = mappings.find((m) => m.targetAttributeName.endsWith(':department'));
    department.source = { expression: `Replace([department], , "${RUNAWAY}", , "", , )`, name: 'Replace', type: 'Function', parameters: [] };
    const employeeNumber = mappings.find((m) => m.targetAttributeName.endsWith(':employeeNumber'));
    employeeNumber.source = { expression: `Replace([employeeId], , "${BACKTRACKING_ONLY}", , "", , )`, name: 'Replace', type: 'Function', parameters: [] };
    assert.equal((await graph(first, 'PUT', schemaUrl, schema)).status, 204);
    await first.close();

    const second = await startTestSandbox({ users: 10, dataDir: dir });
    try {
      const saved = (await graph(second, 'GET', schemaUrl)).body.synchronizationRules[0].objectMappings[0].attributeMappings as any[];
      assert.ok(saved.some((m) => m.source.expression?.includes(RUNAWAY)), 'the poisoned mapping survived the restart');
      const [result, users] = await Promise.all([second.engine.runCycleNow(sp, jobId), graph(second, 'GET', '/users?$top=5')]);
      assert.equal(users.status, 200);
      assert.notEqual(result.state, 'Failed');

      const runaway = second.scim.findUser('runaway@contoso-sandbox.example')!;
      assert.ok(runaway, 'the user with the pathological value is provisioned');
      assert.equal((runaway['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'] as any).department, RUNAWAY_VALUE);
      assert.equal(second.scim.findUser('longvalue@contoso-sandbox.example'), undefined, 'the export the bound stopped did not happen');

      const logs = (await graph(second, 'GET', `/auditLogs/provisioning?$top=999&$filter=${encodeURIComponent(`jobId eq '${jobId}'`)}`)).body.value as any[];
      const failed = logs.filter((l) => l.sourceIdentity?.id === longId && l.provisioningStatusInfo.status === 'failure');
      assert.ok(failed.length > 0, 'a failed provisioning log for the long value');
      assert.match(failed[0].provisioningStatusInfo.errorInformation.reason, /Replace: the value is 60 characters long; this regular expression could run too long/);
      assert.ok(!logs.some((l) => l.sourceIdentity?.id === runawayId && l.provisioningStatusInfo.status === 'failure'));
      assert.equal((await graph(second, 'GET', `/servicePrincipals/${sp}`)).status, 200, 'Graph still answers after the cycle');
    } finally {
      await second.close();
    }
  });
});
