/* eslint-disable @typescript-eslint/no-explicit-any -- tests read SCIM JSON loosely, as a client would */
import * as assert from 'node:assert/strict';
import { startScimHost } from '../../../src/sandbox/scim/host';
import type { ScimHost } from '../../../src/sandbox/scim/host';
import { SCIM_BASE_PATH } from '../../../src/sandbox/scim/app';

const TOKEN = 'scim-paging-test-token';
const NAMES = ['a', 'b', 'c', 'd', 'e'].map((n) => `${n}@contoso.example`);

async function scim(host: ScimHost, method: string, path: string, body?: unknown): Promise<{ status: number; text: string; body: any }> {
  const res = await fetch(`http://127.0.0.1:${host.port}${SCIM_BASE_PATH}${path}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/scim+json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) };
}

/** A list answer's paging figures and the userNames it holds. */
async function page(host: ScimHost, query: string): Promise<{ startIndex: number; itemsPerPage: number; totalResults: number; names: string[] }> {
  const res = await scim(host, 'GET', `/Users${query}`);
  assert.equal(res.status, 200, query);
  const { startIndex, itemsPerPage, totalResults, Resources } = res.body;
  return { startIndex, itemsPerPage, totalResults, names: Resources.map((r: any) => r.userName) };
}

const eq = (name: string) => `filter=${encodeURIComponent(`userName eq "${name}"`)}`;

// RFC 7644 §3.4.2.4: startIndex is 1-based (less than 1 means 1), count is the most to return
// (negative means 0), totalResults counts every match, itemsPerPage what this page holds (§3.4.2).
const expectations: [string, { startIndex: number; itemsPerPage: number; totalResults: number; names: string[] }][] = [
  ['', { startIndex: 1, itemsPerPage: 5, totalResults: 5, names: NAMES }],
  ['?count=2', { startIndex: 1, itemsPerPage: 2, totalResults: 5, names: NAMES.slice(0, 2) }],
  ['?startIndex=2&count=2', { startIndex: 2, itemsPerPage: 2, totalResults: 5, names: NAMES.slice(1, 3) }],
  ['?startIndex=4&count=10', { startIndex: 4, itemsPerPage: 2, totalResults: 5, names: NAMES.slice(3) }],
  ['?startIndex=6&count=2', { startIndex: 6, itemsPerPage: 0, totalResults: 5, names: [] }],
  ['?count=0', { startIndex: 1, itemsPerPage: 0, totalResults: 5, names: [] }],
  ['?startIndex=0&count=-3', { startIndex: 1, itemsPerPage: 0, totalResults: 5, names: [] }],
  ['?startIndex=-1&count=1', { startIndex: 1, itemsPerPage: 1, totalResults: 5, names: NAMES.slice(0, 1) }],
  [`?${eq('c@contoso.example')}`, { startIndex: 1, itemsPerPage: 1, totalResults: 1, names: ['c@contoso.example'] }],
  [`?${eq('nobody@contoso.example')}`, { startIndex: 1, itemsPerPage: 0, totalResults: 0, names: [] }],
  [`?${eq('c@contoso.example')}&count=0`, { startIndex: 1, itemsPerPage: 0, totalResults: 1, names: [] }],
  [`?${eq('c@contoso.example')}&startIndex=2`, { startIndex: 2, itemsPerPage: 0, totalResults: 1, names: [] }],
  [`?filter=${encodeURIComponent('userName sw "b" or userName sw "d" or userName sw "e"')}&startIndex=2&count=1`, { startIndex: 2, itemsPerPage: 1, totalResults: 3, names: ['d@contoso.example'] }],
];

describe('sandbox SCIM app: list paging with startIndex and count (RFC 7644 §3.4.2.4)', () => {
  let fast: ScimHost;
  let scimmy: ScimHost;

  before(async () => {
    const options = { port: 0, worker: false, token: TOKEN, gotoMeetingUser: 'admin', gotoMeetingPassword: 'pw' };
    fast = await startScimHost(options);
    scimmy = await startScimHost({ ...options, scimmyOnly: true });
    for (const host of [fast, scimmy]) {
      for (const userName of NAMES) assert.equal((await scim(host, 'POST', '/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName, active: true })).status, 201);
    }
  });
  after(async () => {
    await fast.close();
    await scimmy.close();
  });

  for (const [which, host] of [['with the fast path', () => fast], ['through scimmy only', () => scimmy]] as const) {
    it(`answers each page with the right resources, totalResults, itemsPerPage and startIndex, ${which}`, async () => {
      for (const [query, expected] of expectations) assert.deepEqual(await page(host(), query), expected, query);
    });
  }

  it('pages through every user with count=2 and finds each once', async () => {
    const seen: string[] = [];
    for (let start = 1; ; start += 2) {
      const p = await page(fast, `?startIndex=${start}&count=2`);
      if (p.names.length === 0) break;
      seen.push(...p.names);
    }
    assert.deepEqual(seen, NAMES);
  });

  it('keeps the matching query\'s answer byte for byte the same on both paths', async () => {
    for (const name of ['c@contoso.example', 'C@CONTOSO.EXAMPLE', 'nobody@contoso.example']) {
      const a = await scim(fast, 'GET', `/Users?${eq(name)}`);
      const b = await scim(scimmy, 'GET', `/Users?${eq(name)}`);
      const withoutIds = (text: string) => text.replace(/"id":"[^"]+"|\/Users\/[^"]+"|"(created|lastModified|version)":"[^"]+"/g, '');
      assert.equal(withoutIds(a.text), withoutIds(b.text), name);
    }
  });
});
