/* eslint-disable @typescript-eslint/no-explicit-any -- tests read Graph JSON loosely, as a client would */
import assert from 'node:assert/strict';
import type { Sandbox } from '../../../src/sandbox/server';
import { ENTITY_PROPERTIES } from '../../../src/sandbox/graph/entityProperties';
import { applicationView, groupView, servicePrincipalView, userView } from '../../../src/sandbox/graph/views';
import type { ResourceView } from '../../../src/sandbox/graph/views';
import { graphMetadata } from '../../contract/csdl';
import type { CsdlStructuredType } from '../../contract/csdl';
import { errorCode, graph, startTestSandbox } from './helpers';

/** Every property a type declares, its base types' first, as the metadata lists them. */
function declaredProperties(typeName: string): string[] {
  const types = graphMetadata().types;
  const names: string[] = [];
  for (let name: string | undefined = typeName; name;) {
    const type = types.get(name.replace(/^graph\./, '')) as CsdlStructuredType | undefined;
    assert.ok(type, `${name} is in the metadata subset`);
    names.unshift(...type.properties.keys());
    name = type.baseType;
  }
  return names;
}

describe('sandbox Graph: $select naming a property the type does not have', () => {
  let sandbox: Sandbox;
  before(async () => { sandbox = await startTestSandbox({ users: 6, groups: 2, seed: 5 }); });
  after(async () => { await sandbox.close(); });

  it('keeps its property lists equal to the Graph v1.0 metadata subset, and every view inside them', () => {
    const views: Record<string, ResourceView<any>> = { user: userView, group: groupView, servicePrincipal: servicePrincipalView, application: applicationView };
    for (const [type, names] of Object.entries(ENTITY_PROPERTIES)) {
      assert.deepEqual([...names], declaredProperties(type), type);
      const view = views[type];
      assert.equal(view.entityType, type);
      const sample = { id: 'x', appRoles: [], tags: [], groupTypes: [], servicePrincipalNames: [], replyUrls: [] };
      const unknown = Object.keys(view.full(sample)).filter((k) => !(names as readonly string[]).includes(k));
      assert.deepEqual(unknown, [], `${type}'s view shows only declared properties`);
    }
  });

  it('answers 400 with Graph\'s message for an unknown name, in lists and by id, on each directory type', async () => {
    const userId = (await graph(sandbox, 'GET', '/users?$top=1')).body.value[0].id;
    const cases: [string, string][] = [
      ['/users?$select=displayName,favouriteColour', 'user'],
      [`/users/${userId}?$select=favouriteColour`, 'user'],
      ['/groups?$select=favouriteColour', 'group'],
      [`/servicePrincipals/${sandbox.demo.servicePrincipalId}?$select=appId,favouriteColour`, 'servicePrincipal'],
      ['/applications?$select=favouriteColour', 'application'],
    ];
    for (const [path, type] of cases) {
      const res = await graph(sandbox, 'GET', path);
      assert.equal(res.status, 400, path);
      assert.equal(errorCode(res.body), 'BadRequest');
      assert.equal(res.body.error.message, `Could not find a property named 'favouriteColour' on type 'microsoft.graph.${type}'.`);
    }
  });

  it('does not refuse names the metadata allows: other casing, navigation properties, extension names, *', async () => {
    for (const select of ['DisplayName', 'id,manager', 'id,extension_00000000000000000000000000000000_costCenter', 'contoso_training', '*', 'signInActivity']) {
      const res = await graph(sandbox, 'GET', `/users?$top=1&$select=${select}`);
      assert.equal(res.status, 200, select);
    }
  });
});
