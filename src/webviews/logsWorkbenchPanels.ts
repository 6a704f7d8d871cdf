import * as vscode from 'vscode';
import { LOGS_WORKBENCH_VIEW_TYPE } from './logsWorkbenchHtml';
import type { LogsWorkbenchManager, LogsWorkbenchManagerDeps } from './logsWorkbenchManager';
import { loadLogsWorkbenchRuntime } from './logsWorkbenchRuntimeLoader';

/**
 * What activation registers for the logs workbench: the panel serializer, so that VS Code can
 * restore a workbench after a reload. The manager (and with it the workbench's bundle) is built on
 * first use.
 */
export class LogsWorkbenchPanels implements vscode.Disposable {
  private loaded?: LogsWorkbenchManager;
  private readonly registration: vscode.Disposable;

  constructor(private readonly deps: LogsWorkbenchManagerDeps) {
    this.registration = vscode.window.registerWebviewPanelSerializer(LOGS_WORKBENCH_VIEW_TYPE, {
      deserializeWebviewPanel: (panel, state) => this.manager.deserializeWebviewPanel(panel, state),
    });
  }

  /** The open workbenches and what opens and restores them (loaded on first use). */
  get manager(): LogsWorkbenchManager {
    return (this.loaded ??= new (loadLogsWorkbenchRuntime().LogsWorkbenchManager)(this.deps));
  }

  dispose(): void {
    this.loaded?.dispose();
    this.registration.dispose();
  }
}
