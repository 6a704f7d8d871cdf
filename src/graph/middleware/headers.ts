import type { Context, FetchOptions } from '@microsoft/microsoft-graph-client';

type RequestInfo = Context['request'];

/** Sets a header on a request's fetch options, whichever form the headers are in. */
export function setHeader(options: FetchOptions | undefined, name: string, value: string): void {
  if (!options) return;
  const headers = options.headers;
  if (headers instanceof Headers) headers.set(name, value);
  else if (Array.isArray(headers)) headers.push([name, value]);
  else options.headers = { ...(headers as Record<string, string> | undefined), [name]: value };
}

/** The URL of a request, whichever form it is in. */
export function requestUrl(request: RequestInfo): string {
  return typeof request === 'string' ? request : request.url;
}

export function requestMethod(request: RequestInfo, options: FetchOptions | undefined): string {
  return (typeof request === 'string' ? options?.method : request.method)?.toUpperCase() ?? 'GET';
}
