/**
 * Edits of the mapping editor's document. The webview applies an edit at once (so the preview never
 * waits for a round trip) and sends it to the extension, which applies the same edit to the document
 * it owns. Both sides run this reducer, so they agree.
 */
import type { AttributeMappingDraft, EditorDocument, MappingFields, ObjectMappingDraft, ScopeGroupDraft, TargetActions, TargetAttributeDraft } from './document';

/** Fields a `updateMapping` edit may change. */
export type MappingPatch = Partial<MappingFields>;

/** Every edit the editor makes. `objectMappingId`/`mappingId` are the document's ids. */
export type EditOperation =
  | { readonly kind: 'setEnabled'; readonly objectMappingId: string; readonly enabled: boolean }
  | { readonly kind: 'setActions'; readonly objectMappingId: string; readonly actions: TargetActions }
  | { readonly kind: 'addMapping'; readonly objectMappingId: string; readonly mappingId: string; readonly fields: MappingFields }
  | { readonly kind: 'updateMapping'; readonly objectMappingId: string; readonly mappingId: string; readonly patch: MappingPatch }
  | { readonly kind: 'deleteMapping'; readonly objectMappingId: string; readonly mappingId: string }
  | { readonly kind: 'moveMapping'; readonly objectMappingId: string; readonly mappingId: string; readonly toIndex: number }
  | { readonly kind: 'setScope'; readonly objectMappingId: string; readonly groups: readonly ScopeGroupDraft[] }
  | { readonly kind: 'addTargetAttribute'; readonly objectMappingId: string; readonly attribute: Omit<TargetAttributeDraft, 'original'> }
  | { readonly kind: 'deleteTargetAttribute'; readonly objectMappingId: string; readonly name: string };

/** An edit that does not fit the document (unknown id, duplicate id, index out of range). */
export class EditError extends Error {
  override readonly name = 'EditError';
}

/** A mapping with nothing filled in yet, of the given type. */
export function emptyMapping(mappingType: MappingFields['mappingType'] = 'Direct'): MappingFields {
  return { mappingType, sourceAttribute: '', constantValue: '', expression: '', defaultValue: '', targetAttribute: '', flowType: 'Always', matchingPriority: 0 };
}

/** An id for a new mapping that no mapping of the document uses. */
export function newMappingId(doc: EditorDocument, objectMappingId: string): string {
  const used = new Set(doc.objectMappings.flatMap((om) => om.attributeMappings.map((m) => m.id)));
  let n = 1;
  while (used.has(`${objectMappingId}n${n}`)) n++;
  return `${objectMappingId}n${n}`;
}

function withObjectMapping(doc: EditorDocument, id: string, change: (om: ObjectMappingDraft) => ObjectMappingDraft): EditorDocument {
  const index = doc.objectMappings.findIndex((om) => om.id === id);
  if (index < 0) throw new EditError(`No object mapping ${id}.`);
  const objectMappings = doc.objectMappings.slice();
  objectMappings[index] = change(doc.objectMappings[index]);
  return { ...doc, objectMappings };
}

function mappingIndex(om: ObjectMappingDraft, mappingId: string): number {
  const index = om.attributeMappings.findIndex((m) => m.id === mappingId);
  if (index < 0) throw new EditError(`No attribute mapping ${mappingId} in ${om.id}.`);
  return index;
}

/**
 * Applies one edit and returns the new document; the old one is left as it was (only the changed
 * path is copied, so a keystroke costs little even with hundreds of mappings).
 * @throws EditError when the edit does not fit the document.
 */
export function applyEdit(doc: EditorDocument, edit: EditOperation): EditorDocument {
  switch (edit.kind) {
    case 'setEnabled':
      return withObjectMapping(doc, edit.objectMappingId, (om) => ({ ...om, enabled: edit.enabled }));
    case 'setActions':
      return withObjectMapping(doc, edit.objectMappingId, (om) => ({ ...om, actions: { Add: edit.actions.Add, Update: edit.actions.Update, Delete: edit.actions.Delete } }));
    case 'addMapping':
      return withObjectMapping(doc, edit.objectMappingId, (om) => {
        if (doc.objectMappings.some((o) => o.attributeMappings.some((m) => m.id === edit.mappingId))) throw new EditError(`Mapping id ${edit.mappingId} is taken.`);
        const added: AttributeMappingDraft = { ...edit.fields, id: edit.mappingId };
        return { ...om, attributeMappings: [...om.attributeMappings, added] };
      });
    case 'updateMapping':
      return withObjectMapping(doc, edit.objectMappingId, (om) => {
        const index = mappingIndex(om, edit.mappingId);
        const attributeMappings = om.attributeMappings.slice();
        attributeMappings[index] = { ...attributeMappings[index], ...edit.patch };
        return { ...om, attributeMappings };
      });
    case 'deleteMapping':
      return withObjectMapping(doc, edit.objectMappingId, (om) => {
        const index = mappingIndex(om, edit.mappingId);
        return { ...om, attributeMappings: om.attributeMappings.filter((_, i) => i !== index) };
      });
    case 'moveMapping':
      return withObjectMapping(doc, edit.objectMappingId, (om) => {
        const from = mappingIndex(om, edit.mappingId);
        if (!Number.isInteger(edit.toIndex) || edit.toIndex < 0 || edit.toIndex >= om.attributeMappings.length) throw new EditError(`Index ${edit.toIndex} is outside the list.`);
        const attributeMappings = om.attributeMappings.slice();
        const [moved] = attributeMappings.splice(from, 1);
        attributeMappings.splice(edit.toIndex, 0, moved);
        return { ...om, attributeMappings };
      });
    case 'setScope':
      return withObjectMapping(doc, edit.objectMappingId, (om) => ({
        ...om,
        scopeGroups: edit.groups.map((g) => ({ name: g.name, clauses: g.clauses.map((c) => ({ sourceAttribute: c.sourceAttribute, operator: c.operator, values: [...c.values] })) })),
      }));
    case 'addTargetAttribute':
      return withObjectMapping(doc, edit.objectMappingId, (om) => {
        const list = om.targetAttributes;
        if (!list) throw new EditError(`${om.id} has no target attribute list.`);
        if (list.some((a) => a.name === edit.attribute.name)) throw new EditError(`${edit.attribute.name} is already in the list.`);
        const { name, type, multivalued, required } = edit.attribute;
        return { ...om, targetAttributes: [...list, { name, type, multivalued, required }] };
      });
    case 'deleteTargetAttribute':
      return withObjectMapping(doc, edit.objectMappingId, (om) => {
        const list = om.targetAttributes;
        if (!list || !list.some((a) => a.name === edit.name)) throw new EditError(`${edit.name} is not in the list.`);
        return { ...om, targetAttributes: list.filter((a) => a.name !== edit.name) };
      });
  }
}
