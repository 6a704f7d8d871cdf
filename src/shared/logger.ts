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

// Every pattern keeps its group 1 (the label) and replaces the rest. Anything that looks like a credential is cut before it can reach a log line or an error message:
// bearer tokens, JWTs, and `key=value` / `"key":"value"` pairs whose key names a secret.
const secretPatterns: RegExp[] = [
  /(bearer\s+)[A-Za-z0-9\-._~+/]+=*/gi,
  /()\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g,
  /((?:password|secret|secrettoken|client_secret|token|access_token|refresh_token|apikey|api_key)["']?\s*[:=]\s*["']?)[^"'&\s,}]+/gi,
];

/** Replaces anything that looks like a token or secret with `***`. */
export function redactSecrets(text: string): string {
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
