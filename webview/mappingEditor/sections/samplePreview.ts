/**
 * The single-user preview under the detail form: what the selected mapping gives for one sample user
 * (picked from the tenant, or typed as `name=value` lines), computed here per keystroke.
 */
import { expressionMessageText, inScope, previewMapping, resultText } from '../../../src/shared/mappingEditor';
import type { AttributeMappingDraft, ObjectMappingDraft } from '../../../src/shared/mappingEditor';
import type { SourceObject, SourceValue } from '../../../src/expressions';
import { dropdown, h, textField } from '../../components';
import type { EditorContext } from '../editorContext';

/** Attribute values typed as `name=value` lines (a preview without a tenant user). */
function typedSource(text: string): Record<string, SourceValue> {
  const out: Record<string, SourceValue> = {};
  for (const line of text.split(/\r?\n/)) {
    const eq = line.indexOf('=');
    if (eq > 0) out[line.slice(0, eq).trim()] = line.slice(eq + 1);
  }
  return out;
}

function previewSource(ctx: EditorContext): SourceObject {
  return ctx.view.state.sample?.attributes ?? typedSource(ctx.view.state.typedValues);
}

export function samplePreviewBox(ctx: EditorContext): HTMLElement {
  const view = ctx.view.state;
  const users = ctx.model.sampleUsers;
  const results = h('div', { id: 'preview-result', class: 'preview-result', 'data-testid': 'preview-result', role: 'status', 'aria-live': 'polite' });
  // The remembered sample stays choosable after a hide/show, when the fresh search no longer lists it.
  const remembered = view.sample && !users.some((u) => u.id === view.sample!.id) ? [[view.sample.id, view.sample.label] as const] : [];
  const pick = dropdown(
    ctx.t('sampleUser'),
    [['', '—'] as const, ...users.map((u) => [u.id, u.label] as const), ...remembered],
    view.sample?.id ?? '',
    (id) => {
      view.sample = ctx.model.sampleUsers.find((u) => u.id === id) ?? (view.sample?.id === id ? view.sample : undefined);
      ctx.view.save();
      ctx.refreshLive();
    },
    'sample-user',
  );
  const search = textField(ctx.t('searchUsers'), '', () => undefined, { testId: 'sample-search' });
  search.addEventListener('keydown', (e) => {
    if ((e as KeyboardEvent).key === 'Enter') void loadSampleUsers(ctx, search.value).then(() => ctx.render());
  });
  const typed = h('textarea', { class: 'typed-values', rows: '3', 'aria-label': ctx.t('typedValues'), placeholder: 'givenName=Ana\nsurname=García' });
  typed.value = view.typedValues;
  typed.addEventListener('input', () => {
    view.typedValues = typed.value;
    ctx.view.save();
    ctx.refreshLive();
  });
  return h(
    'section',
    { class: 'preview', 'aria-label': ctx.t('preview') },
    h('h3', {}, ctx.t('preview')),
    results,
    h('div', { class: 'row' }, pick, search),
    h('details', {}, h('summary', {}, ctx.t('typedValues')), h('div', { class: 'hint' }, ctx.t('typedValuesHelp')), typed),
  );
}

/** Fetches sample users whose name starts with `query`; the first becomes the sample when none was chosen. */
export async function loadSampleUsers(ctx: EditorContext, query: string): Promise<void> {
  try {
    const result = await ctx.request({ kind: 'searchUsers', query });
    if (result.kind !== 'users') return;
    ctx.model.sampleUsers = [...result.users];
    if (!ctx.view.state.sample && ctx.model.sampleUsers[0]) {
      ctx.view.state.sample = ctx.model.sampleUsers[0];
      ctx.view.save();
    }
    ctx.render();
  } catch {
    // Shown as a notice by request(); typed values still work.
  }
}

/** Shows in place what `m` gives for the sample, and whether the sample is in scope. */
export function refreshSamplePreview(ctx: EditorContext, om: ObjectMappingDraft, m: AttributeMappingDraft): void {
  const box = ctx.root.querySelector('#preview-result');
  if (!box) return;
  const source = previewSource(ctx);
  if (!ctx.view.state.sample && Object.keys(source).length === 0) {
    box.replaceChildren(h('span', { class: 'muted' }, ctx.t('noSample')));
    return;
  }
  const result = previewMapping(m, source);
  const scope = inScope(om.scopeGroups, source);
  if (result.kind === 'error') {
    box.replaceChildren(h('span', { class: 'error' }, expressionMessageText(result, ctx.model.strings)));
    box.setAttribute('data-state', 'error');
    return;
  }
  box.setAttribute('data-state', 'value');
  box.replaceChildren(
    h('code', { class: 'preview-value', 'data-testid': 'preview-value' }, result.value === null ? ctx.t('previewNothing') : resultText(result.value, ctx.t('nullValue'))),
    result.usedDefault ? h('span', { class: 'muted' }, ` (${ctx.t('previewDefault')})`) : '',
    h('span', { class: scope ? 'muted' : 'warning' }, ` · ${scope ? ctx.t('inScope') : ctx.t('outOfScope')}`),
  );
}
