/** Multi-valued functions: Count, Item, RemoveDuplicates. */
import type { Implementation, Thunk } from '../runtime';
import { fail, intOf, itemsOf } from '../runtime';
import { msg } from '../messages';
import { isList, listItems } from '../values';

const count: Implementation = (site) => {
  const input = site.args[0] as Thunk;
  // Decision (reference Count): a single value counts 1, null counts 0.
  return (src, env) => String(itemsOf(input(src, env)).length);
};

const item: Implementation = (site) => {
  const [input, indexThunk] = site.args as Thunk[];
  return (src, env) => {
    const v = input(src, env);
    const index = intOf(site, indexThunk(src, env), 1);
    if (v === null) return null;
    const items = itemsOf(v);
    // Decision: index 0 or past the end is an error (the docs' "do not use 0"; Connect raises).
    if (index < 1 || index > items.length) fail(site, msg('indexOutOfRange', site.call.name, index, items.length));
    return items[index - 1];
  };
};

const removeDuplicates: Implementation = (site) => {
  const input = site.args[0] as Thunk;
  return (src, env) => {
    const v = input(src, env);
    if (v === null || !isList(v)) return v;
    // Decision (reference RemoveDuplicates): first occurrences kept, ordinal (case-sensitive) comparison.
    return [...new Set(listItems(v))];
  };
};

export const listFunctions: Readonly<Record<string, Implementation>> = {
  Count: count,
  Item: item,
  RemoveDuplicates: removeDuplicates,
};
