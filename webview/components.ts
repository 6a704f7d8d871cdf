/**
 * The one place the webview's component library is chosen and registered. Everything else builds UI
 * through these factories, so swapping the library (the toolkit is deprecated upstream) means
 * changing this file only.
 */
import {
  provideVSCodeDesignSystem,
  vsCodeBadge,
  vsCodeButton,
  vsCodeCheckbox,
  vsCodeDivider,
  vsCodeDropdown,
  vsCodeOption,
  vsCodePanels,
  vsCodePanelTab,
  vsCodePanelView,
  vsCodeProgressRing,
  vsCodeTextField,
} from '@vscode/webview-ui-toolkit';

let registered = false;
let nextId = 0;

/** Registers the components once. */
export function registerComponents(): void {
  if (registered) return;
  registered = true;
  provideVSCodeDesignSystem().register(
    vsCodeBadge(), vsCodeButton(), vsCodeCheckbox(), vsCodeDivider(), vsCodeDropdown(), vsCodeOption(),
    vsCodePanels(), vsCodePanelTab(), vsCodePanelView(), vsCodeProgressRing(), vsCodeTextField(),
  );
}

type Attrs = Record<string, string | boolean | undefined>;

/** Creates an element with attributes (false/undefined ones left out) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs, ...children: (Node | string | null | undefined | false)[]): HTMLElementTagNameMap[K];
export function h(tag: string, attrs?: Attrs, ...children: (Node | string | null | undefined | false)[]): HTMLElement;
export function h(tag: string, attrs: Attrs = {}, ...children: (Node | string | null | undefined | false)[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) element.append(child);
  return element;
}

/** A button; `appearance` is the library's primary/secondary/icon look. */
export function button(label: string, onClick: () => void, options: { appearance?: 'primary' | 'secondary' | 'icon'; title?: string; disabled?: boolean; testId?: string } = {}): HTMLElement {
  const b = h('vscode-button', { appearance: options.appearance ?? 'secondary', title: options.title, 'aria-label': options.title ?? label, disabled: options.disabled, 'data-testid': options.testId }, label);
  b.addEventListener('click', () => {
    if (!b.hasAttribute('disabled')) onClick();
  });
  return b;
}

/**
 * A compact icon-like button for per-row actions. A native button styled with the theme's variables:
 * a list of a hundred rows would otherwise create hundreds of library components on open.
 */
export function rowButton(symbol: string, title: string, onClick: () => void, disabled = false): HTMLElement {
  const b = h('button', { class: 'row-button', title, 'aria-label': title, disabled }, symbol);
  b.addEventListener('click', onClick);
  return b;
}

/** A one-line text field; `onInput` fires per keystroke. */
export function textField(label: string, value: string, onInput: (value: string) => void, options: { placeholder?: string; testId?: string; type?: string; size?: string } = {}): HTMLElement & { value: string } {
  const f = h('vscode-text-field', { placeholder: options.placeholder, 'data-testid': options.testId, type: options.type, size: options.size }, label) as HTMLElement & { value: string };
  f.value = value;
  f.addEventListener('input', () => onInput(f.value));
  return f;
}

/** A checkbox. */
export function checkbox(label: string, checked: boolean, onChange: (checked: boolean) => void, testId?: string): HTMLElement {
  const c = h('vscode-checkbox', { checked, 'data-testid': testId }, label) as HTMLElement & { checked: boolean };
  c.addEventListener('change', () => onChange(c.checked));
  return c;
}

// The library's drop-down loses the selection of an option whose value is empty: use a stand-in.
const NONE = '\u2205';

/** A drop-down of options (value, label); the current value is selected. An empty value means "none". */
export function dropdown(label: string, options: readonly (readonly [string, string])[], value: string, onChange: (value: string) => void, testId?: string): HTMLElement {
  const wrapper = h('div', { class: 'field' });
  const id = `dd-${++nextId}`;
  wrapper.append(h('label', { for: id }, label));
  const d = h('vscode-dropdown', { id, 'data-testid': testId, 'aria-label': label }) as HTMLElement & { value: string };
  const wanted = value === '' ? NONE : value;
  for (const [v, text] of options) d.append(h('vscode-option', { value: v === '' ? NONE : v, selected: v === value }, text));
  let settling = true;
  d.addEventListener('change', () => {
    if (!settling) onChange(d.value === NONE ? '' : d.value);
  });
  // Once connected, make sure the shown value is the document's (without reporting it as a change).
  requestAnimationFrame(() => {
    if (d.value !== wanted) d.value = wanted;
    settling = false;
  });
  wrapper.append(d);
  return wrapper;
}

/**
 * A target attribute's name that keeps its end visible when cut: long SCIM names share their start
 * (`urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:…`) and differ at the end. The whole
 * name is in the tooltip.
 */
export function targetName(name: string, placeholder = '—'): HTMLElement {
  return h('span', { class: 'target target-name', title: name || undefined }, h('bdi', { dir: 'ltr' }, name || placeholder));
}

/** A small count or status badge. */
export function badge(text: string, testId?: string): HTMLElement {
  return h('vscode-badge', { 'data-testid': testId }, text);
}

export function divider(): HTMLElement {
  return h('vscode-divider', { role: 'separator' });
}

export function progress(): HTMLElement {
  return h('vscode-progress-ring');
}
