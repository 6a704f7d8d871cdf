import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { allDelegatedPermissions, delegatedPermissionIds } from '../../src/shared/graphPermissions';
import { signInHelp } from '../../src/auth/signInHelp';
import { CommandId } from '../../src/shared/commandIds';
import type { SignInProblem } from '../../src/shared/signInErrors';
import { activateExtension } from './helpers/extension';

const copy = (arg?: unknown) => vscode.commands.executeCommand<{ shell: string; permissions: string[] } | undefined>('entraProvisioning.copyAppRegistrationScript', arg);

describe('Copy App Registration Script (real VS Code host)', () => {
  before(async () => {
    await activateExtension();
  });

  for (const shell of ['azureCli', 'powershell'] as const) {
    it(`copies a ${shell} script with exactly the delegated permissions, by name and scope id, and no secret`, async () => {
      await vscode.env.clipboard.writeText('');
      const result = await copy({ shell });
      assert.equal(result?.shell, shell);
      assert.deepEqual([...(result?.permissions ?? [])].sort(), [...allDelegatedPermissions].sort());
      const script = await vscode.env.clipboard.readText();
      for (const name of allDelegatedPermissions) {
        assert.ok(script.includes(name), `names ${name}`);
        assert.ok(script.includes(delegatedPermissionIds[name]), `requests ${name} by its id`);
      }
      assert.match(script, /entraProvisioning\.clientId/, 'says where the printed client id goes');
      assert.doesNotMatch(script, /secret add|credential reset|Add-MgApplicationPassword|passwordCredential|client_secret/i, 'creates no secret');
      assert.match(script, shell === 'azureCli' ? /az ad app create/ : /New-MgApplication/);
    });
  }

  it('refuses an unknown shell and leaves the clipboard alone', async () => {
    await vscode.env.clipboard.writeText('untouched');
    assert.equal(await copy({ shell: 'cmd' }), undefined);
    assert.equal(await vscode.env.clipboard.readText(), 'untouched');
  });
});

describe('what a refused sign-in says (real VS Code host)', () => {
  const expected: Array<[SignInProblem, string, CommandId | undefined]> = [
    ['firstPartyRefused', 'AADSTS65002', CommandId.copyAppRegistrationScript],
    ['consentMissing', 'AADSTS65001', CommandId.copyAppRegistrationScript],
    ['mfaRequired', 'AADSTS50076', CommandId.signIn],
    ['blockedByConditionalAccess', 'AADSTS53003', undefined],
    ['appNotFound', 'AADSTS700016', CommandId.copyAppRegistrationScript],
    ['tenantNotFound', 'AADSTS90002', CommandId.signIn],
    ['consentDeclined', 'AADSTS65004', CommandId.signIn],
    ['redirectUriMismatch', 'AADSTS50011', CommandId.copyAppRegistrationScript],
  ];
  for (const [problem, code, action] of expected) {
    it(`${code}: one sentence naming the code, and ${action ?? 'no button (an administrator decides)'}`, () => {
      const help = signInHelp(problem, code, '');
      assert.ok(help.message.includes(code), help.message);
      assert.doesNotMatch(help.message, /\{\d\}/, 'every placeholder filled');
      assert.equal(help.actions[0]?.command, action);
    });
  }

  it('names the script command for the first-party refusal by its palette title', () => {
    const help = signInHelp('firstPartyRefused', 'AADSTS65002', '');
    assert.match(help.message, /entraProvisioning\.clientId/);
    assert.equal(help.actions[0]?.title, vscode.l10n.t('Copy App Registration Script'));
  });
});
