/**
 * .NET-compatible casing (Microsoft's ToLower, ToUpper and PCase reference). JS casing differs from .NET
 * invariant casing: JS applies full mappings (ß → SS, İ → i̇) and context rules (final sigma); .NET maps
 * each character to exactly one character. These helpers keep the one-to-one behaviour.
 */

const ASCII_ONLY = /^[\x00-\x7f]*$/;

function mapOneToOne(text: string, map: (ch: string) => string, special?: Readonly<Record<string, string>>): string {
  let out = '';
  for (const ch of text) {
    const fixed = special?.[ch];
    if (fixed !== undefined) {
      out += fixed;
      continue;
    }
    const mapped = map(ch);
    // A mapping that changes the length (ß → SS, ŉ → ʼN) is a full mapping .NET does not apply.
    out += mapped.length === ch.length ? mapped : ch;
  }
  return out;
}

// .NET's invariant casing leaves the Turkish dotted/dotless i alone (only tr/az cultures map them).
const INVARIANT_KEEP: Readonly<Record<string, string>> = { 'İ': 'İ', 'ı': 'ı' };
const TURKIC_LOWER: Readonly<Record<string, string>> = { I: 'ı', 'İ': 'i' };
const TURKIC_UPPER: Readonly<Record<string, string>> = { i: 'İ', 'ı': 'I' };

const CULTURE_NAME = /^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$/;

function isTurkic(culture: string | undefined): boolean {
  return culture !== undefined && /^(?:tr|az)(?:-|$)/i.test(culture);
}

/** Checks a culture argument; returns an error reason or undefined when acceptable. */
export function cultureProblem(culture: string): string | undefined {
  return culture === '' || CULTURE_NAME.test(culture) ? undefined : `"${culture}" is not a culture name such as en-US or tr-TR`;
}

/**
 * Lower-cases like .NET: invariant when no culture (or ""), Turkish/Azeri dotted-i rules for tr/az.
 * Decision: other named cultures case like the invariant culture; .NET differs for them only in rare
 * characters.
 */
export function toLowerDotNet(text: string, culture?: string): string {
  const turkic = isTurkic(culture);
  if (!turkic && ASCII_ONLY.test(text)) return text.toLowerCase();
  return mapOneToOne(text, (ch) => ch.toLowerCase(), turkic ? TURKIC_LOWER : INVARIANT_KEEP);
}

/** Upper-cases like .NET (see {@link toLowerDotNet}); `straße` stays `STRAßE`. */
export function toUpperDotNet(text: string, culture?: string): string {
  const turkic = isTurkic(culture);
  if (!turkic && ASCII_ONLY.test(text)) return text.toUpperCase();
  return mapOneToOne(text, (ch) => ch.toUpperCase(), turkic ? TURKIC_UPPER : INVARIANT_KEEP);
}

// Title-case forms that differ from upper case (the Latin digraph letters).
const TITLE_CASE: Readonly<Record<string, string>> = {
  'Ǆ': 'ǅ', 'ǅ': 'ǅ', 'ǆ': 'ǅ',
  'Ǉ': 'ǈ', 'ǈ': 'ǈ', 'ǉ': 'ǈ',
  'Ǌ': 'ǋ', 'ǋ': 'ǋ', 'ǌ': 'ǋ',
  'Ǳ': 'ǲ', 'ǲ': 'ǲ', 'ǳ': 'ǲ',
};

function titleCaseChar(ch: string): string {
  return TITLE_CASE[ch] ?? toUpperDotNet(ch);
}

const LETTER = /^\p{L}$/u;
// Categories .NET's ToTitleCase treats as part of a word although they are not letters: marks,
// numbers, private use, surrogates and unassigned code points. Everything else separates words.
const WORD_INTERNAL = /^[\p{M}\p{N}\p{Co}\p{Cs}\p{Cn}]$/u;

/**
 * PCase. Without separators it emulates .NET TextInfo.ToTitleCase on the lower-cased input
 * Decision: an ASCII apostrophe stays inside a word (`o'neil` → `O'neil`) and digits are part
 * of a word without starting one (`3rd` → `3Rd`). With separators, each character of `separators`
 * ends a word and the first character of every word is upper-cased.
 */
export function properCase(text: string, separators?: string): string {
  const lower = toLowerDotNet(text);
  let out = '';
  if (separators !== undefined) {
    let atWordStart = true;
    for (const ch of lower) {
      if (separators.includes(ch)) {
        out += ch;
        atWordStart = true;
      } else {
        out += atWordStart ? titleCaseChar(ch) : ch;
        atWordStart = false;
      }
    }
    return out;
  }
  let inWord = false;
  for (const ch of lower) {
    if (inWord) {
      if (LETTER.test(ch) || ch === "'" || WORD_INTERNAL.test(ch)) {
        out += ch;
        continue;
      }
      inWord = false;
      out += ch;
      continue;
    }
    if (LETTER.test(ch)) {
      out += titleCaseChar(ch);
      inWord = true;
    } else {
      out += ch;
    }
  }
  return out;
}
