/** Conditions and null handling: IIF, Switch, Coalesce, CBool, Not, the Is… tests, IgnoreFlowIfNullOrEmpty, Redact. */
import { ExpressionError } from '../errors';
import type { CallSite, Implementation, Thunk } from '../runtime';
import { fail, mapText, textOf, truthOf } from '../runtime';
import { msg } from '../messages';
import type { Value } from '../values';
import { booleanText, ObjectList, readAttribute, scalarText } from '../values';

function single(site: CallSite): Thunk {
  return site.args[0] as Thunk;
}

function isNullOrEmpty(v: Value): boolean {
  return v === null || v === '';
}

const iif: Implementation = (site) => {
  const [condition, whenTrue, whenFalse] = site.args as Thunk[];
  const attributes = site.attributes;
  return (src, env) => {
    // Decision: the docs say an IIF whose attributes are null or empty cannot be evaluated
    // properly; the preview evaluates every argument eagerly and, when any attribute inside the IIF is
    // null or empty, returns null (nothing flows) with a warning, or fails in strict mode.
    for (const name of attributes) {
      const v = readAttribute(src, name);
      if (v === null || v === '') {
        if (env.options.strict) throw new ExpressionError(msg(v === null ? 'iifAttributeNull' : 'iifAttributeEmpty', name), site.offset);
        env.warn(site.offset, msg(v === null ? 'iifAttributeNullNothingFlows' : 'iifAttributeEmptyNothingFlows', name));
        return null;
      }
    }
    const c = condition(src, env);
    const t = whenTrue(src, env);
    const f = whenFalse(src, env);
    return truthOf(site, c, 0) ? t : f;
  };
};

/** Text of a Switch key or source; null counts as "" (documented: an empty key matches a null source). */
function keyText(site: CallSite, v: Value, index: number): string {
  if (v === null) return '';
  if (typeof v === 'string') return v;
  return textOf(site, v, index);
}

const switchFn: Implementation = (site) => {
  const args = site.args;
  const source = args[0] as Thunk;
  const defaultValue = args[1];
  const pairCount = (args.length - 2) / 2;
  const keyThunks: Thunk[] = [];
  const valueThunks: Thunk[] = [];
  // Literal keys are the norm; their text is computed once here.
  const constantKeys: (string | undefined)[] = [];
  for (let k = 0; k < pairCount; k++) {
    keyThunks.push(args[2 + 2 * k] as Thunk);
    valueThunks.push(args[3 + 2 * k] as Thunk);
    const constant = site.constants[2 + 2 * k];
    constantKeys.push(constant === undefined ? undefined : keyText(site, constant, 2 + 2 * k));
  }
  const lookup = (text: string, src: Parameters<Thunk>[0], env: Parameters<Thunk>[1]): Value => {
    for (let k = 0; k < pairCount; k++) {
      const key = constantKeys[k] ?? keyText(site, keyThunks[k](src, env), 2 + 2 * k);
      // Documented: keys compare case-sensitively (ordinal).
      if (key === text) return valueThunks[k](src, env);
    }
    // Decision: no matching key and no default → null (nothing flows).
    return defaultValue ? defaultValue(src, env) : null;
  };
  return (src, env) => {
    const v = source(src, env);
    if (v === null || typeof v === 'string') return lookup(v ?? '', src, env);
    if (typeof v === 'boolean') return lookup(booleanText(v), src, env);
    return mapText(v, (text) => {
      const result = lookup(text, src, env);
      if (result !== null && typeof result !== 'string' && scalarText(result) === undefined) fail(site, msg('switchValueNotSingle', site.call.name));
      return result;
    });
  };
};

const coalesce: Implementation = (site) => {
  const sources = site.args as Thunk[];
  return (src, env) => {
    // Decision: "" is a value, so it is returned; only null is skipped.
    for (const s of sources) {
      const v = s(src, env);
      if (v !== null) return v;
    }
    return null;
  };
};

const cbool: Implementation = (site) => {
  const input = single(site);
  return (src, env) => truthOf(site, input(src, env), 0);
};

const not: Implementation = (site) => {
  const input = single(site);
  return (src, env) => {
    const v = input(src, env);
    // Decision: null in, null out; otherwise documented: True → False, anything else → True
    // (the Boolean text is read case-insensitively, see values.ts).
    if (v === null) return null;
    if (typeof v === 'boolean') return !v;
    return mapText(v, (text) => text.trim().toLowerCase() !== 'true');
  };
};

function test(predicate: (v: Value) => boolean): Implementation {
  return (site) => {
    const input = single(site);
    return (src, env) => predicate(input(src, env));
  };
}

const ignoreFlow: Implementation = (site) => {
  const input = single(site);
  return (src, env) => {
    const v = input(src, env);
    return isNullOrEmpty(v) ? null : v;
  };
};

export const logicFunctions: Readonly<Record<string, Implementation>> = {
  CBool: cbool,
  Coalesce: coalesce,
  IgnoreFlowIfNullOrEmpty: ignoreFlow,
  IIF: iif,
  // Decision: IsNothing (undocumented, in the service's function schema) is read as IsNull.
  IsNothing: test((v) => v === null),
  IsNull: test((v) => v === null),
  IsNullOrEmpty: test(isNullOrEmpty),
  IsPresent: test((v) => !isNullOrEmpty(v)),
  // Decision (reference IsString): null → False; anything CStr can render (not role objects) → True.
  IsString: test((v) => v !== null && !(v instanceof ObjectList)),
  Not: not,
  Redact: (site) => single(site),
  Switch: switchFn,
};
