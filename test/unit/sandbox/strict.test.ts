/* eslint-disable @typescript-eslint/no-explicit-any -- tests read Graph JSON loosely, as a client would */
import assert from 'node:assert/strict';
import { startSandbox } from '../../../src/sandbox/server';
import type { Sandbox } from '../../../src/sandbox/server';
import { checkSchema } from '../../../src/sandbox/schema/validation';
import { CONNECTORS, defaultSchema } from '../../../src/sandbox/schema/syncTemplates';
import { errorCode, graph } from './helpers';

/** An edit of the job's schema as a client would make it: GET, change, PUT. */
type SchemaEdit = (schema: any) => void;

const userMappings = (schema: any): any[] => schema.synchronizationRules[0].objectMappings[0].attributeMappings;
const mappingTo = (schema: any, target: string): any => userMappings(schema).find((m) => m.targetAttributeName === target);

describe('sandbox Graph is as strict as the real service', () => {
  let sandbox: Sandbox;
  let sp: string;
  let jobId: string;
  const schemaUrl = () => `/servicePrincipals/${sp}/synchronization/jobs/${jobId}/schema`;

  before(async () => {
    sandbox = await startSandbox({ pace: 'instant', users: 5, groups: 1 });
    ({ servicePrincipalId: sp, jobId } = sandbox.demo);
  });
  after(async () => { await sandbox.close(); });

  async function currentSchema(): Promise<any> {
    const schema = (await graph(sandbox, 'GET', schemaUrl())).body;
    delete schema['@odata.context'];
    return schema;
  }

  /** PUTs an edited schema and asserts a 400 `BadRequest` whose message names `field`; the stored schema is untouched. */
  async function rejects(edit: SchemaEdit, field: string): Promise<string> {
    const before = await currentSchema();
    const edited = structuredClone(before);
    edit(edited);
    const res = await graph(sandbox, 'PUT', schemaUrl(), edited);
    assert.equal(res.status, 400, JSON.stringify(res.body));
    assert.equal(errorCode(res.body), 'BadRequest');
    const message: string = res.body.error.message;
    assert.ok(message.includes(field), `the message names ${field}: ${message}`);
    assert.deepEqual(await currentSchema(), before, 'a rejected PUT changes nothing');
    return message;
  }

  async function accepts(edit: SchemaEdit): Promise<any> {
    const edited = await currentSchema();
    edit(edited);
    const res = await graph(sandbox, 'PUT', schemaUrl(), edited);
    assert.equal(res.status, 204, JSON.stringify(res.body));
    return currentSchema();
  }

  describe('schema PUT: values outside the documented enums', () => {
    it('rejects an attribute mapping flowType that is not an attributeFlowType ("Sometimes")', async () => {
      const message = await rejects((s) => { userMappings(s)[0].flowType = 'Sometimes'; }, 'synchronizationRules[0].objectMappings[0].attributeMappings[0].flowType');
      assert.match(message, /Sometimes/);
      assert.match(message, /Always, ObjectAddOnly, MultiValueAddOnly, ValueAddOnly, AttributeAddOnly/);
    });

    it('rejects a flowBehavior that is not an attributeFlowBehavior, case included ("flowWhenChanged")', async () => {
      await rejects((s) => { userMappings(s)[1].flowBehavior = 'flowWhenChanged'; }, 'attributeMappings[1].flowBehavior');
    });

    it('rejects a mapping source type that is not an attributeMappingSourceType ("Expression"), at the top and inside a function', async () => {
      await rejects((s) => { mappingTo(s, 'displayName').source.type = 'Expression'; }, '.source.type');
      await rejects((s) => { mappingTo(s, 'active').source.parameters[0].value.type = 'Direct'; }, '.source.parameters[0].value.type');
    });

    it('rejects object mapping flowTypes that are empty or hold a name outside objectFlowTypes', async () => {
      await rejects((s) => { s.synchronizationRules[0].objectMappings[0].flowTypes = ''; }, 'objectMappings[0].flowTypes');
      await rejects((s) => { s.synchronizationRules[0].objectMappings[0].flowTypes = 'Add, Sometimes'; }, 'objectMappings[0].flowTypes');
    });

    it('rejects a scoping operator that is not one of the documented operators (STARTS_WITH)', async () => {
      await rejects((s) => {
        s.synchronizationRules[0].objectMappings[0].scope = {
          groups: [{ name: 'g', clauses: [{ sourceOperandName: 'department', operatorName: 'STARTS_WITH', targetOperand: { values: ['S'] } }] }],
          inputFilterGroups: [], categoryFilterGroups: [],
        };
      }, 'scope.groups[0].clauses[0].operatorName');
    });

    it('rejects an object mapping metadata key outside objectMappingMetadata', async () => {
      await rejects((s) => { s.synchronizationRules[0].objectMappings[0].metadata = [{ key: 'Colour', value: 'blue' }]; }, 'objectMappings[0].metadata[0].key');
    });

    it('rejects directory definitions with an attribute type, mutability or discoverabilities outside their enums', async () => {
      await rejects((s) => { s.directories[1].objects[0].attributes[1].type = 'Text'; }, 'directories[1].objects[0].attributes[1].type');
      await rejects((s) => { s.directories[1].objects[0].attributes[1].mutability = 'Writable'; }, 'directories[1].objects[0].attributes[1].mutability');
      await rejects((s) => { s.directories[1].discoverabilities = 'Everything'; }, 'directories[1].discoverabilities');
    });
  });

  describe('schema PUT: references the schema\'s directories do not define', () => {
    it('rejects a targetAttributeName the target object does not have', async () => {
      const message = await rejects((s) => { userMappings(s)[2].targetAttributeName = 'shoeSize'; }, 'attributeMappings[2].targetAttributeName');
      assert.match(message, /shoeSize/);
    });

    it('rejects a source attribute the source object does not have, directly and inside a function', async () => {
      const direct = await rejects((s) => {
        mappingTo(s, 'displayName').source = { expression: '[nickname]', name: 'nickname', type: 'Attribute', parameters: [] };
      }, '.source.name');
      assert.match(direct, /nickname/);
      await rejects((s) => { mappingTo(s, 'active').source.parameters[0].value.name = 'isGone'; }, '.source.parameters[0].value.name');
    });

    it('rejects a sourceObjectName or targetObjectName that its directory does not define', async () => {
      await rejects((s) => { s.synchronizationRules[0].objectMappings[0].sourceObjectName = 'Contact'; }, 'objectMappings[0].sourceObjectName');
      await rejects((s) => { s.synchronizationRules[0].objectMappings[0].targetObjectName = 'Account'; }, 'objectMappings[0].targetObjectName');
    });

    it('rejects a rule directory name that is not a directory of the schema', async () => {
      await rejects((s) => { s.synchronizationRules[0].targetDirectoryName = 'elsewhere'; }, 'synchronizationRules[0].targetDirectoryName');
    });

    it('rejects a scoping clause on an attribute the source object does not have', async () => {
      await rejects((s) => {
        s.synchronizationRules[0].objectMappings[0].scope = {
          groups: [{ name: 'g', clauses: [{ sourceOperandName: 'favouriteColour', operatorName: 'EQUALS', targetOperand: { values: ['blue'] } }] }],
          inputFilterGroups: [], categoryFilterGroups: [],
        };
      }, 'scope.groups[0].clauses[0].sourceOperandName');
    });

    it('checks an application template schema PUT the same way', async () => {
      const appId = sandbox.store.servicePrincipals.get(sp)!.appId;
      const app = [...sandbox.store.applications.values()].find((a) => a.appId === appId)!;
      const url = `/applications/${app.id}/synchronization/templates/scim/schema`;
      const schema = (await graph(sandbox, 'GET', `/servicePrincipals/${sp}/synchronization/templates/scim/schema`)).body;
      delete schema['@odata.context'];
      userMappings(schema)[0].flowType = 'Sometimes';
      const res = await graph(sandbox, 'PUT', url, schema);
      assert.equal(res.status, 400);
      assert.equal(errorCode(res.body), 'BadRequest');
      assert.match(res.body.error.message, /flowType/);
    });
  });

  describe('schema PUT: what the real service accepts', () => {
    it('takes the default schema of every connector the sandbox offers', () => {
      for (const id of Object.keys(CONNECTORS)) assert.deepEqual(checkSchema(defaultSchema(id), []), defaultSchema(id), id);
    });

    it('takes back the schema exactly as GET returned it, and a new target attribute defined in the same PUT', async () => {
      const saved = await accepts((s) => {
        s.directories[1].objects[0].attributes.push({ ...s.directories[1].objects[0].attributes[1], name: 'nickName' });
        userMappings(s).push({ ...mappingTo(s, 'displayName'), targetAttributeName: 'nickName' });
      });
      assert.ok(mappingTo(saved, 'nickName'));
    });

    it('takes flowTypes "None" and every documented flowType, and fills documented defaults for enum fields left out', async () => {
      const saved = await accepts((s) => {
        s.synchronizationRules[0].objectMappings[1].flowTypes = 'None';
        ['ObjectAddOnly', 'MultiValueAddOnly', 'ValueAddOnly', 'AttributeAddOnly'].forEach((t, i) => { userMappings(s)[i].flowType = t; });
        delete userMappings(s)[4].flowType;
        delete userMappings(s)[4].flowBehavior;
      });
      assert.equal(saved.synchronizationRules[0].objectMappings[1].flowTypes, 'None');
      assert.equal(userMappings(saved)[4].flowType, 'Always');
      assert.equal(userMappings(saved)[4].flowBehavior, 'FlowWhenChanged');
      assert.equal((await graph(sandbox, 'DELETE', schemaUrl())).status, 204);
    });

    it('keeps the stored directories when a PUT leaves them out', async () => {
      const before = await currentSchema();
      const saved = await accepts((s) => { delete s.directories; });
      assert.deepEqual(saved.directories, before.directories);
    });
  });

  it('answers PATCH on a schema as the real service does: 404 UnknownError with the service\'s "No HTTP resource" document', async () => {
    const before = await currentSchema();
    for (const url of [schemaUrl(), `/servicePrincipals/${sp}/synchronization/jobs/no-such-job/schema`]) {
      const res = await graph(sandbox, 'PATCH', url, before);
      assert.equal(res.status, 404);
      assert.equal(errorCode(res.body), 'UnknownError');
      const inner = JSON.parse(res.body.error.message);
      assert.match(inner.Message, /^No HTTP resource was found that matches the request URI '.*\/schema'\.$/);
    }
    assert.deepEqual(await currentSchema(), before);
  });

  describe('unknown path segments and unknown ids', () => {
    it('answers a segment Graph does not know with 400 BadRequest naming the first unknown segment', async () => {
      const cases: [string, string][] = [
        ['/nothingHere', 'nothingHere'],
        [`/servicePrincipals/${sp}/bogus`, 'bogus'],
        [`/servicePrincipals/${sp}/synchronization/jobs/${jobId}/bogus/more`, 'bogus'],
        [`/servicePrincipals/${sp}/synchronization/jobs/${jobId}/start/extra`, 'extra'],
      ];
      for (const [path, segment] of cases) {
        const res = await graph(sandbox, 'GET', path);
        assert.equal(res.status, 400, path);
        assert.equal(errorCode(res.body), 'BadRequest');
        assert.equal(res.body.error.message, `Resource not found for the segment '${segment}'.`);
      }
    });

    it('answers a path outside Graph\'s versions with 400 Invalid version', async () => {
      const res = await graph(sandbox, 'GET', sandbox.graphUrl.replace(/\/v1\.0$/, '/v2/users'));
      assert.equal(res.status, 400);
      assert.equal(errorCode(res.body), 'BadRequest');
      assert.match(res.body.error.message, /Invalid version: v2/);
    });

    it('keeps 404 for unknown ids of known resources', async () => {
      const spRes = await graph(sandbox, 'GET', '/servicePrincipals/00000000-0000-0000-0000-0000000000ff');
      assert.equal(spRes.status, 404);
      assert.equal(errorCode(spRes.body), 'Request_ResourceNotFound');
      const jobRes = await graph(sandbox, 'GET', `/servicePrincipals/${sp}/synchronization/jobs/no-such-job`);
      assert.equal(jobRes.status, 404);
    });
  });

  describe('secrets PUT', () => {
    const secretsUrl = () => `/servicePrincipals/${sp}/synchronization/secrets`;
    const stored = () => new Map(sandbox.store.sync(sp).secrets.map((s) => [s.key, s.value]));

    it('merges key by key: keys not sent are kept, sent keys are replaced or added', async () => {
      const before = stored();
      assert.ok(before.has('BaseAddress') && before.has('SecretToken'), 'the demo app has credentials');
      const res = await graph(sandbox, 'PUT', secretsUrl(), { value: [{ key: 'SyncAll', value: 'true' }, { key: 'SkipOutOfScopeDeletions', value: 'true' }] });
      assert.equal(res.status, 204);
      const after = stored();
      assert.equal(after.get('BaseAddress'), before.get('BaseAddress'));
      assert.equal(after.get('SecretToken'), before.get('SecretToken'));
      assert.equal(after.get('SyncAll'), 'true');
      assert.equal(after.get('SkipOutOfScopeDeletions'), 'true');
    });

    it('removes a key sent with ""', async () => {
      assert.equal((await graph(sandbox, 'PUT', secretsUrl(), { value: [{ key: 'SkipOutOfScopeDeletions', value: '' }] })).status, 204);
      assert.equal(stored().has('SkipOutOfScopeDeletions'), false);
      assert.ok(stored().has('SyncAll'), 'other keys stay');
      const listed = (await graph(sandbox, 'GET', secretsUrl())).body.value.map((s: any) => s.key);
      assert.ok(!listed.includes('SkipOutOfScopeDeletions'));
    });

    it('refuses to remove SyncNotificationSettings with "": 400 UnknownError holding InvalidNotificationSettings, nothing changed', async () => {
      const before = stored();
      assert.ok(before.has('SyncNotificationSettings'));
      const res = await graph(sandbox, 'PUT', secretsUrl(), { value: [{ key: 'SyncAll', value: 'false' }, { key: 'SyncNotificationSettings', value: '' }] });
      assert.equal(res.status, 400);
      assert.equal(errorCode(res.body), 'UnknownError');
      const inner = JSON.parse(res.body.error.message);
      assert.equal(inner.error.code, 'InvalidNotificationSettings');
      assert.deepEqual(stored(), before, 'the rejected PUT applied none of its keys');
    });

    it('takes "{}" for SyncNotificationSettings and keeps the key', async () => {
      assert.equal((await graph(sandbox, 'PUT', secretsUrl(), { value: [{ key: 'SyncNotificationSettings', value: '{}' }] })).status, 204);
      assert.equal(stored().get('SyncNotificationSettings'), '{}');
    });

    it('keeps a credential sent back as the mask GET shows', async () => {
      const token = stored().get('SecretToken');
      assert.equal((await graph(sandbox, 'PUT', secretsUrl(), { value: [{ key: 'SecretToken', value: '*****' }] })).status, 204);
      assert.equal(stored().get('SecretToken'), token);
    });
  });
});
