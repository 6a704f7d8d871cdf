/**
 * The one logging interface every layer uses. The VS Code side backs it with a LogOutputChannel; the
 * host-free layers (Graph, sandbox) receive it as a parameter so they stay testable in plain Node.
 */
export interface Logger {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string | Error): void;
  /** A logger whose lines carry a component tag, e.g. `[graph]`. */
  child(component: string): Logger;
}

/** Names of values that are credentials (provisioning secret keys and common token fields). */
export const SECRET_NAMES = 'password|passwd|secret|secrettoken|clientsecret|client_secret|token|access_token|refresh_token|oauth2accesstoken|oauth2refreshtoken|oauth2clientsecret|oauth2authorizationcode|consumersecret|tokenkey|appkey|apikey|api_key|connectionstring';

// Every pattern keeps its group 1 (the label) and replaces the rest. Anything that looks like a
// credential is cut before it can reach a log line, a message or a document: bearer and basic
// authorization values, JWTs, passwords in URLs, `{ "key": "Password", "value": "..." }` pairs, and
// `name=value` / `"name": "value"` pairs whose name is a credential (quoted values may hold spaces).
const secretPatterns: RegExp[] = [
  /((?:bearer|basic)\s+)[A-Za-z0-9\-._~+/]{8,}=*/gi,
  /()\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g,
  /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]+(?=@)/gi,
  new RegExp(`("key"\\s*:\\s*"(?:${SECRET_NAMES})"\\s*,\\s*"value"\\s*:\\s*")(?:[^"\\\\]|\\\\.)*`, 'gi'),
  new RegExp(`("(?:${SECRET_NAMES})"\\s*:\\s*")(?:[^"\\\\]|\\\\.)*`, 'gi'),
  new RegExp(`((?:${SECRET_NAMES})['"]?\\s*[:=]\\s*['"]?)[^"'&\\s,}]+`, 'gi'),
];

/** Whether a property name (e.g. a modified attribute or secret key) names a credential. */
export function isSecretName(name: string): boolean {
  return new RegExp(`^(?:${SECRET_NAMES})$`, 'i').test(name.replace(/[\s.-]/g, ''));
}

/**
 * A word every secret pattern needs (a credential name holds one of them): text without any cannot
 * hold a secret, and most log lines are such text, so they skip the patterns (whose first use costs
 * a compile of several large case-insensitive alternations, at activation among other times).
 */
export const secretHint = /bearer|basic|eyj|:\/\/|pass|secret|token|key|authorizationcode|connectionstring/i;

/** Replaces anything that looks like a token or secret with `***`. */
export function redactSecrets(text: string): string {
  if (!secretHint.test(text)) return text;
  let result = text;
  for (const pattern of secretPatterns) result = result.replace(pattern, '$1***');
  return result;
}

/** A logger that discards everything: for host-free code run without a sink (CLI, benchmarks). */
export const silentLogger: Logger = {
  trace: () => {},
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => silentLogger,
};
