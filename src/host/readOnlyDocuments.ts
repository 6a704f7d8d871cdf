import * as vscode from 'vscode';

/** URI scheme of every read-only document the extension shows. */
export const READ_ONLY_SCHEME = 'entra-provisioning';

/** A document's file name from a title (a user's or app's name in it): one path segment, not too long. */
export function documentName(title: string, extension: string): string {
  const name = title.replace(/[\\/\x00-\x1f]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 120) || 'document';
  return `${name}${extension}`;
}

/** A document stored with `add`, for listing earlier ones (newest first). */
export interface StoredDocument {
  readonly uri: vscode.Uri;
  readonly folder: string;
  /** What a list shows for it (the document's headline). */
  readonly summary: string;
  readonly added: Date;
}

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
  private readonly added = new vscode.EventEmitter<StoredDocument>();
  /** Fires after `add` stored a document (lists of earlier ones redraw). */
  readonly onDidAdd = this.added.event;
  private readonly stored: StoredDocument[] = [];
  private sequence = 0;

  /** Stores `text` at `path` (e.g. `schema/app/job/unsaved.json`), replacing what an open tab shows. */
  set(path: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: READ_ONLY_SCHEME, path: `/${path}` });
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
    return uri;
  }

  /**
   * Stores `text` as a new document named `name` in `folder`, so earlier ones stay reachable;
   * `summary` is what `list(folder)` shows for it (the name when omitted).
   */
  add(folder: string, name: string, text: string, summary?: string): vscode.Uri {
    const uri = this.set(`${folder}/${++this.sequence}/${name}`, text);
    const document: StoredDocument = { uri, folder, summary: summary ?? name, added: new Date() };
    this.stored.push(document);
    this.added.fire(document);
    return uri;
  }

  /** The documents `add` stored in `folder`, newest first. */
  list(folder: string): StoredDocument[] {
    return this.stored.filter((d) => d.folder === folder).reverse();
  }

  /** Opens a stored document in a preview tab. */
  async show(uri: vscode.Uri): Promise<void> {
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: true });
  }

  /**
   * Opens a stored Markdown document rendered, in VS Code's Markdown preview (its tab is named after
   * the document); as source when the preview is not available (the Markdown extension disabled).
   */
  async showRendered(uri: vscode.Uri): Promise<void> {
    // Loaded here first, so the document is open in this extension host whichever host renders it.
    await vscode.workspace.openTextDocument(uri);
    try {
      await vscode.commands.executeCommand('markdown.showPreview', uri);
    } catch {
      await this.show(uri);
    }
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? vscode.l10n.t('This document is no longer kept: open it again from where you opened it first.');
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
    this.added.dispose();
    this.texts.clear();
    this.stored.length = 0;
  }
}
