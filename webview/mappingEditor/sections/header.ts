/** The header: title, saved/unsaved badge and the document's toolbar (save, changes, reload, defaults). */
import { badge, button, h } from '../../components';
import type { EditorContext } from '../editorContext';

/** Fills `#header` in place; called per keystroke, so it rebuilds only when the dirty or busy flag flips. */
export function refreshHeader(ctx: EditorContext): void {
  const header = ctx.root.querySelector('#header');
  const { state, busy } = ctx.model;
  if (!header || !state) return;
  const dirty = state.dirty;
  const key = `${dirty}|${busy}`;
  if (header.childElementCount > 0 && header.getAttribute('data-key') === key) return;
  header.setAttribute('data-key', key);
  header.replaceChildren(
    h('h1', {}, `${ctx.t('title')} — ${ctx.model.jobLabel}`),
    badge(busy ? ctx.t('saving') : dirty ? ctx.t('unsaved') : ctx.t('saved'), 'dirty-indicator'),
    h(
      'div',
      { class: 'toolbar', role: 'toolbar' },
      button(ctx.t('save'), () => void ctx.request({ kind: 'save' }), { appearance: 'primary', disabled: busy || !dirty, testId: 'save' }),
      button(ctx.t('showChanges'), () => void ctx.request({ kind: 'showChanges' }), { disabled: !dirty, testId: 'show-changes' }),
      button(ctx.t('reload'), () => void ctx.request({ kind: 'reload' }), { disabled: busy }),
      button(ctx.t('restoreDefaults'), () => void ctx.request({ kind: 'restoreDefaults' }), { disabled: busy }),
    ),
  );
  header.querySelector('[data-testid="dirty-indicator"]')?.setAttribute('data-dirty', String(dirty));
}
