import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sandbox } from '../../../src/sandbox/server';
import { cases, faultFigures } from '../faultScale';
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

describe('sandbox hardening: SCIM bodies, paths and methods', () => {
  let sandbox: Sandbox;
  before(async () => { sandbox = await startTestSandbox({ users: 3 }); });
  after(async () => { await sandbox.close(); });

  const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
  const scim = async (method: string, url: string, body?: string, authorization = `Bearer ${sandbox.scimToken}`) => {
    const res = await fetch(url, { method, body, headers: { authorization, ...(body !== undefined ? { 'content-type': 'application/scim+json' } : {}) } });
    return { status: res.status, allow: res.headers.get('allow'), type: res.headers.get('content-type') ?? '', body: JSON.parse(await res.text()) as { schemas: string[]; status: string; scimType?: string; detail: string } };
  };
  const user = (userName: string, extra = '') => `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"${userName}"${extra}}`;

  it('answers a body nested too deep, not JSON, or too large with a SCIM error document, and stores nothing', async () => {
    const gotoMeeting = `Basic ${Buffer.from(`${sandbox.gotoMeetingCredentials.userName}:${sandbox.gotoMeetingCredentials.password}`).toString('base64')}`;
    const cases: Array<{ url: string; method: string; body: string; status: number; scimType?: string; authorization?: string }> = [
      { url: `${sandbox.scimUrl}/Users`, method: 'POST', body: user('deep', `,"x":${nestedJson(20_000)}`), status: 400, scimType: 'invalidSyntax' },
      { url: `${sandbox.scimUrl}/Users`, method: 'POST', body: user('deep65', `,"x":${nestedJson(64)}`), status: 400, scimType: 'invalidSyntax' },
      { url: `${sandbox.scimUrl}/Groups`, method: 'POST', body: `{"displayName":"g","members":${'['.repeat(5_000)}${']'.repeat(5_000)}}`, status: 400, scimType: 'invalidSyntax' },
      { url: `${sandbox.scimUrl}/Bulk`, method: 'POST', body: nestedJson(1_000), status: 400, scimType: 'invalidSyntax' },
      { url: `${sandbox.scimUrl}/Users/.search`, method: 'POST', body: nestedJson(1_000), status: 400, scimType: 'invalidSyntax' },
      { url: `${sandbox.gotoMeetingUrl}/Users`, method: 'POST', body: user('deepgtm', `,"x":${nestedJson(20_000)}`), status: 400, scimType: 'invalidSyntax', authorization: gotoMeeting },
      { url: `${sandbox.scimUrl}/Users`, method: 'POST', body: '{ not json', status: 400, scimType: 'invalidSyntax' },
      { url: `${sandbox.scimUrl}/Users`, method: 'POST', body: '"a string"', status: 400, scimType: 'invalidSyntax' },
      { url: `${sandbox.scimUrl}/Users`, method: 'POST', body: user('big', `,"x":"${'a'.repeat(2 * 1024 * 1024)}"`), status: 413 },
    ];
    for (const c of cases) {
      const res = await scim(c.method, c.url, c.body, c.authorization);
      const what = `${c.method} ${c.url.slice(-20)} (${c.body.length} chars)`;
      assert.equal(res.status, c.status, what);
      assert.match(res.type, /^application\/scim\+json/, what);
      assert.deepEqual(res.body.schemas, [ERROR], what);
      assert.equal(res.body.status, String(c.status), what);
      assert.equal(res.body.scimType, c.scimType, what);
      assert.doesNotMatch(res.body.detail, /position|Unexpected|SyntaxError|at line/, 'no parser text leaves the server');
    }
    assert.equal(sandbox.scim.listUsers().length, 0, 'nothing refused was stored');
    const nested = await scim('POST', `${sandbox.scimUrl}/Users`, user('nested-ok', `,"name":{"givenName":"Ok","familyName":"Fine"}`));
    assert.equal(nested.status, 201, 'an ordinary body still passes');
    assert.equal((await scim('GET', `${sandbox.scimUrl}/Users?count=1`)).status, 200);
  });

  it('answers unknown paths 404 and unsupported methods 405 (with Allow) as SCIM error documents', async () => {
    const origin = new URL(sandbox.scimUrl).origin;
    const cases: Array<[string, string, number, string?]> = [
      ['GET', `${origin}/`, 404], ['GET', `${origin}/nope`, 404], ['POST', `${origin}/scim/v3/Users`, 404],
      ['GET', `${sandbox.scimUrl}/Nope`, 404], ['GET', `${sandbox.scimUrl}/Users/a/b`, 404],
      ['DELETE', `${sandbox.scimUrl}/Users`, 405, 'GET, HEAD, POST'], ['PATCH', `${sandbox.scimUrl}/Groups`, 405, 'GET, HEAD, POST'],
      ['POST', `${sandbox.scimUrl}/Users/some-id`, 405, 'GET, HEAD, PUT, PATCH, DELETE'], ['PUT', `${sandbox.scimUrl}/Schemas`, 405, 'GET, HEAD'],
      ['DELETE', `${sandbox.scimUrl}/ServiceProviderConfig`, 405, 'GET, HEAD'], ['GET', `${sandbox.scimUrl}/Bulk`, 405, 'POST'],
      ['GET', `${sandbox.scimUrl}/Users/.search`, 405, 'POST'], ['OPTIONS', `${sandbox.scimUrl}/Users`, 405, 'GET, HEAD, POST'],
    ];
    for (const [method, url, status, allow] of cases) {
      const res = await scim(method, url);
      assert.equal(res.status, status, `${method} ${url}`);
      assert.match(res.type, /^application\/scim\+json/, `${method} ${url}`);
      assert.deepEqual(res.body.schemas, [ERROR]);
      assert.equal(res.body.status, String(status));
      assert.equal(res.allow, allow ?? null, `${method} ${url}: Allow`);
    }
    // Authentication still comes first on the SCIM paths: a wrong token learns nothing of them.
    assert.equal((await scim('DELETE', `${sandbox.scimUrl}/Users`, undefined, 'Bearer wrong')).status, 401);
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

  for (const scimWorker of [false, true]) {
    it(`has a SCIM write in scim.json when its 2xx arrives (SCIM app ${scimWorker ? 'on a worker thread, as the CLI runs it' : 'in process'})`, async () => {
      const data = join(dir, scimWorker ? 'scim-worker' : 'scim-in-process');
      const sandbox = await startTestSandbox({ users: 3, dataDir: data, scimWorker });
      const saved = async () => JSON.parse(await readFile(join(data, 'scim.json'), 'utf8')) as { users: Array<{ id: string; userName: string; displayName?: string }> };
      const scim = (method: string, path: string, body?: unknown) => fetch(`${sandbox.scimUrl}${path}`, {
        method, headers: { authorization: `Bearer ${sandbox.scimToken}`, 'content-type': 'application/scim+json' }, body: body === undefined ? undefined : JSON.stringify(body),
      });
      try {
        const ids: string[] = [];
        for (let i = 0; i < 3; i++) {
          const res = await scim('POST', '/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: `scim-durable${i}@example.test` });
          assert.equal(res.status, 201);
          ids.push(((await res.json()) as { id: string }).id);
          assert.ok((await saved()).users.some((u) => u.userName === `scim-durable${i}@example.test`), `SCIM write ${i} is on disk when acknowledged`);
        }
        const patch = await scim('PATCH', `/Users/${ids[0]}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'displayName', value: 'Patched On Disk' }] });
        assert.ok(patch.status === 200 || patch.status === 204, String(patch.status));
        assert.equal((await saved()).users.find((u) => u.id === ids[0])?.displayName, 'Patched On Disk');
        assert.equal((await scim('DELETE', `/Users/${ids[1]}`)).status, 204);
        assert.ok(!(await saved()).users.some((u) => u.id === ids[1]), 'a delete is on disk when acknowledged');
        assert.equal((await stat(join(data, 'scim.json'))).mode & 0o777, 0o600);
      } finally {
        await sandbox.close();
      }
    });
  }

  it('keeps every acknowledged write through kill -9 of the CLI', async () => {
    const cli = join(__dirname, '../../../src/sandbox/cli.ts');
    const data = join(dir, 'killed');
    const start = () => {
      const child = spawn(process.execPath, ['--import', 'tsx', cli, '--data', data, '--users', '5', '--token', 't'], { stdio: 'pipe' });
      return new Promise<{ child: typeof child; graphUrl: string; gotoMeetingUrl: string; gotoMeetingAuth: string }>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const url = /^Graph: (\S+)$/m.exec(out)?.[1];
          if (url && /^Ready$/m.test(out)) {
            const line = (label: string) => new RegExp(`^${label}: (.+)$`, 'm').exec(out)![1];
            const gotoMeetingAuth = `Basic ${Buffer.from(`${line('GoToMeeting admin user name')}:${line('GoToMeeting admin password')}`).toString('base64')}`;
            resolve({ child, graphUrl: url, gotoMeetingUrl: line('GoToMeeting'), gotoMeetingAuth });
          }
        });
        child.on('exit', (code) => reject(new Error(`sandbox exited early (${code}): ${out}`)));
      });
    };
    const post = (graphUrl: string, i: number) =>
      fetch(`${graphUrl}/users`, { method: 'POST', headers: { authorization: 'Bearer t', 'content-type': 'application/json' }, body: JSON.stringify({ displayName: `Kill ${i}`, userPrincipalName: `kill${i}@contoso-sandbox.example`, mailNickname: `kill${i}`, accountEnabled: true }) });
    // The SCIM app (on its worker thread, as the CLI runs it) takes writes too: GoToMeeting's is
    // the one whose credentials the CLI prints.
    const scimPost = (target: { gotoMeetingUrl: string; gotoMeetingAuth: string }, i: number) =>
      fetch(`${target.gotoMeetingUrl}/Users`, { method: 'POST', headers: { authorization: target.gotoMeetingAuth, 'content-type': 'application/scim+json' }, body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: `scimkill${i}@example.test` }) });
    const first = await start();
    const acknowledged: number[] = [];
    const scimAcknowledged: number[] = [];
    // Writes in flight when the process dies: the ones answered 201 must survive.
    const writes = Array.from({ length: cases(40) }, (_, i) => post(first.graphUrl, i).then((r) => { if (r.status === 201) acknowledged.push(i); }, () => undefined));
    const scimWrites = Array.from({ length: cases(40) }, (_, i) => scimPost(first, i).then((r) => { if (r.status === 201) scimAcknowledged.push(i); }, () => undefined));
    await Promise.all([...writes.slice(0, writes.length / 2), ...scimWrites.slice(0, scimWrites.length / 2)]);
    first.child.kill('SIGKILL');
    await Promise.all([...writes, ...scimWrites]);
    assert.ok(acknowledged.length >= writes.length / 2, `${acknowledged.length} writes were acknowledged before the kill`);
    assert.ok(scimAcknowledged.length >= scimWrites.length / 2, `${scimAcknowledged.length} SCIM writes were acknowledged before the kill`);

    const second = await start();
    let lost = 0;
    try {
      for (const i of acknowledged) {
        const res = await fetch(`${second.graphUrl}/users/kill${i}@contoso-sandbox.example`, { headers: { authorization: 'Bearer t' } });
        if (res.status !== 200) lost++;
      }
      for (const i of scimAcknowledged) {
        const res = await fetch(`${second.gotoMeetingUrl}/Users?filter=${encodeURIComponent(`userName eq "scimkill${i}@example.test"`)}`, { headers: { authorization: second.gotoMeetingAuth } });
        if (((await res.json()) as { totalResults?: number }).totalResults !== 1) lost++;
      }
      process.stdout.write(`      (kill -9: ${writes.length} Graph and ${scimWrites.length} SCIM writes tried, ${acknowledged.length} and ${scimAcknowledged.length} acknowledged, ${lost} lost)\n`);
      faultFigures.tried += writes.length + scimWrites.length;
      faultFigures.lost += lost;
      assert.equal(lost, 0, 'every acknowledged write survived');
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
