import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sandbox } from '../../../src/sandbox/server';
import { cases } from '../faultScale';
import { errorCode, graph, startTestSandbox } from './helpers';

/** A raw HTTP exchange with a chosen Host header (fetch does not let a caller forge it). */
function rawRequest(url: string, options: { method?: string; host: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; body: string }> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname: target.hostname, port: target.port, path: target.pathname + target.search, method: options.method ?? 'GET', headers: { ...options.headers, host: options.host }, setHost: false }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** JSON text of an object nested `depth` deep (JSON.stringify itself cannot write one this deep). */
function nestedJson(depth: number): string {
  return `${'{"a":'.repeat(depth)}"x"${'}'.repeat(depth)}`;
}

describe('sandbox hardening: Host, depth, SCIM authentication first', () => {
  let sandbox: Sandbox;
  before(async () => { sandbox = await startTestSandbox({ users: 5, token: 'the-token' }); });
  after(async () => { await sandbox.close(); });

  it('answers only its own loopback Host, and never reflects a forged one', async () => {
    const port = new URL(sandbox.graphUrl).port;
    for (const host of ['attacker.example', `attacker.example:${port}`, 'x:99999', '']) {
      const res = await rawRequest(`${sandbox.graphUrl}/users?$top=1`, { host, headers: { authorization: 'Bearer the-token' } });
      assert.equal(res.status, 400, `Host '${host}'`);
      assert.equal(errorCode(JSON.parse(res.body)), 'BadRequest');
      assert.ok(!res.body.includes('attacker.example:'), 'the forged host is not echoed back as an address');
    }
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
      const res = await rawRequest(`${sandbox.graphUrl}/users?$top=1`, { host, headers: { authorization: 'Bearer the-token' } });
      assert.equal(res.status, 200, `Host '${host}'`);
    }
  });

  it('refuses a body nested deeper than it takes with 400, and keeps serving', async () => {
    const user = sandbox.store.activeUsers()[0];
    const res = await graph(sandbox, 'PATCH', `/users/${user.id}`, `{"onPremisesExtensionAttributes":${nestedJson(20_000)}}`);
    assert.equal(res.status, 400);
    assert.match(res.body.error.message, /nests deeper than/);
    assert.equal((await graph(sandbox, 'GET', '/users?$top=5')).status, 200);
    const { servicePrincipalId: sp, jobId } = sandbox.demo;
    const schema = (await graph(sandbox, 'GET', `/servicePrincipals/${sp}/synchronization/jobs/${jobId}/schema`)).body;
    const put = await graph(sandbox, 'PUT', `/servicePrincipals/${sp}/synchronization/jobs/${jobId}/schema`, `${JSON.stringify(schema).slice(0, -1)},"extra":${nestedJson(5_000)}}`);
    assert.equal(put.status, 400);
  });

  it('answers a SCIM request without the right token 401 before reading its body', async () => {
    const host = new URL(sandbox.scimUrl).host;
    for (const authorization of [undefined, 'Bearer wrong', `Bearer ${sandbox.scimToken}x`]) {
      const res = await rawRequest(`${sandbox.scimUrl}/Users`, { method: 'POST', host, headers: { 'content-type': 'application/scim+json', ...(authorization ? { authorization } : {}) }, body: '{ not json' });
      assert.equal(res.status, 401, String(authorization));
      const body = JSON.parse(res.body) as { schemas: string[]; status: string };
      assert.deepEqual(body.schemas, ['urn:ietf:params:scim:api:messages:2.0:Error']);
      assert.equal(body.status, '401');
    }
    const forged = await rawRequest(`${sandbox.scimUrl}/Users`, { host: 'attacker.example', headers: { authorization: `Bearer ${sandbox.scimToken}` } });
    assert.equal(forged.status, 400);
    const ok = await rawRequest(`${sandbox.scimUrl}/Users?count=1`, { host, headers: { authorization: `Bearer ${sandbox.scimToken}` } });
    assert.equal(ok.status, 200);
  });
});

describe('sandbox hardening: acknowledged writes are on disk (--data)', function () {
  this.timeout(120_000);
  let dir: string;
  before(async () => { dir = await mkdtemp(join(tmpdir(), 'sandbox-durable-')); });
  after(async () => { await rm(dir, { recursive: true, force: true }); });

  it('has a write in state.json when its 2xx arrives, in a folder and file private to the user', async () => {
    const sandbox = await startTestSandbox({ users: 5, dataDir: dir });
    try {
      for (let i = 0; i < 5; i++) {
        const res = await graph(sandbox, 'POST', '/users', { displayName: `Durable ${i}`, userPrincipalName: `durable${i}@contoso-sandbox.example`, mailNickname: `durable${i}`, accountEnabled: true });
        assert.equal(res.status, 201);
        const saved = await readFile(join(dir, 'state.json'), 'utf8');
        assert.ok(saved.includes(`durable${i}@contoso-sandbox.example`), `write ${i} is on disk when acknowledged`);
      }
      assert.equal((await stat(join(dir, 'state.json'))).mode & 0o777, 0o600);
      assert.equal((await stat(dir)).mode & 0o777, 0o700);
    } finally {
      await sandbox.close();
    }
  });

  it('keeps every acknowledged write through kill -9 of the CLI', async () => {
    const cli = join(__dirname, '../../../src/sandbox/cli.ts');
    const data = join(dir, 'killed');
    const start = () => {
      const child = spawn(process.execPath, ['--import', 'tsx', cli, '--data', data, '--users', '5', '--token', 't'], { stdio: 'pipe' });
      return new Promise<{ child: typeof child; graphUrl: string }>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const url = /^Graph: (\S+)$/m.exec(out)?.[1];
          if (url && /^Ready$/m.test(out)) resolve({ child, graphUrl: url });
        });
        child.on('exit', (code) => reject(new Error(`sandbox exited early (${code}): ${out}`)));
      });
    };
    const post = (graphUrl: string, i: number) =>
      fetch(`${graphUrl}/users`, { method: 'POST', headers: { authorization: 'Bearer t', 'content-type': 'application/json' }, body: JSON.stringify({ displayName: `Kill ${i}`, userPrincipalName: `kill${i}@contoso-sandbox.example`, mailNickname: `kill${i}`, accountEnabled: true }) });
    const first = await start();
    const acknowledged: number[] = [];
    // Writes in flight when the process dies: the ones answered 201 must survive.
    const writes = Array.from({ length: cases(40) }, (_, i) => post(first.graphUrl, i).then((r) => { if (r.status === 201) acknowledged.push(i); }, () => undefined));
    await Promise.all(writes.slice(0, writes.length / 2));
    first.child.kill('SIGKILL');
    await Promise.all(writes);
    assert.ok(acknowledged.length >= writes.length / 2, `${acknowledged.length} writes were acknowledged before the kill`);
    process.stdout.write(`      (kill -9: ${writes.length} writes tried, ${acknowledged.length} acknowledged)\n`);

    const second = await start();
    try {
      for (const i of acknowledged) {
        const res = await fetch(`${second.graphUrl}/users/kill${i}@contoso-sandbox.example`, { headers: { authorization: 'Bearer t' } });
        assert.equal(res.status, 200, `acknowledged write ${i} survived`);
      }
    } finally {
      second.child.kill('SIGKILL');
    }
  });
});

describe('sandbox hardening: $filter complexity', () => {
  let sandbox: Sandbox;
  before(async () => { sandbox = await startTestSandbox({ users: 5 }); });
  after(async () => { await sandbox.close(); });

  it('answers 400 for 1,000 nested parentheses or 300 chained conditions, and keeps serving', async () => {
    const deep = `${'('.repeat(1000)}displayName eq 'a'${')'.repeat(1000)}`;
    const long = Array.from({ length: 300 }, (_, i) => `displayName eq 'u${i}'`).join(' or ');
    for (const filter of [deep, `${'not '.repeat(1000)}displayName eq 'a'`, long]) {
      const res = await graph(sandbox, 'GET', `/users?$filter=${encodeURIComponent(filter)}`);
      assert.equal(res.status, 400);
      assert.equal(errorCode(res.body), 'Request_UnsupportedQuery');
    }
    const nested = await graph(sandbox, 'GET', `/users?$filter=${encodeURIComponent("((displayName eq 'a') or (not (accountEnabled eq true)))")}`);
    assert.equal(nested.status, 200);
  });
});

describe('sandbox hardening: SCIM query parameters', () => {
  let sandbox: Sandbox;
  before(async () => { sandbox = await startTestSandbox({ users: 3 }); });
  after(async () => { await sandbox.close(); });

  const scim = async (path: string) => {
    const res = await fetch(`${sandbox.scimUrl}${path}`, { headers: { authorization: `Bearer ${sandbox.scimToken}` } });
    return { status: res.status, text: await res.text() };
  };

  it('answers attribute paths into JavaScript\'s object machinery with a SCIM 400, not a 500 with internal text', async () => {
    for (const query of ['attributes=__proto__', 'excludedAttributes=__proto__', 'filter=__proto__%20eq%20%22x%22', 'sortBy=constructor', 'attributes=name.__proto__', 'filter=prototype%20pr']) {
      for (const kind of ['Users', 'Groups']) {
        const res = await scim(`/${kind}?${query}`);
        assert.equal(res.status, 400, `${kind}?${query}`);
        const body = JSON.parse(res.text) as { schemas: string[]; detail: string };
        assert.deepEqual(body.schemas, ['urn:ietf:params:scim:api:messages:2.0:Error']);
        assert.doesNotMatch(body.detail, /Cannot read|TypeError|undefined|null/);
      }
    }
    const quoted = await scim(`/Users?filter=${encodeURIComponent('userName eq "constructor"')}`);
    assert.equal(quoted.status, 200, 'a quoted value is data, not a path');
  });

  it('never answers 5xx for odd query parameters', async () => {
    const odd = ['', ' ', '"', '((', 'eq', 'userName eq', 'userName eq "', '[', ']', '.', '..', 'a.b.c.d.e', '%00', 'ü', '0', '-1', '1e9', 'true', 'null', 'userName pr and', 'emails[type eq "work"].value', 'name.givenName sw "A"'];
    const params = ['filter', 'attributes', 'excludedAttributes', 'sortBy', 'sortOrder', 'startIndex', 'count'];
    for (const param of params) {
      for (const value of odd) {
        const res = await scim(`/Users?${param}=${encodeURIComponent(value)}`);
        assert.ok(res.status < 500, `Users?${param}=${value} → ${res.status} ${res.text.slice(0, 120)}`);
      }
    }
  });
});

describe('sandbox hardening: $batch sub-requests', () => {
  let sandbox: Sandbox;
  before(async () => { sandbox = await startTestSandbox({ users: 5 }); });
  after(async () => { await sandbox.close(); });

  it('answers each malformed sub-request on its own, and ignores framing headers', async () => {
    const requests = [
      { id: 'space', method: 'GET', url: "/users?$filter=displayName eq 'a b'" },
      { id: 'badName', method: 'GET', url: '/users?$top=1', headers: { 'bad name': 'x' } },
      { id: 'crlf', method: 'GET', url: '/users?$top=1', headers: { 'x-note': 'a\r\nInjected: 1' } },
      { id: 'length', method: 'GET', url: '/users?$top=1', headers: { 'content-length': '100' } },
      { id: 'host', method: 'GET', url: '/users?$top=1', headers: { host: 'attacker.example' } },
      { id: 'control', method: 'GET', url: '/users?$top=1\u0000' },
      { id: 'unicode', method: 'GET', url: "/users?$filter=startswith(displayName,'Zoë')" },
    ];
    const res = await graph(sandbox, 'POST', '/$batch', { requests });
    assert.equal(res.status, 200);
    const byId = new Map((res.body.responses as Array<{ id: string; status: number; body: unknown }>).map((r) => [r.id, r]));
    assert.equal(byId.get('space')!.status, 200, 'spaces in the URL are encoded, as Graph takes them');
    assert.equal(byId.get('badName')!.status, 400);
    assert.equal(byId.get('crlf')!.status, 400);
    assert.equal(byId.get('length')!.status, 200, 'a client content-length does not hold the request open');
    assert.equal(byId.get('host')!.status, 200, 'a client host header is not forwarded');
    assert.equal(byId.get('control')!.status, 400);
    assert.equal(byId.get('unicode')!.status, 200);
    for (const id of ['badName', 'crlf', 'control']) assert.equal(errorCode(byId.get(id)!.body), 'BadRequest');
  });
});
