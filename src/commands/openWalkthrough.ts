import * as vscode from 'vscode';
import type { CommandContext } from './commandRunner';
import type { Services } from './services';

/** Opens the "Provision users to a SaaS app" walkthrough. */
export async function openWalkthrough(services: Services, _context: CommandContext): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.openWalkthrough', services.walkthrough.walkthroughId, false);
}
