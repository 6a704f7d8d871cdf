/**
 * .NET custom date/time format strings (invariant culture), for FormatDateTime: tokenising, exact
 * parsing (ParseExact) and rendering. Standard one-letter formats are expanded to their invariant
 * custom equivalents.
 */
import type { DateParts } from './dateTime';
import { DAY_NAMES, MONTH_NAMES, daysFromCivil, validParts } from './dateTime';
import { ReasonError } from './errors';
import { msg } from './messages';

type Token = { readonly field: string; readonly count: number } | { readonly literal: string };

const FIELD_LETTERS = new Set(['y', 'M', 'd', 'h', 'H', 'm', 's', 'f', 'F', 't', 'z', 'K', 'g']);

// Invariant-culture expansions of the standard format letters.
const STANDARD_FORMATS: Readonly<Record<string, string>> = {
  d: 'MM/dd/yyyy',
  D: 'dddd, dd MMMM yyyy',
  f: 'dddd, dd MMMM yyyy HH:mm',
  F: 'dddd, dd MMMM yyyy HH:mm:ss',
  g: 'MM/dd/yyyy HH:mm',
  G: 'MM/dd/yyyy HH:mm:ss',
  M: 'MMMM dd',
  m: 'MMMM dd',
  O: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
  o: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
  R: "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
  r: "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
  s: "yyyy'-'MM'-'dd'T'HH':'mm':'ss",
  t: 'HH:mm',
  T: 'HH:mm:ss',
  u: "yyyy'-'MM'-'dd HH':'mm':'ss'Z'",
  Y: 'yyyy MMMM',
  y: 'yyyy MMMM',
};

const tokenCache = new Map<string, readonly Token[]>();

/** Splits a format string into fields and literals; throws ReasonError with a reason when invalid. */
export function tokenizeFormat(format: string): readonly Token[] {
  const cached = tokenCache.get(format);
  if (cached) return cached;
  if (format.length === 0) throw new ReasonError(msg('formatEmpty'));
  let source = format;
  if (format.length === 1) {
    const standard = STANDARD_FORMATS[format];
    if (!standard) throw new ReasonError(msg('formatNotStandard', format));
    source = standard;
  }
  const tokens: Token[] = [];
  let literal = '';
  const flush = (): void => {
    if (literal) tokens.push({ literal });
    literal = '';
  };
  for (let i = 0; i < source.length; ) {
    const c = source[i];
    if (c === "'" || c === '"') {
      const close = source.indexOf(c, i + 1);
      if (close < 0) throw new ReasonError(msg('formatQuoteUnclosed', i + 1));
      literal += source.slice(i + 1, close).replace(/\\(.)/g, '$1');
      i = close + 1;
    } else if (c === '\\') {
      if (i + 1 >= source.length) throw new ReasonError(msg('formatEndsWithBackslash'));
      literal += source[i + 1];
      i += 2;
    } else if (c === '%') {
      i++;
    } else if (FIELD_LETTERS.has(c)) {
      let j = i + 1;
      while (source[j] === c) j++;
      flush();
      const count = j - i;
      if ((c === 'f' || c === 'F') && count > 7) throw new ReasonError(msg('formatTooManyFractionDigits'));
      tokens.push({ field: c, count });
      i = j;
    } else {
      literal += c;
      i++;
    }
  }
  flush();
  if (tokenCache.size > 200) tokenCache.clear();
  tokenCache.set(format, tokens);
  return tokens;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

const MONTH_NAMES_FULL = MONTH_NAMES;

/** Renders date parts with a .NET custom (or standard) format string, invariant culture. */
export function renderDate(parts: DateParts, format: string): string {
  const tokens = tokenizeFormat(format);
  let out = '';
  for (const t of tokens) {
    if ('literal' in t) {
      out += t.literal;
      continue;
    }
    const n = t.count;
    switch (t.field) {
      case 'y':
        out += n <= 2 ? pad(parts.year % 100, n) : pad(parts.year, n);
        break;
      case 'M':
        out += n >= 4 ? MONTH_NAMES_FULL[parts.month - 1] : n === 3 ? MONTH_NAMES_FULL[parts.month - 1].slice(0, 3) : pad(parts.month, n);
        break;
      case 'd':
        if (n >= 3) {
          const weekday = ((daysFromCivil(parts.year, parts.month, parts.day) % 7) + 11) % 7;
          out += n === 3 ? DAY_NAMES[weekday].slice(0, 3) : DAY_NAMES[weekday];
        } else out += pad(parts.day, n);
        break;
      case 'h':
        out += pad(parts.hour % 12 === 0 ? 12 : parts.hour % 12, Math.min(n, 2));
        break;
      case 'H':
        out += pad(parts.hour, Math.min(n, 2));
        break;
      case 'm':
        out += pad(parts.minute, Math.min(n, 2));
        break;
      case 's':
        out += pad(parts.second, Math.min(n, 2));
        break;
      case 'f':
        out += pad(parts.fraction, 7).slice(0, n);
        break;
      case 'F': {
        const digits = pad(parts.fraction, 7).slice(0, n).replace(/0+$/, '');
        // .NET drops the '.' before an all-zero F fraction as well.
        if (digits === '' && out.endsWith('.')) out = out.slice(0, -1);
        out += digits;
        break;
      }
      case 't':
        out += (parts.hour < 12 ? 'AM' : 'PM').slice(0, n === 1 ? 1 : 2);
        break;
      case 'z': {
        // A value without an offset is rendered with the engine's local zone, which is UTC.
        const offset = parts.offsetMinutes ?? 0;
        const sign = offset < 0 ? '-' : '+';
        const abs = Math.abs(offset);
        const hours = Math.floor(abs / 60);
        out += n === 1 ? sign + hours : n === 2 ? sign + pad(hours, 2) : `${sign}${pad(hours, 2)}:${pad(abs % 60, 2)}`;
        break;
      }
      case 'K':
        if (parts.utc) out += 'Z';
        else if (parts.offsetMinutes !== null) {
          const o = parts.offsetMinutes;
          out += `${o < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(o) / 60), 2)}:${pad(Math.abs(o) % 60, 2)}`;
        }
        break;
      case 'g':
        out += 'A.D.';
        break;
    }
  }
  return out;
}

/**
 * Parses text exactly against a .NET custom format (ParseExact, invariant culture, leading and
 * trailing white space allowed as in the service's default styles). Returns undefined on mismatch.
 * Decision: fields the format does not contain default to 0001-01-01 00:00:00 (.NET would use
 * today's date when no date field is present; a preview must not depend on the clock).
 */
export function parseDateExact(text: string, format: string): DateParts | undefined {
  const tokens = tokenizeFormat(format);
  const s = text.trim();
  const p: DateParts = { year: 1, month: 1, day: 1, hour: 0, minute: 0, second: 0, fraction: 0, offsetMinutes: null, utc: false };
  let pm: boolean | undefined;
  let hour12: number | undefined;
  let i = 0;
  const digits = (min: number, max: number): number | undefined => {
    let j = i;
    while (j < s.length && j - i < max && s.charCodeAt(j) >= 0x30 && s.charCodeAt(j) <= 0x39) j++;
    if (j - i < min) return undefined;
    const value = Number(s.slice(i, j));
    i = j;
    return value;
  };
  for (const t of tokens) {
    if ('literal' in t) {
      if (s.startsWith(t.literal, i)) i += t.literal.length;
      else if (t.literal.trim() === '' && /\s/.test(s[i] ?? '')) while (/\s/.test(s[i] ?? '')) i++;
      else return undefined;
      continue;
    }
    const n = t.count;
    let v: number | undefined;
    switch (t.field) {
      case 'y':
        v = n <= 2 ? digits(n, 2) : digits(n, Math.max(n, 4));
        if (v === undefined) return undefined;
        // .NET's invariant calendar maps two-digit years with a cutoff of 2049.
        p.year = n <= 2 ? (v <= 49 ? 2000 + v : 1900 + v) : v;
        break;
      case 'M':
        if (n >= 3) {
          const name = matchName(s, i, n === 3 ? MONTH_NAMES_FULL.map((m) => m.slice(0, 3)) : MONTH_NAMES_FULL);
          if (!name) return undefined;
          p.month = name.index + 1;
          i += name.length;
        } else {
          v = digits(n, 2);
          if (v === undefined) return undefined;
          p.month = v;
        }
        break;
      case 'd':
        if (n >= 3) {
          const name = matchName(s, i, n === 3 ? DAY_NAMES.map((d) => d.slice(0, 3)) : DAY_NAMES);
          if (!name) return undefined;
          i += name.length;
        } else {
          v = digits(n, 2);
          if (v === undefined) return undefined;
          p.day = v;
        }
        break;
      case 'h':
      case 'H':
      case 'm':
      case 's':
        v = digits(Math.min(n, 2), 2);
        if (v === undefined) return undefined;
        if (t.field === 'h') hour12 = v;
        else if (t.field === 'H') p.hour = v;
        else if (t.field === 'm') p.minute = v;
        else p.second = v;
        break;
      case 'f':
      case 'F': {
        const start = i;
        v = digits(t.field === 'f' ? n : 0, n);
        if (v === undefined) return undefined;
        if (i > start) p.fraction = Number(s.slice(start, i).padEnd(7, '0'));
        break;
      }
      case 't': {
        const word = s.slice(i, i + (n === 1 ? 1 : 2)).toUpperCase();
        if (word === 'AM' || word === 'A') pm = false;
        else if (word === 'PM' || word === 'P') pm = true;
        else return undefined;
        i += word.length;
        break;
      }
      case 'z':
      case 'K': {
        if (t.field === 'K' && (s[i] === 'Z' || s[i] === 'z')) {
          p.offsetMinutes = 0;
          p.utc = true;
          i++;
          break;
        }
        const m = (n >= 3 || t.field === 'K' ? /^([+-])(\d{2}):(\d{2})/ : /^([+-])(\d{1,2})/).exec(s.slice(i));
        if (!m) {
          if (t.field === 'K') break;
          return undefined;
        }
        const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
        if (minutes > 14 * 60) return undefined;
        p.offsetMinutes = m[1] === '-' ? -minutes : minutes;
        i += m[0].length;
        break;
      }
      case 'g':
        if (s.startsWith('A.D.', i)) i += 4;
        else if (s.startsWith('AD', i)) i += 2;
        else return undefined;
        break;
    }
  }
  if (i !== s.length) return undefined;
  if (hour12 !== undefined) {
    if (hour12 < 1 || hour12 > 12) return undefined;
    p.hour = (hour12 % 12) + (pm ? 12 : 0);
  } else if (pm === true && p.hour < 12) {
    // tt with a 24-hour field: .NET accepts it and moves morning hours to the afternoon.
    p.hour += 12;
  }
  return validParts(p) ? p : undefined;
}

function matchName(s: string, at: number, names: readonly string[]): { index: number; length: number } | undefined {
  // Longest first, so "June" is not read as "Jun" + "e".
  let best: { index: number; length: number } | undefined;
  names.forEach((name, index) => {
    if (s.slice(at, at + name.length).toLowerCase() === name.toLowerCase() && (!best || name.length > best.length)) best = { index, length: name.length };
  });
  return best;
}
