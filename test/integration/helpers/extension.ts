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

/** Polls until the condition holds; fails with what was awaited once the time is up. */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Open tabs of VS Code's Markdown preview (how the extension shows reports rendered). */
export function markdownPreviews(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('markdown.preview'));
}
