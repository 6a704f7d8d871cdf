import * as vscode from 'vscode';
import type { CommandDefinition } from './commandDefinition';
import { CommandId } from '../shared/commandIds';
import { openMappingEditor } from './openMappingEditor';
import { saveMappings } from './saveMappings';

/** Commands of the attribute-mapping editor. */
export const mappingEditorCommands: CommandDefinition[] = [
  { id: CommandId.openMappingEditor, handler: openMappingEditor, title: () => vscode.l10n.t('Open mapping editor') },
  { id: CommandId.saveMappings, handler: saveMappings, title: () => vscode.l10n.t('Save attribute mappings') },
];
