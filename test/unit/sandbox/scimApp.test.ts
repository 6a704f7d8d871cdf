/* eslint-disable @typescript-eslint/no-explicit-any -- tests read SCIM JSON loosely, as a client would */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { cases } from '../faultScale';
import { startScimHost } from '../../../src/sandbox/scim/host';
import type { ScimHost } from '../../../src/sandbox/scim/host';
import { SCIM_BASE_PATH } from '../../../src/sandbox/scim/app';

const TOKEN = 'scim-app-test-token';
const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';

/** A SCIM answer with its parsed body. */
interface ScimAnswer { status: number; contentType: string | null; headers: string; text: string; body: any }

async function scim(host: ScimHost, method: string, path: string, body?: unknown): Promise<ScimAnswer> {
  const res = await fetch(`http://127.0.0.1:${host.port}${SCIM_BASE_PATH}${path}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/scim+json' }) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown;
  try { parsed = JSON.parse(text); } catch { parsed = text; }
  const headers = [...res.headers].filter(([name]) => name !== 'date').map(([name, value]) => `${name}: ${value}`).sort().join('\n');
  return { status: res.status, contentType: res.headers.get('content-type'), headers, text, body: parsed };
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

/** Ids and timestamps differ between two servers; everything else in their answers must not. */
function normalized(text: string, ids: Map<string, string>): string {
  return text
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) => {
      if (!ids.has(id)) ids.set(id, `id#${ids.size}`);
      return ids.get(id)!;
    })
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, '<time>');
}

describe('sandbox SCIM app: the fast path answers as scimmy does', function () {
  this.timeout(cases(120_000));
  let fast: ScimHost;
  let scimmy: ScimHost;
  const fastIds = new Map<string, string>();
  const scimmyIds = new Map<string, string>();

  before(async () => {
    const options = { port: 0, worker: false, token: TOKEN, gotoMeetingUser: 'admin', gotoMeetingPassword: 'pw' };
    fast = await startScimHost(options);
    scimmy = await startScimHost({ ...options, scimmyOnly: true });
  });

  after(async () => {
    await fast.close();
    await scimmy.close();
  });

  /** Sends the same request to both servers and asserts the same answer (status, headers but the date, body). */
  async function same(method: string, path: string, body?: unknown): Promise<ScimAnswer> {
    const a = await scim(fast, method, path, body);
    const b = await scim(scimmy, method, path, body);
    const what = `${method} ${path} ${typeof body === 'string' ? body : JSON.stringify(body)}`.slice(0, 400);
    assert.equal(a.status, b.status, what);
    assert.equal(a.contentType, b.contentType, what);
    assert.equal(a.headers, b.headers, what);
    assert.equal(normalized(a.text, fastIds), normalized(b.text, scimmyIds), what);
    return a;
  }

  // Plain strings of every kind, and strings that look like something else.
  const text = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.string({ unit: 'binary', maxLength: 6 }),
    fc.constantFrom('', ' ', '"', '\\', '\u2028', '\uE000', '\uE0001\uE001', '\uD800', 'x\uDC00', '2024-01-01T00:00:00.000Z', '1001-01-01T00:00:00.001Z', 'true', '{}', '__proto__', 'work'),
  );
  const anyValue = fc.oneof(text, fc.boolean(), fc.integer(), fc.constant(null), fc.jsonValue({ maxDepth: 2 }));
  const emailType = fc.constantFrom('work', 'home', 'other', 'Work', 'mobile');
  const user = fc.record({
    userName: fc.oneof(text.map((t) => `u${t}@contoso.example`), anyValue),
    active: fc.oneof(fc.boolean(), anyValue),
    displayName: text,
    name: fc.oneof(fc.record({ givenName: text, familyName: text, formatted: text }, { requiredKeys: [] }), anyValue),
    emails: fc.oneof(fc.array(fc.record({ type: emailType, value: text, primary: fc.boolean() }, { requiredKeys: ['value'] }), { maxLength: 2 }), anyValue),
    phoneNumbers: fc.array(fc.record({ type: fc.constantFrom('mobile', 'work', 'fax', 'satellite'), value: text }), { maxLength: 2 }),
    addresses: fc.array(fc.record({ type: emailType, locality: text, country: text }, { requiredKeys: [] }), { maxLength: 2 }),
    externalId: text,
    title: text,
    preferredLanguage: text,
    password: text,
    id: text,
    meta: fc.record({ created: fc.constantFrom('2020-01-01T00:00:00.000Z', 'yesterday') }),
    UserName: text,
    nickname: anyValue,
    unknownAttribute: anyValue,
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': fc.oneof(fc.record({ department: text, employeeNumber: text, manager: fc.record({ value: text }) }, { requiredKeys: [] }), anyValue),
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter': text,
  }, { requiredKeys: [] }).chain((u) => fc.constantFrom(
    { schemas: [CORE_USER], ...u },
    { schemas: [CORE_USER, 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'], ...u },
    { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], ...u },
    u,
  ));

  // The body Entra sends for most users, so that many share a shape and take the fast path.
  const typical = fc.record({ userName: text, givenName: text, familyName: text, department: text, mobile: fc.option(text, { nil: undefined }) }).map((v) => ({
    schemas: [CORE_USER, 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
    userName: `t.${v.userName}@contoso.example`, active: true, displayName: `${v.givenName} ${v.familyName}`,
    name: { givenName: v.givenName, familyName: v.familyName, formatted: `${v.givenName} ${v.familyName}` },
    emails: [{ type: 'work', primary: true, value: `t.${v.userName}@contoso.example` }],
    ...(v.mobile === undefined ? {} : { phoneNumbers: [{ type: 'mobile', value: v.mobile }] }),
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: v.department },
  }));

  it('creates users, and answers the matching query before and after, identically', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(typical, typical, user), fc.constantFrom('same', 'upper', 'other'), async (body, lookup) => {
      const userName = typeof body.userName === 'string' ? body.userName : 'nobody';
      const asked = lookup === 'upper' ? userName.toUpperCase() : lookup === 'other' ? `x${userName}` : userName;
      let query: string;
      try {
        query = `/Users?filter=${encodeURIComponent(`userName eq "${asked.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)}`;
      } catch {
        query = '/Users?filter=userName%20eq%20%22nobody%22'; // a lone surrogate has no URL encoding
      }
      await same('GET', query);
      await same('POST', '/Users', body);
      await same('GET', query);
    }), { numRuns: cases(120) });
    // Both servers hold the same users.
    const stored = (host: ScimHost, ids: Map<string, string>) => normalized(JSON.stringify(host.targets.listUsers()), ids);
    assert.equal(stored(fast, fastIds), stored(scimmy, scimmyIds));
  });

  it('answers what it leaves to scimmy identically: other parameters, bad bodies, taken names, groups', async () => {
    await same('POST', '/Users', user1('taken@contoso.example'));
    await same('POST', '/Users', user1('TAKEN@contoso.example'));
    await same('POST', '/Users?attributes=userName', user1('attrs@contoso.example'));
    await same('GET', `/Users?filter=${encodeURIComponent('userName eq "taken@contoso.example"')}&attributes=userName`);
    await same('GET', `/Users?filter=${encodeURIComponent('userName eq "taken@contoso.example"')}&count=0`);
    await same('GET', `/Users?filter=${encodeURIComponent('externalId eq "taken"')}`);
    await same('GET', `/Users?filter=${encodeURIComponent('userName eq "a\\"b"')}`);
    await same('GET', '/Users?filter=');
    for (const bad of ['{ not json', '[1,2]', '"text"', '', 'null', '{"userName": 1e999}']) await same('POST', '/Users', bad);
    await same('POST', '/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Sales' });
    await same('POST', '/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'sales' });
    await same('GET', `/Groups?filter=${encodeURIComponent('displayName eq "SALES"')}`);
  });
});

function user1(userName: string): Record<string, unknown> {
  return { schemas: [CORE_USER], userName, externalId: userName.split('@')[0].toLowerCase(), active: true };
}
