/**
 * Preview: what each mapping would send to the app for a sample user, and whether the user is in the
 * scoping filter's scope. Runs the expression engine locally (in the webview), so it costs no round
 * trip per keystroke.
 */
import { compileExpression, ExpressionError } from '../../expressions';
import type { CompiledExpression, EvaluateOptions, EvaluationResult, ExpressionMessageId, NestedMessages, SourceObject, SourceValue } from '../../expressions';
import type { User } from '@microsoft/microsoft-graph-types';
import type { AttributeMappingDraft, ObjectMappingDraft, ScopeClauseDraft, ScopeGroupDraft } from './document';

/** The Graph user properties a preview reads (passed as `$select`). */
export const previewUserSelect: readonly string[] = [
  ...['id', 'displayName', 'givenName', 'surname', 'userPrincipalName', 'mail', 'mailNickname', 'department', 'jobTitle', 'country', 'city', 'state'],
  ...['streetAddress', 'postalCode', 'employeeId', 'preferredLanguage', 'mobilePhone', 'businessPhones', 'accountEnabled', 'userType', 'companyName'],
  ...['officeLocation', 'usageLocation', 'employeeType', 'createdDateTime', 'deletedDateTime', 'onPremisesExtensionAttributes', 'otherMails', 'proxyAddresses'],
];

// Graph property names whose provisioning attribute has another name.
const aliases: Readonly<Record<string, string>> = { id: 'objectId', mobilePhone: 'mobile', streetAddress: 'streetAddress', usageLocation: 'usageLocation' };

/**
 * The source object provisioning expressions see for a Graph user: attribute names as the service
 * uses them (`[mobile]`, `[objectId]`, `[extensionAttribute1]`, `[IsSoftDeleted]`), nulls left out.
 */
export function sourceObjectFromGraphUser(user: User | Readonly<Record<string, unknown>>): Record<string, SourceValue> {
  const out: Record<string, SourceValue> = {};
  for (const [key, value] of Object.entries(user)) {
    if (key.startsWith('@odata') || value === null || value === undefined) continue;
    const name = aliases[key] ?? key;
    if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') out[name] = value;
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
      if (value.length) out[name] = value as string[];
    } else if (key === 'onPremisesExtensionAttributes' && typeof value === 'object') {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) if (typeof v === 'string') out[k] = v;
    }
  }
  const phones = user.businessPhones;
  if (Array.isArray(phones) && typeof phones[0] === 'string') out.telephoneNumber = phones[0];
  out.IsSoftDeleted = user.deletedDateTime !== null && user.deletedDateTime !== undefined;
  if (out.userType === undefined) out.userType = 'Member';
  return out;
}

/** A user a preview can run for: an id and label for pickers, and the attribute values. */
export interface SampleUser {
  readonly id: string;
  readonly label: string;
  readonly attributes: Readonly<Record<string, SourceValue>>;
}

export type PreviewResult =
  | { readonly kind: 'value'; readonly value: EvaluationResult; readonly usedDefault: boolean }
  | {
      readonly kind: 'error';
      /** The English sentence; `messageId` and `messageArgs` select and fill its localized template. */
      readonly message: string;
      readonly messageId: ExpressionMessageId;
      readonly messageArgs: readonly string[];
      readonly messageNested?: NestedMessages;
      readonly offset: number;
      readonly end?: number;
    };

const compiled = new Map<string, CompiledExpression | ExpressionError>();
const MAX_COMPILED = 1000;

function compiledOf(text: string): CompiledExpression | ExpressionError {
  let entry = compiled.get(text);
  if (!entry) {
    try {
      entry = compileExpression(text);
    } catch (e) {
      entry = e instanceof ExpressionError ? e : new ExpressionError(String(e), 0);
    }
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    compiled.set(text, entry);
  }
  return entry;
}

function errorResult(error: ExpressionError, offset?: number): PreviewResult {
  const located = offset === undefined ? { offset: error.offset, end: error.end } : { offset };
  return { kind: 'error', message: error.message, messageId: error.messageId, messageArgs: error.args, messageNested: error.nested, ...located };
}

/** What one mapping sends for one source object (the default value replaces a null result). */
export function previewMapping(m: AttributeMappingDraft, source: SourceObject, options?: EvaluateOptions): PreviewResult {
  let value: EvaluationResult;
  switch (m.mappingType) {
    case 'Constant':
      value = m.constantValue;
      break;
    case 'Direct': {
      const run = compiledOf(`[${m.sourceAttribute.replace(/[[\]]/g, '')}]`);
      if (run instanceof ExpressionError) return errorResult(run, 0);
      value = run(source, options);
      break;
    }
    case 'Expression': {
      const run = compiledOf(m.expression);
      if (run instanceof ExpressionError) return errorResult(run);
      try {
        value = run(source, options);
      } catch (e) {
        const error = e instanceof ExpressionError ? e : new ExpressionError(String(e), 0);
        return errorResult(error);
      }
      break;
    }
  }
  if ((value === null || (Array.isArray(value) && value.length === 0)) && m.defaultValue !== '') return { kind: 'value', value: m.defaultValue, usedDefault: true };
  return { kind: 'value', value, usedDefault: false };
}

function clauseText(v: SourceValue | null | undefined): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (Array.isArray(v)) return v.length ? String(v[0]) : null;
  return String(v);
}

/** One scoping clause for one source object. Unknown operators are false: nobody comes into scope by accident. */
function clauseHolds(clause: ScopeClauseDraft, source: SourceObject): boolean {
  const value = clauseText(source[clause.sourceAttribute]);
  const op = clause.operator.toUpperCase().replace(/_/g, ' ');
  const operand = clause.values[0] ?? '';
  if (op === 'IS NULL') return value === null || value === '';
  if (op === 'IS NOT NULL') return value !== null && value !== '';
  if (op === 'IS TRUE') return value?.toLowerCase() === 'true';
  if (op === 'IS FALSE') return value?.toLowerCase() === 'false';
  if (value === null || value === '') return false;
  const integer = (s: string) => (/^-?\d+$/.test(s) ? Number(s) : undefined);
  switch (op) {
    case 'EQUALS':
      return clause.values.includes(value);
    case 'NOT EQUALS':
      return !clause.values.includes(value);
    case 'INCLUDES':
      return value.includes(operand);
    case 'ENDS WITH':
      return value.endsWith(operand);
    case 'REGEX MATCH':
    case 'NOT REGEX MATCH': {
      let matches: boolean;
      try {
        matches = new RegExp(operand).test(value);
      } catch {
        return false;
      }
      return op === 'REGEX MATCH' ? matches : !matches;
    }
    case 'GREATER THAN':
    case 'GREATER THAN OR EQUALS':
    case 'LESS THAN':
    case 'LESS THAN OR EQUALS': {
      const a = integer(value);
      const b = integer(operand);
      if (a === undefined || b === undefined) return false;
      if (op === 'GREATER THAN') return a > b;
      if (op === 'GREATER THAN OR EQUALS') return a >= b;
      if (op === 'LESS THAN') return a < b;
      return a <= b;
    }
    default:
      return false;
  }
}

/** In scope when there are no groups, or when every clause of at least one group holds. */
export function inScope(groups: readonly ScopeGroupDraft[], source: SourceObject): boolean {
  return groups.length === 0 || groups.some((g) => g.clauses.every((c) => clauseHolds(c, source)));
}

export interface ObjectPreview {
  readonly inScope: boolean;
  readonly results: readonly { readonly mappingId: string; readonly targetAttribute: string; readonly result: PreviewResult }[];
}

/** Every mapping's result for one source object, and whether the object is in scope. */
export function previewObjectMapping(om: ObjectMappingDraft, source: SourceObject, options?: EvaluateOptions): ObjectPreview {
  return {
    inScope: inScope(om.scopeGroups, source),
    results: om.attributeMappings.map((m) => ({ mappingId: m.id, targetAttribute: m.targetAttribute, result: previewMapping(m, source, options) })),
  };
}

/** Text of a result for display: lists joined, null shown as the given placeholder. */
export function resultText(value: EvaluationResult, nullText: string): string {
  if (value === null) return nullText;
  if (Array.isArray(value)) return `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
  return value;
}
