/**
 * Completion and signature help for the expression field, from the engine's function descriptions
 * and the source directory's attributes. Works on partial (unparseable) text: it scans up to the caret.
 */
import { describeFunction, functionDescriptions } from '../../expressions';
import { functionHelpKey, parameterAt } from '../../expressions/functionCatalog';
import type { FunctionDescription, FunctionHelpKey } from '../../expressions';

export interface CompletionItem {
  readonly kind: 'function' | 'attribute';
  /** What the list shows. */
  readonly label: string;
  /** Text that replaces [replaceStart, caret). */
  readonly insertText: string;
  readonly detail: string;
  /** A function's English help and the key of its localized text. */
  readonly help?: { readonly text: string; readonly key: FunctionHelpKey };
}

export interface CompletionResult {
  /** Where the word being completed starts. */
  readonly replaceStart: number;
  readonly items: readonly CompletionItem[];
}

export interface SignatureHelp {
  readonly functionName: string;
  readonly signature: string;
  /** English help; `helpKey` finds it among the localized strings the extension sends. */
  readonly help: string;
  readonly helpKey: FunctionHelpKey;
  /** The parameter the caret is in, when the function has one there. */
  readonly parameter?: { readonly index: number; readonly name: string; readonly help: string; readonly helpKey: FunctionHelpKey };
}

interface ScanState {
  /** Unclosed `(` positions with the identifier before them. */
  readonly calls: { name: string; commas: number }[];
  /** Start of an unclosed `[`, or -1. */
  readonly bracketStart: number;
  readonly inString: boolean;
  /** Start of the identifier the caret is in or right after, or -1. */
  readonly wordStart: number;
}

function scan(text: string, caret: number): ScanState {
  const calls: { name: string; commas: number }[] = [];
  let bracketStart = -1;
  let inString = false;
  let wordStart = -1;
  for (let i = 0; i < caret; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (bracketStart >= 0) {
      if (ch === ']') bracketStart = -1;
      continue;
    }
    if (/[A-Za-z0-9_]/.test(ch)) {
      if (wordStart < 0) wordStart = i;
      continue;
    }
    const word = wordStart >= 0 ? text.slice(wordStart, i) : '';
    wordStart = -1;
    if (ch === '"') inString = true;
    else if (ch === '[') bracketStart = i;
    else if (ch === '(') calls.push({ name: word || text.slice(0, i).trimEnd().match(/[A-Za-z0-9_]+$/)?.[0] || '', commas: 0 });
    else if (ch === ')') calls.pop();
    else if (ch === ',' && calls.length) calls[calls.length - 1].commas++;
  }
  return { calls, bracketStart, inString, wordStart };
}

/**
 * Completion items at the caret: attribute names inside `[…`, function names where an identifier is
 * being typed (or at the start of an argument). None inside string constants.
 */
export function completeExpression(text: string, caret: number, attributes: readonly string[]): CompletionResult {
  const state = scan(text, caret);
  if (state.inString) return { replaceStart: caret, items: [] };
  if (state.bracketStart >= 0) {
    const prefix = text.slice(state.bracketStart + 1, caret).toLowerCase();
    const items = attributes
      .filter((a) => a.toLowerCase().includes(prefix))
      .sort((a, b) => Number(!a.toLowerCase().startsWith(prefix)) - Number(!b.toLowerCase().startsWith(prefix)) || a.localeCompare(b))
      .map((a) => ({ kind: 'attribute' as const, label: a, insertText: `${a}]`, detail: '' }));
    return { replaceStart: state.bracketStart + 1, items };
  }
  const start = state.wordStart >= 0 ? state.wordStart : caret;
  const prefix = text.slice(start, caret).toLowerCase();
  const before = text.slice(0, start).trimEnd();
  const atArgumentStart = before === '' || /[(,]$/.test(before);
  if (!prefix && !atArgumentStart) return { replaceStart: caret, items: [] };
  if (/^\d/.test(prefix)) return { replaceStart: caret, items: [] };
  const items = functionDescriptions
    .filter((d) => d.name.toLowerCase().startsWith(prefix))
    .map((d: FunctionDescription) => ({ kind: 'function' as const, label: d.name, insertText: `${d.name}(`, detail: d.signature, help: { text: d.help, key: functionHelpKey(d.name) } }));
  return { replaceStart: start, items };
}

/** The function call the caret is in and which parameter it is at. */
export function signatureAt(text: string, caret: number): SignatureHelp | undefined {
  const state = scan(text, caret);
  for (let i = state.calls.length - 1; i >= 0; i--) {
    const call = state.calls[i];
    const description = describeFunction(call.name);
    if (!description) continue;
    const parameter = parameterAt(description, call.commas);
    return {
      functionName: description.name,
      signature: description.signature,
      help: description.help,
      helpKey: functionHelpKey(description.name),
      parameter: parameter ? { index: call.commas, name: parameter.name, help: parameter.help, helpKey: functionHelpKey(description.name, parameter.name) } : undefined,
    };
  }
  return undefined;
}
