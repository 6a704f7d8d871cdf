import assert from 'node:assert/strict';
import type { Sandbox } from '../../../src/sandbox/server';
import { startTestSandbox } from './helpers';

describe('sandbox server basics', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startTestSandbox({ port: 0, token: 'secret-token', users: 5, groups: 2 });
  });
  after(async () => {
    await sandbox.close();
  });

  it('answers 401 in Graph error shape without a token, with a request-id header', async () => {
    const res = await fetch(`${sandbox.graphUrl}/users`);
    assert.equal(res.status, 401);
    assert.ok(res.headers.get('request-id'));
    const body = (await res.json()) as { error: { code: string; message: string; innerError: Record<string, string> } };
    assert.equal(body.error.code, 'InvalidAuthenticationToken');
    assert.equal(typeof body.error.message, 'string');
    assert.equal(body.error.innerError['request-id'], res.headers.get('request-id'));
    assert.match(body.error.innerError.date, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
  });

  it('answers 401 for a wrong token when one is required', async () => {
    const res = await fetch(`${sandbox.graphUrl}/users`, { headers: { Authorization: 'Bearer nope' } });
    assert.equal(res.status, 401);
  });

  it('answers a known path asked with the wrong method with 405 and the methods it takes', async () => {
    const res = await fetch(`${sandbox.graphUrl}/servicePrincipals/x/synchronization/jobs/y/start`, { method: 'GET', headers: { Authorization: 'Bearer secret-token' } });
    assert.equal(res.status, 405);
    assert.equal(res.headers.get('allow'), 'POST');
    const body = (await res.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'Request_BadRequest');
    assert.match(body.error.message, /'GET' is not allowed/);
    const users = await fetch(`${sandbox.graphUrl}/users`, { method: 'PUT', headers: { Authorization: 'Bearer secret-token' } });
    assert.equal(users.status, 405);
    assert.match(users.headers.get('allow') ?? '', /GET.*POST|POST.*GET/);
  });

  it('answers unknown paths with 400 BadRequest in Graph error shape, as Graph does', async () => {
    const res = await fetch(`${sandbox.graphUrl}/nothingHere`, { headers: { Authorization: 'Bearer secret-token' } });
    assert.equal(res.status, 400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'BadRequest');
    assert.equal(body.error.message, "Resource not found for the segment 'nothingHere'.");
  });
});
