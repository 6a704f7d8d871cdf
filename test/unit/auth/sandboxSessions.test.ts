import * as assert from 'node:assert/strict';
import { SandboxSessions } from '../../../src/auth/sandboxSessions';
import type { SandboxProcess } from '../../../src/auth/sandboxProcess';

describe('sandbox sessions: SCIM endpoint tokens for test users', () => {
  it('knows a token only for an endpoint this session saved, however its address was typed, until the connection is forgotten', () => {
    const sessions = new SandboxSessions();
    sessions.rememberScimEndpoint('sandbox:a', 'http://127.0.0.1:4000/scim/v2/', 'token-a');
    assert.equal(sessions.scimToken('sandbox:a', 'http://127.0.0.1:4000/scim/v2'), 'token-a');
    assert.equal(sessions.scimToken('sandbox:a', 'http://127.0.0.1:4001/scim/v2'), undefined);
    assert.equal(sessions.scimToken('sandbox:b', 'http://127.0.0.1:4000/scim/v2'), undefined, 'another connection does not share it');
    sessions.forget('sandbox:a');
    assert.equal(sessions.scimToken('sandbox:a', 'http://127.0.0.1:4000/scim/v2'), undefined);
  });

  it('knows the token of the SCIM app of a sandbox this extension started', () => {
    const sessions = new SandboxSessions();
    let stopped = 0;
    const process: SandboxProcess = { graphUrl: 'http://127.0.0.1:5000/v1.0', scimUrl: 'http://127.0.0.1:5001/scim/v2', scimToken: 'own', token: 't', stop: () => stopped++ };
    sessions.set('sandbox:c', 't', process);
    assert.equal(sessions.scimToken('sandbox:c', 'http://127.0.0.1:5001/scim/v2'), 'own');
    assert.equal(sessions.scimToken('sandbox:c', 'http://127.0.0.1:5001/gotomeeting/v2'), undefined);
    sessions.dispose();
    assert.equal(stopped, 1);
  });
});
