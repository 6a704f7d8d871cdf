/**
 * The mapping editor's document: a job's synchronization schema as the server returned it (`base`)
 * plus editable drafts of its object mappings, attribute mappings, scoping filters and target
 * attribute lists. Host-free and browser-safe: the extension (which owns the data) and the webview
 * (which renders it and previews per keystroke) run the same code.
 */
import { toAttributeMappingSource } from '../../expressions';
import type { AttributeMappingSource } from '../../expressions';

export type { RawObject, RawSchema, RawRule, RawObjectMapping, RawFilter, RawFilterGroup, RawAttributeMapping, RawDirectory, RawObjectDefinition, RawAttributeDefinition } from '../synchronizationSchema';
import type { RawSchema, RawFilter, RawAttributeMapping, RawDirectory, RawObjectDefinition, RawAttributeDefinition } from '../synchronizationSchema';

/**
 * An object mapping's name as the user reads it. The service's templates still call the source
 * "Azure Active Directory" ("Provision Azure Active Directory Users"), and that name stays in the
 * schema and in what is saved; the product is Microsoft Entra ID.
 */
export function objectMappingDisplayName(name: string): string {
  return name.replace(/\bAzure Active Directory\b/g, 'Microsoft Entra ID').replace(/\bAzure AD\b/g, 'Microsoft Entra ID');
}

/** How a mapping gets its value, as the portal names it. */
export type MappingType = 'Direct' | 'Constant' | 'Expression';
export const mappingTypes: readonly MappingType[] = ['Direct', 'Constant', 'Expression'];

/** When a mapping applies: always, or only when the object is created in the app. */
export const flowTypeChoices: readonly string[] = ['Always', 'ObjectAddOnly'];

/** The fields of an attribute mapping a person edits. */
export interface MappingFields {
  readonly mappingType: MappingType;
  /** Direct: the source attribute name (without brackets). */
  readonly sourceAttribute: string;
  /** Constant: the value. */
  readonly constantValue: string;
  /** Expression: the expression text. */
  readonly expression: string;
  /** Used when the source evaluates to null; '' for none. */
  readonly defaultValue: string;
  readonly targetAttribute: string;
  /** `Always` or `ObjectAddOnly` (other values the service knows are kept as they are). */
  readonly flowType: string;
  /** Greater than 0: used to match existing accounts, lowest first. 0: not a matching attribute. */
  readonly matchingPriority: number;
}

export const mappingFieldNames: readonly (keyof MappingFields)[] = [
  'mappingType', 'sourceAttribute', 'constantValue', 'expression', 'defaultValue', 'targetAttribute', 'flowType', 'matchingPriority',
];

/** One attribute mapping being edited. */
export interface AttributeMappingDraft extends MappingFields {
  /** Stable within an editing session (not sent to the service). */
  readonly id: string;
  /** The mapping as loaded, so that untouched mappings and unknown fields round-trip exactly. */
  readonly original?: RawAttributeMapping;
}

export interface ScopeClauseDraft {
  readonly sourceAttribute: string;
  readonly operator: string;
  readonly values: readonly string[];
}

/** All clauses of a group must hold; an object is in scope when any group holds. */
export interface ScopeGroupDraft {
  readonly name: string;
  readonly clauses: readonly ScopeClauseDraft[];
}

/** Which actions the service performs in the app. */
export interface TargetActions {
  readonly Add: boolean;
  readonly Update: boolean;
  readonly Delete: boolean;
}

export interface TargetAttributeDraft {
  readonly name: string;
  readonly type: string;
  readonly multivalued: boolean;
  readonly required: boolean;
  readonly original?: RawAttributeDefinition;
}

/** One object mapping (e.g. "Provision Azure Active Directory Users") being edited. */
export interface ObjectMappingDraft {
  /** `r<rule>o<object>`: position in the schema, stable because object mappings are never added. */
  readonly id: string;
  readonly name: string;
  readonly sourceDirectory: string;
  readonly targetDirectory: string;
  readonly sourceObjectName: string;
  readonly targetObjectName: string;
  readonly enabled: boolean;
  readonly actions: TargetActions;
  readonly scopeGroups: readonly ScopeGroupDraft[];
  readonly attributeMappings: readonly AttributeMappingDraft[];
  /** The target object's attribute list (advanced editing); undefined when the schema has no definition. */
  readonly targetAttributes?: readonly TargetAttributeDraft[];
}

/** Everything the editor edits, plus the schema it came from. */
export interface EditorDocument {
  /** The schema as loaded (or last saved): what a save replaces and what conflicts are checked against. */
  readonly base: RawSchema;
  readonly objectMappings: readonly ObjectMappingDraft[];
}

/** Source and target attributes offered by the pickers of one object mapping. */
export interface AttributeCatalog {
  readonly source: readonly AttributeInfo[];
  readonly target: readonly AttributeInfo[];
}

export interface AttributeInfo {
  readonly name: string;
  readonly type: string;
  readonly multivalued: boolean;
  /** The app needs a value (attributeDefinition.required). */
  readonly required?: boolean;
  /** Nothing can write it: `mutability` ReadOnly. */
  readonly readOnly?: boolean;
  /** The object's anchor (the id the app assigns). */
  readonly anchor?: boolean;
  /** The definition's default, used when a required attribute has no value. */
  readonly defaultValue?: string;
}

/** What the rules read of an attribute definition. */
export function attributeInfoOf(a: RawAttributeDefinition): AttributeInfo {
  const defaultValue = typeof a.defaultValue === 'string' && a.defaultValue !== '' ? a.defaultValue : undefined;
  return {
    name: a.name as string,
    type: a.type ?? 'String',
    multivalued: a.multivalued === true,
    required: a.required === true,
    readOnly: a.mutability === 'ReadOnly',
    anchor: a.anchor === true,
    ...(defaultValue !== undefined ? { defaultValue } : {}),
  };
}

function directory(schema: RawSchema, name: string | undefined): RawDirectory | undefined {
  return (schema.directories ?? []).find((d) => d.name === name);
}

function objectDefinition(dir: RawDirectory | undefined, name: string | undefined): RawObjectDefinition | undefined {
  return (dir?.objects ?? []).find((o) => o.name === name);
}

/** The attribute definitions the pickers offer for one object mapping (extension attributes included). */
export function attributeCatalog(schema: RawSchema, om: ObjectMappingDraft): AttributeCatalog {
  const info = (defs: readonly RawAttributeDefinition[] | undefined): AttributeInfo[] => (defs ?? []).filter((a) => typeof a.name === 'string').map(attributeInfoOf);
  const source = info(objectDefinition(directory(schema, om.sourceDirectory), om.sourceObjectName)?.attributes);
  const target = om.targetAttributes
    ? om.targetAttributes.map((a) => ({ ...(a.original ? attributeInfoOf({ ...a.original, name: a.name }) : {}), name: a.name, type: a.type, multivalued: a.multivalued, required: a.required }))
    : info(objectDefinition(directory(schema, om.targetDirectory), om.targetObjectName)?.attributes);
  return { source, target };
}

/** The editable fields a raw mapping stands for. */
export function fieldsOf(raw: RawAttributeMapping): MappingFields {
  const source = raw.source ?? null;
  const type = (source?.type ?? 'Attribute').toString().toLowerCase();
  const base = {
    sourceAttribute: '',
    constantValue: '',
    expression: '',
    defaultValue: raw.defaultValue ?? '',
    targetAttribute: raw.targetAttributeName ?? '',
    flowType: raw.flowType ?? 'Always',
    matchingPriority: typeof raw.matchingPriority === 'number' ? raw.matchingPriority : 0,
  };
  if (source === null) {
    // Graph's way of writing a constant: no source, the value in defaultValue.
    return { ...base, mappingType: 'Constant', constantValue: raw.defaultValue ?? '', defaultValue: '' };
  }
  if (type === 'attribute') return { ...base, mappingType: 'Direct', sourceAttribute: source.name ?? '' };
  if (type === 'constant') return { ...base, mappingType: 'Constant', constantValue: source.name ?? '' };
  return { ...base, mappingType: 'Expression', expression: source.expression ?? '' };
}

function actionsOf(flowTypes: string | undefined): TargetActions {
  const set = new Set((flowTypes ?? 'Add, Update, Delete').split(',').map((s) => s.trim()));
  return { Add: set.has('Add'), Update: set.has('Update'), Delete: set.has('Delete') };
}

/** Graph's objectFlowTypes flags: the actions joined by commas, `None` when there are none (the service refuses an empty value). */
function flowTypesText(actions: TargetActions): string {
  return (['Add', 'Update', 'Delete'] as const).filter((k) => actions[k]).join(', ') || 'None';
}

function scopeOf(scope: RawFilter | null | undefined): ScopeGroupDraft[] {
  return (scope?.groups ?? []).map((g) => ({
    name: g.name ?? '',
    clauses: (g.clauses ?? []).map((c) => ({ sourceAttribute: c.sourceOperandName ?? '', operator: c.operatorName ?? '', values: [...(c.targetOperand?.values ?? [])] })),
  }));
}

/** Builds the editable document of a schema. Ids are positional, so two loads of one schema agree. */
export function createDocument(schema: RawSchema): EditorDocument {
  const objectMappings: ObjectMappingDraft[] = [];
  (schema.synchronizationRules ?? []).forEach((rule, r) => {
    (rule.objectMappings ?? []).forEach((om, o) => {
      const targetDef = objectDefinition(directory(schema, rule.targetDirectoryName), om.targetObjectName);
      objectMappings.push({
        id: `r${r}o${o}`,
        name: om.name ?? `${om.sourceObjectName ?? '?'} → ${om.targetObjectName ?? '?'}`,
        sourceDirectory: rule.sourceDirectoryName ?? '',
        targetDirectory: rule.targetDirectoryName ?? '',
        sourceObjectName: om.sourceObjectName ?? '',
        targetObjectName: om.targetObjectName ?? '',
        enabled: om.enabled !== false,
        actions: actionsOf(om.flowTypes),
        scopeGroups: scopeOf(om.scope),
        attributeMappings: (om.attributeMappings ?? []).map((m, i) => ({ id: `r${r}o${o}m${i}`, ...fieldsOf(m), original: m })),
        targetAttributes: targetDef
          ? (targetDef.attributes ?? []).map((a) => ({ name: a.name ?? '', type: a.type ?? 'String', multivalued: a.multivalued === true, required: a.required === true, original: a }))
          : undefined,
      });
    });
  });
  return { base: schema, objectMappings };
}

function sameFields(a: MappingFields, b: MappingFields): boolean {
  return mappingFieldNames.every((k) => a[k] === b[k]);
}

/** Graph's source tree for a mapping's fields; throws the engine's ExpressionError for a broken expression. */
function sourceOf(fields: MappingFields): AttributeMappingSource | null {
  switch (fields.mappingType) {
    case 'Direct':
      return toAttributeMappingSource({ kind: 'attribute', name: fields.sourceAttribute });
    case 'Constant':
      return toAttributeMappingSource({ kind: 'string', value: fields.constantValue });
    case 'Expression':
      return toAttributeMappingSource(fields.expression);
  }
}

/** The raw mapping for a draft: the original when untouched, else the original's other fields with the edits. */
function rawMappingOf(draft: AttributeMappingDraft): RawAttributeMapping {
  if (draft.original && sameFields(draft, fieldsOf(draft.original))) return draft.original;
  const raw: RawAttributeMapping = {
    ...(draft.original ?? { flowBehavior: 'FlowWhenChanged', exportMissingReferences: false }),
    targetAttributeName: draft.targetAttribute,
    source: sourceOf(draft),
    defaultValue: draft.defaultValue === '' ? null : draft.defaultValue,
    flowType: draft.flowType,
    matchingPriority: draft.matchingPriority,
  };
  return raw;
}

function sameScope(a: readonly ScopeGroupDraft[], b: readonly ScopeGroupDraft[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function rawScopeOf(groups: readonly ScopeGroupDraft[], original: RawFilter | null | undefined): RawFilter | null {
  if (groups.length === 0 && !original) return original ?? null;
  return {
    ...(original ?? { inputFilterGroups: [], categoryFilterGroups: [] }),
    groups: groups.map((g) => ({
      name: g.name,
      clauses: g.clauses.map((c) => ({ operatorName: c.operator, sourceOperandName: c.sourceAttribute, targetOperand: { values: [...c.values] } })),
    })),
  };
}

function rawTargetAttribute(a: TargetAttributeDraft): RawAttributeDefinition {
  if (a.original && a.original.name === a.name && (a.original.type ?? 'String') === a.type && (a.original.multivalued === true) === a.multivalued && (a.original.required === true) === a.required) {
    return a.original;
  }
  return {
    anchor: false, caseExact: false, defaultValue: null, flowNullValues: false, metadata: [], mutability: 'ReadWrite', referencedObjects: [], apiExpressions: [],
    ...(a.original ?? {}),
    name: a.name, type: a.type, multivalued: a.multivalued, required: a.required,
  };
}

/**
 * The schema to PUT: the base schema with every draft written back. Untouched parts are the loaded
 * objects themselves, so a save without edits sends exactly what was read.
 * @throws ExpressionError when an expression mapping does not parse (validate first).
 */
export function toSchema(doc: EditorDocument): RawSchema {
  const byId = new Map(doc.objectMappings.map((om) => [om.id, om]));
  // Directories are copied only when a target attribute list changed, so untouched ones round-trip as loaded.
  let directories: RawDirectory[] | undefined;
  const rules = (doc.base.synchronizationRules ?? []).map((rule, r) => ({
    ...rule,
    objectMappings: (rule.objectMappings ?? []).map((om, o) => {
      const draft = byId.get(`r${r}o${o}`);
      if (!draft) return om;
      if (draft.targetAttributes) {
        const dirIndex = (directories ?? doc.base.directories ?? []).findIndex((d) => d.name === rule.targetDirectoryName);
        const dir = (directories ?? doc.base.directories ?? [])[dirIndex];
        const index = (dir?.objects ?? []).findIndex((x) => x.name === om.targetObjectName);
        if (dir?.objects && index >= 0) {
          const def = dir.objects[index];
          const attributes = draft.targetAttributes.map(rawTargetAttribute);
          const unchanged = attributes.length === (def.attributes ?? []).length && attributes.every((a, i) => a === def.attributes?.[i]);
          if (!unchanged) {
            directories ??= [...(doc.base.directories ?? [])];
            const objects = [...dir.objects];
            objects[index] = { ...def, attributes };
            directories[dirIndex] = { ...dir, objects };
          }
        }
      }
      const flowTypes = flowTypesText(draft.actions);
      const attributeMappings = draft.attributeMappings.map(rawMappingOf);
      const mappingsUnchanged = attributeMappings.length === (om.attributeMappings ?? []).length && attributeMappings.every((m, i) => m === om.attributeMappings?.[i]);
      return {
        ...om,
        enabled: draft.enabled,
        flowTypes: flowTypesText(actionsOf(om.flowTypes)) === flowTypes && om.flowTypes !== undefined ? om.flowTypes : flowTypes,
        scope: sameScope(scopeOf(om.scope), draft.scopeGroups) ? (om.scope ?? null) : rawScopeOf(draft.scopeGroups, om.scope),
        attributeMappings: mappingsUnchanged ? om.attributeMappings : attributeMappings,
      };
    }),
  }));
  return { ...doc.base, synchronizationRules: rules, directories: directories ?? doc.base.directories };
}

// The editable projection of a document, without the `original` back-references, for cheap comparison.
function comparable(doc: EditorDocument): string {
  return JSON.stringify(doc.objectMappings, (key, value) => (key === 'original' ? undefined : value));
}

const baselines = new WeakMap<RawSchema, string>();

/** True when the document differs from the schema it was loaded from. */
export function isDirty(doc: EditorDocument): boolean {
  let baseline = baselines.get(doc.base);
  if (baseline === undefined) {
    baseline = comparable(createDocument(doc.base));
    baselines.set(doc.base, baseline);
  }
  return comparable(doc) !== baseline;
}

/** Stable, readable JSON of a schema for the diff editor (the OData context line is left out). */
export function schemaText(schema: RawSchema): string {
  return JSON.stringify(schema, (key, value) => (key === '@odata.context' ? undefined : value), 2) + '\n';
}
