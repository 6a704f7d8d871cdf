import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension';

export const extensionId = 'entra-provisioning.entra-provisioning';

/** Activates the extension under test and returns its API. */
export async function activateExtension(): Promise<ExtensionApi> {
  const extension = vscode.extensions.getExtension<ExtensionApi>(extensionId);
  if (!extension) throw new Error(`Extension ${extensionId} is not loaded in this host.`);
  return extension.activate();
}

/** Command ids this extension declares in package.json. */
export function declaredCommandIds(): string[] {
  const extension = vscode.extensions.getExtension(extensionId);
  const commands = (extension?.packageJSON as { contributes?: { commands?: Array<{ command: string }> } }).contributes?.commands ?? [];
  return commands.map((c) => c.command);
}
