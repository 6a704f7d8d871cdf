/**
 * The header: title, saved/unsaved badge, the document's toolbar (save, changes, reload, defaults),
 * and, right under Save, what keeps it disabled: an error anywhere in the document blocks saving,
 * and the user is told where they look rather than only in the problem list below the fold.
 */
import { badge, button, h } from '../../components';
import type { EditorContext } from '../editorContext';
import { showIssue } from './problems';

/** Fills `#header` in place; called per keystroke, so it rebuilds only when what it shows changes. */
export function refreshHeader(ctx: EditorContext): void {
  const header = ctx.root.querySelector('#header');
  const { state, busy } = ctx.model;
  if (!header || !state) return;
  const dirty = state.dirty;
  const errors = state.issues().filter((i) => i.severity === 'error');
  const blocked = errors.length ? (errors.length === 1 ? ctx.t('saveBlockedOne', ctx.issueText(errors[0])) : ctx.t('saveBlockedMany', ctx.issueText(errors[0]), String(errors.length - 1))) : '';
  const key = `${dirty}|${busy}|${blocked}`;
  if (header.childElementCount > 0 && header.getAttribute('data-key') === key) return;
  header.setAttribute('data-key', key);
  const blocker = blocked ? h('button', { class: 'link blocked', 'data-testid': 'save-blocked', role: 'alert' }, blocked) : null;
  blocker?.addEventListener('click', () => showIssue(ctx, errors[0]));
  header.replaceChildren(
    h('h1', {}, `${ctx.t('title')} — ${ctx.model.jobLabel}`),
    badge(busy ? ctx.t('saving') : dirty ? ctx.t('unsaved') : ctx.t('saved'), 'dirty-indicator'),
    h(
      'div',
      { class: 'toolbar', role: 'toolbar' },
      button(ctx.t('save'), () => void ctx.request({ kind: 'save' }), { appearance: 'primary', disabled: busy || !dirty || errors.length > 0, testId: 'save' }),
      button(ctx.t('showChanges'), () => void ctx.request({ kind: 'showChanges' }), { disabled: !dirty, testId: 'show-changes' }),
      button(ctx.t('reload'), () => void ctx.request({ kind: 'reload' }), { disabled: busy }),
      button(ctx.t('restoreDefaults'), () => void ctx.request({ kind: 'restoreDefaults' }), { disabled: busy }),
    ),
    ...(blocker ? [blocker] : []),
  );
  header.querySelector('[data-testid="dirty-indicator"]')?.setAttribute('data-dirty', String(dirty));
}
