/**
 * The mapping editor's browser side. The extension owns the data: every edit is applied here at once
 * (the preview runs the expression engine locally, per keystroke) and sent to the extension, which
 * applies the same edit. View state (selection, filter, sample user) survives hide/show via
 * getState/setState; the document comes back from the extension after `ready`.
 */
import { EditError, EditorState, emptyMapping, expressionMessageText, flowTypeChoices, inScope, issueArgs, mappingTypes, newMappingId, previewMapping, resultText } from '../../src/shared/mappingEditor';
import type { AttributeMappingDraft, EditOperation, Issue, MappingFields, ObjectMappingDraft, ScopeGroupDraft } from '../../src/shared/mappingEditor';
import type { SourceObject, SourceValue } from '../../src/expressions';
import type { EditorRequest, MappingEditorStringKey, ResponseResult, WebviewToExtensionMessage } from '../../src/shared/webviewProtocol';
import { badge, button, checkbox, divider, dropdown, h, rowButton, textField } from '../components';
import { expressionField } from './expressionField';
import type { ExpressionField } from './expressionField';
import { EditorModel } from './editorModel';
import { ViewStateStore } from './viewState';
import type { WebviewStateStorage } from './viewState';
import { HostApi } from './hostApi';
import type { HostMessage } from './hostApi';

/** What acquireVsCodeApi() gives the page. */
export interface VsCodeApi extends WebviewStateStorage {
  postMessage(message: WebviewToExtensionMessage): void;
}

function fill(template: string, ...args: string[]): string {
  return template.replace(/\{(\d+)\}/g, (m, i: string) => args[Number(i)] ?? m);
}

/** Attribute values typed as `name=value` lines (a preview without a tenant user). */
function typedSource(text: string): Record<string, SourceValue> {
  const out: Record<string, SourceValue> = {};
  for (const line of text.split(/\r?\n/)) {
    const eq = line.indexOf('=');
    if (eq > 0) out[line.slice(0, eq).trim()] = line.slice(eq + 1);
  }
  return out;
}

export class MappingEditorApp {
  private readonly model = new EditorModel();
  private readonly view: ViewStateStore;
  private readonly host: HostApi;
  private expression: ExpressionField | undefined;
  private readonly root: HTMLElement;

  constructor(
    api: VsCodeApi,
    root: HTMLElement,
  ) {
    this.root = root;
    this.view = new ViewStateStore(api);
    this.host = new HostApi({ postMessage: (message) => api.postMessage(message), source: window, onMessage: (message) => this.handle(message) });
    window.addEventListener('keydown', (e) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void this.request({ kind: 'save' });
      }
    });
    window.addEventListener('scroll', () => {
      this.view.state.scrollY = window.scrollY;
      this.view.save();
    });
  }

  /** Tells the extension the page is ready for data. */
  start(): void {
    this.host.send({ type: 'ready' });
  }

  private t(key: MappingEditorStringKey, ...args: string[]): string {
    return fill(this.model.strings?.[key] ?? key, ...args);
  }

  private handle(message: HostMessage): void {
    switch (message.type) {
      case 'init':
        this.model.strings = message.strings;
        this.model.operators = message.filterOperators;
        this.model.jobLabel = message.jobLabel;
        this.view.state.target = message.target;
        this.view.save();
        this.model.state = new EditorState(message.document, message.filterOperators);
        this.render();
        window.scrollTo(0, this.view.state.scrollY);
        if (!this.view.state.sample) void this.loadSamples('');
        return;
      case 'document': {
        if (!this.model.state) return;
        // Ids of mappings added before a save are positional afterwards: follow the selection by target.
        const om = this.current();
        const target = om ? this.selected(om)?.targetAttribute : undefined;
        this.model.state.replace(message.document);
        const fresh = this.current();
        if (fresh && target && !this.selected(fresh)) {
          this.view.state.selectedMappingId = fresh.attributeMappings.find((m) => m.targetAttribute === target)?.id;
          this.view.save();
        }
        this.render();
        return;
      }
      case 'focus':
        this.view.state.objectMappingId = message.objectMappingId;
        this.view.state.selectedMappingId = undefined;
        this.view.save();
        if (this.model.state) this.render();
        return;
      case 'busy':
        this.model.busy = message.busy;
        this.root.toggleAttribute('data-busy', message.busy);
        // No edits while a save runs: it writes what was confirmed.
        for (const child of this.root.children) if (child.id !== 'header') (child as HTMLElement).inert = message.busy;
        this.renderHeader();
        return;
    }
  }

  /** Asks the extension; a failure or time-out is shown as a notice, and still rejects for the caller. */
  private request(request: EditorRequest): Promise<ResponseResult> {
    return this.host.request(request).catch((e: Error) => {
      this.showNotice(this.t('requestFailed', e.message));
      throw e;
    });
  }

  private showNotice(text: string): void {
    const notice = this.root.querySelector('#notice');
    if (notice) notice.textContent = text;
  }

  /** Applies an edit here and sends it to the extension. */
  private edit(edit: EditOperation, rerender: boolean): void {
    if (!this.model.state) return;
    try {
      this.model.state.apply(edit);
    } catch (e) {
      if (e instanceof EditError) return;
      throw e;
    }
    this.host.send({ type: 'edit', edit });
    if (rerender) this.render();
    else this.refreshLive();
  }

  private current(): ObjectMappingDraft | undefined {
    return this.model.current(this.view.state);
  }

  private selected(om: ObjectMappingDraft | undefined): AttributeMappingDraft | undefined {
    return this.model.selected(om, this.view.state);
  }

  private source(): SourceObject {
    return this.view.state.sample?.attributes ?? typedSource(this.view.state.typedValues);
  }

  // ------------------------------------------------------------------------------------------
  // Rendering

  private render(): void {
    const state = this.model.state;
    const om = this.current();
    if (!state || !om) {
      this.root.replaceChildren(h('p', {}, this.t('loading')));
      return;
    }
    this.root.removeAttribute('aria-busy');
    this.expression = undefined;
    const m = this.selected(om);
    this.root.replaceChildren(
      h('header', { id: 'header', class: 'header' }),
      h('div', { id: 'notice', class: 'notice', role: 'status', 'aria-live': 'polite' }),
      this.renderObjectMapping(om),
      h('div', { class: 'columns' }, this.renderList(om), h('section', { id: 'detail', class: 'detail', 'aria-label': this.t('edit') }, m ? this.renderDetail(om, m) : h('p', { class: 'muted' }, this.t('selectMapping')))),
      divider(),
      this.renderScope(om),
      divider(),
      this.renderBulkPreview(om),
      divider(),
      this.renderTargetAttributes(om),
      divider(),
      h('section', { id: 'problems', 'aria-label': this.t('problems') }),
      h('section', { id: 'changes', 'aria-label': this.t('changes') }),
    );
    this.renderHeader();
    this.refreshLive();
  }

  private renderHeader(): void {
    const header = this.root.querySelector('#header');
    if (!header || !this.model.state) return;
    const dirty = this.model.state.dirty;
    // Per keystroke this usually changes nothing: rebuild only when dirty or busy flips.
    const key = `${dirty}|${this.model.busy}`;
    if (header.childElementCount > 0 && header.getAttribute('data-key') === key) return;
    header.setAttribute('data-key', key);
    header.replaceChildren(
      h('h1', {}, `${this.t('title')} — ${this.model.jobLabel}`),
      badge(this.model.busy ? this.t('saving') : dirty ? this.t('unsaved') : this.t('saved'), 'dirty-indicator'),
      h(
        'div',
        { class: 'toolbar', role: 'toolbar' },
        button(this.t('save'), () => void this.request({ kind: 'save' }), { appearance: 'primary', disabled: this.model.busy || !dirty, testId: 'save' }),
        button(this.t('showChanges'), () => void this.request({ kind: 'showChanges' }), { disabled: !dirty, testId: 'show-changes' }),
        button(this.t('reload'), () => void this.request({ kind: 'reload' }), { disabled: this.model.busy }),
        button(this.t('restoreDefaults'), () => void this.request({ kind: 'restoreDefaults' }), { disabled: this.model.busy }),
      ),
    );
    header.querySelector('[data-testid="dirty-indicator"]')?.setAttribute('data-dirty', String(dirty));
  }

  private renderObjectMapping(om: ObjectMappingDraft): HTMLElement {
    const state = this.model.state!;
    const choices = state.doc.objectMappings.map((o) => [o.id, o.name] as const);
    const actions = om.actions;
    const setAction = (key: 'Add' | 'Update' | 'Delete') => (checked: boolean) => this.edit({ kind: 'setActions', objectMappingId: om.id, actions: { ...actions, [key]: checked } }, true);
    return h(
      'section',
      { class: 'object-mapping', 'aria-label': this.t('objectMapping') },
      dropdown(this.t('objectMapping'), choices, om.id, (id) => {
        this.view.state.objectMappingId = id;
        this.view.state.selectedMappingId = undefined;
        this.view.save();
        this.render();
      }, 'object-mapping'),
      h('div', { class: 'row' }, checkbox(this.t('enabled'), om.enabled, (checked) => this.edit({ kind: 'setEnabled', objectMappingId: om.id, enabled: checked }, true), 'object-enabled')),
      h(
        'fieldset',
        { class: 'row' },
        h('legend', {}, this.t('targetActions')),
        checkbox(this.t('actionAdd'), actions.Add, setAction('Add')),
        checkbox(this.t('actionUpdate'), actions.Update, setAction('Update')),
        checkbox(this.t('actionDelete'), actions.Delete, setAction('Delete')),
      ),
    );
  }

  private summary(m: AttributeMappingDraft): string {
    switch (m.mappingType) {
      case 'Direct':
        return `[${m.sourceAttribute}]`;
      case 'Constant':
        return `"${m.constantValue}"`;
      case 'Expression':
        return m.expression;
    }
  }

  private renderList(om: ObjectMappingDraft): HTMLElement {
    const filter = this.view.state.filter.toLowerCase();
    const list = h('ol', { class: 'mapping-list', 'aria-label': this.t('attributeMappings') });
    om.attributeMappings.forEach((m, index) => {
      if (filter && !`${m.targetAttribute} ${this.summary(m)}`.toLowerCase().includes(filter)) return;
      const selected = m.id === this.view.state.selectedMappingId;
      const row = h(
        'li',
        { class: `mapping-row${selected ? ' selected' : ''}`, 'data-mapping-id': m.id, 'data-testid': `mapping-${m.targetAttribute}` },
        h(
          'button',
          { class: 'mapping-select', 'aria-pressed': selected ? 'true' : 'false', 'aria-label': `${m.targetAttribute} ← ${this.summary(m)}` },
          h('span', { class: 'target' }, m.targetAttribute || '—'),
          h('span', { class: 'arrow', 'aria-hidden': 'true' }, ' ← '),
          h('span', { class: 'source' }, this.summary(m)),
          m.matchingPriority > 0 ? h('span', { class: 'matching' }, ` ${this.t('matching', String(m.matchingPriority))}`) : null,
          h('span', { class: 'row-issue', 'aria-hidden': 'true' }),
        ),
        h(
          'span',
          { class: 'row-actions' },
          rowButton('↑', this.t('moveUp'), () => this.edit({ kind: 'moveMapping', objectMappingId: om.id, mappingId: m.id, toIndex: index - 1 }, true), index === 0),
          rowButton('↓', this.t('moveDown'), () => this.edit({ kind: 'moveMapping', objectMappingId: om.id, mappingId: m.id, toIndex: index + 1 }, true), index === om.attributeMappings.length - 1),
          rowButton('✕', this.t('delete'), () => {
            if (this.view.state.selectedMappingId === m.id) this.view.state.selectedMappingId = undefined;
            this.edit({ kind: 'deleteMapping', objectMappingId: om.id, mappingId: m.id }, true);
          }),
        ),
      );
      const select = row.querySelector<HTMLElement>('.mapping-select')!;
      select.addEventListener('click', () => {
        this.view.state.selectedMappingId = m.id;
        this.view.save();
        this.render();
        this.expression?.focus();
      });
      // Keyboard: Up/Down move between rows, Alt+Up/Down move the mapping itself.
      select.addEventListener('keydown', (e) => {
        if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
        e.preventDefault();
        const step = e.key === 'ArrowUp' ? -1 : 1;
        if (e.altKey) {
          const to = index + step;
          if (to < 0 || to >= om.attributeMappings.length) return;
          this.edit({ kind: 'moveMapping', objectMappingId: om.id, mappingId: m.id, toIndex: to }, true);
          this.focusRow(m.id);
        } else {
          const rows = [...this.root.querySelectorAll<HTMLElement>('.mapping-select')];
          rows[rows.indexOf(select) + step]?.focus();
        }
      });
      list.append(row);
    });
    return h(
      'section',
      { class: 'mappings', 'aria-label': this.t('attributeMappings') },
      h('h2', {}, this.t('attributeMappings')),
      textField(this.t('filterMappings'), this.view.state.filter, (value) => {
        this.view.state.filter = value;
        this.view.save();
        const fresh = this.renderList(om).querySelector('.mapping-list')!;
        this.root.querySelector('.mapping-list')?.replaceWith(fresh);
        this.refreshLive();
      }),
      list,
      button(this.t('addMapping'), () => {
        const id = newMappingId(this.model.state!.doc, om.id);
        this.view.state.selectedMappingId = id;
        this.view.save();
        this.edit({ kind: 'addMapping', objectMappingId: om.id, mappingId: id, fields: emptyMapping('Direct') }, true);
      }, { testId: 'add-mapping' }),
    );
  }

  private focusRow(mappingId: string): void {
    this.root.querySelector<HTMLElement>(`.mapping-row[data-mapping-id="${CSS.escape(mappingId)}"] .mapping-select`)?.focus();
  }

  private renderDetail(om: ObjectMappingDraft, m: AttributeMappingDraft): HTMLElement {
    const catalog = this.model.state!.catalog(om.id);
    const update = (patch: Partial<MappingFields>, rerender = false) => this.edit({ kind: 'updateMapping', objectMappingId: om.id, mappingId: m.id, patch }, rerender);
    const typeLabel: Record<string, string> = { Direct: this.t('typeDirect'), Constant: this.t('typeConstant'), Expression: this.t('typeExpression') };
    const withCurrent = (names: string[], current: string) => (current && !names.includes(current) ? [current, ...names] : names);
    const sourceNames = withCurrent(catalog.source.map((a) => a.name), m.sourceAttribute);
    const targetNames = withCurrent(catalog.target.map((a) => a.name), m.targetAttribute);
    const parts: (HTMLElement | null)[] = [
      dropdown(this.t('mappingType'), mappingTypes.map((t) => [t, typeLabel[t]] as const), m.mappingType, (value) => {
        const patch: { -readonly [K in keyof MappingFields]?: MappingFields[K] } = { mappingType: value as MappingFields['mappingType'] };
        // Carry the meaning over: a direct mapping becomes the same attribute as an expression.
        if (value === 'Expression' && !m.expression) patch.expression = m.mappingType === 'Direct' && m.sourceAttribute ? `[${m.sourceAttribute}]` : m.mappingType === 'Constant' ? `"${m.constantValue.replace(/[\\"]/g, '\\$&')}"` : '';
        // …and back: an expression that is just an attribute or a string keeps it.
        const attribute = /^\s*\[([^\]]+)\]\s*$/.exec(m.expression)?.[1];
        const constant = /^\s*"((?:[^"\\]|\\.)*)"\s*$/.exec(m.expression)?.[1]?.replace(/\\(.)/g, '$1');
        if (m.mappingType === 'Expression' && value === 'Direct' && attribute && !m.sourceAttribute) patch.sourceAttribute = attribute;
        if (m.mappingType === 'Expression' && value === 'Constant' && constant !== undefined && !m.constantValue) patch.constantValue = constant;
        update(patch, true);
      }, 'mapping-type'),
    ];
    if (m.mappingType === 'Direct') {
      parts.push(dropdown(this.t('sourceAttribute'), [['', '—'] as const, ...sourceNames.map((n) => [n, n] as const)], m.sourceAttribute, (value) => update({ sourceAttribute: value }, true), 'source-attribute'));
    } else if (m.mappingType === 'Constant') {
      parts.push(textField(this.t('constantValue'), m.constantValue, (value) => update({ constantValue: value }), { testId: 'constant-value' }));
    } else {
      this.expression = expressionField({
        label: this.t('expression'),
        value: m.expression,
        attributes: () => catalog.source.map((a) => a.name),
        onInput: (value) => update({ expression: value }),
        strings: { signature: this.t('signature'), completionHint: this.t('completionHint'), errorAt: this.t('errorAt') },
        messageText: (issue) => expressionMessageText(issue, this.model.strings),
        helpText: (key, english) => this.model.strings?.[key] ?? english,
      });
      parts.push(this.expression.element);
    }
    parts.push(
      textField(this.t('defaultValue'), m.defaultValue, (value) => update({ defaultValue: value }), { testId: 'default-value' }),
      dropdown(this.t('targetAttribute'), [['', '—'] as const, ...targetNames.map((n) => [n, n] as const)], m.targetAttribute, (value) => update({ targetAttribute: value }, true), 'target-attribute'),
      dropdown(this.t('applyMapping'), withCurrent([...flowTypeChoices], m.flowType).map((f) => [f, f === 'Always' ? this.t('flowAlways') : f === 'ObjectAddOnly' ? this.t('flowObjectAddOnly') : f] as const), m.flowType, (value) => update({ flowType: value }), 'flow-type'),
      textField(this.t('matchingPriority'), String(m.matchingPriority), (value) => {
        const n = Number(value);
        if (Number.isInteger(n) && n >= 0 && n <= 1000) update({ matchingPriority: n });
      }, { testId: 'matching-priority', type: 'text', size: '4' }),
      h('div', { class: 'hint' }, this.t('matchingHelp')),
      h('div', { class: 'issues', id: 'mapping-issues', role: 'status', 'aria-live': 'polite' }),
      this.renderPreviewBox(),
    );
    return h('div', { class: 'detail-form' }, h('h2', {}, m.targetAttribute || this.t('edit')), ...parts);
  }

  private renderPreviewBox(): HTMLElement {
    const results = h('div', { id: 'preview-result', class: 'preview-result', 'data-testid': 'preview-result', role: 'status', 'aria-live': 'polite' });
    const pick = dropdown(
      this.t('sampleUser'),
      [['', '—'] as const, ...this.model.sampleUsers.map((u) => [u.id, u.label] as const), ...(this.view.state.sample && !this.model.sampleUsers.some((u) => u.id === this.view.state.sample!.id) ? [[this.view.state.sample.id, this.view.state.sample.label] as const] : [])],
      this.view.state.sample?.id ?? '',
      (id) => {
        this.view.state.sample = this.model.sampleUsers.find((u) => u.id === id) ?? (this.view.state.sample?.id === id ? this.view.state.sample : undefined);
        this.view.save();
        this.refreshLive();
      },
      'sample-user',
    );
    const search = textField(this.t('searchUsers'), '', () => undefined, { testId: 'sample-search' });
    search.addEventListener('keydown', (e) => {
      if ((e as KeyboardEvent).key === 'Enter') void this.loadSamples(search.value).then(() => this.render());
    });
    const typed = h('textarea', { class: 'typed-values', rows: '3', 'aria-label': this.t('typedValues'), placeholder: 'givenName=Ana\nsurname=García' });
    typed.value = this.view.state.typedValues;
    typed.addEventListener('input', () => {
      this.view.state.typedValues = typed.value;
      this.view.save();
      this.refreshLive();
    });
    return h(
      'section',
      { class: 'preview', 'aria-label': this.t('preview') },
      h('h3', {}, this.t('preview')),
      results,
      h('div', { class: 'row' }, pick, search),
      h('details', {}, h('summary', {}, this.t('typedValues')), h('div', { class: 'hint' }, this.t('typedValuesHelp')), typed),
    );
  }

  private async loadSamples(query: string): Promise<void> {
    try {
      const result = await this.request({ kind: 'searchUsers', query });
      if (result.kind !== 'users') return;
      this.model.sampleUsers = [...result.users];
      if (!this.view.state.sample && this.model.sampleUsers[0]) {
        this.view.state.sample = this.model.sampleUsers[0];
        this.view.save();
      }
      this.render();
    } catch {
      // Shown as a notice by request(); typed values still work.
    }
  }

  private renderScope(om: ObjectMappingDraft): HTMLElement {
    const catalog = this.model.state!.catalog(om.id);
    const groups = om.scopeGroups;
    const set = (next: ScopeGroupDraft[], rerender: boolean) => this.edit({ kind: 'setScope', objectMappingId: om.id, groups: next }, rerender);
    const operators = this.model.operators.length ? this.model.operators.map((o) => o.name) : ['EQUALS', 'NOT EQUALS', 'IS TRUE', 'IS FALSE', 'IS NULL', 'IS NOT NULL', 'REGEX MATCH', 'NOT REGEX MATCH'];
    const withGroup = (g: number, change: (group: ScopeGroupDraft) => ScopeGroupDraft) => groups.map((x, i) => (i === g ? change(x) : x));
    const section = h('section', { class: 'scope', 'aria-label': this.t('scope'), 'data-testid': 'scope' }, h('h2', {}, this.t('scope')));
    if (groups.length === 0) section.append(h('p', { class: 'muted' }, this.t('scopeAll')));
    groups.forEach((group, g) => {
      const box = h('fieldset', { class: 'scope-group' }, h('legend', {}, group.name || `#${g + 1}`));
      box.append(textField(this.t('groupName'), group.name, (value) => set(withGroup(g, (x) => ({ ...x, name: value })), false)));
      group.clauses.forEach((clause, c) => {
        const withClause = (change: Partial<(typeof group.clauses)[number]>, rerender: boolean) =>
          set(withGroup(g, (x) => ({ ...x, clauses: x.clauses.map((y, j) => (j === c ? { ...y, ...change } : y)) })), rerender);
        const unary = this.model.operators.find((o) => o.name === clause.operator)?.arity === 'Unary';
        box.append(
          h(
            'div',
            { class: 'row clause' },
            dropdown(this.t('sourceAttribute'), [['', '—'] as const, ...catalog.source.map((a) => [a.name, a.name] as const)], clause.sourceAttribute, (value) => withClause({ sourceAttribute: value }, false)),
            dropdown(this.t('operator'), operators.map((o) => [o, o] as const), clause.operator, (value) => withClause({ operator: value }, true)),
            unary ? null : textField(`${this.t('values')} (${this.t('valuesHelp')})`, clause.values.join(', '), (value) => withClause({ values: value.split(',').map((v) => v.trim()) }, false)),
            button(this.t('deleteClause'), () => set(withGroup(g, (x) => ({ ...x, clauses: x.clauses.filter((_, j) => j !== c) })), true)),
          ),
        );
      });
      box.append(
        h(
          'div',
          { class: 'row' },
          button(this.t('addClause'), () => set(withGroup(g, (x) => ({ ...x, clauses: [...x.clauses, { sourceAttribute: '', operator: operators[0], values: [''] }] })), true)),
          button(this.t('deleteGroup'), () => set(groups.filter((_, i) => i !== g), true)),
        ),
      );
      section.append(box);
    });
    section.append(button(this.t('addGroup'), () => set([...groups, { name: `${this.t('scope')} ${groups.length + 1}`, clauses: [{ sourceAttribute: '', operator: operators[0], values: [''] }] }], true), { testId: 'add-scope-group' }));
    return section;
  }

  private renderBulkPreview(om: ObjectMappingDraft): HTMLElement {
    const count = textField(this.t('previewCount'), String(this.view.state.previewCount), (value) => {
      const n = Number(value);
      if (Number.isInteger(n) && n >= 1 && n <= 100) {
        this.view.state.previewCount = n;
        this.view.save();
      }
    }, { testId: 'preview-count', size: '4' });
    let query = '';
    const filter = textField(this.t('previewQuery'), '', (value) => (query = value.trim()), { testId: 'preview-query' });
    const run = button(this.t('previewFor'), () => {
      void this.request({ kind: 'sampleUsers', count: this.view.state.previewCount, ...(query ? { query } : {}) }).then((result) => {
        if (result.kind !== 'users') return;
        this.model.bulkUsers = [...result.users];
        this.refreshBulk(om);
      });
    }, { testId: 'preview-many' });
    return h('section', { class: 'bulk', 'aria-label': this.t('previewFor') }, h('h2', {}, this.t('previewFor')), h('div', { class: 'row' }, count, filter, run), h('div', { id: 'bulk-table', class: 'table-wrap' }));
  }

  private refreshBulk(om: ObjectMappingDraft): void {
    const host = this.root.querySelector('#bulk-table');
    if (!host || !this.model.bulkUsers) return;
    const mappings = om.attributeMappings;
    const table = h(
      'table',
      { class: 'bulk-table', 'data-testid': 'bulk-table' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, this.t('user')), h('th', { scope: 'col' }, this.t('scope')), ...mappings.map((m) => h('th', { scope: 'col' }, m.targetAttribute)))),
      h(
        'tbody',
        {},
        ...this.model.bulkUsers.map((user) => {
          const scoped = inScope(om.scopeGroups, user.attributes);
          return h(
            'tr',
            { class: scoped ? '' : 'out-of-scope' },
            h('th', { scope: 'row' }, user.label),
            h('td', {}, scoped ? this.t('inScope') : this.t('outOfScope')),
            ...mappings.map((m) => {
              const r = previewMapping(m, user.attributes);
              return h('td', { class: r.kind === 'error' ? 'error' : '' }, r.kind === 'error' ? expressionMessageText(r, this.model.strings) : resultText(r.value, this.t('nullValue')));
            }),
          );
        }),
      ),
    );
    host.replaceChildren(table);
  }

  private renderTargetAttributes(om: ObjectMappingDraft): HTMLElement {
    const list = om.targetAttributes;
    const details = h('details', { class: 'advanced' }, h('summary', {}, `${this.t('advanced')}: ${this.t('targetAttributes')}`));
    if (!list) return details;
    const table = h(
      'table',
      { class: 'target-table' },
      h('thead', {}, h('tr', {}, h('th', {}, this.t('attributeName')), h('th', {}, this.t('attributeType')), h('th', {}, this.t('multivalued')), h('th', {}, this.t('required')), h('th', {}, ''))),
      h(
        'tbody',
        {},
        ...list.map((a) =>
          h('tr', {}, h('td', {}, a.name), h('td', {}, a.type), h('td', {}, a.multivalued ? '✓' : ''), h('td', {}, a.required ? '✓' : ''), h('td', {}, button('✕', () => this.edit({ kind: 'deleteTargetAttribute', objectMappingId: om.id, name: a.name }, true), { appearance: 'icon', title: this.t('delete') }))),
        ),
      ),
    );
    let name = '';
    let type = 'String';
    let multivalued = false;
    let required = false;
    details.append(
      table,
      h(
        'div',
        { class: 'row' },
        textField(this.t('attributeName'), '', (v) => (name = v.trim())),
        dropdown(this.t('attributeType'), ['String', 'Integer', 'Boolean', 'DateTime', 'Reference', 'Binary'].map((x) => [x, x] as const), type, (v) => (type = v)),
        checkbox(this.t('multivalued'), false, (v) => (multivalued = v)),
        checkbox(this.t('required'), false, (v) => (required = v)),
        button(this.t('addAttribute'), () => {
          if (name) this.edit({ kind: 'addTargetAttribute', objectMappingId: om.id, attribute: { name, type, multivalued, required } }, true);
        }),
      ),
    );
    return details;
  }

  private issueText(issue: Issue): string {
    return this.t(`issue.${issue.code}` as MappingEditorStringKey, ...issueArgs(issue, this.model.strings));
  }

  /** Everything that changes per keystroke, updated in place so focus and caret stay put. */
  private refreshLive(): void {
    const state = this.model.state;
    const om = this.current();
    if (!state || !om) return;
    this.renderHeader();
    const m = this.selected(om);
    const objectIssues = state.issuesOfObject(om);
    // The selected row's summary and every row's issue mark.
    const withIssue = new Set(objectIssues.filter((i) => i.severity === 'error' && i.mappingId).map((i) => i.mappingId));
    for (const row of this.root.querySelectorAll<HTMLElement>('.mapping-row')) {
      const id = row.dataset.mappingId;
      row.classList.toggle('has-error', withIssue.has(id));
      const mark = row.querySelector('.row-issue');
      if (mark) mark.textContent = withIssue.has(id) ? ' ⚠' : '';
      if (m && id === m.id) {
        const source = row.querySelector('.source');
        if (source) source.textContent = this.summary(m);
        const target = row.querySelector('.target');
        if (target) target.textContent = m.targetAttribute || '—';
      }
    }
    if (m) {
      const issues = state.issuesOfMapping(om, m);
      this.expression?.showIssues(issues);
      const box = this.root.querySelector('#mapping-issues');
      box?.replaceChildren(...issues.filter((i) => i.field !== 'expression').map((i) => h('div', { class: i.severity }, this.issueText(i))));
      this.refreshPreview(m);
    }
    const problems = this.root.querySelector('#problems');
    const all = state.issues();
    problems?.replaceChildren(
      h('h2', {}, `${this.t('problems')} `, badge(String(all.length), 'problem-count')),
      all.length === 0
        ? h('p', { class: 'muted' }, this.t('noProblems'))
        : h(
            'ul',
            { class: 'problem-list' },
            ...all.slice(0, 100).map((issue) => {
              const li = h('li', { class: issue.severity }, h('button', { class: 'link' }, this.issueText(issue)));
              li.querySelector('button')!.addEventListener('click', () => {
                this.view.state.objectMappingId = issue.objectMappingId;
                if (issue.mappingId) this.view.state.selectedMappingId = issue.mappingId;
                this.view.save();
                this.render();
              });
              return li;
            }),
          ),
    );
    const changes = this.root.querySelector('#changes');
    const list = state.dirty ? state.changes() : [];
    changes?.replaceChildren(
      h('h2', {}, this.t('changes')),
      list.length === 0 ? h('p', { class: 'muted' }, this.t('noChanges')) : h('ul', {}, ...list.map((c) => h('li', {}, this.t(`change.${c.code}` as MappingEditorStringKey, ...c.args)))),
      list.length ? h('p', { class: 'warning' }, this.t('fullCycleWarning')) : '',
    );
    if (this.model.bulkUsers) this.refreshBulk(om);
  }

  private refreshPreview(m: AttributeMappingDraft): void {
    const box = this.root.querySelector('#preview-result');
    if (!box) return;
    const source = this.source();
    if (!this.view.state.sample && Object.keys(source).length === 0) {
      box.replaceChildren(h('span', { class: 'muted' }, this.t('noSample')));
      return;
    }
    const om = this.current()!;
    const result = previewMapping(m, source);
    const scope = inScope(om.scopeGroups, source);
    if (result.kind === 'error') {
      box.replaceChildren(h('span', { class: 'error' }, expressionMessageText(result, this.model.strings)));
      box.setAttribute('data-state', 'error');
      return;
    }
    box.setAttribute('data-state', 'value');
    box.replaceChildren(
      h('code', { class: 'preview-value', 'data-testid': 'preview-value' }, result.value === null ? this.t('previewNothing') : resultText(result.value, this.t('nullValue'))),
      result.usedDefault ? h('span', { class: 'muted' }, ` (${this.t('previewDefault')})`) : '',
      h('span', { class: scope ? 'muted' : 'warning' }, ` · ${scope ? this.t('inScope') : this.t('outOfScope')}`),
    );
  }
}
