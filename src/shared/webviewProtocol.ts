/**
 * The contract between webviews and the extension. Every message is declared here, used by both
 * bundles, and validated at runtime on receipt: the webview is another trust domain.
 */

/** Sent by a webview once its script runs; the extension sends data only after it. */
export interface ReadyMessage {
  readonly type: 'ready';
}

export type WebviewToExtensionMessage = ReadyMessage;

/** Narrows an unknown value received from a webview, or returns undefined when it is not a known message. */
export function parseWebviewMessage(value: unknown): WebviewToExtensionMessage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { type } = value as { type?: unknown };
  if (type === 'ready' && Object.keys(value).length === 1) return { type: 'ready' };
  return undefined;
}
