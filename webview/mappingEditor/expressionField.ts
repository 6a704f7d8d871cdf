/**
 * The expression input: a text area with the engine's error underlined in place, under the exact
 * characters, as you type, function/attribute completion (Ctrl+Space, or automatically while typing a name) and
 * signature help for the call the caret is in. Keyboard: arrows move in the list, Enter/Tab accept,
 * Escape closes it.
 */
import { completeExpression, signatureAt } from '../../src/shared/mappingEditor/completion';
import type { CompletionItem } from '../../src/shared/mappingEditor/completion';
import type { FunctionHelpKey } from '../../src/expressions/functionCatalog';
import { fillTemplate } from '../../src/expressions/messages';
import type { Issue } from '../../src/shared/mappingEditor/validation';
import { h } from '../components';

export interface ExpressionFieldOptions {
  readonly label: string;
  readonly value: string;
  readonly attributes: () => readonly string[];
  readonly onInput: (value: string) => void;
  readonly strings: { readonly signature: string; readonly completionHint: string; readonly errorAt: string };
  /** An expression issue's engine message in the user's language. */
  readonly messageText: (issue: Issue) => string;
  /** A function's or parameter's help in the user's language (the English text when none came). */
  readonly helpText: (key: FunctionHelpKey, english: string) => string;
}

export interface ExpressionField {
  readonly element: HTMLElement;
  /** Shows the issues of the current text (called after each edit with the fresh validation). */
  showIssues(issues: readonly Issue[]): void;
  focus(): void;
}

export function expressionField(options: ExpressionFieldOptions): ExpressionField {
  const input = h('textarea', {
    id: 'expression-input',
    class: 'expression-input',
    rows: '3',
    spellcheck: 'false',
    autocomplete: 'off',
    'aria-label': options.label,
    'aria-autocomplete': 'list',
    'aria-controls': 'expression-completions',
    'data-testid': 'expression-input',
  });
  input.value = options.value;
  const marker = h('div', { class: 'expression-marker', 'data-testid': 'expression-marker', 'aria-hidden': 'true' });
  const message = h('div', { class: 'expression-message', role: 'status', 'aria-live': 'polite', 'data-testid': 'expression-error' });
  const signature = h('div', { class: 'signature-help', 'data-testid': 'signature-help' });
  const list = h('ul', { id: 'expression-completions', class: 'completions', role: 'listbox', 'aria-label': options.label, hidden: true });
  const hint = h('div', { class: 'hint' }, options.strings.completionHint);
  const box = h('div', { class: 'expression-box' }, input, marker);
  const element = h('div', { class: 'expression-field' }, h('label', { for: 'expression-input' }, options.label), box, message, signature, list, hint);

  // The squiggle layer covers the text area's client box (inside the border, left of a scrollbar),
  // so both wrap the text at the same width, and it scrolls with it.
  function placeMarker(): void {
    marker.style.top = `${input.offsetTop + input.clientTop}px`;
    marker.style.left = `${input.offsetLeft + input.clientLeft}px`;
    marker.style.width = `${input.clientWidth}px`;
    marker.style.height = `${input.clientHeight}px`;
    marker.scrollTop = input.scrollTop;
  }
  input.addEventListener('scroll', () => {
    marker.scrollTop = input.scrollTop;
  });
  new ResizeObserver(placeMarker).observe(input);

  let items: readonly CompletionItem[] = [];
  let replaceStart = 0;
  let active = 0;

  function closeList(): void {
    items = [];
    list.hidden = true;
    list.replaceChildren();
    input.removeAttribute('aria-activedescendant');
  }

  function renderList(): void {
    list.replaceChildren(
      ...items.slice(0, 50).map((item, i) => {
        // A function's help is its tooltip and what a screen reader adds to the name.
        const help = item.help ? options.helpText(item.help.key, item.help.text) : undefined;
        const li = h('li', { id: `completion-${i}`, role: 'option', class: i === active ? 'active' : '', 'aria-selected': i === active ? 'true' : 'false', title: help, 'aria-description': help }, h('span', { class: 'completion-label' }, item.label), h('span', { class: 'completion-detail' }, item.detail));
        li.addEventListener('mousedown', (e) => {
          e.preventDefault();
          accept(i);
        });
        return li;
      }),
    );
    list.hidden = items.length === 0;
    if (items.length) input.setAttribute('aria-activedescendant', `completion-${active}`);
  }

  function suggest(explicit: boolean): void {
    const caret = input.selectionStart ?? input.value.length;
    const result = completeExpression(input.value, caret, options.attributes());
    const typed = input.value.slice(result.replaceStart, caret);
    if (!explicit && typed.length === 0 && input.value[result.replaceStart - 1] !== '[') {
      closeList();
      return;
    }
    items = result.items;
    replaceStart = result.replaceStart;
    active = 0;
    renderList();
  }

  function accept(index: number): void {
    const item = items[index];
    if (!item) return;
    const caret = input.selectionStart ?? input.value.length;
    input.value = input.value.slice(0, replaceStart) + item.insertText + input.value.slice(caret);
    const position = replaceStart + item.insertText.length;
    input.setSelectionRange(position, position);
    closeList();
    changed();
  }

  function updateSignature(): void {
    const help = signatureAt(input.value, input.selectionStart ?? input.value.length);
    if (!help) {
      signature.replaceChildren();
      return;
    }
    signature.replaceChildren(
      h('span', { class: 'signature-label' }, `${options.strings.signature}: `),
      h('code', {}, help.signature),
      help.parameter
        ? h('span', { class: 'signature-parameter' }, ` — ${help.parameter.name}: ${options.helpText(help.parameter.helpKey, help.parameter.help)}`)
        : ` — ${options.helpText(help.helpKey, help.help)}`,
    );
  }

  function changed(): void {
    options.onInput(input.value);
    updateSignature();
  }

  input.addEventListener('input', () => {
    changed();
    suggest(false);
  });
  input.addEventListener('click', updateSignature);
  input.addEventListener('keyup', (e) => {
    if (['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(e.key)) updateSignature();
  });
  input.addEventListener('blur', () => setTimeout(closeList, 100));
  input.addEventListener('keydown', (e) => {
    if (e.key === ' ' && e.ctrlKey) {
      e.preventDefault();
      suggest(true);
      return;
    }
    if (items.length === 0) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      active = (active + (e.key === 'ArrowDown' ? 1 : -1) + Math.min(items.length, 50)) % Math.min(items.length, 50);
      renderList();
    } else if (e.key === 'Enter' || e.key === 'Tab') {
      e.preventDefault();
      accept(active);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      closeList();
    }
  });

  function showIssues(issues: readonly Issue[]): void {
    const error = issues.find((i) => i.field === 'expression' && i.severity === 'error' && i.offset !== undefined);
    const first = error ?? issues.find((i) => i.field === 'expression');
    input.classList.toggle('invalid', Boolean(error));
    input.setAttribute('aria-invalid', error ? 'true' : 'false');
    if (!first || first.offset === undefined) {
      marker.replaceChildren();
      message.replaceChildren();
      message.className = 'expression-message';
      return;
    }
    const text = input.value;
    const start = Math.min(first.offset, text.length);
    const end = Math.max(start + 1, Math.min(first.end ?? start + 1, text.length));
    // The text again, with the problem's characters underlined (a space stands for "at the end").
    // A text area shows a line after a final newline; pre-wrap text does not without a character on it.
    const tail = text.slice(end) + (text.endsWith('\n') ? '\u200b' : '');
    marker.replaceChildren(text.slice(0, start), h('span', { class: error ? 'error-range' : 'warning-range', 'data-testid': 'error-range' }, text.slice(start, end) || ' '), tail);
    placeMarker();
    message.className = `expression-message ${error ? 'error' : 'warning'}`;
    message.textContent = fillTemplate(options.strings.errorAt, [String(start + 1), options.messageText(first)]);
  }

  updateSignature();
  return { element, showIssues, focus: () => input.focus() };
}
