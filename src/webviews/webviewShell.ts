import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/** Where our webviews may load from: the built webview bundles and the media folder, nothing else. */
export function webviewResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')];
}

/**
 * The one HTML shell of our webviews. It carries no data (everything arrives by message after the
 * script says `ready`): a strict Content-Security-Policy, one stylesheet from `media/` and one script
 * bundle from `dist/webview/` whose nonce comes from `crypto`.
 */
export function webviewShellHtml(webview: vscode.Webview, extensionUri: vscode.Uri, bundle: string, stylesheet: string): string {
  const nonce = randomBytes(18).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', bundle));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', stylesheet));
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="${vscode.env.language.replace(/[^A-Za-z-]/g, '')}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}">
</head>
<body>
<main id="app" aria-busy="true"></main>
<script type="module" nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}
