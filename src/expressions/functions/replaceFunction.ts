/**
 * Replace (Microsoft's Replace reference): which arguments are filled selects one of five documented modes; the
 * parser has already rejected combinations that match none of them.
 */
import type { CompiledRegex, Replacement } from '../dotnetRegex';
import { compileDotNetRegex, compileReplacement, firstMatchGroup, MAX_REGEX_INPUT, RegexBudgetError, regexReplace, replaceGroupText } from '../dotnetRegex';
import type { CallSite, Implementation, Thunk } from '../runtime';
import { fail, mapText, textOf } from '../runtime';
import { reasonOf } from '../errors';
import { msg } from '../messages';
import type { Value } from '../values';

const SOURCE = 0;
const OLD_VALUE = 1;
const PATTERN = 2;
const GROUP = 3;
const REPLACEMENT = 4;
const REPLACEMENT_ATTRIBUTE = 5;
const TEMPLATE = 6;

function regexFor(site: CallSite, pattern: string): CompiledRegex {
  try {
    return compileDotNetRegex(pattern);
  } catch (e) {
    fail(site, msg('regexUnusable', site.call.name, pattern, reasonOf(e)));
  }
}

function checkLength(site: CallSite, text: string): void {
  if (text.length > MAX_REGEX_INPUT) {
    fail(site, msg('regexInputTooLong', site.call.name, text.length, MAX_REGEX_INPUT));
  }
}

/**
 * Runs one regex operation on `text`; a subject the pattern cannot be run on within its bound fails
 * this evaluation (as the service fails one whose regex hits its time limit).
 */
function bounded<T>(site: CallSite, text: string, run: () => T): T {
  checkLength(site, text);
  try {
    return run();
  } catch (e) {
    if (e instanceof RegexBudgetError) fail(site, msg('regexTooCostly', site.call.name, text.length, e.limit));
    throw e;
  }
}

function groupIndex(site: CallSite, re: CompiledRegex, name: string): number {
  const index = /^\d+$/.test(name) ? re.jsIndexByNumber[Number(name)] : re.jsIndexByName.get(name);
  if (index === undefined) fail(site, msg('regexGroupMissing', site.call.name, name));
  return index;
}

/** Text of a possibly constant argument for one evaluation. */
function argText(site: CallSite, index: number): (src: Parameters<Thunk>[0], env: Parameters<Thunk>[1]) => string | null {
  const constant = site.constants[index];
  if (constant !== undefined) {
    const text = constant === null ? null : textOf(site, constant, index);
    return () => text;
  }
  const thunk = site.args[index] as Thunk;
  return (src, env) => {
    const v = thunk(src, env);
    return v === null ? null : textOf(site, v, index);
  };
}

export const replace: Implementation = (site) => {
  const has = (i: number): boolean => site.args[i] !== undefined;
  const source = site.args[SOURCE] as Thunk;

  if (has(OLD_VALUE)) {
    const oldValue = argText(site, OLD_VALUE);
    if (has(TEMPLATE)) {
      // Mode 2: every occurrence of oldValue in the template becomes the source.
      const template = argText(site, TEMPLATE);
      return (src, env) => {
        const v = source(src, env);
        if (v === null) return null;
        const find = oldValue(src, env);
        const t = template(src, env);
        if (t === null) return null;
        return mapText(v, (text) => (find === null || find === '' ? t : t.split(find).join(text)));
      };
    }
    // Mode 1: plain, case-sensitive replacement of every occurrence.
    const replacement = argText(site, REPLACEMENT);
    return (src, env) => {
      const v = source(src, env);
      if (v === null) return null;
      const find = oldValue(src, env);
      // Decision: an empty or null oldValue finds nothing (.NET would throw on "").
      if (find === null || find === '') return v;
      const by = replacement(src, env) ?? '';
      return mapText(v, (text) => text.split(find).join(by));
    };
  }

  const pattern = argText(site, PATTERN);
  const constantPattern = site.constants[PATTERN];
  const fixedRegex = typeof constantPattern === 'string' ? regexFor(site, constantPattern) : undefined;
  const regexAt = (src: Parameters<Thunk>[0], env: Parameters<Thunk>[1]): CompiledRegex | null => {
    if (fixedRegex) return fixedRegex;
    const p = pattern(src, env);
    return p === null ? null : regexFor(site, p);
  };

  if (has(REPLACEMENT_ATTRIBUTE)) {
    // Mode 5 (current docs): a source with a value flows unchanged; an empty or null source is
    // replaced by the named group of the pattern matched against the replacement attribute.
    const groupName = argText(site, GROUP);
    const other = site.args[REPLACEMENT_ATTRIBUTE] as Thunk;
    return (src, env) => {
      const v = source(src, env);
      if (v !== null && v !== '') return v;
      const re = regexAt(src, env);
      const name = groupName(src, env);
      const fallback = other(src, env);
      if (re === null || name === null || fallback === null) return v;
      const index = groupIndex(site, re, name);
      return mapText(fallback, (text) => bounded(site, text, () => firstMatchGroup(re, index, text)));
    };
  }

  const replacementText = argText(site, REPLACEMENT);
  if (has(GROUP)) {
    // Mode 4: in each match only the named group's text is replaced (by the literal replacement).
    const groupName = argText(site, GROUP);
    return (src, env) => {
      const v = source(src, env);
      if (v === null) return null;
      const re = regexAt(src, env);
      const name = groupName(src, env);
      if (re === null || name === null) return v;
      const index = groupIndex(site, re, name);
      const by = replacementText(src, env) ?? '';
      return mapText(v, (text) => bounded(site, text, () => replaceGroupText(re, index, text, by)));
    };
  }

  // Mode 3: .NET Regex.Replace with a replacement template (${name}, $1 …).
  // Decision: results follow the regex, even where a documented output does not (the mobile
  // example keeps its '+', which the character class does not match).
  const constantReplacement = site.constants[REPLACEMENT];
  const fixedReplacer: Replacement | undefined =
    fixedRegex && typeof constantReplacement === 'string' ? compileReplacement(constantReplacement, fixedRegex) : undefined;
  const apply = (re: CompiledRegex, replacer: Replacement, text: string): string => bounded(site, text, () => regexReplace(re, replacer, text));
  if (fixedRegex && fixedReplacer !== undefined) {
    const re = fixedRegex;
    return (src, env) => {
      const v = source(src, env);
      if (v === null) return null;
      if (typeof v === 'string') return apply(re, fixedReplacer, v);
      return mapText(v, (text) => apply(re, fixedReplacer, text));
    };
  }
  return (src, env) => {
    const v: Value = source(src, env);
    if (v === null) return null;
    const re = regexAt(src, env);
    if (re === null) return v;
    const replacement = replacementText(src, env) ?? '';
    const replacer = compileReplacement(replacement, re);
    return mapText(v, (text) => apply(re, replacer, text));
  };
};
