/** String functions: Append, Prepend, CStr, Join, Left, Mid, Word, InStr, Split, StripSpaces, casing, encodings. */
import { cultureProblem, properCase, toLowerDotNet, toUpperDotNet } from '../casing';
import { normalizeDiacritics } from '../diacritics';
import { base64Utf16Le, utf8Hex } from '../encoding';
import type { CallSite, Implementation, Thunk } from '../runtime';
import { fail, intOf, mapText, optionalText, textOf } from '../runtime';
import { msg } from '../messages';
import type { Value } from '../values';
import { isList, listItems, scalarText } from '../values';

/**
 * A function of one text input (argument `primary`) and other arguments computed once per call.
 * Decision: a null primary input gives null (nothing flows) unless the docs define otherwise.
 */
function textFunction(site: CallSite, primary: number, body: (text: string, others: readonly Value[]) => Value, nullResult: Value = null): Thunk {
  const args = site.args;
  const input = args[primary] as Thunk;
  const others = args.map((a, i) => (i === primary ? undefined : a));
  const hasOthers = others.some((a) => a !== undefined);
  if (!hasOthers) {
    const none: readonly Value[] = args.map(() => null);
    return (src, env) => {
      const v = input(src, env);
      return v === null ? nullResult : mapText(v, (text) => body(text, none));
    };
  }
  return (src, env) => {
    const v = input(src, env);
    if (v === null) return nullResult;
    const values = others.map((a) => (a ? a(src, env) : null));
    return mapText(v, (text) => body(text, values));
  };
}

const append: Implementation = (site) =>
  textFunction(site, 0, (text, [, suffix]) => {
    // Decision: a null suffix adds nothing (the source still flows).
    return suffix === null ? text : text + textOf(site, suffix, 1);
  });

const prepend: Implementation = (site) =>
  textFunction(site, 1, (text, [prefix]) => (prefix === null ? text : textOf(site, prefix, 0) + text));

const cstr: Implementation = (site) => textFunction(site, 0, (text) => text);

const join: Implementation = (site) => {
  const [separatorThunk, ...sources] = site.args as Thunk[];
  const constantSeparator = site.constants[0];
  return (src, env) => {
    const sepValue = constantSeparator !== undefined ? constantSeparator : separatorThunk(src, env);
    // Decision: a null separator joins with nothing in between.
    const sep = sepValue === null ? '' : typeof sepValue === 'string' ? sepValue : textOf(site, sepValue, 0);
    let out: string | undefined;
    let sawValue = false;
    for (let i = 0; i < sources.length; i++) {
      const v = sources[i](src, env);
      if (v === null) continue; // Decision: null sources are skipped like empty ones.
      sawValue = true;
      if (typeof v === 'string') {
        if (v !== '') out = out === undefined ? v : out + sep + v;
      } else if (isList(v)) {
        for (const item of listItems(v)) if (item !== '') out = out === undefined ? item : out + sep + item;
      } else {
        const text = scalarText(v) as string;
        out = out === undefined ? text : out + sep + text;
      }
    }
    // Decision: when every source is null nothing flows (null); when some were empty the result is "".
    return out ?? (sawValue ? '' : null);
  };
};

const left: Implementation = (site) =>
  textFunction(
    site,
    0,
    (text, [, count]) => {
      const n = intOf(site, count, 1);
      // Documented: 0 → "", negative → whole input, more than the length → whole input.
      return n < 0 ? text : text.slice(0, n);
    },
    '', // Documented: a null string gives "".
  );

const mid: Implementation = (site) =>
  textFunction(site, 0, (text, [, startValue, lengthValue]) => {
    const start = intOf(site, startValue, 1);
    const length = intOf(site, lengthValue, 2);
    // Decision (reference Mid): the Connect-sync edges — length 0 → "", negative length, start ≤ 0 or
    // start past the end → the input unchanged; past-the-end lengths stop at the end.
    if (length === 0) return '';
    if (length < 0 || start <= 0 || start > text.length) return text;
    return text.slice(start - 1, start - 1 + length);
  });

const word: Implementation = (site) =>
  textFunction(
    site,
    0,
    (text, [, numberValue, delimitersValue]) => {
      const n = intOf(site, numberValue, 1);
      const delimiters = optionalText(site, delimitersValue, 2) ?? '';
      if (n < 1) return '';
      // Decision: a string without delimiters is one word; empty words between consecutive
      // delimiters are skipped.
      let index = 0;
      let start = -1;
      for (let i = 0; i <= text.length; i++) {
        const isDelimiter = i === text.length || delimiters.includes(text[i]);
        if (!isDelimiter) {
          if (start < 0) start = i;
          continue;
        }
        if (start >= 0) {
          index++;
          if (index === n) return text.slice(start, i);
          start = -1;
        }
      }
      return '';
    },
    '', // Documented: a null string gives "".
  );

const inStr: Implementation = (site) =>
  textFunction(site, 0, (haystack, [, needleValue, startValue, compareValue]) => {
    if (needleValue === null) return null;
    const needle = textOf(site, needleValue, 1);
    const start = startValue === null ? 1 : intOf(site, startValue, 2);
    if (start < 1) fail(site, msg('startTooSmall', site.call.name));
    const compare = compareValue === null ? 'vbbinarycompare' : textOf(site, compareValue, 3).toLowerCase();
    // Decision (reference InStr): binary (case-sensitive) comparison by default, as in VB.
    let textCompare: boolean;
    if (compare === 'vbbinarycompare' || compare === '0') textCompare = false;
    else if (compare === 'vbtextcompare' || compare === '1') textCompare = true;
    else fail(site, msg('compareTypeUnknown', site.call.name, compare));
    if (start > haystack.length + 1) return '0';
    const a = textCompare ? toLowerDotNet(haystack) : haystack;
    const b = textCompare ? toLowerDotNet(needle) : needle;
    return String(a.indexOf(b, start - 1) + 1);
  });

const split: Implementation = (site) => {
  const body = (text: string, [, delimiterValue]: readonly Value[]): Value => {
    const delimiter = optionalText(site, delimiterValue, 1) ?? '';
    // Decision: split on the whole delimiter text without trimming the parts (.NET String.Split).
    return delimiter === '' ? [text] : text.split(delimiter);
  };
  return textFunction(site, 0, body);
};

const stripSpaces: Implementation = (site) => textFunction(site, 0, (text) => (text.includes(' ') ? text.replaceAll(' ', '') : text));

function casing(convert: (text: string, culture?: string) => string): Implementation {
  return (site) =>
    textFunction(site, 0, (text, [, cultureValue]) => {
      const culture = optionalText(site, cultureValue, 1);
      if (culture !== undefined) {
        if (cultureProblem(culture)) fail(site, msg('cultureUnknown', site.call.name, culture));
      }
      return convert(text, culture || undefined);
    });
}

const pCase: Implementation = (site) =>
  textFunction(site, 0, (text, [, separators]) => properCase(text, separators === null ? undefined : textOf(site, separators, 1)));

export const textFunctions: Readonly<Record<string, Implementation>> = {
  Append: append,
  ConvertToBase64: (site) => textFunction(site, 0, base64Utf16Le),
  ConvertToUTF8Hex: (site) => textFunction(site, 0, utf8Hex),
  CStr: cstr,
  InStr: inStr,
  Join: join,
  Left: left,
  Mid: mid,
  NormalizeDiacritics: (site) => textFunction(site, 0, normalizeDiacritics),
  PCase: pCase,
  Prepend: prepend,
  Split: split,
  StripSpaces: stripSpaces,
  ToLower: casing(toLowerDotNet),
  ToUpper: casing(toUpperDotNet),
  Word: word,
};
