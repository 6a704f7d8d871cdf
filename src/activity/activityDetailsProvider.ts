import * as vscode from 'vscode';
import { redactSecrets } from '../shared/logger';
import type { EventBuffer } from './eventBuffer';
import { renderEventDetails } from './eventDetails';
import { localizedDetailsWords } from './localizedWords';

/** URI scheme of the read-only event documents. */
export const ACTIVITY_DETAILS_SCHEME = 'entra-provisioning-activity';

/** The document URI of an event (`.md`, so it opens as Markdown). */
export function activityDetailsUri(eventId: string): vscode.Uri {
  return vscode.Uri.from({ scheme: ACTIVITY_DETAILS_SCHEME, path: `/events/${encodeURIComponent(eventId)}.md` });
}

/** Serves one provisioning event's full record as read-only Markdown, from the events kept in memory. */
export class ActivityDetailsProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly registration: vscode.Disposable;

  constructor(private readonly events: EventBuffer) {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(ACTIVITY_DETAILS_SCHEME, this);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const match = /^\/events\/(.+)\.md$/.exec(uri.path);
    const eventId = match ? decodeURIComponent(match[1]) : '';
    const event = this.events.get(eventId);
    if (!event) return vscode.l10n.t('Provisioning event {0} is no longer in memory; open it again from the tree or the activity stream.', eventId);
    return redactSecrets(renderEventDetails(event, localizedDetailsWords()));
  }

  dispose(): void {
    this.registration.dispose();
  }
}
