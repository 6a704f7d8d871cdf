import * as assert from 'node:assert/strict';
import {
  attributesFromModifiedProperties, diffAttributes, flattenScimResource, scimMatchFilter, testUserKey, testUserStateKey, TestUserStore, userMatching,
  type StateMemento,
} from '../../../src/shared/testUsers';
import type { RawAttributeMapping, RawSchema } from '../../../src/shared/synchronizationSchema';

/** Workspace state as VS Code keeps it: values go through JSON, as its storage does. */
class JsonMemento implements StateMemento {
  readonly values = new Map<string, string>();
  get<T>(key: string): T | undefined {
    const text = this.values.get(key);
    return text === undefined ? undefined : (JSON.parse(text) as T);
  }
  update(key: string, value: unknown): Thenable<void> {
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, JSON.stringify(value));
    return Promise.resolve();
  }
}

const job = { connectionId: 'sandbox:127.0.0.1:5000', servicePrincipalId: 'sp-1', jobId: 'scim.abc' };

describe('test users: the saved list', () => {
  it('keys a list by tenant, app and job, and falls back to the connection without a tenant id', () => {
    assert.deepEqual(testUserKey(job, 'tenant-1'), { tenant: 'tenant-1', servicePrincipalId: 'sp-1', jobId: 'scim.abc' });
    assert.equal(testUserKey(job, undefined).tenant, job.connectionId);
    assert.notEqual(testUserStateKey(testUserKey(job, 't')), testUserStateKey(testUserKey({ ...job, jobId: 'other' }, 't')));
    assert.match(testUserStateKey(testUserKey(job, undefined)), /^entraProvisioning\.testUsers\/sandbox%3A127\.0\.0\.1%3A5000\/sp-1\/scim\.abc$/);
  });

  it('adds users once (a repeat takes the newer names), keeps other jobs apart, and removes by id', async () => {
    const memento = new JsonMemento();
    const store = new TestUserStore(memento);
    const key = testUserKey(job, 't');
    const other = testUserKey({ ...job, jobId: 'other' }, 't');
    assert.deepEqual(store.list(key), []);
    await store.add(key, [{ id: 'u1', displayName: 'Ada' }, { id: 'u2', userPrincipalName: 'bo@contoso.example' }]);
    const list = await store.add(key, [{ id: 'U1', displayName: 'Ada Lovelace', userPrincipalName: 'ada@contoso.example' }]);
    assert.deepEqual(list, [{ id: 'u1', displayName: 'Ada Lovelace', userPrincipalName: 'ada@contoso.example' }, { id: 'u2', userPrincipalName: 'bo@contoso.example' }]);
    await store.add(other, [{ id: 'u3' }]);
    // A second store over the same state: what a new window reads.
    const reread = new TestUserStore(memento);
    assert.deepEqual(reread.list(key).map((u) => u.id), ['u1', 'u2']);
    assert.deepEqual(reread.list(other).map((u) => u.id), ['u3']);
    assert.deepEqual((await reread.remove(key, 'u1')).map((u) => u.id), ['u2']);
    assert.deepEqual((await reread.remove(key, 'nobody')).map((u) => u.id), ['u2']);
    await reread.remove(key, 'u2');
    assert.equal(memento.values.has(testUserStateKey(key)), false, 'an empty list leaves no key behind');
  });

  it('stores only ids and names, and reads damaged state as no users', async () => {
    const memento = new JsonMemento();
    const store = new TestUserStore(memento);
    const key = testUserKey(job, 't');
    await store.add(key, [{ id: 'u1', displayName: 'Ada', password: 'hunter2' } as never, { id: '  ' }]);
    assert.equal([...memento.values.values()].join(''), JSON.stringify([{ id: 'u1', displayName: 'Ada' }]));
    await memento.update(testUserStateKey(key), 'not a list');
    assert.deepEqual(store.list(key), []);
    await memento.update(testUserStateKey(key), [{ id: 7 }, null, { id: 'u9' }]);
    assert.deepEqual(store.list(key), [{ id: 'u9' }]);
  });
});

describe('test users: before and after', () => {
  it('marks changed, added, removed and unchanged attributes', () => {
    const rows = diffAttributes({ userName: 'ada@x', title: 'Engineer', 'name.givenName': 'Ada' }, { userName: 'ada@x', title: 'Lead', department: 'R&D' });
    assert.deepEqual(rows, [
      { attribute: 'userName', before: 'ada@x', after: 'ada@x', change: 'unchanged' },
      { attribute: 'title', before: 'Engineer', after: 'Lead', change: 'changed' },
      { attribute: 'department', after: 'R&D', change: 'added' },
      { attribute: 'name.givenName', before: 'Ada', change: 'removed' },
    ]);
  });

  it('calls every attribute added when the object did not exist before', () => {
    const rows = diffAttributes(undefined, { userName: 'bo@x', active: 'true' });
    assert.deepEqual(rows.map((r) => r.change), ['added', 'added']);
    assert.deepEqual(diffAttributes(undefined, undefined), []);
  });

  it('flattens a SCIM user to the attribute paths mappings name, without bookkeeping or secrets', () => {
    const flat = flattenScimResource({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      id: '42',
      userName: 'ada@contoso.example',
      active: true,
      name: { givenName: 'Ada', familyName: 'Lovelace' },
      emails: [{ type: 'work', value: 'ada@contoso.example', primary: true }],
      phoneNumbers: [{ value: '+46 70' }],
      password: 'hunter2',
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'R&D', manager: { value: '7' } },
      meta: { resourceType: 'User', lastModified: '2026-01-01T00:00:00Z' },
    });
    assert.deepEqual(flat, {
      id: '42',
      userName: 'ada@contoso.example',
      active: 'true',
      'name.givenName': 'Ada',
      'name.familyName': 'Lovelace',
      'emails[type eq "work"].value': 'ada@contoso.example',
      'emails[type eq "work"].primary': 'true',
      'phoneNumbers[0].value': '+46 70',
      password: '***',
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department': 'R&D',
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value': '7',
    });
  });

  it('takes before and after from the report\'s modified properties, credentials masked', () => {
    const { before, after } = attributesFromModifiedProperties([
      { displayName: 'title', oldValue: 'Engineer', newValue: 'Lead' },
      { displayName: 'userName', oldValue: null, newValue: 'ada@x' },
      { displayName: 'password', oldValue: null, newValue: 'hunter2' },
    ]);
    assert.deepEqual(before, { title: 'Engineer' });
    assert.deepEqual(after, { title: 'Lead', userName: 'ada@x', password: '***' });
  });

  it('builds a SCIM filter for plain attribute paths only, quoting the value', () => {
    assert.equal(scimMatchFilter('userName', 'a"b\\c@x'), 'userName eq "a\\"b\\\\c@x"');
    assert.equal(scimMatchFilter('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber', '7'), 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq "7"');
    assert.equal(scimMatchFilter('emails[type eq "work"].value', 'a@x'), undefined);
  });

  it('finds the user rule and its first matching attribute, and no lookup for an expression', () => {
    const schema = (source: RawAttributeMapping['source']): RawSchema => ({
      synchronizationRules: [
        { id: 'groups', objectMappings: [{ enabled: true, sourceObjectName: 'Group', attributeMappings: [] }] },
        { id: 'users', objectMappings: [{ enabled: true, sourceObjectName: 'User', attributeMappings: [
          { targetAttributeName: 'externalId', source: { type: 'Attribute', name: 'mailNickname' }, matchingPriority: 2 },
          { targetAttributeName: 'userName', source, matchingPriority: 1 },
          { targetAttributeName: 'displayName', source: { type: 'Attribute', name: 'displayName' }, matchingPriority: 0 },
        ] }] },
      ],
    });
    assert.deepEqual(userMatching(schema({ type: 'Attribute', name: 'userPrincipalName' })), { ruleId: 'users', sourceAttribute: 'userPrincipalName', targetAttribute: 'userName' });
    assert.deepEqual(userMatching(schema({ type: 'Function', name: 'ToLower', parameters: [] })), { ruleId: 'users' });
    assert.equal(userMatching({ synchronizationRules: [] }), undefined);
  });
});
