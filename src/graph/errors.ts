import { graphAccess, permissionList, type GraphAccess } from '../shared/graphPermissions';
import { classifySignInError, type SignInProblem } from '../shared/signInErrors';

/**
 * The few errors every Graph failure becomes, so commands can say one clear sentence and tests can
 * check the kind. Each carries Graph's `request-id` (for a support ticket) and never a token.
 */
export type GraphErrorKind =
  | 'notSignedIn'
  | 'forbidden'
  | 'notFound'
  /** Still not found after waiting for Entra to replicate an object we had just created. */
  | 'notReplicated'
  | 'throttled'
  | 'conflict'
  | 'invalidRequest'
  | 'unavailable'
  | 'network'
  | 'signInFailed'
  | 'unknown';

export interface GraphErrorDetails {
  readonly status?: number;
  /** Graph's error code, e.g. `Request_BadRequest`. */
  readonly code?: string;
  readonly requestId?: string;
  /** For `forbidden`: the least delegated permissions the call needs ("A and B"). */
  readonly missingPermission?: string;
  /** For `forbidden`: the least-privileged directory role that may make the call. */
  readonly requiredRole?: string;
  /** For `signInFailed`: what went wrong, recognised from the credential's error. */
  readonly signInProblem?: SignInProblem;
  /** For `throttled`: how long Graph asked us to wait, in seconds. */
  readonly retryAfterSeconds?: number;
  readonly cause?: unknown;
}

export class ProvisioningApiError extends Error {
  readonly status?: number;
  readonly code?: string;
  readonly requestId?: string;
  readonly missingPermission?: string;
  readonly requiredRole?: string;
  readonly signInProblem?: SignInProblem;
  readonly retryAfterSeconds?: number;

  constructor(readonly kind: GraphErrorKind, message: string, details: GraphErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'ProvisioningApiError';
    this.status = details.status;
    this.code = details.code;
    this.requestId = details.requestId;
    this.missingPermission = details.missingPermission;
    this.requiredRole = details.requiredRole;
    this.signInProblem = details.signInProblem;
    this.retryAfterSeconds = details.retryAfterSeconds;
  }
}

/**
 * Graph's error body with nested documents unwrapped: the synchronization service often answers
 * `{"error":{"code":"UnknownError","message":"<a JSON error document>"}}`, whose inner document
 * (`{"error":{"code","message"}}`, `{"code","message"}` or ASP.NET's `{"Message"}`) says what
 * happened (microsoftgraph/msgraph-metadata#347, microsoftgraph/msgraph-sdk-python#820). The inner
 * code wins; `nested` tells that one was found.
 */
export function unwrapGraphError(body: { code?: string; message?: string } | undefined): { code?: string; message: string; nested: boolean } {
  let code = body?.code;
  let message = (body?.message ?? '').trim();
  let nested = false;
  for (let depth = 0; depth < 3; depth++) {
    const inner = innerDocument(message);
    if (!inner) break;
    nested = true;
    code = inner.code ?? code;
    message = inner.message ?? '';
  }
  return { code, message, nested };
}

function innerDocument(text: string): { code?: string; message?: string } | undefined {
  if (!text.startsWith('{')) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!parsed || typeof parsed !== 'object') return undefined;
  const field = (o: object, name: string): unknown => Object.entries(o).find(([k]) => k.toLowerCase() === name)?.[1];
  const wrapped = field(parsed, 'error');
  const doc = wrapped && typeof wrapped === 'object' ? wrapped : parsed;
  const code = field(doc, 'code');
  const message = field(doc, 'message');
  if (typeof code !== 'string' && typeof message !== 'string') return undefined;
  return { code: typeof code === 'string' ? code : undefined, message: typeof message === 'string' ? message.trim() : undefined };
}

/** Builds the domain error for an HTTP failure from Graph. */
export function errorFromResponse(
  status: number,
  body: { code?: string; message?: string } | undefined,
  requestId: string | undefined,
  context: { operation: string; access?: GraphAccess; retryAfterSeconds?: number },
): ProvisioningApiError {
  const unwrapped = unwrapGraphError(body);
  const code = unwrapped.code;
  // A nested document's code is the useful part ("InvalidNotificationSettings"); shown with its message.
  const graphMessage = unwrapped.nested && code ? [code, unwrapped.message].filter(Boolean).join(': ') : unwrapped.message;
  const ref = requestId ? ` (request-id ${requestId})` : '';
  const details = { status, code, requestId };
  switch (true) {
    case status === 401:
      return new ProvisioningApiError('notSignedIn', `Not signed in, or the sign-in expired: sign in again to ${context.operation}${ref}.`, details);
    case status === 403: {
      const needs = context.access ? graphAccess[context.access] : undefined;
      const missingPermission = needs ? permissionList(needs.permissions) : undefined;
      const says = needs ? ` It needs the delegated permission ${missingPermission} and at least the ${needs.role} directory role (an app-only sign-in needs the application permissions instead).` : '';
      return new ProvisioningApiError('forbidden', `Forbidden: you may not ${context.operation}.${says}${ref}`, { ...details, missingPermission, requiredRole: needs?.role });
    }
    case status === 404:
      return new ProvisioningApiError('notFound', `Not found: could not ${context.operation}; it may have been deleted${ref}.`, details);
    case status === 429:
      return new ProvisioningApiError('throttled', `Microsoft Graph is throttling requests; try again in ${context.retryAfterSeconds ?? 'a few'} seconds${ref}.`, { ...details, retryAfterSeconds: context.retryAfterSeconds });
    case status === 409 || status === 412:
      return new ProvisioningApiError('conflict', `Conflict: could not ${context.operation} because it changed meanwhile${graphMessage ? ` (${graphMessage})` : ''}${ref}.`, details);
    case status >= 400 && status < 500:
      return new ProvisioningApiError('invalidRequest', `Could not ${context.operation}: ${graphMessage || code || `Graph answered ${status}`}${ref}.`, details);
    case status >= 500:
      return new ProvisioningApiError('unavailable', `Microsoft Graph is unavailable (${status}); try again later${ref}.`, { ...details, retryAfterSeconds: context.retryAfterSeconds });
    default:
      return new ProvisioningApiError('unknown', `Could not ${context.operation}: unexpected answer ${status}${ref}.`, details);
  }
}

/**
 * The domain error for a failure to get a token (the credential threw before any request): a
 * sign-in failure when it is recognisably one, else undefined (a network failure, say).
 */
export function signInErrorFrom(error: unknown, operation: string): ProvisioningApiError | undefined {
  const failure = classifySignInError(error);
  if (!failure) return undefined;
  const code = failure.code ? ` (${failure.code})` : '';
  return new ProvisioningApiError('signInFailed', `Sign-in failed${code}, so could not ${operation}: ${failure.detail || failure.problem}`, {
    code: failure.code,
    signInProblem: failure.problem,
    cause: error,
  });
}
