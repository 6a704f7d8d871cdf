/** The advanced part: the target attributes the object mapping declares, with delete and add. */
import type { ObjectMappingDraft } from '../../../src/shared/mappingEditor';
import { button, checkbox, dropdown, h, textField } from '../../components';
import type { EditorContext } from '../editorContext';

const attributeTypes = ['String', 'Integer', 'Boolean', 'DateTime', 'Reference', 'Binary'];

export function targetAttributesSection(ctx: EditorContext, om: ObjectMappingDraft): HTMLElement {
  const list = om.targetAttributes;
  const details = h('details', { class: 'advanced' }, h('summary', {}, `${ctx.t('advanced')}: ${ctx.t('targetAttributes')}`));
  if (!list) return details;
  // A required attribute no mapping sets: the row says so (redrawn with the page after every mapping add, delete or retarget).
  const unmapped = new Map(ctx.model.state!.issuesOfObject(om).filter((i) => i.code === 'requiredUnmapped').map((i) => [i.args[0], i]));
  const table = h(
    'table',
    { class: 'target-table' },
    h('thead', {}, h('tr', {}, h('th', {}, ctx.t('attributeName')), h('th', {}, ctx.t('attributeType')), h('th', {}, ctx.t('multivalued')), h('th', {}, ctx.t('required')), h('th', {}, ''))),
    h(
      'tbody',
      {},
      ...list.map((a) =>
        h('tr', { class: unmapped.has(a.name) ? 'has-error' : '' }, h('td', {}, a.name, unmapped.has(a.name) ? h('div', { class: 'error' }, ctx.issueText(unmapped.get(a.name)!)) : null), h('td', {}, a.type), h('td', {}, a.multivalued ? '✓' : ''), h('td', {}, a.required ? '✓' : ''), h('td', {}, button('✕', () => ctx.edit({ kind: 'deleteTargetAttribute', objectMappingId: om.id, name: a.name }, true), { appearance: 'icon', title: ctx.t('delete') }))),
      ),
    ),
  );
  // The new attribute's fields are not document edits until "Add": kept here, not in the view state.
  let name = '';
  let type = 'String';
  let multivalued = false;
  let required = false;
  details.append(
    table,
    h(
      'div',
      { class: 'row' },
      textField(ctx.t('attributeName'), '', (v) => (name = v.trim())),
      dropdown(ctx.t('attributeType'), attributeTypes.map((x) => [x, x] as const), type, (v) => (type = v)),
      checkbox(ctx.t('multivalued'), false, (v) => (multivalued = v)),
      checkbox(ctx.t('required'), false, (v) => (required = v)),
      button(ctx.t('addAttribute'), () => {
        if (name) ctx.edit({ kind: 'addTargetAttribute', objectMappingId: om.id, attribute: { name, type, multivalued, required } }, true);
      }),
    ),
  );
  return details;
}
