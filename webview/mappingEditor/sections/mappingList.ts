/**
 * The attribute mappings of the object mapping shown: a filterable list, one row a mapping, with
 * move/delete buttons and keyboard navigation (Up/Down between rows, Alt+Up/Down moves the mapping).
 */
import { emptyMapping, newMappingId } from '../../../src/shared/mappingEditor';
import type { AttributeMappingDraft, Issue, ObjectMappingDraft } from '../../../src/shared/mappingEditor';
import { button, h, rowButton, targetName, textField } from '../../components';
import type { EditorContext } from '../editorContext';

/** A mapping's source side in one line, as its row shows it. */
function summary(m: AttributeMappingDraft): string {
  switch (m.mappingType) {
    case 'Direct':
      return `[${m.sourceAttribute}]`;
    case 'Constant':
      return `"${m.constantValue}"`;
    case 'Expression':
      return m.expression;
  }
}

export function mappingListSection(ctx: EditorContext, om: ObjectMappingDraft): HTMLElement {
  return h(
    'section',
    { class: 'mappings', 'aria-label': ctx.t('attributeMappings') },
    h('h2', {}, ctx.t('attributeMappings')),
    textField(ctx.t('filterMappings'), ctx.view.state.filter, (value) => {
      ctx.view.state.filter = value;
      ctx.view.save();
      // Only the rows: a full render would take the caret out of the filter field.
      ctx.root.querySelector('.mapping-list')?.replaceWith(mappingRows(ctx, om));
      ctx.refreshLive();
    }),
    mappingRows(ctx, om),
    button(ctx.t('addMapping'), () => {
      const id = newMappingId(ctx.model.state!.doc, om.id);
      ctx.view.state.selectedMappingId = id;
      ctx.view.save();
      ctx.edit({ kind: 'addMapping', objectMappingId: om.id, mappingId: id, fields: emptyMapping('Direct') }, true);
    }, { testId: 'add-mapping' }),
  );
}

function mappingRows(ctx: EditorContext, om: ObjectMappingDraft): HTMLElement {
  const filter = ctx.view.state.filter.toLowerCase();
  const list = h('ol', { class: 'mapping-list', 'aria-label': ctx.t('attributeMappings') });
  om.attributeMappings.forEach((m, index) => {
    if (filter && !`${m.targetAttribute} ${summary(m)}`.toLowerCase().includes(filter)) return;
    const selected = m.id === ctx.view.state.selectedMappingId;
    const row = h(
      'li',
      { class: `mapping-row${selected ? ' selected' : ''}`, 'data-mapping-id': m.id, 'data-testid': `mapping-${m.targetAttribute}` },
      h(
        'button',
        { class: 'mapping-select', 'aria-pressed': selected ? 'true' : 'false', 'aria-label': `${m.targetAttribute} ← ${summary(m)}` },
        targetName(m.targetAttribute),
        h('span', { class: 'arrow', 'aria-hidden': 'true' }, ' ← '),
        h('span', { class: 'source', title: summary(m) }, summary(m)),
        m.matchingPriority > 0 ? h('span', { class: 'matching' }, ` ${ctx.t('matching', String(m.matchingPriority))}`) : null,
        h('span', { class: 'row-issue', 'aria-hidden': 'true' }),
      ),
      h(
        'span',
        { class: 'row-actions' },
        rowButton('↑', ctx.t('moveUp'), () => ctx.edit({ kind: 'moveMapping', objectMappingId: om.id, mappingId: m.id, toIndex: index - 1 }, true), index === 0),
        rowButton('↓', ctx.t('moveDown'), () => ctx.edit({ kind: 'moveMapping', objectMappingId: om.id, mappingId: m.id, toIndex: index + 1 }, true), index === om.attributeMappings.length - 1),
        rowButton('✕', ctx.t('delete'), () => {
          if (ctx.view.state.selectedMappingId === m.id) ctx.view.state.selectedMappingId = undefined;
          ctx.edit({ kind: 'deleteMapping', objectMappingId: om.id, mappingId: m.id }, true);
        }),
      ),
    );
    const select = row.querySelector<HTMLElement>('.mapping-select')!;
    select.addEventListener('click', () => {
      ctx.view.state.selectedMappingId = m.id;
      ctx.view.save();
      ctx.render();
      ctx.focusExpression();
    });
    select.addEventListener('keydown', (e) => {
      if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
      e.preventDefault();
      const step = e.key === 'ArrowUp' ? -1 : 1;
      if (e.altKey) {
        const to = index + step;
        if (to < 0 || to >= om.attributeMappings.length) return;
        ctx.edit({ kind: 'moveMapping', objectMappingId: om.id, mappingId: m.id, toIndex: to }, true);
        // The move redrew the list: keep the keyboard on the mapping that moved.
        focusRow(ctx, m.id);
      } else {
        const rows = [...ctx.root.querySelectorAll<HTMLElement>('.mapping-select')];
        rows[rows.indexOf(select) + step]?.focus();
      }
    });
    list.append(row);
  });
  return list;
}

function focusRow(ctx: EditorContext, mappingId: string): void {
  ctx.root.querySelector<HTMLElement>(`.mapping-row[data-mapping-id="${CSS.escape(mappingId)}"] .mapping-select`)?.focus();
}

/**
 * Updates the rows in place after an edit: every row's issue mark, and the selected row's text
 * (it is the one being edited). In place, so the focus and caret in the detail form stay put.
 */
export function refreshMappingRows(ctx: EditorContext, objectIssues: readonly Issue[], selected: AttributeMappingDraft | undefined): void {
  const withIssue = new Set(objectIssues.filter((i) => i.severity === 'error' && i.mappingId).map((i) => i.mappingId));
  for (const row of ctx.root.querySelectorAll<HTMLElement>('.mapping-row')) {
    const id = row.dataset.mappingId;
    row.classList.toggle('has-error', withIssue.has(id));
    const mark = row.querySelector('.row-issue');
    if (mark) mark.textContent = withIssue.has(id) ? ' ⚠' : '';
    if (selected && id === selected.id) {
      const source = row.querySelector('.source');
      if (source) source.textContent = summary(selected);
      row.querySelector('.target')?.replaceWith(targetName(selected.targetAttribute));
    }
  }
}
