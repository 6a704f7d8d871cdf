import { ScimClient } from './scimClient';

/** What a SCIM endpoint holds for one matching value. */
export type TargetUserRead =
  | { readonly ok: true; /** The one resource the filter matched; undefined when none did. */ readonly resource?: Record<string, unknown> }
  | { readonly ok: false; /** Why not, in one sentence without the token. */ readonly reason: string };

/**
 * Reads the user a filter (`userName eq "…"`) matches, the way Entra looks before it writes: GET
 * /Users?filter=…. More than one match is an answer the reader cannot use, and says so. The token
 * goes only into the Authorization header (see ScimClient); neither reasons nor the resource carry it.
 */
export async function readTargetUser(baseAddress: string, token: string, filter: string, signal?: AbortSignal): Promise<TargetUserRead> {
  let client: ScimClient;
  try {
    client = new ScimClient(baseAddress, token, signal);
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
  const answer = await client.send('GET', `/Users?filter=${encodeURIComponent(filter)}`);
  if (answer.status === 0) return { ok: false, reason: `no answer from the SCIM endpoint (${answer.error ?? 'network error'})` };
  if (answer.status < 200 || answer.status >= 300) {
    const detail = (answer.body as { detail?: unknown } | undefined)?.detail;
    return { ok: false, reason: client.redact(`the SCIM endpoint answered ${answer.status}${typeof detail === 'string' && detail ? `: ${detail}` : ''}`) };
  }
  const resources = (answer.body as { Resources?: unknown } | undefined)?.Resources;
  if (resources !== undefined && !Array.isArray(resources)) return { ok: false, reason: 'the SCIM endpoint answered a list without a Resources array' };
  const list = (resources ?? []).filter((r): r is Record<string, unknown> => !!r && typeof r === 'object');
  if (list.length > 1) return { ok: false, reason: `the SCIM endpoint has ${list.length} users that match ${filter}` };
  // An endpoint may echo the token in a user's attributes; the resource goes into results and reports.
  return { ok: true, resource: list[0] && (redactValues(list[0], (text) => client.redact(text)) as Record<string, unknown>) };
}

/** A copy of a JSON value with `redact` applied to every string in it, keys included. */
function redactValues(value: unknown, redact: (text: string) => string): unknown {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map((v) => redactValues(v, redact));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [redact(k), redactValues(v, redact)]));
  return value;
}
