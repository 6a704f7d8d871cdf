// What package.json says about untrusted and virtual workspaces. VS Code acts on
// restrictedConfigurations only for keys the extension declares, so a renamed setting would quietly
// become readable from an untrusted workspace again; this fails instead.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Capability {
  supported: boolean | 'limited';
  description?: string;
  restrictedConfigurations?: string[];
}

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
  capabilities?: { untrustedWorkspaces?: Capability; virtualWorkspaces?: boolean | Capability };
  contributes: { configuration: { properties: Record<string, unknown> } };
};

/** Settings that decide where sign-in happens and tokens go, or that start a process on their own. */
const MUST_NOT_COME_FROM_AN_UNTRUSTED_WORKSPACE = [
  'entraProvisioning.cloud',
  'entraProvisioning.customGraphEndpoint',
  'entraProvisioning.clientId',
  'entraProvisioning.sandbox.connectOnStartup',
];

describe('manifest capabilities', () => {
  it('runs limited in untrusted workspaces, reading the sign-in and startup settings from user settings only', () => {
    const untrusted = manifest.capabilities?.untrustedWorkspaces;
    assert.equal(untrusted?.supported, 'limited');
    assert.match(untrusted?.description ?? '', /^%[\w.]+%$/, 'a localized description says what is limited');
    const restricted = untrusted?.restrictedConfigurations ?? [];
    const declared = Object.keys(manifest.contributes.configuration.properties);
    assert.deepEqual(restricted.filter((key) => !declared.includes(key)), [], 'restricted but not a declared setting');
    assert.deepEqual(MUST_NOT_COME_FROM_AN_UNTRUSTED_WORKSPACE.filter((key) => !restricted.includes(key)), [], 'not restricted');
  });

  it('declares virtual workspace support with a description of what is limited', () => {
    const virtual = manifest.capabilities?.virtualWorkspaces;
    assert.ok(virtual !== undefined && typeof virtual === 'object', 'declared as an object');
    assert.equal(virtual.supported, 'limited');
    assert.match(virtual.description ?? '', /^%[\w.]+%$/);
  });
});
