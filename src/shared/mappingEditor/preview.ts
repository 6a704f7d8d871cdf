/**
 * Preview: what each mapping would send to the app for a sample user, and whether the user is in the
 * job's scope (decided by src/shared/scoping.ts, as the provisioning engine decides it). Runs the expression engine locally (in the webview), so it costs no round
 * trip per keystroke.
 */
import { compileExpression, ExpressionError } from '../../expressions';
import type { CompiledExpression, EvaluateOptions, EvaluationResult, ExpressionMessageId, NestedMessages, SourceObject, SourceValue } from '../../expressions';
import type { User } from '@microsoft/microsoft-graph-types';
import type { AttributeMappingDraft, EditorDocument, ObjectMappingDraft } from './document';
import { scopeVerdict, scopingFilterOf } from '../scoping';
import type { ScopeVerdict, ScopingFilter } from '../scoping';

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
  /** What the job's scope makes of the user besides its attributes, as the extension read it from Graph. */
  readonly assignment?: SampleAssignment;
}

/** A sample user's assignment to the job's app, and the job's scope setting. */
export interface SampleAssignment {
  /** Assigned with a real role (not Default Access), directly or as a member of an assigned group. */
  readonly assigned: boolean;
  /** The job syncs all users and groups (`SyncAll`), not only assigned ones. */
  readonly syncAll: boolean;
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

/**
 * The scope verdict of a sample: the object mapping's scoping filter as edited (with the schema's
 * input filter groups, which the editor does not show), the assignment the extension looked up, and
 * the decision the provisioning engine makes. `assignmentChecked` is false for typed values: no
 * tenant user stands behind them, so only the filter (and deletion) was checked.
 */
export function sampleScope(doc: EditorDocument, om: ObjectMappingDraft, source: SourceObject, assignment: SampleAssignment | undefined): SampleScope {
  const filter = { groups: om.scopeGroups, inputFilterGroups: inputFilterGroups(doc, om.id) };
  const subject = { deleted: source.IsSoftDeleted === true, assigned: assignment?.assigned ?? true, syncAll: assignment?.syncAll ?? false };
  return { verdict: scopeVerdict(subject, filter, source), assignmentChecked: assignment !== undefined };
}

export interface SampleScope {
  readonly verdict: ScopeVerdict;
  readonly assignmentChecked: boolean;
}

/** The schema's input filter groups of an object mapping (its id is its position: `r<rule>o<object>`, see createDocument). */
function inputFilterGroups(doc: EditorDocument, objectMappingId: string): ScopingFilter['inputFilterGroups'] {
  const at = /^r(\d+)o(\d+)$/.exec(objectMappingId);
  const scope = at ? doc.base.synchronizationRules?.[Number(at[1])]?.objectMappings?.[Number(at[2])]?.scope : undefined;
  const groups = (scope as { inputFilterGroups?: unknown } | null | undefined)?.inputFilterGroups;
  // The schema came through a message: only well-formed groups are read.
  if (!Array.isArray(groups) || !groups.every((g) => typeof g === 'object' && g !== null)) return [];
  return scopingFilterOf({ inputFilterGroups: groups }).inputFilterGroups;
}

export interface ObjectPreview {
  readonly scope: SampleScope;
  readonly results: readonly { readonly mappingId: string; readonly targetAttribute: string; readonly result: PreviewResult }[];
}

/** Every mapping's result for one sample user, and whether the user is in scope. */
export function previewObjectMapping(doc: EditorDocument, om: ObjectMappingDraft, user: Pick<SampleUser, 'attributes' | 'assignment'>, options?: EvaluateOptions): ObjectPreview {
  return {
    scope: sampleScope(doc, om, user.attributes, user.assignment),
    results: om.attributeMappings.map((m) => ({ mappingId: m.id, targetAttribute: m.targetAttribute, result: previewMapping(m, user.attributes, options) })),
  };
}

/** Text of a result for display: lists joined, null shown as the given placeholder. */
export function resultText(value: EvaluationResult, nullText: string): string {
  if (value === null) return nullText;
  if (Array.isArray(value)) return `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
  return value;
}
