/** The object mapping bar: which object mapping is shown, whether it is enabled, and its target actions. */
import { objectMappingDisplayName } from '../../../src/shared/mappingEditor';
import type { ObjectMappingDraft } from '../../../src/shared/mappingEditor';
import { checkbox, dropdown, h } from '../../components';
import type { EditorContext } from '../editorContext';

export function objectMappingSection(ctx: EditorContext, om: ObjectMappingDraft): HTMLElement {
  const choices = ctx.model.state!.doc.objectMappings.map((o) => [o.id, objectMappingDisplayName(o.name)] as const);
  const actions = om.actions;
  const setAction = (key: 'Add' | 'Update' | 'Delete') => (checked: boolean) => ctx.edit({ kind: 'setActions', objectMappingId: om.id, actions: { ...actions, [key]: checked } }, true);
  return h(
    'section',
    { class: 'object-mapping', 'aria-label': ctx.t('objectMapping') },
    dropdown(ctx.t('objectMapping'), choices, om.id, (id) => {
      ctx.view.state.objectMappingId = id;
      ctx.view.state.selectedMappingId = undefined;
      ctx.view.save();
      ctx.render();
    }, 'object-mapping'),
    h('div', { class: 'row' }, checkbox(ctx.t('enabled'), om.enabled, (checked) => ctx.edit({ kind: 'setEnabled', objectMappingId: om.id, enabled: checked }, true), 'object-enabled')),
    h(
      'fieldset',
      { class: 'row' },
      h('legend', {}, ctx.t('targetActions')),
      checkbox(ctx.t('actionAdd'), actions.Add, setAction('Add')),
      checkbox(ctx.t('actionUpdate'), actions.Update, setAction('Update')),
      checkbox(ctx.t('actionDelete'), actions.Delete, setAction('Delete')),
    ),
  );
}
