import * as vscode from 'vscode';
import { inlineCode } from './markdown';
import { CommandId } from '../shared/commandIds';
import type { HasJobTarget } from '../shared/targets';
import { FolderNode } from './folderNode';
import type { JobNode } from './jobNode';
import { LeafNode } from './leafNode';
import { RowKind } from './contextValues';
import type { TreeNode } from './treeNode';

/** One row per object mapping of the job's schema; a click opens the mapping editor. */
export class MappingsNode extends FolderNode implements HasJobTarget {
  constructor(private readonly job: JobNode) {
    super(`${job.id}/mappings`, job, vscode.l10n.t('Attribute mappings'), 'symbol-field', RowKind.mappings);
  }

  get jobTarget() {
    return this.job.jobTarget;
  }

  protected async load(): Promise<TreeNode[]> {
    const service = await this.job.appNode.tenant.service();
    const schema = await service.schema.get(this.job.appNode.servicePrincipalId, this.job.jobId);
    const rows: TreeNode[] = [];
    for (const rule of schema.synchronizationRules ?? []) {
      for (const mapping of rule.objectMappings ?? []) {
        const attributes = mapping.attributeMappings ?? [];
        const matching = attributes.filter((a) => (a.matchingPriority ?? 0) > 0).sort((a, b) => (a.matchingPriority ?? 0) - (b.matchingPriority ?? 0));
        rows.push(new LeafNode(`${this.id}/${rule.id}/${mapping.name ?? mapping.sourceObjectName}`, this, {
          label: `${mapping.sourceObjectName} → ${mapping.targetObjectName}`,
          description: [mapping.enabled ? vscode.l10n.t('{0} attributes', attributes.length) : vscode.l10n.t('disabled'), matching.length ? vscode.l10n.t('matched on {0}', matching.map((m) => m.targetAttributeName).join(', ')) : ''].filter(Boolean).join(' · '),
          tooltip: new vscode.MarkdownString(attributes.map((a) => `- ${inlineCode(a.targetAttributeName ?? '')} ← ${inlineCode(a.source?.expression ?? a.defaultValue ?? '')}`).join('\n')),
          icon: new vscode.ThemeIcon(mapping.enabled ? 'symbol-field' : 'circle-slash'),
          contextValue: RowKind.mapping,
          command: { command: CommandId.openMappingEditor, title: vscode.l10n.t('Open mapping editor'), arguments: [{ ...this.job.jobTarget, objectMapping: mapping.name }] },
        }));
      }
    }
    return rows;
  }
}
