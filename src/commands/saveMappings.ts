import * as vscode from 'vscode';
import { UserFacingError } from '../shared/errors';
import type { SaveOptions, SaveResult } from '../webviews/mappingEditorSession';
import type { CommandContext } from './commandRunner';
import { resolveJobTarget } from './jobTarget';
import type { Services } from './services';

const conflictPolicies: readonly NonNullable<SaveOptions['onConflict']>[] = ['ask', 'overwrite', 'reload', 'cancel', 'fail'];

/**
 * Saves the open mapping editor of a job: diff, confirmation, conflict check, PUT. Public contract:
 * `{ servicePrincipalId, jobId, connectionId?, skipConfirmation?, onConflict? }` → `{ outcome, version }`.
 * Without arguments it saves the active editor's job (or asks which).
 */
export async function saveMappings(services: Services, context: CommandContext, arg?: unknown): Promise<SaveResult | undefined> {
  const options = parseOptions(arg);
  const open = services.mappingEditors.list();
  const active = arg === undefined ? open.find((s) => s.panel.active) : undefined;
  const target = active?.target ?? (await resolveJobTarget(services, context, arg));
  if (!target) return undefined;
  if (!services.mappingEditors.get(target)) {
    throw new UserFacingError(vscode.l10n.t('The mapping editor of this job is not open: open it, make your changes, then save.'));
  }
  context.report(vscode.l10n.t('Saving the attribute mappings…'));
  return services.mappingEditors.save(target, { ...options, signal: context.signal });
}

function parseOptions(arg: unknown): SaveOptions {
  if (arg === undefined || arg === null || typeof arg !== 'object') return {};
  const { skipConfirmation, onConflict } = arg as Record<string, unknown>;
  if (skipConfirmation !== undefined && typeof skipConfirmation !== 'boolean') throw new UserFacingError(vscode.l10n.t('skipConfirmation must be true or false.'));
  if (onConflict !== undefined && !conflictPolicies.includes(onConflict as never)) {
    throw new UserFacingError(vscode.l10n.t('onConflict must be one of {0}.', conflictPolicies.join(', ')));
  }
  return { skipConfirmation: skipConfirmation as boolean | undefined, onConflict: onConflict as SaveOptions['onConflict'] };
}
