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
  | 'unknown';

export interface GraphErrorDetails {
  readonly status?: number;
  /** Graph's error code, e.g. `Request_BadRequest`. */
  readonly code?: string;
  readonly requestId?: string;
  /** For `forbidden`: the least permission the call needs. */
  readonly missingPermission?: string;
  /** For `throttled`: how long Graph asked us to wait, in seconds. */
  readonly retryAfterSeconds?: number;
  readonly cause?: unknown;
}

export class ProvisioningApiError extends Error {
  readonly status?: number;
  readonly code?: string;
  readonly requestId?: string;
  readonly missingPermission?: string;
  readonly retryAfterSeconds?: number;

  constructor(readonly kind: GraphErrorKind, message: string, details: GraphErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'ProvisioningApiError';
    this.status = details.status;
    this.code = details.code;
    this.requestId = details.requestId;
    this.missingPermission = details.missingPermission;
    this.retryAfterSeconds = details.retryAfterSeconds;
  }
}

/** Builds the domain error for an HTTP failure from Graph. */
export function errorFromResponse(
  status: number,
  body: { code?: string; message?: string } | undefined,
  requestId: string | undefined,
  context: { operation: string; permission?: string; retryAfterSeconds?: number },
): ProvisioningApiError {
  const code = body?.code;
  const graphMessage = (body?.message ?? '').trim();
  const ref = requestId ? ` (request-id ${requestId})` : '';
  const details = { status, code, requestId };
  switch (true) {
    case status === 401:
      return new ProvisioningApiError('notSignedIn', `Not signed in, or the sign-in expired: sign in again to ${context.operation}${ref}.`, details);
    case status === 403: {
      const needs = context.permission ? ` It needs the ${context.permission} permission and an admin role such as Application Administrator.` : '';
      return new ProvisioningApiError('forbidden', `Forbidden: you may not ${context.operation}.${needs}${ref}`, { ...details, missingPermission: context.permission });
    }
    case status === 404:
      return new ProvisioningApiError('notFound', `Not found: could not ${context.operation}; it may have been deleted${ref}.`, details);
    case status === 429:
      return new ProvisioningApiError('throttled', `Microsoft Graph is throttling requests; try again in ${context.retryAfterSeconds ?? 'a few'} seconds${ref}.`, { ...details, retryAfterSeconds: context.retryAfterSeconds });
    case status === 409 || status === 412:
      return new ProvisioningApiError('conflict', `Conflict: could not ${context.operation} because it changed meanwhile${graphMessage ? ` (${graphMessage})` : ''}${ref}.`, details);
    case status >= 400 && status < 500:
      return new ProvisioningApiError('invalidRequest', `Could not ${context.operation}: ${graphMessage || `Graph answered ${status}`}${ref}.`, details);
    case status >= 500:
      return new ProvisioningApiError('unavailable', `Microsoft Graph is unavailable (${status}); try again later${ref}.`, { ...details, retryAfterSeconds: context.retryAfterSeconds });
    default:
      return new ProvisioningApiError('unknown', `Could not ${context.operation}: unexpected answer ${status}${ref}.`, details);
  }
}
