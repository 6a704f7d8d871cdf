/* eslint-disable @typescript-eslint/no-explicit-any -- tests read Graph JSON loosely, as a client would */
import { startSandbox } from '../../../src/sandbox/server';
import type { Sandbox, SandboxOptions } from '../../../src/sandbox/server';

/**
 * Starts a sandbox at the `instant` pace: cycles run at once and log entries are readable at once,
 * for tests about what provisioning does rather than how long it takes. Options override it.
 */
export function startTestSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  return startSandbox({ pace: 'instant', ...options });
}

/** A Graph response with its parsed JSON body (undefined when empty). */
export interface GraphResponse<T = any> { status: number; headers: Headers; body: T }

/** Calls the sandbox's Graph with a bearer token; paths are relative to /v1.0 or absolute URLs. */
export async function graph<T = any>(sandbox: Sandbox, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<GraphResponse<T>> {
  const url = path.startsWith('http') ? path : `${sandbox.graphUrl}${path}`;
  const res = await fetch(url, {
    method,
    headers: { Authorization: `Bearer ${sandbox.token ?? 'test-token'}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = undefined;
  if (text) {
    try { parsed = JSON.parse(text); } catch { parsed = text; }
  }
  return { status: res.status, headers: res.headers, body: parsed as T };
}

/** Asserts a body is Graph's error shape and returns the code. */
export function errorCode(body: any): string {
  if (!body?.error || typeof body.error.code !== 'string' || typeof body.error.message !== 'string' || typeof body.error.innerError?.['request-id'] !== 'string') {
    throw new Error(`not a Graph error body: ${JSON.stringify(body)}`);
  }
  return body.error.code as string;
}
