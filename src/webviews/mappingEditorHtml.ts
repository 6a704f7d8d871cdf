import type * as vscode from 'vscode';
import { webviewResourceRoots, webviewShellHtml } from './webviewShell';

/** The panels' view type (also in package.json's activation event, for restoring after a reload). */
export const MAPPING_EDITOR_VIEW_TYPE = 'entraProvisioning.mappingEditor';

/** Where the mapping editor may load from (see webviewResourceRoots). */
export function mappingEditorResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return webviewResourceRoots(extensionUri);
}

/** The mapping editor's HTML shell: no data, strict CSP, its own bundle and stylesheet. */
export function mappingEditorHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  return webviewShellHtml(webview, extensionUri, 'main.js', 'mappingEditor.css');
}
