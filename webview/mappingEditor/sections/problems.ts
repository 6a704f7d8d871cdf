/** The problems of the whole document; clicking one shows the mapping it is about. */
import type { Issue } from '../../../src/shared/mappingEditor';
import { badge, h } from '../../components';
import type { EditorContext } from '../editorContext';

const shownAtMost = 100;

/** Shows the object mapping and mapping an issue is about. */
export function showIssue(ctx: EditorContext, issue: Issue): void {
  ctx.view.state.objectMappingId = issue.objectMappingId;
  if (issue.mappingId) ctx.view.state.selectedMappingId = issue.mappingId;
  ctx.view.save();
  ctx.render();
}

/** Fills `#problems` in place (per keystroke). */
export function refreshProblems(ctx: EditorContext): void {
  const problems = ctx.root.querySelector('#problems');
  const all = ctx.model.state!.issues();
  problems?.replaceChildren(
    h('h2', {}, `${ctx.t('problems')} `, badge(String(all.length), 'problem-count')),
    all.length === 0
      ? h('p', { class: 'muted' }, ctx.t('noProblems'))
      : h(
          'ul',
          { class: 'problem-list' },
          ...all.slice(0, shownAtMost).map((issue) => {
            const li = h('li', { class: issue.severity }, h('button', { class: 'link' }, ctx.issueText(issue)));
            li.querySelector('button')!.addEventListener('click', () => showIssue(ctx, issue));
            return li;
          }),
        ),
  );
}
