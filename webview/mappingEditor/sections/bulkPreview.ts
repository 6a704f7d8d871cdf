/**
 * "Preview for N users": a table of what every mapping of the object mapping gives for N tenant
 * users, and whether each is in scope. The users are fetched on demand; the table recomputes here.
 */
import { expressionMessageText, inScope, previewMapping, resultText } from '../../../src/shared/mappingEditor';
import type { ObjectMappingDraft } from '../../../src/shared/mappingEditor';
import { button, h, textField } from '../../components';
import type { EditorContext } from '../editorContext';

export function bulkPreviewSection(ctx: EditorContext, om: ObjectMappingDraft): HTMLElement {
  const count = textField(ctx.t('previewCount'), String(ctx.view.state.previewCount), (value) => {
    const n = Number(value);
    if (Number.isInteger(n) && n >= 1 && n <= 100) {
      ctx.view.state.previewCount = n;
      ctx.view.save();
    }
  }, { testId: 'preview-count', size: '4' });
  let query = '';
  const filter = textField(ctx.t('previewQuery'), '', (value) => (query = value.trim()), { testId: 'preview-query' });
  const run = button(ctx.t('previewFor'), () => {
    void ctx.request({ kind: 'sampleUsers', count: ctx.view.state.previewCount, ...(query ? { query } : {}) }).then((result) => {
      if (result.kind !== 'users') return;
      ctx.model.bulkUsers = [...result.users];
      refreshBulkPreview(ctx, om);
    });
  }, { testId: 'preview-many' });
  return h('section', { class: 'bulk', 'aria-label': ctx.t('previewFor') }, h('h2', {}, ctx.t('previewFor')), h('div', { class: 'row' }, count, filter, run), h('div', { id: 'bulk-table', class: 'table-wrap' }));
}

/** Redraws the table (after each edit too, once users were fetched). */
export function refreshBulkPreview(ctx: EditorContext, om: ObjectMappingDraft): void {
  const host = ctx.root.querySelector('#bulk-table');
  const users = ctx.model.bulkUsers;
  if (!host || !users) return;
  const mappings = om.attributeMappings;
  const table = h(
    'table',
    { class: 'bulk-table', 'data-testid': 'bulk-table' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, ctx.t('user')), h('th', { scope: 'col' }, ctx.t('scope')), ...mappings.map((m) => h('th', { scope: 'col' }, m.targetAttribute)))),
    h(
      'tbody',
      {},
      ...users.map((user) => {
        const scoped = inScope(om.scopeGroups, user.attributes);
        return h(
          'tr',
          { class: scoped ? '' : 'out-of-scope' },
          h('th', { scope: 'row' }, user.label),
          h('td', {}, scoped ? ctx.t('inScope') : ctx.t('outOfScope')),
          ...mappings.map((m) => {
            const r = previewMapping(m, user.attributes);
            return h('td', { class: r.kind === 'error' ? 'error' : '' }, r.kind === 'error' ? expressionMessageText(r, ctx.model.strings) : resultText(r.value, ctx.t('nullValue')));
          }),
        );
      }),
    ),
  );
  host.replaceChildren(table);
}
