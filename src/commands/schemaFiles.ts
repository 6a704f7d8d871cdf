import { isAbsolute } from 'node:path';
import * as vscode from 'vscode';
import { UserFacingError } from '../shared/errors';
import type { RawSchema } from '../shared/synchronizationSchema';
import type { CommandContext } from './commandRunner';
import { jobForWrite } from './jobActions';
import { resolveJobTarget } from './jobTarget';
import type { Services } from './services';

function defaultFolder(): vscode.Uri | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri;
}

/** A scripted `file`: absolute as given, relative to the first workspace folder otherwise. */
export function fileFromArgument(file: string): vscode.Uri {
  if (isAbsolute(file)) return vscode.Uri.file(file);
  const folder = defaultFolder();
  if (!folder) throw new UserFacingError(vscode.l10n.t('"{0}" is relative, and no folder is open to resolve it against: give an absolute path.', file));
  return vscode.Uri.joinPath(folder, file);
}

/**
 * Writes the job's schema (mappings, scoping, directories) to a JSON file in the workspace, for
 * review and version control. Scripted: `{ servicePrincipalId, jobId, file? }` → `{ uri }`.
 */
export async function exportSchema(services: Services, context: CommandContext, arg?: unknown): Promise<{ uri: string } | undefined> {
  const target = await resolveJobTarget(services, context, arg);
  if (!target) return undefined;
  const service = await services.graph.service(target.connectionId);
  const schema = await service.schema.get(target.servicePrincipalId, target.jobId, context.signal);
  const fileArg = (arg as { file?: unknown } | undefined)?.file;
  let uri: vscode.Uri | undefined;
  if (typeof fileArg === 'string') uri = fileFromArgument(fileArg);
  else {
    const folder = defaultFolder();
    const name = `${(target.appDisplayName ?? target.servicePrincipalId).replace(/[^\w.-]+/g, '-')}.schema.json`;
    uri = await context.waitForUser(() => vscode.window.showSaveDialog({ title: vscode.l10n.t('Export provisioning schema'), defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined, filters: { JSON: ['json'] } }));
  }
  if (!uri) return undefined;
  await vscode.workspace.fs.writeFile(uri, Buffer.from(JSON.stringify(schema, null, 2) + '\n', 'utf8'));
  if (typeof fileArg !== 'string') await vscode.window.showTextDocument(uri, { preview: true });
  return { uri: uri.toString() };
}

/**
 * Applies a schema JSON file back to the job: shows a diff against the server's schema first and
 * asks, refuses a file whose base version is stale unless confirmed. Scripted:
 * `{ servicePrincipalId, jobId, file, skipConfirmation? }` → `{ ok }`.
 */
export async function importSchema(services: Services, context: CommandContext, arg?: unknown): Promise<{ ok: boolean } | undefined> {
  const resolved = await jobForWrite(services, context, arg);
  if (!resolved) return undefined;
  const { target, service } = resolved;
  const given = (arg ?? {}) as { file?: unknown; skipConfirmation?: unknown };
  let uri: vscode.Uri | undefined;
  if (typeof given.file === 'string') uri = fileFromArgument(given.file);
  else uri = (await context.waitForUser(() => vscode.window.showOpenDialog({ title: vscode.l10n.t('Apply a provisioning schema'), defaultUri: defaultFolder(), filters: { JSON: ['json'] }, canSelectMany: false })))?.[0];
  if (!uri) return undefined;
  let schema: RawSchema;
  try {
    schema = JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8')) as RawSchema;
  } catch (error) {
    throw new UserFacingError(vscode.l10n.t('{0} is not valid JSON: {1}', uri.fsPath, (error as Error).message));
  }
  if (!schema || typeof schema !== 'object' || !Array.isArray(schema.synchronizationRules) || !Array.isArray(schema.directories)) {
    throw new UserFacingError(vscode.l10n.t('{0} is not a synchronization schema (it needs synchronizationRules and directories).', uri.fsPath));
  }
  const current = await service.schema.get(target.servicePrincipalId, target.jobId, context.signal);
  if (given.skipConfirmation !== true) {
    const left = services.documents.add('schema', 'server.schema.json', JSON.stringify(current, null, 2));
    await vscode.commands.executeCommand('vscode.diff', left, uri, vscode.l10n.t('Schema on the server ↔ {0}', uri.path.split('/').pop() ?? ''));
    const apply = vscode.l10n.t('Apply Schema');
    const stale = schema.version && current.version && schema.version !== current.version;
    const choice = await context.waitForUser(() => vscode.window.showWarningMessage(
      vscode.l10n.t('Apply this schema to {0}?', target.appDisplayName ?? target.jobId),
      { modal: true, detail: [stale ? vscode.l10n.t('The schema on the server changed since this file was exported (version {0}, now {1}); applying replaces those changes.', String(schema.version), String(current.version)) : '', vscode.l10n.t('Changing mappings makes the next cycle re-evaluate every user and group.')].filter(Boolean).join('\n\n') },
      apply,
    ));
    if (choice !== apply) return { ok: false };
  }
  await service.schema.put(target.servicePrincipalId, target.jobId, schema, context.signal);
  return { ok: true };
}
