import * as vscode from 'vscode';

export const REPORT_SCHEME = 'entra-provisioning-report';

/**
 * Read-only documents for reports (provision-on-demand steps, schema snapshots for diffs): shown
 * without a save prompt, kept in memory until the window closes.
 */
export class ReportDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, this);
  private sequence = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  /** Stores `content` under a new URI whose file name is `name` (its extension picks the language). */
  put(name: string, content: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: REPORT_SCHEME, path: `/${++this.sequence}/${name}` });
    this.contents.set(uri.toString(), content);
    return uri;
  }

  async show(name: string, content: string): Promise<vscode.Uri> {
    const uri = this.put(name, content);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: true });
    return uri;
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
    this.contents.clear();
  }
}
