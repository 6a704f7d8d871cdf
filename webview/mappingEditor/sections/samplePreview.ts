/**
 * The single-user preview under the detail form: what the selected mapping gives for one sample user
 * (picked from the tenant, or typed as `name=value` lines), computed here per keystroke.
 */
import { expressionMessageText, previewMapping, resultText, sampleScope } from '../../../src/shared/mappingEditor';
import type { AttributeMappingDraft, ObjectMappingDraft, SampleScope } from '../../../src/shared/mappingEditor';
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
  const results = h('div', { id: 'preview-result', class: 'preview-result', 'data-testid': 'preview-result', role: 'status', 'aria-live': 'polite' });
  const search = textField(ctx.t('searchUsers'), view.sampleQuery, (value) => {
    view.sampleQuery = value.trim();
    ctx.view.save();
    // One request per pause in typing, not per key.
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => void loadSampleUsers(ctx, view.sampleQuery), 250);
  }, { testId: 'sample-search' });
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
    h('div', { class: 'row' }, h('div', { id: 'sample-picker' }, samplePicker(ctx)), search),
    h('details', {}, h('summary', {}, ctx.t('typedValues')), h('div', { class: 'hint' }, ctx.t('typedValuesHelp')), typed),
  );
}

let searchTimer: ReturnType<typeof setTimeout> | undefined;

/** The sample-user drop-down: the users the search found (all users when it is empty). */
function samplePicker(ctx: EditorContext): HTMLElement {
  const view = ctx.view.state;
  const users = ctx.model.sampleUsers;
  if (view.sampleQuery && users.length === 0) return h('p', { class: 'muted', 'data-testid': 'sample-none' }, ctx.t('noUsersMatch'));
  // The remembered sample stays choosable after a hide/show, when the fresh list no longer has it.
  const remembered = view.sample && !view.sampleQuery && !users.some((u) => u.id === view.sample!.id) ? [[view.sample.id, view.sample.label] as const] : [];
  return dropdown(
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
}

/**
 * Fetches the users whose display name starts with `query` and shows them in the picker. The sample
 * follows the search: it becomes the first match when the chosen user does not match, and none when
 * nobody does. A remembered sample is refreshed too (its assignment may have changed).
 */
export async function loadSampleUsers(ctx: EditorContext, query: string): Promise<void> {
  try {
    const result = await ctx.request({ kind: 'searchUsers', query });
    const view = ctx.view.state;
    // A later search is on its way (or replaced this one before it ran: 'superseded'): its answer
    // is the one to show.
    if (result.kind !== 'users' || query !== view.sampleQuery) return;
    ctx.model.sampleUsers = [...result.users];
    const fresh = view.sample && result.users.find((u) => u.id === view.sample!.id);
    if (fresh) view.sample = fresh;
    else if (query || !view.sample) view.sample = result.users[0];
    ctx.view.save();
    ctx.root.querySelector('#sample-picker')?.replaceChildren(samplePicker(ctx));
    ctx.refreshLive();
  } catch {
    // Shown as a notice by request(); typed values still work.
  }
}

/** The scope verdict in words (shared by the single-user preview and the table of users). */
export function scopeText(ctx: EditorContext, scope: SampleScope): string {
  const { verdict } = scope;
  if (verdict.inScope) return scope.assignmentChecked ? ctx.t('inScope') : ctx.t('inScopeFilterOnly');
  if (verdict.reason === 'notAssigned') return ctx.t('outOfScopeNotAssigned');
  if (verdict.reason === 'deleted') return ctx.t('outOfScopeDeleted');
  return ctx.t('outOfScopeFiltered');
}

/** Shows in place what `m` gives for the sample, and whether the sample is in the job's scope. */
export function refreshSamplePreview(ctx: EditorContext, om: ObjectMappingDraft, m: AttributeMappingDraft): void {
  const box = ctx.root.querySelector('#preview-result');
  if (!box) return;
  const source = previewSource(ctx);
  if (!ctx.view.state.sample && Object.keys(source).length === 0) {
    box.replaceChildren(h('span', { class: 'muted' }, ctx.t('noSample')));
    return;
  }
  const result = previewMapping(m, source);
  const scope = sampleScope(ctx.model.state!.doc, om, source, ctx.view.state.sample?.assignment);
  const scopeNote = h('span', { class: scope.verdict.inScope ? 'muted' : 'warning', 'data-testid': 'preview-scope' }, ` · ${scopeText(ctx, scope)}`);
  if (result.kind === 'error') {
    box.replaceChildren(h('span', { class: 'error' }, expressionMessageText(result, ctx.model.strings)), scopeNote);
    box.setAttribute('data-state', 'error');
    return;
  }
  box.setAttribute('data-state', 'value');
  box.replaceChildren(
    h('code', { class: 'preview-value', 'data-testid': 'preview-value' }, result.value === null ? ctx.t('previewNothing') : resultText(result.value, ctx.t('nullValue'))),
    result.usedDefault ? h('span', { class: 'muted' }, ` (${ctx.t('previewDefault')})`) : '',
    scopeNote,
  );
}
