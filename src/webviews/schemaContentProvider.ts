import * as vscode from 'vscode';

/**
 * Read-only documents holding schema JSON, for the "what will change" diff editor before a save.
 * Texts are kept per URI until replaced; the URIs name the job so tabs are recognisable.
 */
export class SchemaContentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  static readonly scheme = 'entra-provisioning-schema';
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  /** Stores `text` under a URI for `name` (e.g. `app/job/server.json`) and returns the URI. */
  set(name: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: SchemaContentProvider.scheme, path: `/${name}` });
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  dispose(): void {
    this.changed.dispose();
    this.texts.clear();
  }
}
