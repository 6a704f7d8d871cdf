/** The unsaved changes, in words, with the warning that saving starts a full provisioning cycle. */
import { changeText } from '../../../src/shared/mappingEditor';
import type { MappingEditorStringKey } from '../../../src/shared/webviewProtocol';
import { h } from '../../components';
import type { EditorContext } from '../editorContext';

/** Fills `#changes` in place (per keystroke). */
export function refreshChanges(ctx: EditorContext): void {
  const state = ctx.model.state!;
  const changes = ctx.root.querySelector('#changes');
  const list = state.dirty ? state.changes() : [];
  changes?.replaceChildren(
    h('h2', {}, ctx.t('changes')),
    list.length === 0 ? h('p', { class: 'muted' }, ctx.t('noChanges')) : h('ul', {}, ...list.map((c) => h('li', {}, changeText(c, (key, ...args) => ctx.t(key as MappingEditorStringKey, ...args))))),
    list.length ? h('p', { class: 'warning' }, ctx.t('fullCycleWarning')) : '',
  );
}
