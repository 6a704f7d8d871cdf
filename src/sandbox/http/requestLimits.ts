import type { NextFunction, Request, Response } from 'express';

/**
 * Deepest nesting of a JSON body the sandbox accepts. Graph's own objects nest a handful of levels
 * (a schema's expression trees a few more); a deeper body is a client mistake or an attack, and
 * taking it would make every later walk of the stored value (serializing, persisting) recurse past
 * the stack.
 */
export const MAX_JSON_DEPTH = 64;

/** How deeply a parsed JSON value nests (a scalar is 0), counted without recursion. */
export function jsonDepth(value: unknown, stopAt = Infinity): number {
  let deepest = 0;
  const pending: Array<[unknown, number]> = [[value, 0]];
  while (pending.length) {
    const [current, depth] = pending.pop()!;
    if (current === null || typeof current !== 'object') continue;
    const level = depth + 1;
    if (level > deepest) deepest = level;
    if (deepest > stopAt) return deepest;
    for (const child of Array.isArray(current) ? current : Object.values(current)) pending.push([child, level]);
  }
  return deepest;
}

/** Refuses a body nested deeper than MAX_JSON_DEPTH (after the JSON parser, before any handler). */
export function limitJsonDepth(refuse: (res: Response, message: string) => void) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (jsonDepth(req.body, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
      refuse(res, `The request body nests deeper than ${MAX_JSON_DEPTH} levels.`);
      return;
    }
    next();
  };
}

/**
 * Answers only requests addressed to this server by its own loopback address and port. A web page
 * whose host name resolves to 127.0.0.1 (DNS rebinding) still sends its own name as Host, so it is
 * refused before authentication, and nothing echoes a forged Host into a link.
 */
export function loopbackHostOnly(port: () => number, refuse: (res: Response, message: string) => void) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const host = (req.headers.host ?? '').toLowerCase();
    const allowed = [`127.0.0.1:${port()}`, `localhost:${port()}`, `[::1]:${port()}`];
    if (!allowed.includes(host)) {
      refuse(res, `This sandbox answers requests addressed to ${allowed[0]} only (the Host header).`);
      return;
    }
    next();
  };
}
