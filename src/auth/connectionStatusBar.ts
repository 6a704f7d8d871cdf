import * as vscode from 'vscode';
import type { ConnectionStore } from './connectionStore';

/** Status bar item naming the current tenant; a click switches tenant. */
export class ConnectionStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('entraProvisioning.connection', vscode.StatusBarAlignment.Left, 50);
  private readonly subscription: vscode.Disposable;

  constructor(private readonly connections: ConnectionStore, switchCommand: string) {
    this.item.name = vscode.l10n.t('Entra Provisioning tenant');
    this.item.command = switchCommand;
    this.subscription = connections.onDidChange(() => this.update());
    this.update();
  }

  private update(): void {
    const current = this.connections.current;
    if (!current) {
      this.item.hide();
      return;
    }
    this.item.text = `$(${current.kind === 'sandbox' ? 'beaker' : 'organization'}) ${current.label}`;
    this.item.tooltip = vscode.l10n.t('Entra tenant {0} ({1}). Click to switch.', current.label, current.tenantId);
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
