/**
 * The detail form of the selected attribute mapping: its type and, by type, source attribute,
 * constant or expression; default, target, when to apply, matching priority; its issues; and the
 * single-user preview below.
 */
import { expressionMessageText, flowTypeChoices, mappingTypes } from '../../../src/shared/mappingEditor';
import type { AttributeMappingDraft, Issue, MappingFields, ObjectMappingDraft } from '../../../src/shared/mappingEditor';
import { dropdown, h, textField } from '../../components';
import type { EditorContext } from '../editorContext';
import { expressionField } from '../expressionField';
import type { ExpressionField } from '../expressionField';
import { samplePreviewBox } from './samplePreview';

export interface MappingDetail {
  readonly element: HTMLElement;
  /** The expression input, when the mapping is an expression: refreshes show its issues in place. */
  readonly expression: ExpressionField | undefined;
}

/** The patch that changes a mapping's type and carries its meaning over, when the old value says the same thing in the new type. */
function typeChange(m: AttributeMappingDraft, value: MappingFields['mappingType']): Partial<MappingFields> {
  const patch: { -readonly [K in keyof MappingFields]?: MappingFields[K] } = { mappingType: value };
  // A direct mapping becomes the same attribute as an expression.
  if (value === 'Expression' && !m.expression) patch.expression = m.mappingType === 'Direct' && m.sourceAttribute ? `[${m.sourceAttribute}]` : m.mappingType === 'Constant' ? `"${m.constantValue.replace(/[\\"]/g, '\\$&')}"` : '';
  // …and back: an expression that is just an attribute or a string keeps it.
  const attribute = /^\s*\[([^\]]+)\]\s*$/.exec(m.expression)?.[1];
  const constant = /^\s*"((?:[^"\\]|\\.)*)"\s*$/.exec(m.expression)?.[1]?.replace(/\\(.)/g, '$1');
  if (m.mappingType === 'Expression' && value === 'Direct' && attribute && !m.sourceAttribute) patch.sourceAttribute = attribute;
  if (m.mappingType === 'Expression' && value === 'Constant' && constant !== undefined && !m.constantValue) patch.constantValue = constant;
  return patch;
}

export function mappingDetailSection(ctx: EditorContext, om: ObjectMappingDraft, m: AttributeMappingDraft): MappingDetail {
  const catalog = ctx.model.state!.catalog(om.id);
  const update = (patch: Partial<MappingFields>, rerender = false) => ctx.edit({ kind: 'updateMapping', objectMappingId: om.id, mappingId: m.id, patch }, rerender);
  const typeLabel: Record<string, string> = { Direct: ctx.t('typeDirect'), Constant: ctx.t('typeConstant'), Expression: ctx.t('typeExpression') };
  // A name the catalog does not know (a custom attribute) must still be offered, or the drop-down would show nothing.
  const withCurrent = (names: string[], current: string) => (current && !names.includes(current) ? [current, ...names] : names);
  const sourceNames = withCurrent(catalog.source.map((a) => a.name), m.sourceAttribute);
  const targetNames = withCurrent(catalog.target.map((a) => a.name), m.targetAttribute);
  let expression: ExpressionField | undefined;
  const parts: (HTMLElement | null)[] = [
    dropdown(ctx.t('mappingType'), mappingTypes.map((t) => [t, typeLabel[t]] as const), m.mappingType, (value) => update(typeChange(m, value as MappingFields['mappingType']), true), 'mapping-type'),
  ];
  if (m.mappingType === 'Direct') {
    parts.push(dropdown(ctx.t('sourceAttribute'), [['', '—'] as const, ...sourceNames.map((n) => [n, n] as const)], m.sourceAttribute, (value) => update({ sourceAttribute: value }, true), 'source-attribute'));
  } else if (m.mappingType === 'Constant') {
    parts.push(textField(ctx.t('constantValue'), m.constantValue, (value) => update({ constantValue: value }), { testId: 'constant-value' }));
  } else {
    expression = expressionField({
      label: ctx.t('expression'),
      value: m.expression,
      attributes: () => catalog.source.map((a) => a.name),
      onInput: (value) => update({ expression: value }),
      strings: { signature: ctx.t('signature'), completionHint: ctx.t('completionHint'), errorAt: ctx.t('errorAt') },
      messageText: (issue) => expressionMessageText(issue, ctx.model.strings),
      helpText: (key, english) => ctx.model.strings?.[key] ?? english,
    });
    parts.push(expression.element);
  }
  parts.push(
    textField(ctx.t('defaultValue'), m.defaultValue, (value) => update({ defaultValue: value }), { testId: 'default-value' }),
    dropdown(ctx.t('targetAttribute'), [['', '—'] as const, ...targetNames.map((n) => [n, n] as const)], m.targetAttribute, (value) => update({ targetAttribute: value }, true), 'target-attribute'),
    dropdown(ctx.t('applyMapping'), withCurrent([...flowTypeChoices], m.flowType).map((f) => [f, f === 'Always' ? ctx.t('flowAlways') : f === 'ObjectAddOnly' ? ctx.t('flowObjectAddOnly') : f] as const), m.flowType, (value) => update({ flowType: value }), 'flow-type'),
    textField(ctx.t('matchingPriority'), String(m.matchingPriority), (value) => {
      const n = Number(value);
      if (Number.isInteger(n) && n >= 0 && n <= 1000) update({ matchingPriority: n });
    }, { testId: 'matching-priority', type: 'text', size: '4' }),
    h('div', { class: 'hint' }, ctx.t('matchingHelp')),
    h('div', { class: 'issues', id: 'mapping-issues', role: 'status', 'aria-live': 'polite' }),
    samplePreviewBox(ctx),
  );
  return { element: h('div', { class: 'detail-form' }, h('h2', {}, m.targetAttribute || ctx.t('edit')), ...parts), expression };
}

/** Shows the selected mapping's issues in place: the expression's own under its input, the others in the form. */
export function refreshMappingIssues(ctx: EditorContext, expression: ExpressionField | undefined, issues: readonly Issue[]): void {
  expression?.showIssues(issues);
  ctx.root.querySelector('#mapping-issues')?.replaceChildren(...issues.filter((i) => i.field !== 'expression').map((i) => h('div', { class: i.severity }, ctx.issueText(i))));
}
