/**
 * What a save would change, in terms a person reviews: one entry per added, removed, changed or moved
 * mapping and per changed object-mapping setting. Codes plus arguments, localized by the extension.
 */
import { createDocument, mappingFieldNames } from './document';
import type { AttributeMappingDraft, EditorDocument, ObjectMappingDraft } from './document';

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
}

function label(m: AttributeMappingDraft): string {
  return m.targetAttribute || m.id;
}

function changedFields(before: AttributeMappingDraft, after: AttributeMappingDraft): string[] {
  return mappingFieldNames.filter((k) => before[k] !== after[k]);
}

function compareObjectMapping(before: ObjectMappingDraft, after: ObjectMappingDraft): Change[] {
  const changes: Change[] = [];
  const at = (code: ChangeCode, args: string[], mappingId?: string) => changes.push({ code, args: [after.name, ...args], objectMappingId: after.id, mappingId });
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
      if (fields.length) at('mappingChanged', [label(m), fields.join(', ')], m.id);
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
