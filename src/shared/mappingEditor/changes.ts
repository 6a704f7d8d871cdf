/**
 * What a save would change, in terms a person reviews: one entry per added, removed, changed or moved
 * mapping and per changed object-mapping setting. Codes plus arguments, localized by the extension.
 */
import { createDocument, mappingFieldNames, objectMappingDisplayName } from './document';
import type { AttributeMappingDraft, EditorDocument, MappingFields, ObjectMappingDraft } from './document';

export type ChangeCode =
  | 'enabledChanged'
  | 'actionsChanged'
  | 'scopeChanged'
  | 'mappingAdded'
  | 'mappingRemoved'
  | 'mappingChanged'
  | 'mappingsReordered'
  | 'targetAttributeAdded'
  | 'targetAttributeRemoved';

export interface Change {
  readonly code: ChangeCode;
  /** `{0}` is always the object mapping's name; then the attribute and, for changes, the fields. */
  readonly args: readonly string[];
  readonly objectMappingId: string;
  readonly mappingId?: string;
  /** `mappingChanged`: each changed field, before and after. */
  readonly fields?: readonly FieldChange[];
}

export interface FieldChange {
  readonly field: keyof MappingFields;
  readonly before: string;
  readonly after: string;
}

function label(m: AttributeMappingDraft): string {
  return m.targetAttribute || m.id;
}

function changedFields(before: AttributeMappingDraft, after: AttributeMappingDraft): FieldChange[] {
  return mappingFieldNames.filter((k) => before[k] !== after[k]).map((k) => ({ field: k, before: String(before[k]), after: String(after[k]) }));
}

function compareObjectMapping(before: ObjectMappingDraft, after: ObjectMappingDraft): Change[] {
  const changes: Change[] = [];
  const at = (code: ChangeCode, args: string[], mappingId?: string, fields?: FieldChange[]) =>
    changes.push({ code, args: [objectMappingDisplayName(after.name), ...args], objectMappingId: after.id, mappingId, ...(fields ? { fields } : {}) });
  if (before.enabled !== after.enabled) at('enabledChanged', [after.enabled ? 'true' : 'false']);
  if (JSON.stringify(before.actions) !== JSON.stringify(after.actions)) {
    at('actionsChanged', [(['Add', 'Update', 'Delete'] as const).filter((k) => after.actions[k]).join(', ')]);
  }
  if (JSON.stringify(before.scopeGroups) !== JSON.stringify(after.scopeGroups)) at('scopeChanged', [String(after.scopeGroups.length)]);
  const beforeById = new Map(before.attributeMappings.map((m) => [m.id, m]));
  const afterIds = new Set(after.attributeMappings.map((m) => m.id));
  for (const m of before.attributeMappings) if (!afterIds.has(m.id)) at('mappingRemoved', [label(m)], m.id);
  for (const m of after.attributeMappings) {
    const old = beforeById.get(m.id);
    if (!old) at('mappingAdded', [label(m)], m.id);
    else {
      const fields = changedFields(old, m);
      if (fields.length) at('mappingChanged', [label(m), fields.map((f) => f.field).join(', ')], m.id, fields);
    }
  }
  const kept = after.attributeMappings.filter((m) => beforeById.has(m.id)).map((m) => m.id);
  const keptBefore = before.attributeMappings.filter((m) => afterIds.has(m.id)).map((m) => m.id);
  if (kept.join('\n') !== keptBefore.join('\n')) at('mappingsReordered', []);
  const beforeTargets = new Set((before.targetAttributes ?? []).map((a) => a.name));
  const afterTargets = new Set((after.targetAttributes ?? []).map((a) => a.name));
  for (const name of afterTargets) if (!beforeTargets.has(name)) at('targetAttributeAdded', [name]);
  for (const name of beforeTargets) if (!afterTargets.has(name)) at('targetAttributeRemoved', [name]);
  return changes;
}

/** The changes between the schema the document was loaded from and the document. */
export function describeChanges(doc: EditorDocument): Change[] {
  const before = new Map(createDocument(doc.base).objectMappings.map((om) => [om.id, om]));
  return doc.objectMappings.flatMap((om) => {
    const old = before.get(om.id);
    return old ? compareObjectMapping(old, om) : [];
  });
}

/** Localized UI sentences by key (`change.mappingAdded`, `matchingPriority`…), `{0}`… filled with the arguments. */
export type UiText = (key: string, ...args: string[]) => string;

/** The UI's name of each mapping field (string keys of the editor's labels). */
const fieldLabelKeys: Readonly<Record<keyof MappingFields, string>> = {
  mappingType: 'mappingType', sourceAttribute: 'sourceAttribute', constantValue: 'constantValue', expression: 'expression',
  defaultValue: 'defaultValueShort', targetAttribute: 'targetAttribute', flowType: 'applyMapping', matchingPriority: 'matchingPriority',
};

const actionLabelKeys = { Add: 'actionAdd', Update: 'actionUpdate', Delete: 'actionDelete' } as const;

/** A field's value as the editor shows it: the type and "apply" choices by their labels, long text shortened. */
function fieldValueText(field: keyof MappingFields, value: string, t: UiText): string {
  if (value === '') return t('change.empty');
  if (field === 'mappingType') return t(`type${value}`);
  if (field === 'flowType' && (value === 'Always' || value === 'ObjectAddOnly')) return t(`flow${value}`);
  return value.length > 80 ? `${value.slice(0, 79)}…` : value;
}

/** One change as a sentence in the UI's words: field labels instead of schema names, old → new values. */
export function changeText(change: Change, t: UiText): string {
  const [om, ...rest] = change.args;
  switch (change.code) {
    case 'enabledChanged':
      return t(rest[0] === 'true' ? 'change.turnedOn' : 'change.turnedOff', om);
    case 'actionsChanged': {
      const names = rest[0] ? rest[0].split(', ').map((a) => t(actionLabelKeys[a as keyof typeof actionLabelKeys] ?? a)) : [];
      return t('change.actionsChanged', om, names.length ? names.join(', ') : t('change.empty'));
    }
    case 'mappingChanged': {
      const fields = (change.fields ?? []).map((f) => t('change.field', t(fieldLabelKeys[f.field]), fieldValueText(f.field, f.before, t), fieldValueText(f.field, f.after, t)));
      return t('change.mappingChanged', om, rest[0], fields.join('; '));
    }
    default:
      return t(`change.${change.code}`, ...change.args);
  }
}

function mappingLine(m: AttributeMappingDraft, t: UiText): string {
  const source = m.mappingType === 'Direct' ? `[${m.sourceAttribute}]` : m.mappingType === 'Constant' ? JSON.stringify(m.constantValue) : m.expression;
  const notes = [
    m.mappingType === 'Constant' ? t('typeConstant') : '',
    m.defaultValue ? `${t('defaultValueShort')}: ${JSON.stringify(m.defaultValue)}` : '',
    m.flowType !== 'Always' ? `${t('applyMapping')}: ${fieldValueText('flowType', m.flowType, t)}` : '',
    m.matchingPriority > 0 ? `${t('matchingPriority')}: ${m.matchingPriority}` : '',
  ].filter(Boolean);
  return `  ${m.targetAttribute || '—'} ← ${source}${notes.length ? `   (${notes.join(' · ')})` : ''}`;
}

/**
 * Object mappings as text a person reads, one line per attribute mapping (target ← source, with
 * default, when it applies and matching precedence): what the "Show Changes" diff compares, so a
 * change shows as that mapping's line, old against new, rather than as Graph's JSON and parse trees.
 */
export function readableMappings(objectMappings: readonly ObjectMappingDraft[], t: UiText): string {
  const lines: string[] = [];
  for (const om of objectMappings) {
    const actions = (['Add', 'Update', 'Delete'] as const).filter((a) => om.actions[a]).map((a) => t(actionLabelKeys[a]));
    lines.push(`${objectMappingDisplayName(om.name)}`, `${t('enabled')}: ${om.enabled ? t('yes') : t('no')}`, `${t('targetActions')}: ${actions.join(', ') || t('change.empty')}`);
    lines.push(`${t('scope')}:`);
    if (om.scopeGroups.length === 0) lines.push(`  ${t('scopeAll')}`);
    for (const g of om.scopeGroups) {
      lines.push(`  ${g.name || '—'}: ${g.clauses.map((c) => `${c.sourceAttribute} ${c.operator}${c.values.some((v) => v !== '') ? ` ${c.values.map((v) => JSON.stringify(v)).join(', ')}` : ''}`).join(` ${t('and')} `)}`);
    }
    lines.push(`${t('attributeMappings')}:`, ...om.attributeMappings.map((m) => mappingLine(m, t)));
    if (om.targetAttributes) lines.push(`${t('targetAttributes')}:`, ...om.targetAttributes.map((a) => `  ${a.name} (${a.type}${a.multivalued ? `, ${t('multivalued')}` : ''}${a.required ? `, ${t('required')}` : ''})`));
    lines.push('');
  }
  return lines.join('\n');
}
