/**
 * The documented mapping rules that need the schema's attribute definitions: scoping operators valid
 * for the attribute's type, flow types within their enums and fitting the target, required target
 * attributes mapped. The mapping editor (as you type, and before a save) and the Problems panel of a
 * `*.provisioning.json` file run these same functions through validation.ts, so one mistake reads
 * the same in both. Host-free and browser-safe.
 *
 * Sources: Graph v1.0 metadata (`attributeFlowType`, `attributeFlowBehavior`, `objectFlowTypes`,
 * `filterOperatorSchema.supportedAttributeTypes`; microsoftgraph/msgraph-metadata,
 * `clean_v10_metadata/cleanMetadata.xml`), the resource pages attributeMapping and
 * attributeDefinition (learn.microsoft.com/graph/api/resources/synchronization-attributemapping,
 * -attributedefinition), and the scoping page
 * (learn.microsoft.com/entra/identity/app-provisioning/define-conditional-rules-for-provisioning-user-accounts).
 */
import { compileDotNetRegex } from '../../expressions/dotnetRegex';
import { ReasonError } from '../../expressions/errors';
import type { ExpressionMessage } from '../../expressions';
import type { AttributeCatalog, AttributeInfo, AttributeMappingDraft, ObjectMappingDraft, ScopeClauseDraft } from './document';
import { objectMappingDisplayName } from './document';
import type { FilterOperatorFacts, Issue, ValidationContext } from './issues';

export type { FilterOperatorFacts } from './issues';

/** attributeMapping.flowType: the metadata's attributeFlowType members, spelt as the service requires. */
export const ATTRIBUTE_FLOW_TYPES: readonly string[] = ['Always', 'ObjectAddOnly', 'MultiValueAddOnly', 'ValueAddOnly', 'AttributeAddOnly'];
/** attributeMapping.flowBehavior: attributeFlowBehavior's members. */
export const ATTRIBUTE_FLOW_BEHAVIORS: readonly string[] = ['FlowWhenChanged', 'FlowAlways'];
/** objectMapping.flowTypes: objectFlowTypes's members a person sets (`None` is what none of them is written as). */
export const OBJECT_ACTIONS: readonly string[] = ['Add', 'Update', 'Delete'];

/**
 * The scoping operators of the service's `filterOperators` answer. Graph's type omits `name`, which
 * the service returns (the filterOperators docs show it); entries without one are dropped.
 */
export function filterOperatorsOf(list: readonly unknown[]): Array<{ name: string; arity: string; supportedAttributeTypes?: string[] }> {
  return list.flatMap((x) => {
    const o = x as { name?: unknown; arity?: unknown; supportedAttributeTypes?: unknown } | null;
    if (!o || typeof o.name !== 'string') return [];
    const types = Array.isArray(o.supportedAttributeTypes) ? o.supportedAttributeTypes.filter((t): t is string => typeof t === 'string') : [];
    return [{ name: o.name, arity: typeof o.arity === 'string' ? o.arity : 'Binary', ...(types.length ? { supportedAttributeTypes: types } : {}) }];
  });
}

/**
 * The types the scoping page documents per operator, for a service whose operator list does not say:
 * IS TRUE/IS FALSE test "a Boolean value"; the Greater_Than family needs "an integer" attribute;
 * REGEX MATCH, Includes and ENDS_WITH match "the input string value". Operators absent here compare any type.
 */
const documentedTypes: Readonly<Record<string, readonly string[]>> = {
  'IS TRUE': ['Boolean'],
  'IS FALSE': ['Boolean'],
  Greater_Than: ['Integer'],
  Greater_Than_OR_EQUALS: ['Integer'],
  Less_Than: ['Integer'],
  Less_Than_OR_EQUALS: ['Integer'],
  'REGEX MATCH': ['String'],
  'NOT REGEX MATCH': ['String'],
  Includes: ['String'],
  ENDS_WITH: ['String'],
};

/** The documented operators the scoping page states no attribute type for. */
const untypedOperators = ['EQUALS', 'NOT EQUALS', 'IS NULL', 'IS NOT NULL'];

/** The attribute types an operator compares: the service's list, else the documented one; undefined: any. */
function typesOf(name: string, operator: FilterOperatorFacts | undefined): readonly string[] | undefined {
  return operator?.supportedAttributeTypes?.length ? operator.supportedAttributeTypes : documentedTypes[name];
}

/** Operators whose value the docs say must be an integer. */
const integerOperators = new Set(['Greater_Than', 'Greater_Than_OR_EQUALS', 'Less_Than', 'Less_Than_OR_EQUALS']);
const regexOperators = new Set(['REGEX MATCH', 'NOT REGEX MATCH']);

/** An attribute by name: exactly, else ignoring case (the service resolves names without case). */
export function findAttribute(list: readonly AttributeInfo[], name: string): AttributeInfo | undefined {
  const lower = name.toLowerCase();
  return list.find((a) => a.name === name) ?? list.find((a) => a.name.toLowerCase() === lower);
}

/**
 * The validation context for an editor or a file: attribute names and definitions from `catalogOf`
 * (undefined or empty lists: the checks that need them are skipped), operators from the service.
 */
export function validationContextFor(catalogOf: (om: ObjectMappingDraft) => AttributeCatalog | undefined, operators: ReadonlyArray<{ readonly name: string } & FilterOperatorFacts> = []): ValidationContext {
  const byName = new Map(operators.map((o) => [o.name, o]));
  const names = (list: readonly AttributeInfo[] | undefined) => (list && list.length ? new Set(list.map((a) => a.name)) : undefined);
  return {
    filterOperators: byName.size ? byName : undefined,
    sourceAttributes: (om) => names(catalogOf(om)?.source),
    targetAttributes: (om) => names(catalogOf(om)?.target),
    attributes: (om) => {
      const catalog = catalogOf(om);
      return catalog && (catalog.source.length || catalog.target.length) ? catalog : undefined;
    },
  };
}

type IssueAdder = (severity: Issue['severity'], code: Issue['code'], field: string, args: string[], extra?: Partial<Issue>) => void;

/** The rules of one attribute mapping's flow type and behavior, against its target attribute's definition. */
export function flowIssues(om: ObjectMappingDraft, m: AttributeMappingDraft, context: ValidationContext, add: IssueAdder): void {
  if (!ATTRIBUTE_FLOW_TYPES.includes(m.flowType)) {
    add('error', 'flowTypeUnknown', 'flowType', [m.flowType, ATTRIBUTE_FLOW_TYPES.join(', ')]);
  } else if (m.flowType === 'MultiValueAddOnly' && m.targetAttribute) {
    // attributeMapping: MultiValueAddOnly flows "only when the change is adding new values to a multi-valued attribute".
    const target = findAttribute(context.attributes?.(om)?.target ?? [], m.targetAttribute);
    if (target && !target.multivalued) add('warning', 'flowTypeSingleValued', 'flowType', [m.targetAttribute]);
  }
  const behavior = m.original?.flowBehavior;
  if (typeof behavior === 'string' && !ATTRIBUTE_FLOW_BEHAVIORS.includes(behavior)) {
    add('error', 'flowBehaviorUnknown', 'flowBehavior', [behavior, ATTRIBUTE_FLOW_BEHAVIORS.join(', ')]);
  }
}

/** Issues of a file's or a schema's object actions (objectFlowTypes flags) given by name. */
export function objectActionIssues(om: ObjectMappingDraft, actions: readonly string[]): Issue[] {
  return actions.flatMap((a, i): Issue[] =>
    OBJECT_ACTIONS.includes(a) ? [] : [{ severity: 'error', code: 'actionUnknown', args: [a, OBJECT_ACTIONS.join(', ')], field: `actions.${i}`, objectMappingId: om.id }],
  );
}

/**
 * Required target attributes no mapping sets. attributeDefinition: an object "can not be created if
 * any of the required attributes are missing"; on a sync without a value the attribute's default is
 * used, and without one "synchronization will record an error". So: an error, unless the definition
 * has a default. Attributes nothing can write (read-only, or the anchor the app assigns) are left out.
 */
export function requiredTargetIssues(om: ObjectMappingDraft, context: ValidationContext): Issue[] {
  if (!om.enabled) return [];
  const targets = context.attributes?.(om)?.target;
  if (!targets) return [];
  const mapped = new Set(om.attributeMappings.map((m) => m.targetAttribute.toLowerCase()));
  return targets
    .filter((a) => a.required && !a.readOnly && !a.anchor && !a.defaultValue && !mapped.has(a.name.toLowerCase()))
    .map((a): Issue => ({ severity: 'error', code: 'requiredUnmapped', args: [a.name, objectMappingDisplayName(om.name)], field: 'attributeMappings', objectMappingId: om.id }));
}

/** The reason a .NET pattern cannot be used by the engine (its runaway guard included), or undefined when it can. */
function regexProblem(pattern: string): ExpressionMessage | undefined {
  try {
    compileDotNetRegex(pattern);
    return undefined;
  } catch (e) {
    return e instanceof ReasonError ? e.reason : { id: 'text', args: [e instanceof Error ? e.message : String(e)] };
  }
}

/**
 * The rules of one scoping clause beyond "has an attribute, a known operator and a value": the
 * attribute exists in the source object, is not multi-valued (the scoping page: "Filtering is not
 * supported for multi-valued attributes"), the operator compares its type, a unary operator has no
 * value, the Greater_Than family gets integers, and a regex compiles the way the engine runs it.
 */
export function scopeClauseIssues(om: ObjectMappingDraft, clause: ScopeClauseDraft, field: string, context: ValidationContext): Issue[] {
  const issues: Issue[] = [];
  const add = (severity: Issue['severity'], code: Issue['code'], part: string, args: string[], extra: Partial<Issue> = {}) =>
    issues.push({ severity, code, args, field: `${field}.${part}`, objectMappingId: om.id, ...extra });
  const operator = context.filterOperators?.get(clause.operator);
  const values = clause.values.filter((v) => v !== '');
  const unary = operator ? operator.arity === 'Unary' : /^IS /i.test(clause.operator);
  if (unary && values.length > 0) add('warning', 'scopeValueUnexpected', 'values', [clause.operator]);
  if (integerOperators.has(clause.operator)) {
    const bad = values.find((v) => !/^-?\d+$/.test(v.trim()));
    if (bad !== undefined) add('error', 'scopeValueNotInteger', 'values', [clause.operator, bad]);
  }
  if (regexOperators.has(clause.operator)) {
    for (const v of values) {
      const reason = regexProblem(v);
      if (reason) add('error', 'scopeRegexInvalid', 'values', [v, reason.id === 'text' ? reason.args[0] : ''], { argMessages: reason.id === 'text' ? undefined : { 1: reason } });
    }
  }
  const source = context.attributes?.(om)?.source;
  if (!source || !clause.sourceAttribute.trim()) return issues;
  const attribute = findAttribute(source, clause.sourceAttribute);
  if (!attribute) {
    add('error', 'scopeAttributeUnknown', 'attribute', [clause.sourceAttribute, om.sourceObjectName]);
    return issues;
  }
  if (attribute.multivalued) add('warning', 'scopeMultivalued', 'attribute', [attribute.name]);
  const types = typesOf(clause.operator, operator);
  if ((operator || !context.filterOperators) && types && !types.includes(attribute.type)) {
    const candidates: ReadonlyArray<readonly [string, FilterOperatorFacts | undefined]> = context.filterOperators
      ? [...context.filterOperators.entries()]
      : [...untypedOperators, ...Object.keys(documentedTypes)].map((name) => [name, undefined] as const);
    const fitting = candidates.filter(([name, o]) => typesOf(name, o)?.includes(attribute.type) ?? true).map(([name]) => name);
    if (fitting.length) add('error', 'scopeOperatorType', 'operator', [clause.operator, attribute.name, attribute.type, fitting.join(', ')]);
    // No operator compares the type (the scoping docs: date-typed attributes cannot be filtered on).
    else add('error', 'scopeAttributeNotFilterable', 'attribute', [attribute.name, attribute.type]);
  }
  return issues;
}
