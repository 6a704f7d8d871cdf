import * as vscode from 'vscode';

/** URI scheme of every read-only document the extension shows. */
export const READ_ONLY_SCHEME = 'entra-provisioning';

/**
 * The one provider of read-only documents (reports, event details, schema snapshots for diffs):
 * shown without a save prompt, kept in memory until the window closes. A path's extension picks
 * the document's language (`.md`, `.json`).
 */
export class ReadOnlyDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(READ_ONLY_SCHEME, this);
  private sequence = 0;

  /** Stores `text` at `path` (e.g. `schema/app/job/unsaved.json`), replacing what an open tab shows. */
  set(path: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: READ_ONLY_SCHEME, path: `/${path}` });
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
    return uri;
  }

  /** Stores `text` as a new document named `name` in `folder`, so earlier ones stay reachable. */
  add(folder: string, name: string, text: string): vscode.Uri {
    return this.set(`${folder}/${++this.sequence}/${name}`, text);
  }

  /** Opens a stored document in a preview tab. */
  async show(uri: vscode.Uri): Promise<void> {
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: true });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? vscode.l10n.t('This document is no longer kept: open it again from where you opened it first.');
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
    this.texts.clear();
  }
}
