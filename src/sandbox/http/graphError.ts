/** An error that the Graph emulator turns into Graph's `{error:{code,message,innerError}}` body. */
export class GraphError extends Error {
  /**
   * @param status HTTP status to answer with.
   * @param code Graph error code (clients branch on it, never on the message).
   * @param message Developer-facing sentence.
   * @param headers Extra response headers, e.g. `Retry-After`.
   */
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'GraphError';
  }
}

/** 400 for a request Graph would reject as malformed. */
export function badRequest(message: string, code = 'Request_BadRequest'): GraphError {
  return new GraphError(400, code, message);
}

/** 404 for an id that does not exist. */
export function notFound(message: string, code = 'Request_ResourceNotFound'): GraphError {
  return new GraphError(404, code, message);
}

/**
 * An error as Graph relays it from the provisioning service: code `UnknownError`, and as message
 * the service's own error document (`{"error":{"code":...}}`), pretty-printed as the service sends
 * it. Seen for secrets (github.com/microsoftgraph/msgraph-metadata/issues/347); clients must parse
 * the message to learn the real code.
 */
export function nestedError(status: number, innerCode: string, innerMessage: string | null): GraphError {
  const inner = { error: { code: innerCode, message: innerMessage, target: null, details: [], innerError: null } };
  return new GraphError(status, 'UnknownError', JSON.stringify(inner, null, 2));
}

/** Graph's error body; `date` has no zone suffix, as in Graph's own examples. */
export function graphErrorBody(code: string, message: string, requestId: string, clientRequestId: string): object {
  const date = new Date().toISOString().slice(0, 19);
  return { error: { code, message, innerError: { date, 'request-id': requestId, 'client-request-id': clientRequestId } } };
}
