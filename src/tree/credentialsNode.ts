import * as vscode from 'vscode';
import type { HasJobTarget } from '../shared/targets';
import { CommandId } from '../shared/commandIds';
import { isMaskedSecret, PROVISIONING_SETTING_KEYS } from '../graph/facts';
import { FolderNode } from './folderNode';
import type { JobNode } from './jobNode';
import { LeafNode } from './leafNode';
import { RowKind } from './contextValues';
import type { TreeNode } from './treeNode';

/** The job's saved admin credentials: keys only, never values. */
export class CredentialsNode extends FolderNode implements HasJobTarget {
  constructor(private readonly job: JobNode) {
    super(`${job.id}/credentials`, job, vscode.l10n.t('Admin credentials'), 'key', RowKind.credentials);
  }

  get jobTarget() {
    return this.job.jobTarget;
  }

  protected async load(): Promise<TreeNode[]> {
    const service = await this.job.appNode.tenant.service();
    // Settings share the service's secret list, but they are not credentials: Provisioning Settings shows them.
    const secrets = (await service.secrets.list(this.job.appNode.servicePrincipalId)).filter((secret) => !PROVISIONING_SETTING_KEYS.has(secret.key));
    const edit = { command: CommandId.saveCredentials, title: vscode.l10n.t('Save admin credentials'), arguments: [this] };
    if (secrets.length === 0) {
      return [new LeafNode(`${this.id}/none`, this, { label: vscode.l10n.t('No credentials saved. Enter them…'), icon: new vscode.ThemeIcon('warning'), contextValue: RowKind.credentialsMissing, command: edit })];
    }
    return secrets.map((secret) => new LeafNode(`${this.id}/${secret.key}`, this, {
      label: secret.key,
      // The value is never shown: credential values come back masked.
      description: isMaskedSecret(secret.value) ? vscode.l10n.t('saved (hidden)') : vscode.l10n.t('set'),
      icon: new vscode.ThemeIcon(isMaskedSecret(secret.value) ? 'lock' : 'symbol-key'),
      contextValue: RowKind.credential,
      command: edit,
    }));
  }
}
