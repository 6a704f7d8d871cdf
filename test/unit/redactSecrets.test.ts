import * as assert from 'node:assert/strict';
import { isSecretName, redactSecrets, SECRET_NAMES, secretHint } from '../../src/shared/logger';

describe('redactSecrets', () => {
  it('cuts bearer tokens', () => {
    assert.equal(redactSecrets('GET /v1.0/me Authorization: Bearer abc.DEF-123_x'), 'GET /v1.0/me Authorization: Bearer ***');
  });

  it('cuts JWTs wherever they stand', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJ0aWQiOiIxMjM0NTY3OCJ9.c2lnbmF0dXJlMTIz';
    assert.equal(redactSecrets(`token was ${jwt} end`), 'token was *** end');
  });

  it('cuts values of secret-looking keys in JSON and query strings', () => {
    assert.equal(redactSecrets('{"key":"SecretToken","SecretToken":"s3cr3t-v@lue"}'), '{"key":"SecretToken","SecretToken":"***"}');
    assert.equal(redactSecrets('url?client_secret=abc123&x=1'), 'url?client_secret=***&x=1');
    assert.equal(redactSecrets('password: hunter2'), 'password: ***');
  });

  it('leaves ordinary text alone', () => {
    const text = 'Started job customappsso.0123 for service principal 42 in 120 ms';
    assert.equal(redactSecrets(text), text);
  });
});

describe('redactSecrets: more shapes', () => {
  it('cuts basic authorization and passwords in URLs', () => {
    assert.equal(redactSecrets('Authorization: Basic dXNlcjpwYXNz'), 'Authorization: Basic ***');
    assert.equal(redactSecrets('GET https://admin:pa55w0rd@scim.example.com/Users'), 'GET https://admin:***@scim.example.com/Users');
  });

  it('cuts the value of a { key, value } pair whose key is a credential', () => {
    assert.equal(redactSecrets('[{"key":"SecretToken","value":"s3cr3t value"},{"key":"BaseAddress","value":"https://x"}]'), '[{"key":"SecretToken","value":"***"},{"key":"BaseAddress","value":"https://x"}]');
    assert.equal(redactSecrets('{"key": "Password", "value": "hunter 2"}'), '{"key": "Password", "value": "***"}');
  });

  it('cuts quoted credential values that contain spaces', () => {
    assert.equal(redactSecrets('{"SecretToken": "abc def"}'), '{"SecretToken": "***"}');
  });

  it('knows credential names', () => {
    assert.equal(isSecretName('Password'), true);
    assert.equal(isSecretName('SecretToken'), true);
    assert.equal(isSecretName('userName'), false);
    assert.equal(isSecretName('BaseAddress'), false);
  });
});

describe('redactSecrets: the quick check that lets ordinary lines skip the patterns', () => {
  it('recognises every credential name, in any case', () => {
    for (const name of SECRET_NAMES.split('|')) {
      for (const form of [name, name.toUpperCase(), `"${name}": "x"`, `${name}=x`]) assert.ok(secretHint.test(form), `${form} is looked at`);
    }
  });

  it('recognises every other shape a secret comes in', () => {
    for (const text of ['Authorization: bearer abcdefgh1234', 'Basic dXNlcjpwYXNz', 'eyJhbGciOi.eyJ0aWQiOi.sig', 'https://admin:pa55@host', '{"key":"x","value":"y"}']) {
      assert.ok(secretHint.test(text), text);
    }
  });
});
