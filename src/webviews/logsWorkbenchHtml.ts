import type * as vscode from 'vscode';
import { webviewResourceRoots, webviewShellHtml } from './webviewShell';

/** The panels' view type (also in package.json's activation event, for restoring after a reload). */
export const LOGS_WORKBENCH_VIEW_TYPE = 'entraProvisioning.logsWorkbench';

/** Where the logs workbench may load from (see webviewResourceRoots). */
export function logsWorkbenchResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return webviewResourceRoots(extensionUri);
}

/** The logs workbench's HTML shell: no data, strict CSP, its own bundle and stylesheet. */
export function logsWorkbenchHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  return webviewShellHtml(webview, extensionUri, 'logsWorkbench.js', 'logsWorkbench.css');
}
