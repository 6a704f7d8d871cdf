/**
 * The scoping filters of the object mapping: groups of clauses (attribute, operator, values). A user
 * is in scope when every clause of at least one group holds; no group means every user.
 */
import type { Issue, ObjectMappingDraft, ScopeGroupDraft } from '../../../src/shared/mappingEditor';
import { button, dropdown, h, textField } from '../../components';
import type { EditorContext } from '../editorContext';

// Offered when the service sent no filter operators.
const fallbackOperators = ['EQUALS', 'NOT EQUALS', 'IS TRUE', 'IS FALSE', 'IS NULL', 'IS NOT NULL', 'REGEX MATCH', 'NOT REGEX MATCH'];

export function scopeSection(ctx: EditorContext, om: ObjectMappingDraft): HTMLElement {
  const catalog = ctx.model.state!.catalog(om.id);
  const known = ctx.model.operators;
  const groups = om.scopeGroups;
  const set = (next: ScopeGroupDraft[], rerender: boolean) => ctx.edit({ kind: 'setScope', objectMappingId: om.id, groups: next }, rerender);
  const operators = known.length ? known.map((o) => o.name) : fallbackOperators;
  // The groups as they are when a field changes, not as drawn: edits that do not redraw (an attribute, a value) must not be undone by the next one.
  const now = () => ctx.model.state!.objectMapping(om.id)?.scopeGroups ?? groups;
  const withGroup = (g: number, change: (group: ScopeGroupDraft) => ScopeGroupDraft) => now().map((x, i) => (i === g ? change(x) : x));
  const section = h('section', { class: 'scope', 'aria-label': ctx.t('scope'), 'data-testid': 'scope' }, h('h2', {}, ctx.t('scope')));
  if (groups.length === 0) section.append(h('p', { class: 'muted' }, ctx.t('scopeAll')));
  groups.forEach((group, g) => {
    const box = h('fieldset', { class: 'scope-group' }, h('legend', {}, group.name || `#${g + 1}`));
    box.append(textField(ctx.t('groupName'), group.name, (value) => set(withGroup(g, (x) => ({ ...x, name: value })), false)));
    group.clauses.forEach((clause, c) => {
      const withClause = (change: Partial<(typeof group.clauses)[number]>, rerender: boolean) =>
        set(withGroup(g, (x) => ({ ...x, clauses: x.clauses.map((y, j) => (j === c ? { ...y, ...change } : y)) })), rerender);
      const unary = known.find((o) => o.name === clause.operator)?.arity === 'Unary';
      box.append(
        h(
          'div',
          { class: 'row clause', 'data-clause': `${g}.${c}`, 'data-testid': `clause-${g}-${c}` },
          dropdown(ctx.t('sourceAttribute'), [['', '—'] as const, ...catalog.source.map((a) => [a.name, a.name] as const)], clause.sourceAttribute, (value) => withClause({ sourceAttribute: value }, false)),
          // An operator change can add or remove the values field: redraw.
          dropdown(ctx.t('operator'), operators.map((o) => [o, o] as const), clause.operator, (value) => withClause({ operator: value }, true)),
          unary ? null : textField(`${ctx.t('values')} (${ctx.t('valuesHelp')})`, clause.values.join(', '), (value) => withClause({ values: value.split(',').map((v) => v.trim()) }, false)),
          button(ctx.t('deleteClause'), () => set(withGroup(g, (x) => ({ ...x, clauses: x.clauses.filter((_, j) => j !== c) })), true)),
        ),
        h('div', { class: 'issues clause-issues', 'data-clause-issues': `${g}.${c}`, role: 'status', 'aria-live': 'polite' }),
      );
    });
    box.append(
      h(
        'div',
        { class: 'row' },
        button(ctx.t('addClause'), () => set(withGroup(g, (x) => ({ ...x, clauses: [...x.clauses, { sourceAttribute: '', operator: operators[0], values: [''] }] })), true)),
        button(ctx.t('deleteGroup'), () => set(now().filter((_, i) => i !== g), true)),
      ),
    );
    section.append(box);
  });
  section.append(button(ctx.t('addGroup'), () => set([...groups, { name: `${ctx.t('scope')} ${groups.length + 1}`, clauses: [{ sourceAttribute: '', operator: operators[0], values: [''] }] }], true), { testId: 'add-scope-group' }));
  return section;
}

/** Shows each clause's issues under it, in place (per keystroke: the values field keeps its caret). */
export function refreshScopeIssues(ctx: EditorContext, objectIssues: readonly Issue[]): void {
  for (const box of ctx.root.querySelectorAll<HTMLElement>('[data-clause-issues]')) {
    const prefix = `scope.${box.dataset.clauseIssues}`;
    const mine = objectIssues.filter((i) => !i.mappingId && (i.field === prefix || i.field.startsWith(`${prefix}.`)));
    box.replaceChildren(...mine.map((i) => h('div', { class: i.severity }, ctx.issueText(i))));
  }
}
