// The README's "Using a real tenant" table is rendered from the one permission table the code uses
// (src/shared/graphPermissions.ts): what the README promises is what a 403 and the app registration
// script say.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appRegistrationScript } from '../../src/shared/appRegistrationScript';
import { allDelegatedPermissions, delegatedPermissionIds, permissionsMarkdownTable } from '../../src/shared/graphPermissions';

describe('README: using a real tenant', () => {
  const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

  it('shows the permission table exactly as the code renders it', () => {
    const section = /<!-- permissions:begin[^>]*-->\n([\s\S]*?)\n<!-- permissions:end -->/.exec(readme);
    assert.ok(section, 'the README has the permissions markers');
    assert.equal(section[1], permissionsMarkdownTable(), 'run: npx tsx -e "import {permissionsMarkdownTable} from \'./src/shared/graphPermissions\'; console.log(permissionsMarkdownTable())"');
  });

  for (const shell of ['azureCli', 'powershell'] as const) {
    it(`the ${shell} app registration script asks for exactly those delegated permissions and creates no secret`, () => {
      const script = appRegistrationScript(shell);
      for (const name of allDelegatedPermissions) {
        assert.ok(script.includes(name), `${shell} names ${name}`);
        assert.ok(script.includes(delegatedPermissionIds[name]), `${shell} requests ${name} by its scope id`);
      }
      const ids = script.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? [];
      const expected = new Set<string>([...Object.values(delegatedPermissionIds), '00000003-0000-0000-c000-000000000000']);
      assert.deepEqual(ids.filter((id) => !expected.has(id)), [], 'no other permission ids');
      assert.doesNotMatch(script, /password|secret add|credential reset|New-MgApplicationPassword|Add-MgApplicationPassword|client_secret/i);
      assert.match(script, /AzureADMyOrg/);
      assert.match(script, /http:\/\/localhost/);
      assert.match(script, /https:\/\/vscode\.dev\/redirect/);
      assert.match(script, /Microsoft\.AAD\.BrokerPlugin/);
      assert.match(script, /entraProvisioning\.clientId/);
    });
  }
});
