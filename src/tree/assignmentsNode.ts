import * as vscode from 'vscode';
import type { HasAppTarget } from '../shared/targets';
import { CommandId } from '../shared/commandIds';
import { DEFAULT_ACCESS_ROLE_ID } from '../graph/facts';
import type { AppNode } from './appNode';
import { FolderNode } from './folderNode';
import type { JobNode } from './jobNode';
import { LeafNode } from './leafNode';
import { assignmentContext, RowKind } from './contextValues';
import type { TreeNode } from './treeNode';

/** Users and groups assigned to the app, with their role; "Default Access" is flagged (it is not provisioned). */
export class AssignmentsNode extends FolderNode implements HasAppTarget {
  constructor(
    private readonly appNode: AppNode,
    job: JobNode | undefined,
  ) {
    super(`${(job ?? appNode).id}/assignments`, job ?? appNode, vscode.l10n.t('Assigned users and groups'), 'organization', RowKind.assignments);
  }

  get appTarget() {
    return this.appNode.appTarget;
  }

  protected async load(): Promise<TreeNode[]> {
    const service = await this.appNode.tenant.service();
    const assignments = await service.apps.listAssignments(this.appNode.servicePrincipalId);
    const roles = new Map((this.appNode.app?.appRoles ?? []).map((r) => [r.id, r.displayName ?? r.value ?? r.id]));
    if (assignments.length === 0) {
      return [new LeafNode(`${this.id}/none`, this, {
        label: vscode.l10n.t('Nobody is assigned. Assign users or groups…'),
        icon: new vscode.ThemeIcon('person-add'),
        contextValue: RowKind.assignmentsEmpty,
        command: { command: CommandId.assignUsers, title: vscode.l10n.t('Assign users and groups'), arguments: [this] },
      })];
    }
    return assignments
      .sort((a, b) => (a.principalDisplayName ?? '').localeCompare(b.principalDisplayName ?? ''))
      .map((assignment) => {
        const defaultAccess = !assignment.appRoleId || assignment.appRoleId === DEFAULT_ACCESS_ROLE_ID;
        const role = defaultAccess ? vscode.l10n.t('Default Access') : (roles.get(assignment.appRoleId!) ?? assignment.appRoleId!);
        return new LeafNode(`${this.id}/${assignment.id}`, this, {
          label: assignment.principalDisplayName ?? assignment.principalId ?? '',
          description: role,
          tooltip: defaultAccess
            ? new vscode.MarkdownString(vscode.l10n.t('$(warning) Assigned with the **Default Access** role: the provisioning service skips such assignments. Assign a real role (for example "User") instead.'), true)
            : vscode.l10n.t('{0} ({1}) with role {2}', assignment.principalDisplayName ?? '', assignment.principalType ?? '', role),
          icon: defaultAccess
            ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'))
            : new vscode.ThemeIcon(assignment.principalType === 'Group' ? 'organization' : 'person'),
          contextValue: assignmentContext(assignment.principalType, defaultAccess),
        }, { servicePrincipalId: this.appNode.servicePrincipalId, assignmentId: assignment.id, principalId: assignment.principalId, principalType: assignment.principalType });
      });
  }
}
