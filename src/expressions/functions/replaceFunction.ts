/**
 * Replace (Microsoft's Replace reference): which arguments are filled selects one of five documented modes; the
 * parser has already rejected combinations that match none of them.
 */
import type { CompiledRegex, Replacer } from '../dotnetRegex';
import { compileDotNetRegex, compileReplacement, indexedRegex, MAX_REGEX_INPUT } from '../dotnetRegex';
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

function groupIndex(site: CallSite, re: CompiledRegex, name: string): number {
  const index = /^\d+$/.test(name) ? re.jsIndexByNumber[Number(name)] : re.jsIndexByName.get(name);
  if (index === undefined) fail(site, msg('regexGroupMissing', site.call.name, name));
  return index;
}

/** Replaces, in every match, only the text captured by one group (mode 4). */
function replaceGroup(re: CompiledRegex, index: number, text: string, replacement: string): string {
  const regex = indexedRegex(re);
  regex.lastIndex = 0;
  let out = '';
  let last = 0;
  for (let m = regex.exec(text); m; m = regex.exec(text)) {
    const span = m.indices?.[index];
    if (span) {
      out += text.slice(last, span[0]) + replacement;
      last = span[1];
    }
    if (m[0] === '') regex.lastIndex++;
  }
  return out + text.slice(last);
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
      return mapText(fallback, (text) => {
        checkLength(site, text);
        re.global.lastIndex = 0;
        const m = re.global.exec(text);
        re.global.lastIndex = 0;
        // .NET gives "" for a group that did not take part in the match.
        return m?.[index] ?? '';
      });
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
      return mapText(v, (text) => {
        checkLength(site, text);
        return replaceGroup(re, index, text, by);
      });
    };
  }

  // Mode 3: .NET Regex.Replace with a replacement template (${name}, $1 …).
  // Decision: results follow the regex, even where a documented output does not (the mobile
  // example keeps its '+', which the character class does not match).
  const constantReplacement = site.constants[REPLACEMENT];
  const fixedReplacer: Replacer | undefined =
    fixedRegex && typeof constantReplacement === 'string' ? compileReplacement(constantReplacement, fixedRegex) : undefined;
  const apply = (re: CompiledRegex, replacer: Replacer, text: string): string => {
    checkLength(site, text);
    return text.replace(re.global, replacer as string);
  };
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
