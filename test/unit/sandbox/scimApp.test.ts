/* eslint-disable @typescript-eslint/no-explicit-any -- tests read SCIM JSON loosely, as a client would */
import * as assert from 'node:assert/strict';
import { startScimHost } from '../../../src/sandbox/scim/host';
import type { ScimHost } from '../../../src/sandbox/scim/host';
import { SCIM_BASE_PATH } from '../../../src/sandbox/scim/app';

const TOKEN = 'scim-app-test-token';
const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';

/** A SCIM answer with its parsed body. */
interface ScimAnswer { status: number; contentType: string | null; text: string; body: any }

async function scim(host: ScimHost, method: string, path: string, body?: unknown): Promise<ScimAnswer> {
  const res = await fetch(`http://127.0.0.1:${host.port}${SCIM_BASE_PATH}${path}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/scim+json' }) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown;
  try { parsed = JSON.parse(text); } catch { parsed = text; }
  return { status: res.status, contentType: res.headers.get('content-type'), text, body: parsed };
}

const filtered = (host: ScimHost, filter: string) => scim(host, 'GET', `/Users?filter=${encodeURIComponent(filter)}`);

function user(userName: string, displayName: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { schemas: [CORE_USER], userName, displayName, active: true, ...extra };
}

describe('sandbox SCIM app: list filters', () => {
  let host: ScimHost;

  before(async () => {
    host = await startScimHost({ port: 0, worker: false, token: TOKEN, gotoMeetingUser: 'admin', gotoMeetingPassword: 'pw' });
    for (const [name, display] of [['alice@contoso.example', 'Alice Ahl'], ['bob@contoso.example', 'Bob Berg'], ['anna@contoso.example', 'Anna Ahl']]) {
      assert.equal((await scim(host, 'POST', '/Users', user(name, display, { externalId: name.split('@')[0] }))).status, 201);
    }
  });

  after(() => host.close());

  it('answers a filter the indexes do not cover with the matching users only', async () => {
    const byDisplayName = await filtered(host, 'displayName eq "Bob Berg"');
    assert.equal(byDisplayName.status, 200);
    assert.deepEqual(byDisplayName.body.Resources.map((r: any) => r.userName), ['bob@contoso.example']);
    assert.equal(byDisplayName.body.totalResults, 1);

    const startsWith = await filtered(host, 'userName sw "a"');
    assert.deepEqual(startsWith.body.Resources.map((r: any) => r.userName).sort(), ['alice@contoso.example', 'anna@contoso.example']);

    const none = await filtered(host, 'displayName eq "Nobody"');
    assert.deepEqual(none.body.Resources, []);
    assert.equal(none.body.totalResults, 0);
  });

  it('answers userName equality case-insensitively and externalId equality exactly, from the indexes', async () => {
    assert.deepEqual((await filtered(host, 'userName eq "ALICE@Contoso.Example"')).body.Resources.map((r: any) => r.userName), ['alice@contoso.example']);
    assert.deepEqual((await filtered(host, 'externalId eq "bob"')).body.Resources.map((r: any) => r.userName), ['bob@contoso.example']);
    assert.deepEqual((await filtered(host, 'externalId eq "BOB"')).body.Resources, []);
  });

  it('applies every clause of a compound filter', async () => {
    const both = await filtered(host, 'userName eq "alice@contoso.example" and displayName eq "Anna Ahl"');
    assert.deepEqual(both.body.Resources, []);
    const either = await filtered(host, 'displayName eq "Anna Ahl" or externalId eq "bob"');
    assert.deepEqual(either.body.Resources.map((r: any) => r.userName).sort(), ['anna@contoso.example', 'bob@contoso.example']);
  });
});
