import * as vscode from 'vscode';
import { MAPPING_EDITOR_VIEW_TYPE } from './mappingEditorHtml';
import type { MappingEditorManager, MappingEditorManagerDeps } from './mappingEditorManager';
import { loadMappingEditorRuntime } from './mappingEditorRuntimeLoader';

/**
 * What activation registers for the mapping editor: the panel serializer, so that VS Code can restore
 * an editor after a reload. The manager (and with it the editor's bundle) is built on first use: the
 * first open, save or restored panel.
 */
export class MappingEditorPanels implements vscode.Disposable {
  private loaded?: MappingEditorManager;
  private readonly registration: vscode.Disposable;

  constructor(private readonly deps: MappingEditorManagerDeps) {
    this.registration = vscode.window.registerWebviewPanelSerializer(MAPPING_EDITOR_VIEW_TYPE, {
      deserializeWebviewPanel: (panel, state) => this.manager.deserializeWebviewPanel(panel, state),
    });
  }

  /** The open editors and what opens, saves and restores them (loaded on first use). */
  get manager(): MappingEditorManager {
    return (this.loaded ??= new (loadMappingEditorRuntime().MappingEditorManager)(this.deps));
  }

  dispose(): void {
    this.loaded?.dispose();
    this.registration.dispose();
  }
}
