import * as assert from 'node:assert/strict';
import { StaticTokenCredential } from '../../../src/auth/staticTokenCredential';
import { PreviewEvaluationError, previewSample } from '../../../src/commands/planSample';
import { createProvisioningService } from '../../../src/graph';
import type { ProvisioningService } from '../../../src/graph/provisioningService';
import { ScimPreviewer } from '../../../src/sandbox/engine/scimPreview';
import { assignedUserIds } from '../../../src/sandbox/engine/scoping';
import { startSandbox, type Sandbox } from '../../../src/sandbox/server';
import { silentLogger } from '../../../src/shared/logger';
import { applyConfigurationToSchema, buildProvisioningFile, type ProvisioningFile } from '../../../src/shared/provisioningFile';
import type { RawSchema } from '../../../src/shared/synchronizationSchema';

const assigned = { syncAll: false, skipOutOfScopeDeletions: false };
const everyone = { syncAll: true, skipOutOfScopeDeletions: false };

describe('The plan preview’s sample, read from the sandbox’s Graph (issue #15)', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let service: ProvisioningService;
  let sp: string;
  let schema: RawSchema;

  before(async () => {
    sandbox = await startSandbox({ port: 0, seed: 11, users: 60, groups: 4, token: 'sample-token', pace: 'instant', replicationDelaySeconds: 0 });
    service = createProvisioningService({ credential: new StaticTokenCredential('sample-token'), graphBaseUrl: sandbox.graphUrl, scopes: ['test/.default'], logger: silentLogger });
    sp = sandbox.demo.servicePrincipalId;
    schema = await service.schema.get(sp, sandbox.demo.jobId);
  });

  after(async () => {
    await sandbox?.close();
  });

  function plannedWith(edit: (file: ProvisioningFile) => void): RawSchema {
    const file = JSON.parse(JSON.stringify(buildProvisioningFile({ tenantId: 't', servicePrincipalId: sp, jobId: sandbox.demo.jobId }, schema, [], undefined, new Date(0)))) as ProvisioningFile;
    edit(file);
    return applyConfigurationToSchema(schema, file);
  }
  const upperTitle = () => plannedWith((file) => {
    const title = file.objectMappings.find((om) => om.sourceObject === 'User')!.attributeMappings.find((m) => m.target === 'title') as { source?: string; expression?: string };
    delete title.source;
    title.expression = 'ToUpper([jobTitle])';
  });

  it('reads page after page until the sample is full, and no further', async () => {
    const previewer = new ScimPreviewer(schema, upperTitle(), everyone, everyone);
    const before = service.requests.count;
    const entries = await previewSample(service, sp, previewer, { sampleSize: 25, needAssignments: false, pageSize: 10 });
    assert.equal(entries.length, 25, 'everyone is in scope: 25 users from three pages of 10');
    assert.equal(service.requests.count - before, 3, 'three user pages, nothing else');
    assert.equal(new Set(entries.map((e) => e.subject)).size, 25, 'each user once');
  });

  it('stops after the page bound even when the sample is not full', async () => {
    const previewer = new ScimPreviewer(schema, upperTitle(), everyone, everyone);
    const entries = await previewSample(service, sp, previewer, { sampleSize: 100, needAssignments: false, pageSize: 10, maxPages: 2 });
    assert.equal(entries.length, 20);
  });

  it('takes only users assigned to the app when the job syncs assigned users, reading further pages for them', async () => {
    const previewer = new ScimPreviewer(schema, upperTitle(), assigned, assigned);
    const entries = await previewSample(service, sp, previewer, { sampleSize: 60, needAssignments: true, pageSize: 7 });
    const entitled = [...assignedUserIds(sandbox.store, sp)].map((id) => sandbox.store.users.get(id)!).filter((u) => !u.deletedDateTime);
    assert.ok(entitled.length > 0 && entitled.length < 60, `a part of the tenant is assigned (${entitled.length})`);
    assert.deepEqual(entries.map((e) => e.subject).sort(), entitled.map((u) => `${u.displayName} (${u.userPrincipalName})`).sort(), 'exactly the assigned users, from every page');
  });

  it('previews the assigned group when the group mapping is enabled, with its members in scope', async () => {
    const planned = plannedWith((file) => {
      (file.objectMappings.find((om) => om.sourceObject === 'Group') as { enabled: boolean }).enabled = true;
    });
    const entries = await previewSample(service, sp, new ScimPreviewer(schema, planned, assigned, assigned), { sampleSize: 10, needAssignments: true, pageSize: 2 });
    const groupIds = [...sandbox.store.assignmentsFor(sp)].filter((a) => sandbox.store.groups.has(a.principalId)).map((a) => a.principalId);
    assert.deepEqual(entries.map((e) => e.subject), groupIds.map((id) => `Group ${sandbox.store.groups.get(id)!.displayName}`), 'only the assigned group, found across pages of 2');
    const members = entries[0].requests[1].body!.Operations as Array<{ op: string; value: Array<{ value: string }> }>;
    const inScope = sandbox.store.groups.get(groupIds[0])!.members.map((id) => sandbox.store.users.get(id)!).filter((u) => !u.deletedDateTime);
    assert.deepEqual(members[0].value.map((m) => m.value).sort(), inScope.map((u) => `{id of ${u.userPrincipalName}}`).sort());
  });

  it('stops when cancelled, and names the object whose mapping cannot be evaluated', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(previewSample(service, sp, new ScimPreviewer(schema, upperTitle(), everyone, everyone), { sampleSize: 10, needAssignments: false, signal: controller.signal }), (e: Error) => e.name === 'AbortError');
    const broken = plannedWith((file) => {
      const title = file.objectMappings.find((om) => om.sourceObject === 'User')!.attributeMappings.find((m) => m.target === 'title') as { source?: string; expression?: string };
      delete title.source;
      title.expression = 'Mid("abc", "x", 2)';
    });
    await assert.rejects(previewSample(service, sp, new ScimPreviewer(schema, broken, everyone, everyone), { sampleSize: 1, needAssignments: false }), (error: unknown) => {
      assert.ok(error instanceof PreviewEvaluationError, String(error));
      assert.match(error.message, /^.+ \(.+@.+\): Mid: argument 2 must be a whole number/);
      return true;
    });
  });
});
