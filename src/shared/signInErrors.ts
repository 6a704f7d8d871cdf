/**
 * Why a sign-in failed, read from what the credential threw: VS Code's Microsoft account provider,
 * @azure/identity (device code, Azure CLI, app-only) and MSAL all carry Microsoft Entra's `AADSTS`
 * code or the OAuth `error` word in the message (learn.microsoft.com/entra/identity-platform/
 * reference-error-codes). The commands turn a problem into a plain sentence and the action that
 * fixes it; here it is only recognised, so it can be tested against real error texts in plain Node.
 */
export type SignInProblem =
  /** AADSTS65001, `consent_required`: nobody consented to the permissions for this app. */
  | 'consentMissing'
  /** AADSTS65002: a Microsoft first-party client (VS Code's, Azure CLI's) may not ask for these Graph scopes. */
  | 'firstPartyRefused'
  /** AADSTS50076 / AADSTS50079: multifactor authentication is required. */
  | 'mfaRequired'
  /** AADSTS53003: a Conditional Access policy blocked the token. */
  | 'blockedByConditionalAccess'
  /** AADSTS700016: no app with this client id in the tenant. */
  | 'appNotFound'
  /** AADSTS90002: no such tenant (or one of another cloud). */
  | 'tenantNotFound'
  /** AADSTS65004, `access_denied`, device code's `authorization_declined`, VS Code's own prompt: consent was refused. */
  | 'consentDeclined'
  /** AADSTS50011: the app registration lacks the redirect URI VS Code signs in with. */
  | 'redirectUriMismatch'
  /** AADSTS50194: a single-tenant app was used without naming the tenant. */
  | 'singleTenantApp'
  /** Any other failure of the credential (Azure CLI not signed in, say): its own first line is the explanation. */
  | 'other';

export interface SignInFailure {
  readonly problem: SignInProblem;
  /** `AADSTS65002`, `access_denied`, ... when the error named one. */
  readonly code?: string;
  /** The error's first line, secrets aside (for `other`). */
  readonly detail: string;
}

const byAadsts: Readonly<Record<string, SignInProblem>> = {
  AADSTS65001: 'consentMissing',
  AADSTS65002: 'firstPartyRefused',
  AADSTS50076: 'mfaRequired',
  AADSTS50079: 'mfaRequired',
  AADSTS53003: 'blockedByConditionalAccess',
  AADSTS700016: 'appNotFound',
  AADSTS90002: 'tenantNotFound',
  AADSTS65004: 'consentDeclined',
  AADSTS50011: 'redirectUriMismatch',
  AADSTS50194: 'singleTenantApp',
};

/** OAuth 2.0 `error` values (RFC 6749 §4.1.2.1, OpenID Connect §3.1.2.6, RFC 8628 §3.5). */
const byOAuthError: ReadonlyArray<[RegExp, SignInProblem, string]> = [
  [/\baccess_denied\b/, 'consentDeclined', 'access_denied'],
  [/\bauthorization_declined\b/, 'consentDeclined', 'authorization_declined'],
  [/\bconsent_required\b/, 'consentMissing', 'consent_required'],
  // VS Code's own "allow this extension to sign in?" prompt, answered no (workbench authentication service).
  [/User did not consent to login/i, 'consentDeclined', 'declined'],
];

/** Names of the errors credentials throw (@azure/identity, MSAL), kept by the Graph client as `code`. */
const credentialErrorNames = new Set(['CredentialUnavailableError', 'AuthenticationRequiredError', 'AuthenticationError', 'ServerError', 'InteractionRequiredAuthError', 'ClientAuthError']);

/**
 * The sign-in problem an error reports, or undefined when it is not a sign-in failure. Looks at the
 * error, its `cause` chain and what the Graph client keeps of it (`body`, `code` = the original name).
 */
export function classifySignInError(error: unknown): SignInFailure | undefined {
  const texts: string[] = [];
  let named = false;
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    if (typeof current === 'string') {
      texts.push(current);
      break;
    }
    if (typeof current !== 'object') break;
    const e = current as { name?: unknown; code?: unknown; message?: unknown; body?: unknown; errorMessage?: unknown; errorResponse?: { errorDescription?: unknown; error?: unknown }; cause?: unknown };
    for (const t of [e.message, e.body, e.errorMessage, e.errorResponse?.error, e.errorResponse?.errorDescription]) if (typeof t === 'string') texts.push(t);
    if ((typeof e.name === 'string' && credentialErrorNames.has(e.name)) || (typeof e.code === 'string' && credentialErrorNames.has(e.code))) named = true;
    current = e.cause;
  }
  const all = texts.join('\n');
  const detail = firstLine(texts.find((t) => t.trim()) ?? '');
  for (const match of all.matchAll(/\bAADSTS(\d{5,7})\b/g)) {
    const code = `AADSTS${match[1]}`;
    const problem = byAadsts[code];
    if (problem) return { problem, code, detail };
  }
  for (const [pattern, problem, code] of byOAuthError) if (pattern.test(all)) return { problem, code, detail };
  const aadsts = /\bAADSTS\d{5,7}\b/.exec(all)?.[0];
  if (aadsts || named) return { problem: 'other', code: aadsts, detail };
  return undefined;
}

/** The first line, without the trace and correlation ids Entra appends (they are in the log). */
function firstLine(text: string): string {
  return text.split(/\r?\n/, 1)[0].replace(/\s*Trace ID:.*$/i, '').trim();
}
