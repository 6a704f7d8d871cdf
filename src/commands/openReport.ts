import * as vscode from 'vscode';
import { READ_ONLY_SCHEME } from '../host/readOnlyDocuments';
import { UserFacingError } from '../shared/errors';
import type { CommandContext } from './commandRunner';
import type { Services } from './services';

/**
 * Opens a report the extension keeps (an on-demand run's, from its row under the job's On-demand
 * results) rendered, as the run showed it. Tree-only (hidden from the palette): `{ uri }`, the
 * report's URI as a string → `{ uri }`. Only the extension's own read-only documents are opened.
 */
export async function openReport(services: Services, _context: CommandContext, arg?: unknown): Promise<{ uri: string }> {
  const given = arg && typeof arg === 'object' ? (arg as { uri?: unknown }).uri : undefined;
  const uri = typeof given === 'string' ? vscode.Uri.parse(given) : undefined;
  if (!uri || uri.scheme !== READ_ONLY_SCHEME) throw new UserFacingError(vscode.l10n.t('Open a report from its row under a job\'s On-demand results.'));
  await services.documents.showRendered(uri);
  return { uri: uri.toString() };
}
