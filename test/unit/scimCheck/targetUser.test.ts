import * as assert from 'node:assert/strict';
import { startScimHost, type ScimHost } from '../../../src/sandbox/scim/host';
import { readTargetUser } from '../../../src/scimCheck/targetUser';

describe('test users: reading the target user from a SCIM app (the sandbox\'s real SCIM server)', () => {
  const token = `target-user-${Date.now()}`;
  let host: ScimHost;
  let base: string;

  before(async () => {
    host = await startScimHost({ port: 0, worker: false, token, gotoMeetingUser: 'unused', gotoMeetingPassword: 'unused' });
    base = `http://127.0.0.1:${host.port}/scim/v2`;
    const created = await fetch(`${base}/Users`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/scim+json' },
      body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'ada@contoso.example', displayName: 'Ada', title: 'Engineer', active: true }),
    });
    assert.equal(created.status, 201);
  });
  after(() => host?.close());

  it('finds the one user the matching filter names, and answers none for a user not there', async () => {
    const found = await readTargetUser(base, token, 'userName eq "ada@contoso.example"');
    assert.ok(found.ok && found.resource, JSON.stringify(found));
    assert.equal(found.resource.title, 'Engineer');
    const none = await readTargetUser(base, token, 'userName eq "nobody@contoso.example"');
    assert.deepEqual(none, { ok: true, resource: undefined });
  });

  it('removes the token from the user it read, when the endpoint echoes it in an attribute', async () => {
    const created = await fetch(`${base}/Users`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/scim+json' },
      body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'echo@contoso.example', title: `Bearer ${token}`, emails: [{ value: `${token}@contoso.example`, type: 'work' }] }),
    });
    assert.equal(created.status, 201);
    const read = await readTargetUser(base, token, 'userName eq "echo@contoso.example"');
    assert.ok(read.ok && read.resource, JSON.stringify(read));
    assert.equal(read.resource.title, 'Bearer <redacted>');
    assert.deepEqual((read.resource.emails as Array<{ value: string }>).map((e) => e.value), ['<redacted>@contoso.example']);
    assert.ok(!JSON.stringify(read).includes(token));
  });

  it('says why it could not read, without the token', async () => {
    const refused = await readTargetUser(base, `${token}-wrong`, 'userName eq "ada@contoso.example"');
    assert.equal(refused.ok, false);
    assert.match(!refused.ok ? refused.reason : '', /answered 401/);
    assert.ok(!JSON.stringify(refused).includes(token));
    const unreachable = await readTargetUser('http://127.0.0.1:1/scim/v2', token, 'userName eq "x"');
    assert.equal(unreachable.ok, false);
    assert.match(!unreachable.ok ? unreachable.reason : '', /no answer/);
    const invalid = await readTargetUser('not a url', token, 'userName eq "x"');
    assert.equal(invalid.ok, false);
  });
});
