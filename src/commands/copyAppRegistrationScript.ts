import * as vscode from 'vscode';
import { appRegistrationScript, type ScriptShell } from '../shared/appRegistrationScript';
import { UserFacingError } from '../shared/errors';
import { allDelegatedPermissions, type PermissionName } from '../shared/graphPermissions';
import type { CommandContext } from './commandRunner';
import type { Services } from './services';

const shells: readonly ScriptShell[] = ['azureCli', 'powershell'];

/**
 * Copies a script that creates an app registration of the user's own with exactly the delegated
 * permissions the extension needs: the way to sign in that works where a tenant refuses VS Code's
 * own client for Microsoft Graph admin scopes (AADSTS65002). Argument `{ shell?: "azureCli" |
 * "powershell" }`; result `{ shell, permissions }`.
 */
export async function copyAppRegistrationScript(_services: Services, context: CommandContext, arg?: unknown): Promise<{ shell: ScriptShell; permissions: readonly PermissionName[] } | undefined> {
  const given = arg && typeof arg === 'object' ? (arg as { shell?: unknown }).shell : undefined;
  if (given !== undefined && !shells.includes(given as ScriptShell)) throw new UserFacingError(vscode.l10n.t('shell must be one of {0}.', shells.join(', ')));
  const shell = (given as ScriptShell | undefined) ?? (await context.waitForUser(pickShell));
  if (!shell) return undefined;
  await vscode.env.clipboard.writeText(appRegistrationScript(shell));
  const openSettings = vscode.l10n.t('Open Settings');
  // Not awaited: the command is done once the script is copied; the note stays until dismissed.
  void vscode.window
    .showInformationMessage(
      vscode.l10n.t('The script is on the clipboard. Run it signed in to your tenant as at least Cloud Application Administrator, set entraProvisioning.clientId to the client ID it prints, then sign in again.'),
      openSettings,
    )
    .then((choice) => {
      if (choice === openSettings) void vscode.commands.executeCommand('workbench.action.openSettings', 'entraProvisioning.clientId');
    });
  return { shell, permissions: allDelegatedPermissions };
}

async function pickShell(): Promise<ScriptShell | undefined> {
  const picked = await vscode.window.showQuickPick(
    [
      { label: vscode.l10n.t('Azure CLI'), detail: vscode.l10n.t('A bash script using az (also runs in Azure Cloud Shell).'), shell: 'azureCli' as const },
      { label: vscode.l10n.t('PowerShell'), detail: vscode.l10n.t('A script using Microsoft Graph PowerShell.'), shell: 'powershell' as const },
    ],
    { title: vscode.l10n.t('Copy App Registration Script'), placeHolder: vscode.l10n.t('Which shell will you run it in?') },
  );
  return picked?.shell;
}
