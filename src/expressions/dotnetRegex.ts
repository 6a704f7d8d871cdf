/**
 * .NET regular expressions on the JS engine (Microsoft's Replace reference). Patterns are translated to an
 * equivalent JS RegExp without the `u` flag, because .NET, like non-Unicode JS, matches UTF-16 code
 * units and accepts identity escapes such as `\@`; the Unicode-aware classes of .NET (`\d`, `\w`,
 * `\p{L}`) are expanded to explicit BMP ranges. Constructs JS cannot express are rejected with a reason.
 */
import { ReasonError } from './errors';
import { msg } from './messages';

/** A translated pattern, with what replacement templates need to know about its groups. */
export interface CompiledRegex {
  /** Global regex for replacing. */
  readonly global: RegExp;
  /** Same pattern, with group indices (`d` flag), created on first use. */
  indexed?: RegExp;
  readonly source: string;
  readonly flags: string;
  /** JS group index of each .NET group number (index 0 = whole match). */
  readonly jsIndexByNumber: readonly number[];
  /** JS group index of each named group. */
  readonly jsIndexByName: ReadonlyMap<string, number>;
}

/** How a .NET replacement template is applied: a JS replacement string, or a function for `$_`/`$+`. */
export type Replacer = string | ((...args: unknown[]) => string);

/**
 * Longest subject a regex is run on. JS has no regex timeout, so a pathological pattern could run for
 * ever; capping the input keeps most blow-ups to a bounded (if sometimes noticeable) time. Directory
 * attribute values are far shorter than this.
 */
export const MAX_REGEX_INPUT = 4096;

const rangeCache = new Map<string, string>();

function hex4(code: number): string {
  return '\\u' + code.toString(16).padStart(4, '0');
}

/** BMP class body (without brackets) of every code unit matching `test`, cached under `key`. */
function bmpRanges(key: string, test: RegExp): string {
  const cached = rangeCache.get(key);
  if (cached !== undefined) return cached;
  let out = '';
  let start = -1;
  for (let code = 0; code <= 0x10000; code++) {
    const hit = code < 0x10000 && !(code >= 0xd800 && code <= 0xdfff) && test.test(String.fromCharCode(code));
    if (hit && start < 0) start = code;
    if (!hit && start >= 0) {
      out += code - 1 === start ? hex4(start) : `${hex4(start)}-${hex4(code - 1)}`;
      start = -1;
    }
  }
  rangeCache.set(key, out);
  return out;
}

const GENERAL_CATEGORIES = new Set([
  'L', 'Lu', 'Ll', 'Lt', 'Lm', 'Lo', 'M', 'Mn', 'Mc', 'Me', 'N', 'Nd', 'Nl', 'No', 'P', 'Pc', 'Pd', 'Ps', 'Pe', 'Pi', 'Pf', 'Po',
  'S', 'Sm', 'Sc', 'Sk', 'So', 'Z', 'Zs', 'Zl', 'Zp', 'C', 'Cc', 'Cf', 'Co', 'Cn',
]);

const digitRanges = (): string => bmpRanges('Nd', /^\p{Nd}$/u);
const wordRanges = (): string => bmpRanges('word', /^[\p{L}\p{Mn}\p{Nd}\p{Pc}]$/u);

function categoryRanges(name: string, escape = 'p'): string {
  if (!GENERAL_CATEGORIES.has(name)) throw new ReasonError(msg('regexCategoryUnsupported', `\\${escape}{${name}}`));
  return bmpRanges(name, new RegExp(`^\\p{${name}}$`, 'u'));
}

type Piece = string | { readonly backref: number };

/**
 * Translates a .NET pattern. Throws ReasonError with a reason a person understands when the pattern is
 * invalid or uses a construct the preview cannot reproduce.
 */
function translate(pattern: string): { source: string; flags: string; jsIndexByNumber: number[]; jsIndexByName: Map<string, number> } {
  let i = 0;
  let flags = '';
  let singleline = false;
  let multiline = false;
  let explicitCapture = false;
  const lead = /^\(\?([imnsx]+)\)/.exec(pattern);
  if (lead) {
    for (const option of lead[1]) {
      if (option === 'i') flags += flags.includes('i') ? '' : 'i';
      else if (option === 's') singleline = true;
      else if (option === 'm') multiline = true;
      else if (option === 'n') explicitCapture = true;
      else throw new ReasonError(msg('regexOptionXUnsupported'));
    }
    i = lead[0].length;
  }
  const pieces: Piece[] = [];
  // Capturing groups in order of appearance; .NET numbers the unnamed ones first, then the named ones.
  const groups: { name?: string }[] = [];
  let inClass = false;
  let classStart = false;
  const emit = (s: string): void => {
    pieces.push(s);
  };

  const escape = (): void => {
    const c = pattern[i + 1];
    if (c === undefined) throw new ReasonError(msg('regexEndsWithBackslash'));
    i += 2;
    switch (c) {
      case 'd':
        emit(inClass ? digitRanges() : `[${digitRanges()}]`);
        return;
      case 'D':
        // Inside a class the negated form cannot be expanded without the v flag; JS's ASCII \D is used.
        emit(inClass ? '\\D' : `[^${digitRanges()}]`);
        return;
      case 'w':
        emit(inClass ? wordRanges() : `[${wordRanges()}]`);
        return;
      case 'W':
        emit(inClass ? '\\W' : `[^${wordRanges()}]`);
        return;
      case 'p':
      case 'P': {
        const m = /^\{([A-Za-z]+)\}/.exec(pattern.slice(i));
        if (!m) throw new ReasonError(msg('regexCategoryNameMissing', c));
        i += m[0].length;
        const ranges = categoryRanges(m[1], c);
        if (c === 'P' && inClass) throw new ReasonError(msg('regexNegatedCategoryInClass'));
        emit(inClass ? ranges : c === 'p' ? `[${ranges}]` : `[^${ranges}]`);
        return;
      }
      case 'A':
        emit(inClass ? 'A' : '(?<![\\s\\S])');
        return;
      case 'z':
        emit(inClass ? 'z' : '(?![\\s\\S])');
        return;
      case 'Z':
        emit(inClass ? 'Z' : '(?=\\n?(?![\\s\\S]))');
        return;
      case 'G':
        throw new ReasonError(msg('regexAnchorGUnsupported'));
      case 'k': {
        const m = /^(?:<([A-Za-z_]\w*)>|'([A-Za-z_]\w*)')/.exec(pattern.slice(i));
        if (!m) throw new ReasonError(msg('regexBackreferenceNameMissing'));
        i += m[0].length;
        emit(`\\k<${m[1] ?? m[2]}>`);
        return;
      }
      case 'e':
        emit('\\x1b');
        return;
      case 'a':
        emit('\\x07');
        return;
      case 'b':
      case 'B':
      case 's':
      case 'S':
      case 't':
      case 'n':
      case 'r':
      case 'f':
      case 'v':
        emit('\\' + c);
        return;
      case 'x': {
        if (!/^[0-9A-Fa-f]{2}/.test(pattern.slice(i))) throw new ReasonError(msg('regexHexDigitsMissing'));
        emit('\\x' + pattern.slice(i, i + 2));
        i += 2;
        return;
      }
      case 'u': {
        if (!/^[0-9A-Fa-f]{4}/.test(pattern.slice(i))) throw new ReasonError(msg('regexUnicodeDigitsMissing'));
        emit('\\u' + pattern.slice(i, i + 4));
        i += 4;
        return;
      }
      case 'c': {
        const letter = pattern[i];
        if (!letter || !/[A-Za-z]/.test(letter)) throw new ReasonError(msg('regexControlLetterMissing'));
        emit('\\c' + letter);
        i += 1;
        return;
      }
      default:
        break;
    }
    if (c >= '0' && c <= '9') {
      if (c === '0' || inClass) {
        // Octal escape: up to three octal digits in total.
        const m = /^[0-7]{0,2}/.exec(pattern.slice(i));
        const digits = c + (m ? m[0] : '');
        i += digits.length - 1;
        emit('\\x' + (parseInt(digits, 8) & 0xff).toString(16).padStart(2, '0'));
        return;
      }
      const m = /^\d*/.exec(pattern.slice(i));
      const digits = c + (m ? m[0] : '');
      i += digits.length - 1;
      pieces.push({ backref: Number(digits) });
      return;
    }
    if (/[A-Za-z_]/.test(c)) throw new ReasonError(msg('regexUnknownEscape', c));
    emit('\\' + c);
  };

  while (i < pattern.length) {
    const c = pattern[i];
    if (inClass) {
      if (c === ']' && !classStart) {
        inClass = false;
        emit(']');
        i++;
      } else if (c === '\\') {
        escape();
      } else if (c === '-' && pattern[i + 1] === '[') {
        throw new ReasonError(msg('regexClassSubtraction'));
      } else if (c === '[' || c === ']') {
        emit('\\' + c);
        i++;
      } else {
        emit(c);
        i++;
      }
      classStart = false;
      continue;
    }
    switch (c) {
      case '\\':
        escape();
        break;
      case '[':
        inClass = true;
        i++;
        if (pattern[i] === '^') {
          emit('[^');
          i++;
        } else emit('[');
        // In .NET a ']' right after the opening bracket is a literal.
        if (pattern[i] === ']') {
          emit('\\]');
          i++;
        }
        classStart = false;
        break;
      case '(':
        i = openGroup(pattern, i, groups, emit, explicitCapture);
        break;
      case '.':
        emit(singleline ? '[\\s\\S]' : '[^\\n]');
        i++;
        break;
      case '$':
        emit(multiline ? '(?=\\n|(?![\\s\\S]))' : '(?=\\n?(?![\\s\\S]))');
        i++;
        break;
      case '^':
        emit(multiline ? '(?:(?<![\\s\\S])|(?<=\\n))' : '^');
        i++;
        break;
      case '{': {
        const m = /^\{\d+(?:,\d*)?\}/.exec(pattern.slice(i));
        if (m) {
          emit(m[0]);
          i += m[0].length;
        } else {
          emit('\\{');
          i++;
        }
        break;
      }
      case '}':
        emit('\\}');
        i++;
        break;
      default:
        emit(c);
        i++;
    }
  }
  if (inClass) throw new ReasonError(msg('regexClassUnclosed'));

  const jsIndexByNumber = [0];
  const jsIndexByName = new Map<string, number>();
  groups.forEach((g, index) => {
    if (g.name === undefined) jsIndexByNumber.push(index + 1);
  });
  groups.forEach((g, index) => {
    if (g.name !== undefined && !jsIndexByName.has(g.name)) {
      jsIndexByName.set(g.name, index + 1);
      jsIndexByNumber.push(index + 1);
    }
  });
  let source = '';
  for (const piece of pieces) {
    if (typeof piece === 'string') source += piece;
    else {
      const js = jsIndexByNumber[piece.backref];
      if (js === undefined) throw new ReasonError(msg('regexBackreferenceMissingGroup', piece.backref));
      // (?:) keeps a following digit from being read as part of the group number.
      source += `\\${js}(?:)`;
    }
  }
  return { source, flags, jsIndexByNumber, jsIndexByName };
}

function openGroup(pattern: string, at: number, groups: { name?: string }[], emit: (s: string) => void, explicitCapture: boolean): number {
  if (pattern[at + 1] !== '?') {
    if (explicitCapture) emit('(?:');
    else {
      groups.push({});
      emit('(');
    }
    return at + 1;
  }
  const rest = pattern.slice(at + 2);
  if (rest.startsWith('#')) {
    const close = pattern.indexOf(')', at);
    if (close < 0) throw new ReasonError(msg('regexCommentUnclosed'));
    return close + 1;
  }
  for (const prefix of [':', '=', '!', '<=', '<!']) {
    if (rest.startsWith(prefix)) {
      emit('(?' + prefix);
      return at + 2 + prefix.length;
    }
  }
  const named = /^(?:<([^>]*)>|'([^']*)')/.exec(rest);
  if (named) {
    const name = named[1] ?? named[2];
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      throw new ReasonError(name.includes('-') ? msg('regexBalancingGroup') : msg('regexGroupNameInvalid', name));
    }
    groups.push({ name });
    emit(`(?<${name}>`);
    return at + 2 + named[0].length;
  }
  if (rest.startsWith('>')) throw new ReasonError(msg('regexAtomicGroup'));
  if (rest.startsWith('(')) throw new ReasonError(msg('regexConditionalGroup'));
  if (/^[imnsx-]+[:)]/.test(rest)) throw new ReasonError(msg('regexInlineOptionsNotAtStart'));
  throw new ReasonError(msg('regexUnknownGroupConstruct'));
}

const regexCache = new Map<string, CompiledRegex | Error>();

/**
 * Translates and compiles a .NET pattern, caching the result (mappings reuse a handful of patterns).
 * Throws ReasonError with a reason when the pattern is invalid or unsupported.
 */
export function compileDotNetRegex(pattern: string): CompiledRegex {
  let entry = regexCache.get(pattern);
  if (entry === undefined) {
    try {
      const t = translate(pattern);
      let global: RegExp;
      try {
        global = new RegExp(t.source, t.flags + 'g');
      } catch (e) {
        // The JS engine's own wording of the problem stays as it is (it is not ours to translate).
        throw new ReasonError(msg('regexInvalid', (e as Error).message.replace(/^Invalid regular expression: /, '')));
      }
      entry = { global, source: t.source, flags: t.flags, jsIndexByNumber: t.jsIndexByNumber, jsIndexByName: t.jsIndexByName };
    } catch (e) {
      entry = e instanceof Error ? e : new Error(String(e));
    }
    if (regexCache.size >= 256) regexCache.clear();
    regexCache.set(pattern, entry);
  }
  if (entry instanceof Error) throw entry;
  return entry;
}

/** The regex with group indices (`d` flag), for replacing only a named group's text. */
export function indexedRegex(compiled: CompiledRegex): RegExp {
  compiled.indexed ??= new RegExp(compiled.source, compiled.flags + 'dg');
  return compiled.indexed;
}

// Literal text, or a JS group index; 0 is the whole match and the negative markers are special parts.
type TemplatePart = string | number;
const BEFORE = -1;
const AFTER = -2;
const INPUT = -3;
const LAST_GROUP = -4;

/**
 * Turns a .NET replacement template (`${name}`, `$1`, `$$`, `$&`, `` $` ``, `$'`, `$+`, `$_`) into a JS
 * replacement. References to groups that do not exist stay literal text, as in .NET.
 */
export function compileReplacement(template: string, re: CompiledRegex): Replacer {
  const parts: TemplatePart[] = [];
  let literal = '';
  const flush = (): void => {
    if (literal) parts.push(literal);
    literal = '';
  };
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c !== '$' || i + 1 >= template.length) {
      literal += c;
      continue;
    }
    const next = template[i + 1];
    if (next === '$') {
      literal += '$';
      i++;
    } else if (next === '&' || next === '`' || next === "'") {
      flush();
      parts.push(next === '&' ? 0 : next === '`' ? BEFORE : AFTER);
      i++;
    } else if (next === '_' || next === '+') {
      flush();
      parts.push(next === '_' ? INPUT : LAST_GROUP);
      i++;
    } else if (next === '{') {
      const close = template.indexOf('}', i + 2);
      const name = close > 0 ? template.slice(i + 2, close) : '';
      const index = /^\d+$/.test(name) ? re.jsIndexByNumber[Number(name)] : re.jsIndexByName.get(name);
      if (close > 0 && index !== undefined) {
        flush();
        parts.push(index);
        i = close;
      } else literal += '$';
    } else if (next >= '0' && next <= '9') {
      // .NET takes the longest run of digits that still names an existing group.
      let j = i + 1;
      let best = -1;
      let bestEnd = i;
      while (j < template.length && template[j] >= '0' && template[j] <= '9') {
        const n = Number(template.slice(i + 1, j + 1));
        if (re.jsIndexByNumber[n] !== undefined) {
          best = n;
          bestEnd = j;
        }
        j++;
      }
      if (best >= 0) {
        flush();
        parts.push(re.jsIndexByNumber[best]);
        i = bestEnd;
      } else literal += '$';
    } else literal += '$';
  }
  flush();
  if (parts.every((p) => typeof p === 'string' || (p >= AFTER && p < 100))) {
    // Only constructs JS replacement strings also have: let the engine apply it (fastest path).
    return parts
      .map((p) => (typeof p === 'string' ? p.replace(/\$/g, '$$$$') : p === 0 ? '$&' : p === BEFORE ? '$`' : p === AFTER ? "$'" : `$${String(p).padStart(2, '0')}`))
      .join('');
  }
  return (...args: unknown[]): string => {
    const hasGroups = typeof args[args.length - 1] === 'object';
    const input = args[args.length - (hasGroups ? 2 : 1)] as string;
    const offset = args[args.length - (hasGroups ? 3 : 2)] as number;
    const match = args[0] as string;
    const groupCount = args.length - (hasGroups ? 4 : 3);
    let out = '';
    for (const p of parts) {
      if (typeof p === 'string') out += p;
      else if (p === INPUT) out += input;
      else if (p === LAST_GROUP) out += (groupCount > 0 ? (args[groupCount] as string | undefined) : match) ?? '';
      else if (p === 0) out += match;
      else if (p === BEFORE) out += input.slice(0, offset);
      else if (p === AFTER) out += input.slice(offset + match.length);
      else out += (args[p] as string | undefined) ?? '';
    }
    return out;
  };
}

function unboundedAt(pattern: string, i: number): boolean {
  const c = pattern[i];
  return c === '*' || c === '+' || (c === '{' && /^\{\d+,\}/.test(pattern.slice(i)));
}

/**
 * True when a repeated group itself contains unbounded repetition, as in `(a+)+` or `(\w+\s?)*`: the
 * classic shape of catastrophic backtracking. A heuristic for a warning, not a proof either way.
 */
export function hasNestedRepetition(pattern: string): boolean {
  const stack: boolean[] = [];
  let current = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
    } else if (c === '[') {
      i++;
      if (pattern[i] === '^') i++;
      if (pattern[i] === ']') i++;
      while (i < pattern.length && pattern[i] !== ']') i += pattern[i] === '\\' ? 2 : 1;
    } else if (c === '(') {
      stack.push(current);
      current = false;
    } else if (c === ')') {
      const inner: boolean = current;
      const repeated = unboundedAt(pattern, i + 1);
      if (inner && repeated) return true;
      current = (stack.pop() ?? false) || inner || repeated;
    } else if (unboundedAt(pattern, i)) {
      current = true;
    }
  }
  return false;
}
