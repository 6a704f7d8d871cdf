/**
 * "Preview for N users": a table of what every mapping of the object mapping gives for N tenant
 * users, and whether each is in the job's scope. The users are fetched on demand; the table
 * recomputes here.
 */
import { expressionMessageText, previewObjectMapping, resultText } from '../../../src/shared/mappingEditor';
import type { ObjectMappingDraft } from '../../../src/shared/mappingEditor';
import { button, h, targetName, textField } from '../../components';
import type { EditorContext } from '../editorContext';
import { scopeText } from './samplePreview';

/** "Preview for 1 user", "Preview for 10 users". */
function previewForText(ctx: EditorContext, count: number): string {
  return count === 1 ? ctx.t('previewForOne') : ctx.t('previewForMany', String(count));
}

export function bulkPreviewSection(ctx: EditorContext, om: ObjectMappingDraft): HTMLElement {
  const heading = h('h2', { 'data-testid': 'preview-many-heading' }, previewForText(ctx, ctx.view.state.previewCount));
  const count = textField(ctx.t('previewCount'), String(ctx.view.state.previewCount), (value) => {
    const n = Number(value);
    if (Number.isInteger(n) && n >= 1 && n <= 100) {
      ctx.view.state.previewCount = n;
      ctx.view.save();
      heading.textContent = previewForText(ctx, n);
      run.textContent = previewForText(ctx, n);
    }
  }, { testId: 'preview-count', size: '4' });
  let query = '';
  const filter = textField(ctx.t('previewQuery'), '', (value) => (query = value.trim()), { testId: 'preview-query' });
  const run = button(previewForText(ctx, ctx.view.state.previewCount), () => {
    void ctx.request({ kind: 'sampleUsers', count: ctx.view.state.previewCount, ...(query ? { query } : {}) }).then((result) => {
      // 'superseded': a later click's request replaced this one, and its answer fills the table.
      if (result.kind !== 'users') return;
      ctx.model.bulkUsers = [...result.users];
      refreshBulkPreview(ctx, om);
    });
  }, { testId: 'preview-many' });
  return h('section', { class: 'bulk', 'aria-label': ctx.t('preview') }, heading, h('div', { class: 'row' }, count, filter, run), h('div', { id: 'bulk-table', class: 'table-wrap', 'data-testid': 'bulk-table-wrap' }));
}

/** Redraws the table (after each edit too, once users were fetched). */
export function refreshBulkPreview(ctx: EditorContext, om: ObjectMappingDraft): void {
  const host = ctx.root.querySelector('#bulk-table');
  const users = ctx.model.bulkUsers;
  if (!host || !users) return;
  const doc = ctx.model.state!.doc;
  const table = h(
    'table',
    { class: 'bulk-table', 'data-testid': 'bulk-table' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, ctx.t('user')), h('th', { scope: 'col' }, ctx.t('scope')), ...om.attributeMappings.map((m) => h('th', { scope: 'col' }, targetName(m.targetAttribute))))),
    h(
      'tbody',
      {},
      ...users.map((user) => {
        const preview = previewObjectMapping(doc, om, user);
        const inScope = preview.scope.verdict.inScope;
        return h(
          'tr',
          { class: inScope ? '' : 'out-of-scope', 'data-user-id': user.id },
          h('th', { scope: 'row' }, user.label),
          h('td', { 'data-testid': 'bulk-scope' }, scopeText(ctx, preview.scope)),
          ...preview.results.map(({ result: r }) => h('td', { class: r.kind === 'error' ? 'error' : '' }, r.kind === 'error' ? expressionMessageText(r, ctx.model.strings) : resultText(r.value, ctx.t('nullValue')))),
        );
      }),
    ),
  );
  host.replaceChildren(table);
}
