import * as vscode from 'vscode';
import { inlineText } from '../activity/eventDetails';
import { eventStatus } from '../activity/types';
import { documentName } from '../host/readOnlyDocuments';
import { UserFacingError } from '../shared/errors';
import { catalogueEntries, explainProvisioningError, type ErrorExplanation } from '../shared/provisioningErrorCatalog';
import type { CommandContext } from './commandRunner';
import type { Services } from './services';

/**
 * What a provisioning error code means and how to fix it. Public contract: `{ code }` →
 * `{ code, title, explanation, fix, docs, known }`, texts in VS Code's display language (English or
 * Swedish). Without an argument it asks for the code (offering the ones seen in the activity stream
 * and the catalogue's, searchable by title) and shows the explanation as a rendered document.
 */
export async function explainError(services: Services, context: CommandContext, arg?: unknown): Promise<ErrorExplanation | undefined> {
  const given = arg && typeof arg === 'object' ? (arg as { code?: unknown }) : undefined;
  if (given?.code !== undefined) {
    if (typeof given.code !== 'string') throw new UserFacingError(vscode.l10n.t('code must be a string.'));
    return explainProvisioningError(given.code, vscode.env.language);
  }
  const code = await context.waitForUser(() => askForCode(services));
  if (code === undefined) return undefined;
  const result = explainProvisioningError(code, vscode.env.language);
  const uri = services.documents.add('explanations', documentName(result.code || result.title, '.md'), renderExplanation(result), result.title);
  await services.documents.showRendered(uri);
  return result;
}

/** The explanation as Markdown; every text is made inert (an unknown code is whatever the user typed). */
export function renderExplanation(e: ErrorExplanation): string {
  return [
    `# ${inlineText(e.title)}`,
    '',
    e.known ? `${vscode.l10n.t('Error code')}: \`${e.code.replace(/`/g, '')}\`` : vscode.l10n.t('This code is not in the catalogue.'),
    '',
    `## ${vscode.l10n.t('What it means')}`,
    '',
    inlineText(e.explanation),
    '',
    `## ${vscode.l10n.t('How to fix it')}`,
    '',
    inlineText(e.fix),
    '',
    `## ${vscode.l10n.t('Documentation')}`,
    '',
    // Our own constant Microsoft Learn URLs, never user text.
    `[${inlineText(e.docs)}](${e.docs})`,
    '',
  ].join('\n');
}

/** Error codes of the failed events the activity stream saw, newest first. */
function recentErrorCodes(services: Services): string[] {
  const codes = new Set<string>();
  for (const event of services.activity.events.recent(500)) {
    const code = event.provisioningStatusInfo?.errorInformation?.errorCode;
    if (code && eventStatus(event) !== 'success') codes.add(code);
  }
  return [...codes];
}

/** A quick pick of codes that also takes any typed code; undefined when dismissed. */
function askForCode(services: Services): Promise<string | undefined> {
  const seen = recentErrorCodes(services);
  const lang = vscode.env.language;
  const item = (code: string): vscode.QuickPickItem => {
    const e = explainProvisioningError(code, lang);
    return { label: code, description: e.known ? e.title : undefined };
  };
  const items: vscode.QuickPickItem[] = [
    ...(seen.length ? [{ label: vscode.l10n.t('Seen in the activity stream'), kind: vscode.QuickPickItemKind.Separator }, ...seen.map(item)] : []),
    { label: vscode.l10n.t('Documented codes'), kind: vscode.QuickPickItemKind.Separator },
    ...catalogueEntries.filter((e) => !seen.includes(e.code)).map((e) => item(e.code)),
  ];
  return new Promise((resolve) => {
    const pick = vscode.window.createQuickPick();
    pick.title = vscode.l10n.t('Explain a provisioning error code');
    pick.placeholder = vscode.l10n.t('Type or pick an error code, e.g. SystemForCrossDomainIdentityManagementBadResponse');
    pick.matchOnDescription = true;
    pick.items = items;
    let answer: string | undefined;
    pick.onDidAccept(() => {
      // A typed code that matches no item is taken as it is.
      answer = pick.selectedItems[0]?.label ?? (pick.value.trim() || undefined);
      pick.hide();
    });
    pick.onDidHide(() => {
      pick.dispose();
      resolve(answer);
    });
    pick.show();
  });
}
