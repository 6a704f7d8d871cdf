import { badRequest } from './http/graphError';
import type { GraphError } from './http/graphError';

// A small OData $filter parser: enough of the grammar for the query forms the reference documents
// (eq/ne/gt/ge/lt/le, startswith/endswith/contains, and/or/not, parentheses, lambda any/all).

type Literal = string | number | boolean | null;

/** Parsed $filter expression. */
export type FilterNode =
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; operand: FilterNode }
  | { kind: 'compare'; op: 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le'; path: string[]; value: Literal; dateLike: boolean }
  | { kind: 'call'; fn: 'startswith' | 'endswith' | 'contains'; path: string[]; value: string }
  | { kind: 'lambda'; quantifier: 'any' | 'all'; path: string[]; variable: string; body: FilterNode }
  | { kind: 'in'; path: string[]; values: Literal[] };

type Token = { t: 'str'; v: string } | { t: 'word'; v: string } | { t: 'punct'; v: string };

const DATE_RE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/;

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t') { i++; continue; }
    if (c === "'") {
      let v = '';
      i++;
      for (;;) {
        if (i >= text.length) throw unsupported('Unterminated string literal in $filter.');
        if (text[i] === "'") {
          if (text[i + 1] === "'") { v += "'"; i += 2; continue; }
          i++;
          break;
        }
        v += text[i++];
      }
      out.push({ t: 'str', v });
      continue;
    }
    if ('(),:/'.includes(c)) { out.push({ t: 'punct', v: c }); i++; continue; }
    const m = /^[A-Za-z0-9_.@$+\-:]+/.exec(text.slice(i));
    if (!m) throw unsupported(`Unexpected character '${c}' in $filter.`);
    // Split a trailing ':' off words like `t:t` in lambdas, but keep times like 10:00:00Z whole.
    let word = m[0];
    if (!DATE_RE.test(word) && word.includes(':')) word = word.slice(0, word.indexOf(':'));
    out.push({ t: 'word', v: word });
    i += word.length;
  }
  return out;
}

function unsupported(message: string): GraphError {
  return badRequest(message, 'Request_UnsupportedQuery');
}

/**
 * How deeply parentheses, `not` and lambdas may nest, and how many `and`/`or` a $filter may chain:
 * the parser and the evaluator recurse over the tree, so a hostile filter must not reach the stack's
 * end (Graph, too, refuses overly complex queries).
 */
const MAX_FILTER_NESTING = 32;
const MAX_FILTER_CLAUSES = 200;

class Parser {
  private pos = 0;
  private nesting = 0;
  private clauses = 0;
  constructor(private readonly tokens: Token[]) {}

  private enter(): void {
    if (++this.nesting > MAX_FILTER_NESTING) throw unsupported(`The $filter nests deeper than ${MAX_FILTER_NESTING} levels.`);
  }

  private chained(): void {
    if (++this.clauses > MAX_FILTER_CLAUSES) throw unsupported(`The $filter joins more than ${MAX_FILTER_CLAUSES} conditions with and/or.`);
  }

  parse(): FilterNode {
    const node = this.or();
    if (this.pos < this.tokens.length) throw unsupported(`Unexpected token '${this.tokens[this.pos].v}' in $filter.`);
    return node;
  }

  private peek(): Token | undefined { return this.tokens[this.pos]; }
  private isWord(v: string): boolean {
    const t = this.peek();
    return t?.t === 'word' && t.v.toLowerCase() === v;
  }
  private expectPunct(v: string): void {
    const t = this.tokens[this.pos++];
    if (!t || t.t !== 'punct' || t.v !== v) throw unsupported(`Expected '${v}' in $filter.`);
  }

  private or(): FilterNode {
    let left = this.and();
    while (this.isWord('or')) { this.pos++; this.chained(); left = { kind: 'or', left, right: this.and() }; }
    return left;
  }

  private and(): FilterNode {
    let left = this.unary();
    while (this.isWord('and')) { this.pos++; this.chained(); left = { kind: 'and', left, right: this.unary() }; }
    return left;
  }

  private unary(): FilterNode {
    this.enter();
    try {
      return this.operand();
    } finally {
      this.nesting--;
    }
  }

  private operand(): FilterNode {
    if (this.isWord('not')) { this.pos++; return { kind: 'not', operand: this.unary() }; }
    const t = this.peek();
    if (t?.t === 'punct' && t.v === '(') {
      this.pos++;
      const inner = this.or();
      this.expectPunct(')');
      return inner;
    }
    if (t?.t === 'word' && ['startswith', 'endswith', 'contains'].includes(t.v.toLowerCase()) && this.tokens[this.pos + 1]?.v === '(') {
      this.pos += 2;
      const path = this.path();
      this.expectPunct(',');
      const lit = this.tokens[this.pos++];
      if (lit?.t !== 'str') throw unsupported(`${t.v} needs a string literal.`);
      this.expectPunct(')');
      return { kind: 'call', fn: t.v.toLowerCase() as 'startswith', path, value: lit.v };
    }
    const path = this.path();
    const next = this.peek();
    if (next?.t === 'punct' && next.v === '(') {
      // path ended with any/all: `tags/any(t:t eq 'x')`
      const quantifier = path.pop()?.toLowerCase();
      if (quantifier !== 'any' && quantifier !== 'all') throw unsupported('Only any/all lambdas are supported.');
      this.pos++;
      const variable = this.tokens[this.pos++];
      if (variable?.t !== 'word') throw unsupported('Lambda variable expected.');
      this.expectPunct(':');
      const body = this.or();
      this.expectPunct(')');
      return { kind: 'lambda', quantifier, path, variable: variable.v, body };
    }
    const opTok = this.tokens[this.pos++];
    const op = opTok?.t === 'word' ? opTok.v.toLowerCase() : '';
    if (op === 'in') {
      this.expectPunct('(');
      const values: Literal[] = [];
      for (;;) {
        values.push(this.literal().value);
        const sep = this.tokens[this.pos++];
        if (sep?.v === ')') break;
        if (sep?.v !== ',') throw unsupported('Malformed in (...) list.');
      }
      return { kind: 'in', path, values };
    }
    if (!['eq', 'ne', 'gt', 'ge', 'lt', 'le'].includes(op)) throw unsupported(`Unsupported operator '${opTok?.v ?? ''}' in $filter.`);
    const lit = this.literal();
    return { kind: 'compare', op: op as 'eq', path, value: lit.value, dateLike: lit.dateLike };
  }

  private path(): string[] {
    const first = this.tokens[this.pos++];
    if (first?.t !== 'word') throw unsupported('Property name expected in $filter.');
    const parts = [first.v];
    while (this.peek()?.v === '/') {
      this.pos++;
      const seg = this.tokens[this.pos++];
      if (seg?.t !== 'word') throw unsupported('Property name expected after /.');
      parts.push(seg.v);
    }
    return parts;
  }

  private literal(): { value: Literal; dateLike: boolean } {
    const t = this.tokens[this.pos++];
    if (!t) throw unsupported('Literal expected in $filter.');
    if (t.t === 'str') return { value: t.v, dateLike: false };
    if (t.t !== 'word') throw unsupported('Literal expected in $filter.');
    const v = t.v;
    if (v === 'null') return { value: null, dateLike: false };
    if (v === 'true' || v === 'false') return { value: v === 'true', dateLike: false };
    if (DATE_RE.test(v)) return { value: v, dateLike: true };
    if (/^-?\d+(\.\d+)?$/.test(v)) return { value: Number(v), dateLike: false };
    // Bare GUIDs are valid OData literals for Edm.Guid properties.
    if (/^[0-9a-f-]{36}$/i.test(v)) return { value: v, dateLike: false };
    throw unsupported(`Invalid literal '${v}' in $filter.`);
  }
}

/** Parses a $filter string; throws a 400 GraphError on syntax the emulator does not support. */
export function parseFilter(text: string): FilterNode {
  return new Parser(tokenize(text)).parse();
}

/** Options for evaluating a filter. */
export interface FilterOptions {
  /** Directory objects compare strings case-insensitively; the provisioning log does not. */
  caseInsensitive: boolean;
}

function resolve(obj: unknown, path: string[], scope: Record<string, unknown>): unknown {
  let cur: unknown = path[0] in scope ? scope[path[0]] : (obj as Record<string, unknown> | null)?.[path[0]];
  for (const seg of path.slice(1)) {
    if (cur === null || cur === undefined || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

function norm(v: unknown, ci: boolean): unknown {
  return ci && typeof v === 'string' ? v.toLowerCase() : v;
}

function compare(actual: unknown, node: Extract<FilterNode, { kind: 'compare' }>, ci: boolean): boolean {
  let a = actual;
  let b: unknown = node.value;
  if (node.dateLike && typeof a === 'string') {
    a = Date.parse(a);
    b = Date.parse(String(node.value));
  } else {
    a = norm(a === undefined ? null : a, ci);
    b = norm(b, ci);
  }
  switch (node.op) {
    case 'eq': return a === b;
    case 'ne': return a !== b;
    default: {
      if (a === null || b === null) return false;
      const x = a as number | string;
      const y = b as number | string;
      if (node.op === 'gt') return x > y;
      if (node.op === 'ge') return x >= y;
      if (node.op === 'lt') return x < y;
      return x <= y;
    }
  }
}

function evaluate(node: FilterNode, obj: unknown, opts: FilterOptions, scope: Record<string, unknown>): boolean {
  const ci = opts.caseInsensitive;
  switch (node.kind) {
    case 'and': return evaluate(node.left, obj, opts, scope) && evaluate(node.right, obj, opts, scope);
    case 'or': return evaluate(node.left, obj, opts, scope) || evaluate(node.right, obj, opts, scope);
    case 'not': return !evaluate(node.operand, obj, opts, scope);
    case 'compare': return compare(resolve(obj, node.path, scope), node, ci);
    case 'in': {
      const v = norm(resolve(obj, node.path, scope), ci);
      return node.values.some((x) => norm(x, ci) === v);
    }
    case 'call': {
      const v = resolve(obj, node.path, scope);
      if (typeof v !== 'string') return false;
      const hay = norm(v, ci) as string;
      const needle = norm(node.value, ci) as string;
      if (node.fn === 'startswith') return hay.startsWith(needle);
      if (node.fn === 'endswith') return hay.endsWith(needle);
      return hay.includes(needle);
    }
    case 'lambda': {
      const list = resolve(obj, node.path, scope);
      if (!Array.isArray(list)) return false;
      const test = (item: unknown): boolean => evaluate(node.body, obj, opts, { ...scope, [node.variable]: item });
      return node.quantifier === 'any' ? list.some(test) : list.every(test);
    }
  }
}

/** Compiles a filter into a predicate. */
export function filterPredicate(node: FilterNode, opts: FilterOptions): (obj: unknown) => boolean {
  return (obj) => evaluate(node, obj, opts, {});
}

/** Property names a filter refers to (first path segment), for "unsupported property" checks. */
export function filterProperties(node: FilterNode, out = new Set<string>()): Set<string> {
  switch (node.kind) {
    case 'and': case 'or': filterProperties(node.left, out); filterProperties(node.right, out); break;
    case 'not': filterProperties(node.operand, out); break;
    case 'lambda': out.add(node.path[0]); break;
    default: out.add(node.path.join('/'));
  }
  return out;
}

/** Applies $select: keeps only the named top-level properties (plus OData annotations). */
export function selectFields<T extends object>(item: T, select: string[] | undefined): Partial<T> {
  if (!select) return item;
  const out: Record<string, unknown> = {};
  for (const key of select) {
    if (key in item) out[key] = (item as Record<string, unknown>)[key];
  }
  return out as Partial<T>;
}

/** Parses `$select=a,b` into names, or undefined. */
export function parseSelect(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const names = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (names.length === 0) throw badRequest('$select must name at least one property.');
  return names;
}

/**
 * Parses a `$search` value like `"displayName:foo" OR "mail:bar"` into clauses. Graph's directory
 * search matches words by prefix; the emulator matches a substring, close enough for clients.
 */
export function parseSearch(value: string): { property: string; term: string }[][] {
  const groups: { property: string; term: string }[][] = [[]];
  const re = /"([^"]*)"|(\bOR\b)|(\bAND\b)/g;
  let m: RegExpExecArray | null;
  let matched = false;
  while ((m = re.exec(value))) {
    matched = true;
    if (m[2]) { groups.push([]); continue; }
    if (m[3]) continue;
    const body = m[1];
    const colon = body.indexOf(':');
    if (colon <= 0) throw badRequest('$search clauses look like "property:value".', 'Request_UnsupportedQuery');
    groups[groups.length - 1].push({ property: body.slice(0, colon), term: body.slice(colon + 1).toLowerCase() });
  }
  if (!matched) throw badRequest('$search clauses must be in double quotes, e.g. "displayName:foo".', 'Request_UnsupportedQuery');
  return groups.filter((g) => g.length > 0);
}

/** True when an object matches a parsed $search (groups are OR-ed, clauses in a group AND-ed). */
export function matchesSearch(obj: Record<string, unknown>, groups: { property: string; term: string }[][]): boolean {
  return groups.some((g) => g.every((c) => {
    const v = obj[c.property];
    return typeof v === 'string' && v.toLowerCase().includes(c.term);
  }));
}
