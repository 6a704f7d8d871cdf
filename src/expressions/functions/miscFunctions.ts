/** Numbers, randomness and directory-dependent functions: BitAnd, Guid, RandomString, SelectUniqueValue, DefaultDomain. */
import type { Implementation, Thunk } from '../runtime';
import { bigIntOf, fail, intOf, optionalText, textOf } from '../runtime';
import { msg } from '../messages';

const bitAnd: Implementation = (site) => {
  const [a, b] = site.args as Thunk[];
  return (src, env) => {
    const x = a(src, env);
    const y = b(src, env);
    if (x === null || y === null) return null;
    // BigInt keeps 64-bit flag values exact; hex literals are read as unsigned. (The docs'
    // explanation misstates &HF's bits, but its result 7 is what this computes.)
    return (bigIntOf(site, x, 0) & bigIntOf(site, y, 1)).toString();
  };
};

const HEX = '0123456789abcdef';

const guid: Implementation = () => (_src, env) => {
  let out = '';
  for (let i = 0; i < 32; i++) {
    let nibble = Math.floor(env.random() * 16) & 15;
    if (i === 12) nibble = 4; // version 4
    if (i === 16) nibble = 8 | (nibble & 3); // RFC 4122 variant
    out += HEX[nibble];
    if (i === 7 || i === 11 || i === 15 || i === 19) out += '-';
  }
  return out;
};

const DIGITS = '0123456789';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
// Non-alphanumeric printable ASCII, as in the Windows password-complexity rules.
const SPECIAL = '~!@#$%^&*_-+=`|\\(){}[]:;"\'<>,.?/';
const MAX_RANDOM_LENGTH = 256;

const randomString: Implementation = (site) => {
  const args = site.args;
  return (src, env) => {
    const numbers: number[] = [];
    for (let i = 0; i < 5; i++) numbers.push(intOf(site, (args[i] as Thunk)(src, env), i));
    const [length, minDigits, minSpecial, minUpper, minLower] = numbers;
    const avoid = args[5] ? (optionalText(site, (args[5] as Thunk)(src, env), 5) ?? '') : '';
    if (length < 1 || length > MAX_RANDOM_LENGTH) fail(site, msg('randomLength', site.call.name, MAX_RANDOM_LENGTH, length));
    if (numbers.slice(1).some((n) => n < 0)) fail(site, msg('randomNegativeMinimum', site.call.name));
    // Decision: MinimumLowerCase is part of the required sum, as the examples respect it.
    if (minDigits + minSpecial + minUpper + minLower > length) {
      fail(site, msg('randomMinimumsTooLarge', site.call.name, minDigits + minSpecial + minUpper + minLower, length));
    }
    const keep = (set: string): string => [...set].filter((ch) => !avoid.includes(ch)).join('');
    const sets = [keep(DIGITS), keep(SPECIAL), keep(UPPER), keep(LOWER)];
    const minimums = [minDigits, minSpecial, minUpper, minLower];
    const all = sets.join('');
    const pick = (set: string): string => set[Math.floor(env.random() * set.length) % set.length];
    const chars: string[] = [];
    sets.forEach((set, i) => {
      if (minimums[i] > 0 && set === '') fail(site, msg('randomAvoidsRequiredKind', site.call.name));
      for (let k = 0; k < minimums[i]; k++) chars.push(pick(set));
    });
    if (all === '') fail(site, msg('randomAvoidsEverything', site.call.name));
    while (chars.length < length) chars.push(pick(all));
    for (let i = chars.length - 1; i > 0; i--) {
      const j = Math.floor(env.random() * (i + 1)) % (i + 1);
      [chars[i], chars[j]] = [chars[j], chars[i]];
    }
    return chars.join('');
  };
};

const selectUniqueValue: Implementation = (site) => {
  const rules = site.args as Thunk[];
  return (src, env) => {
    const isTaken = env.options.isTaken;
    for (let i = 0; i < rules.length; i++) {
      const v = rules[i](src, env);
      if (v === null) continue;
      const text = textOf(site, v, i);
      if (!isTaken || !isTaken(text)) return text;
    }
    fail(site, msg('uniqueValueEscrow', site.call.name));
  };
};

const defaultDomain: Implementation = (site) => (_src, env) => {
  const domain = env.options.defaultDomain;
  if (domain === undefined) fail(site, msg('defaultDomainUnknown', site.call.name));
  return domain;
};

export const miscFunctions: Readonly<Record<string, Implementation>> = {
  BitAnd: bitAnd,
  DefaultDomain: defaultDomain,
  Guid: guid,
  RandomString: randomString,
  SelectUniqueValue: selectUniqueValue,
};
