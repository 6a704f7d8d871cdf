import * as vscode from 'vscode';
import type { CommandContext } from './commandRunner';
import type { Services } from './services';

/** The walkthrough id as VS Code knows it: `<publisher>.<name>#<walkthrough id>`. */
export const WALKTHROUGH_ID = 'entra-provisioning.entra-provisioning#provisionSaasApp';

/** Opens the "Provision users to a SaaS app" walkthrough. */
export async function openWalkthrough(_services: Services, _context: CommandContext): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH_ID, false);
}
