/**
 * .NET regular expressions in the browser and in Node (Microsoft's Replace reference), always under a
 * bound, as the service stops a .NET regex at a time limit. A pattern runs on the backtracking JS engine
 * while a static estimate of its worst case (nativeInputLimit) stays within a step budget for the
 * subject's length, otherwise on RE2 (re2js, linear time); a pattern neither can bound is an error.
 * Patterns are translated to an equivalent JS RegExp without the `u` flag, because .NET, like
 * non-Unicode JS, matches UTF-16 code units and accepts identity escapes such as `\@`; the
 * Unicode-aware classes of .NET (`\d`, `\w`, `\p{L}`) are expanded to explicit BMP ranges. Constructs
 * JS cannot express are rejected with a reason. The same translation is written in RE2 syntax where
 * RE2 can express it (no lookaround or backreference); JS's `\s` is spelled out there, as RE2's is
 * ASCII only.
 */
import { RE2JS } from 're2js';
import { ReasonError } from './errors';
import { msg } from './messages';

/** The linear-time (RE2) form of a pattern, with one matcher reused for every subject. */
interface LinearRegex {
  readonly matcher: ReturnType<RE2JS['matcher']>;
  /**
   * `$` or `\Z` (end, or before a final newline) became `\z`: RE2 has no lookahead, so this form is
   * exact only on subjects that do not end with a newline.
   */
  readonly endSensitive: boolean;
}

/** A translated pattern, with what replacement templates need to know about its groups. */
export interface CompiledRegex {
  /** Global regex for replacing (the backtracking JS engine). */
  readonly global: RegExp;
  /** The same pattern on RE2 (linear time), when RE2 can express it. */
  readonly linear: LinearRegex | null;
  /** Longest subject the backtracking engine may be given within its step budget (0: none). */
  readonly nativeLimit: number;
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
type Replacer = string | ((...args: unknown[]) => string);

/** A compiled .NET replacement template: for the JS engine, and as parts for RE2 matches. */
export interface Replacement {
  readonly js: Replacer;
  readonly parts: readonly TemplatePart[];
}

/**
 * Longest subject a regex is run on, on either engine. Directory attribute values are far shorter than
 * this; RE2 is linear in it, and the backtracking engine gets less when its step budget requires.
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

/** RE2 syntax for a class body written with `\uXXXX` escapes. */
const re2Body = (jsBody: string): string => jsBody.replace(/\\u([0-9a-f]{4})/g, '\\x{$1}');

/** JS's `\s` (Unicode white space and line terminators), as RE2 class bodies: RE2's `\s` is ASCII only. */
const spaceRanges = (): string => re2Body(bmpRanges('space', /^\s$/));
const nonSpaceRanges = (): string => re2Body(bmpRanges('nonSpace', /^\S$/)) + '\\x{d800}-\\x{dfff}\\x{10000}-\\x{10ffff}';

/** ASCII punctuation, which RE2 accepts escaped; any other identity escape is written as a code point. */
const RE2_ESCAPABLE = /^[!-/:-@[-`{-~]$/;

const hexCode = (code: number): string => `\\x{${code.toString(16)}}`;

/** A piece of the translation: JS source and RE2 source (null: RE2 cannot express it), or a backreference. */
type Piece = { readonly js: string; readonly re2: string | null } | { readonly backref: number };

interface Translation {
  source: string;
  flags: string;
  /** RE2 source, or null when the pattern needs a construct RE2 lacks (lookaround, backreference). */
  re2Source: string | null;
  endSensitive: boolean;
  jsIndexByNumber: number[];
  jsIndexByName: Map<string, number>;
}

/**
 * Translates a .NET pattern to JS and, where it can, to RE2. Throws ReasonError with a reason a person
 * understands when the pattern is invalid or uses a construct the preview cannot reproduce.
 */
function translate(pattern: string): Translation {
  let i = 0;
  let flags = '';
  let singleline = false;
  let multiline = false;
  let explicitCapture = false;
  let endSensitive = false;
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
  const emit = (js: string, re2: string | null = js): void => {
    pieces.push({ js, re2 });
  };

  const escape = (): void => {
    const c = pattern[i + 1];
    if (c === undefined) throw new ReasonError(msg('regexEndsWithBackslash'));
    i += 2;
    switch (c) {
      case 'd':
        emit(inClass ? digitRanges() : `[${digitRanges()}]`, inClass ? re2Body(digitRanges()) : `[${re2Body(digitRanges())}]`);
        return;
      case 'D':
        // Inside a class the negated form cannot be expanded without the v flag; JS's ASCII \D is used
        // (RE2's \D is the same set).
        emit(inClass ? '\\D' : `[^${digitRanges()}]`, inClass ? '\\D' : `[^${re2Body(digitRanges())}]`);
        return;
      case 'w':
        emit(inClass ? wordRanges() : `[${wordRanges()}]`, inClass ? re2Body(wordRanges()) : `[${re2Body(wordRanges())}]`);
        return;
      case 'W':
        emit(inClass ? '\\W' : `[^${wordRanges()}]`, inClass ? '\\W' : `[^${re2Body(wordRanges())}]`);
        return;
      case 's':
        emit('\\s', inClass ? spaceRanges() : `[${spaceRanges()}]`);
        return;
      case 'S':
        emit('\\S', inClass ? nonSpaceRanges() : `[^${spaceRanges()}]`);
        return;
      case 'p':
      case 'P': {
        const m = /^\{([A-Za-z]+)\}/.exec(pattern.slice(i));
        if (!m) throw new ReasonError(msg('regexCategoryNameMissing', c));
        i += m[0].length;
        const ranges = categoryRanges(m[1], c);
        if (c === 'P' && inClass) throw new ReasonError(msg('regexNegatedCategoryInClass'));
        emit(inClass ? ranges : c === 'p' ? `[${ranges}]` : `[^${ranges}]`, inClass ? re2Body(ranges) : c === 'p' ? `[${re2Body(ranges)}]` : `[^${re2Body(ranges)}]`);
        return;
      }
      case 'A':
        emit(inClass ? 'A' : '(?<![\\s\\S])', inClass ? 'A' : '\\A');
        return;
      case 'z':
        emit(inClass ? 'z' : '(?![\\s\\S])', inClass ? 'z' : '\\z');
        return;
      case 'Z':
        if (!inClass) endSensitive = true;
        emit(inClass ? 'Z' : '(?=\\n?(?![\\s\\S]))', inClass ? 'Z' : '\\z');
        return;
      case 'G':
        throw new ReasonError(msg('regexAnchorGUnsupported'));
      case 'k': {
        const m = /^(?:<([A-Za-z_]\w*)>|'([A-Za-z_]\w*)')/.exec(pattern.slice(i));
        if (!m) throw new ReasonError(msg('regexBackreferenceNameMissing'));
        i += m[0].length;
        emit(`\\k<${m[1] ?? m[2]}>`, null);
        return;
      }
      case 'e':
        emit('\\x1b');
        return;
      case 'a':
        emit('\\x07');
        return;
      case 'b':
        // In a class \b is a backspace, which RE2 does not spell that way.
        emit('\\b', inClass ? hexCode(8) : '\\b');
        return;
      case 'B':
        emit('\\B', inClass ? null : '\\B');
        return;
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
        emit('\\u' + pattern.slice(i, i + 4), `\\x{${pattern.slice(i, i + 4)}}`);
        i += 4;
        return;
      }
      case 'c': {
        const letter = pattern[i];
        if (!letter || !/[A-Za-z]/.test(letter)) throw new ReasonError(msg('regexControlLetterMissing'));
        emit('\\c' + letter, hexCode(letter.charCodeAt(0) % 32));
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
    emit('\\' + c, RE2_ESCAPABLE.test(c) ? '\\' + c : hexCode(c.charCodeAt(0)));
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
        emit(singleline ? '[\\s\\S]' : '[^\\n]', singleline ? '(?s:.)' : '[^\\n]');
        i++;
        break;
      case '$':
        if (!multiline) endSensitive = true;
        emit(multiline ? '(?=\\n|(?![\\s\\S]))' : '(?=\\n?(?![\\s\\S]))', multiline ? '(?m:$)' : '\\z');
        i++;
        break;
      case '^':
        emit(multiline ? '(?:(?<![\\s\\S])|(?<=\\n))' : '^', multiline ? '(?m:^)' : '^');
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
  let re2Source: string | null = flags.includes('i') ? '(?i)' : '';
  for (const piece of pieces) {
    if ('js' in piece) {
      source += piece.js;
      re2Source = re2Source === null || piece.re2 === null ? null : re2Source + piece.re2;
    } else {
      const js = jsIndexByNumber[piece.backref];
      if (js === undefined) throw new ReasonError(msg('regexBackreferenceMissingGroup', piece.backref));
      // (?:) keeps a following digit from being read as part of the group number.
      source += `\\${js}(?:)`;
      re2Source = null;
    }
  }
  return { source, flags, re2Source, endSensitive, jsIndexByNumber, jsIndexByName };
}

function openGroup(pattern: string, at: number, groups: { name?: string }[], emit: (js: string, re2?: string | null) => void, explicitCapture: boolean): number {
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
      // RE2 has no lookaround.
      emit('(?' + prefix, prefix === ':' ? '(?:' : null);
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

/**
 * Steps the backtracking engine may take on one subject, by the estimate of `nativeInputLimit`: a few
 * tens of milliseconds at worst, where the service stops a .NET regex after its time limit.
 */
const NATIVE_STEP_BUDGET = 5e7;
/** A bounded repetition {n,m} wider than this counts as unbounded in the estimate. */
const WIDE_RANGE = 16;

interface Quantifier {
  /** Characters it takes, with a lazy `?`. */
  length: number;
  /** Counts as unbounded. */
  wide: boolean;
  /** How many repetition counts it can try. */
  choices: number;
  /** Most repetitions. */
  max: number;
}

/** The quantifier at `i`, if there is one. */
function quantifierAt(pattern: string, i: number): Quantifier | null {
  const c = pattern[i];
  let q: Quantifier | null = null;
  if (c === '*' || c === '+') q = { length: 1, wide: true, choices: 1, max: Infinity };
  else if (c === '?') q = { length: 1, wide: false, choices: 2, max: 1 };
  else if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
    if (!m) return null;
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
    const choices = max - min + 1;
    q = { length: m[0].length, wide: choices > WIDE_RANGE, choices: Math.max(1, choices), max };
  }
  if (q && pattern[i + q.length] === '?') q.length++;
  return q;
}

/**
 * Longest subject on which the backtracking JS engine is sure to finish within NATIVE_STEP_BUDGET,
 * or 0 when no length is safe. A static estimate of the worst case: every unbounded quantifier and
 * backreference may try each of L positions, every `?`, short {n,m} and alternative multiplies the
 * choices, and the search starts at each of L positions, so work ≤ choices × L^(wide + 1). A group
 * repeated more than once that contains repetition, alternation or a backreference (`(a+)+`,
 * `(a|ab)*`, `(a?){20}`) has no such bound (its work is exponential), so such a pattern gets 0.
 */
export function nativeInputLimit(pattern: string): number {
  const stack: boolean[] = [];
  // Whether the current group so far contains repetition, alternation or a backreference.
  let branching = false;
  let wide = 0;
  let choices = 1;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      if (/[1-9k]/.test(next)) {
        wide++;
        branching = true;
      }
      i++;
      continue;
    }
    if (c === '[') {
      i++;
      if (pattern[i] === '^') i++;
      if (pattern[i] === ']') i++;
      while (i < pattern.length && pattern[i] !== ']') i += pattern[i] === '\\' ? 2 : 1;
      continue;
    }
    if (c === '(') {
      stack.push(branching);
      branching = false;
      if (pattern[i + 1] === '?') {
        i++;
        if (pattern[i + 1] === '#') i = Math.max(i, pattern.indexOf(')', i) - 1);
        const named = /^(?:<[A-Za-z_]\w*>|'[A-Za-z_]\w*')/.exec(pattern.slice(i + 1));
        if (named) i += named[0].length;
      }
      continue;
    }
    if (c === ')') {
      const inner: boolean = branching;
      const repeated = quantifierAt(pattern, i + 1);
      // Repeating a group that branches multiplies its choices per repetition: (a+)+, (a?){20}.
      if (inner && repeated && repeated.max > 1) return 0;
      branching = (stack.pop() ?? false) || inner;
      continue;
    }
    if (c === '|') {
      choices *= 2;
      branching = true;
      continue;
    }
    const q = quantifierAt(pattern, i);
    if (q) {
      if (q.wide) wide++;
      else choices *= q.choices;
      if (q.wide || q.choices > 1) branching = true;
      i += q.length - 1;
    }
  }
  if (!(choices <= NATIVE_STEP_BUDGET)) return 0;
  const limit = Math.floor((NATIVE_STEP_BUDGET / choices) ** (1 / (wide + 1)));
  return Math.min(limit, MAX_REGEX_INPUT);
}

const regexCache = new Map<string, CompiledRegex | Error>();

function linearForm(t: Translation): LinearRegex | null {
  if (t.re2Source === null) return null;
  try {
    return { matcher: RE2JS.compile(t.re2Source).matcher(''), endSensitive: t.endSensitive };
  } catch {
    // RE2 rejects a few more patterns than the JS engine (e.g. repeat counts above 1000).
    return null;
  }
}

/**
 * Translates and compiles a .NET pattern, caching the result (mappings reuse a handful of patterns).
 * Throws ReasonError with a reason when the pattern is invalid or unsupported, or when it could only
 * run on the backtracking engine and that could take exponential time.
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
      const linear = linearForm(t);
      const nativeLimit = nativeInputLimit(pattern);
      if (linear === null && nativeLimit === 0) throw new ReasonError(msg('regexMayRunAway'));
      entry = { global, linear, nativeLimit, source: t.source, flags: t.flags, jsIndexByNumber: t.jsIndexByNumber, jsIndexByName: t.jsIndexByName };
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
function indexedRegex(compiled: CompiledRegex): RegExp {
  compiled.indexed ??= new RegExp(compiled.source, compiled.flags + 'dg');
  return compiled.indexed;
}

/**
 * A subject this pattern cannot be run on within the budget: too long for the backtracking engine,
 * and RE2 cannot take the pattern (or, for a pattern with `$`, a subject ending with a newline).
 */
export class RegexBudgetError extends Error {
  constructor(readonly limit: number) {
    super(`the pattern can be run on at most ${limit} characters`);
    this.name = 'RegexBudgetError';
  }
}

/**
 * Which engine runs `compiled` on `text`: the backtracking engine while the subject is short enough
 * for its step budget (it is the faster of the two, and exactly today's semantics), otherwise RE2.
 */
function linearFor(compiled: CompiledRegex, text: string): LinearRegex['matcher'] | null {
  if (text.length <= compiled.nativeLimit) return null;
  const linear = compiled.linear;
  if (linear === null || (linear.endSensitive && text.endsWith('\n'))) throw new RegexBudgetError(compiled.nativeLimit);
  return linear.matcher.resetMatcherInput(text);
}

/** Whether the pattern matches somewhere in `text`. Throws RegexBudgetError. */
export function regexTest(compiled: CompiledRegex, text: string): boolean {
  const m = linearFor(compiled, text);
  if (m) return m.find();
  compiled.global.lastIndex = 0;
  const hit = compiled.global.test(text);
  compiled.global.lastIndex = 0;
  return hit;
}

/** The text of JS group `index` in the first match ("" when there is none). Throws RegexBudgetError. */
export function firstMatchGroup(compiled: CompiledRegex, index: number, text: string): string {
  const m = linearFor(compiled, text);
  if (m) return m.find() ? (m.group(index) ?? '') : '';
  compiled.global.lastIndex = 0;
  const match = compiled.global.exec(text);
  compiled.global.lastIndex = 0;
  // .NET gives "" for a group that did not take part in the match.
  return match?.[index] ?? '';
}

/** Replaces, in every match, only the text captured by JS group `index`. Throws RegexBudgetError. */
export function replaceGroupText(compiled: CompiledRegex, index: number, text: string, replacement: string): string {
  let out = '';
  let last = 0;
  const m = linearFor(compiled, text);
  if (m) {
    // RE2's find() steps past an empty match exactly as the loop below does.
    while (m.find()) {
      const start = m.start(index);
      if (start >= 0) {
        out += text.slice(last, start) + replacement;
        last = m.end(index);
      }
    }
    return out + text.slice(last);
  }
  const regex = indexedRegex(compiled);
  regex.lastIndex = 0;
  for (let match = regex.exec(text); match; match = regex.exec(text)) {
    const span = match.indices?.[index];
    if (span) {
      out += text.slice(last, span[0]) + replacement;
      last = span[1];
    }
    if (match[0] === '') regex.lastIndex++;
  }
  return out + text.slice(last);
}

/** Regex.Replace with a compiled template. Throws RegexBudgetError. */
export function regexReplace(compiled: CompiledRegex, replacement: Replacement, text: string): string {
  const m = linearFor(compiled, text);
  if (!m) return text.replace(compiled.global, replacement.js as string);
  let out = '';
  let last = 0;
  const groupCount = m.groupCount();
  while (m.find()) {
    const start = m.start();
    const end = m.end();
    out += text.slice(last, start);
    for (const p of replacement.parts) {
      if (typeof p === 'string') out += p;
      else if (p === INPUT) out += text;
      else if (p === LAST_GROUP) out += groupCount > 0 ? (m.group(groupCount) ?? '') : text.slice(start, end);
      else if (p === BEFORE) out += text.slice(0, start);
      else if (p === AFTER) out += text.slice(end);
      else out += m.group(p) ?? '';
    }
    last = end;
  }
  return out + text.slice(last);
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
export function compileReplacement(template: string, re: CompiledRegex): Replacement {
  const parts = templateParts(template, re);
  return { js: jsReplacer(parts), parts };
}

function templateParts(template: string, re: CompiledRegex): TemplatePart[] {
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
  return parts;
}

function jsReplacer(parts: readonly TemplatePart[]): Replacer {
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
