/**
 * The contract between webviews and the extension. Every message is declared here, used by both
 * bundles, and validated at runtime on receipt: the webview is another trust domain, and the
 * extension's messages are checked too before the webview acts on them. The webview sends `ready`
 * first; the extension sends data only after it. Requests carry an id that their response repeats.
 */
import type { ExpressionMessageId, FunctionHelpKey } from '../expressions';
import { expressionMessageIds, expressionMessages, functionHelpEntries } from '../expressions';
import type { AttributeMappingDraft, EditorDocument, MappingFields, ObjectMappingDraft, ScopeGroupDraft, TargetActions, TargetAttributeDraft } from './mappingEditor/document';
import { mappingFieldNames, mappingTypes } from './mappingEditor/document';
import type { EditOperation } from './mappingEditor/edits';
import type { SampleUser } from './mappingEditor/preview';
import { messageBoundsProblem as boundsProblem } from './messageBounds';

// ---------------------------------------------------------------------------------------------
// Webview → extension

/** Sent by a webview once its script runs; the extension sends data only after it. */
export interface ReadyMessage {
  readonly type: 'ready';
}

/** An edit the webview has applied to its copy; the extension applies it to the document it owns. */
export interface EditMessage {
  readonly type: 'edit';
  readonly edit: EditOperation;
}

/** What the webview can ask the extension to do; each gets exactly one response. */
export type EditorRequest =
  /** Run the safe save (diff, confirmation, conflict check, PUT). */
  | { readonly kind: 'save' }
  /** Show the schema diff of the unsaved changes in a diff editor. */
  | { readonly kind: 'showChanges' }
  /** Read the schema from the server again (asks first when there are unsaved changes). */
  | { readonly kind: 'reload' }
  /** Replace the mappings with the template's defaults (unsaved until saved). */
  | { readonly kind: 'restoreDefaults' }
  /** Tenant users whose display name starts with `query`, as preview samples. */
  | { readonly kind: 'searchUsers'; readonly query: string }
  /** Up to `count` tenant users for "Preview for N users" (display names starting with `query`, when given). */
  | { readonly kind: 'sampleUsers'; readonly count: number; readonly query?: string };

export interface RequestMessage {
  readonly type: 'request';
  /** Positive integer chosen by the webview; the response carries it back. */
  readonly requestId: number;
  readonly request: EditorRequest;
}

export type WebviewToExtensionMessage = ReadyMessage | EditMessage | RequestMessage;

// ---------------------------------------------------------------------------------------------
// Extension → webview

/** Sentences the webview shows, localized by the extension (the webview hard-codes none). */
export const mappingEditorStringKeys = [
  'title', 'unsaved', 'saved', 'save', 'saving', 'showChanges', 'reload', 'restoreDefaults', 'objectMapping', 'enabled',
  'targetActions', 'actionAdd', 'actionUpdate', 'actionDelete', 'attributeMappings', 'addMapping', 'moveUp', 'moveDown', 'delete',
  'edit', 'mappingType', 'typeDirect', 'typeConstant', 'typeExpression', 'sourceAttribute', 'constantValue', 'expression',
  'defaultValue', 'targetAttribute', 'applyMapping', 'flowAlways', 'flowObjectAddOnly', 'matchingPriority', 'matchingHelp',
  'scope', 'scopeAll', 'addGroup', 'addClause', 'deleteGroup', 'deleteClause', 'groupName', 'operator', 'values', 'valuesHelp',
  'preview', 'sampleUser', 'searchUsers', 'previewQuery', 'noSample', 'typedValues', 'typedValuesHelp', 'previewNothing', 'previewDefault',
  'previewForOne', 'previewForMany', 'previewCount', 'inScope', 'outOfScopeNotAssigned', 'outOfScopeFiltered', 'outOfScopeDeleted',
  'inScopeFilterOnly', 'noUsersMatch', 'saveBlockedOne', 'saveBlockedMany', 'defaultValueShort', 'yes', 'no', 'and', 'user', 'targetAttributes', 'attributeName', 'attributeType',
  'multivalued', 'required', 'addAttribute', 'problems', 'noProblems', 'changes', 'noChanges', 'fullCycleWarning', 'selectMapping',
  'signature', 'completionHint', 'loading', 'nullValue', 'matching', 'errorAt', 'requestFailed', 'advanced', 'filterMappings',
  // Validation issues (see IssueCode) and change summaries (see ChangeCode).
  'issue.targetMissing', 'issue.targetDuplicate', 'issue.targetUnknown', 'issue.sourceMissing', 'issue.sourceUnknown',
  'issue.expressionEmpty', 'issue.expressionError', 'issue.expressionWarning', 'issue.matchingDuplicate', 'issue.matchingNone',
  'issue.scopeAttributeMissing', 'issue.scopeOperatorUnknown', 'issue.scopeValueMissing', 'issue.actionsNone',
  'issue.scopeAttributeUnknown', 'issue.scopeOperatorType', 'issue.scopeAttributeNotFilterable', 'issue.scopeValueUnexpected', 'issue.scopeValueNotInteger',
  'issue.scopeRegexInvalid', 'issue.scopeMultivalued', 'issue.flowTypeUnknown', 'issue.flowTypeSingleValued', 'issue.flowBehaviorUnknown', 'issue.constantEmpty',
  'issue.requiredUnmapped', 'issue.actionUnknown',
  'change.turnedOn', 'change.turnedOff', 'change.empty', 'change.field', 'change.actionsChanged', 'change.scopeChanged', 'change.mappingAdded', 'change.mappingRemoved',
  'change.mappingChanged', 'change.mappingsReordered', 'change.targetAttributeAdded', 'change.targetAttributeRemoved',
] as const;

export type MappingEditorStringKey = (typeof mappingEditorStringKeys)[number];

/** The expression engine's sentences: one localized template per message id (`expr.expectedCommaOrParen`). */
export type ExpressionStringKey = `expr.${ExpressionMessageId}`;

/** The help sentences of the expression functions and their parameters (`fn.Join`, `fn.Join.separator`). */
const functionHelpStringKeys: readonly FunctionHelpKey[] = functionHelpEntries().map((entry) => entry.key);

export type MappingEditorStrings = Readonly<Record<MappingEditorStringKey | ExpressionStringKey, string>> & Readonly<Record<FunctionHelpKey, string>>;

/**
 * A complete set of strings with no translation (each UI key stands for itself, the engine's
 * sentences and the function help in English): what benchmarks and tests of the webview logic send.
 */
export function untranslatedEditorStrings(): MappingEditorStrings {
  return {
    ...Object.fromEntries(mappingEditorStringKeys.map((key) => [key, key])),
    ...Object.fromEntries(expressionMessageIds.map((id) => [`expr.${id}`, expressionMessages[id]])),
    ...Object.fromEntries(functionHelpEntries().map((entry) => [entry.key, entry.text])),
  } as MappingEditorStrings;
}

/** A filter operator the scoping editor offers (from the service's `filterOperators`). */
export interface FilterOperatorInfo {
  readonly name: string;
  /** `Unary` operators take no value. */
  readonly arity: string;
  /** The attribute types the operator compares (the service's `supportedAttributeTypes`), when it said. */
  readonly supportedAttributeTypes?: readonly string[];
}

/** First message after `ready` (and after every `ready`: a webview shown again starts over). */
export interface InitMessage {
  readonly type: 'init';
  /** The document as the extension holds it, unsaved edits included. */
  readonly document: EditorDocument;
  readonly strings: MappingEditorStrings;
  readonly filterOperators: readonly FilterOperatorInfo[];
  /** The job, for the header (app name or ids). */
  readonly jobLabel: string;
  /** Which job this is: kept in the webview's state so VS Code can restore the panel after a reload. */
  readonly target: JobReference;
}

/** The ids of a job's editor (no secrets: what a panel restored after a reload needs). */
export interface JobReference {
  readonly connectionId: string;
  readonly servicePrincipalId: string;
  readonly jobId: string;
}

/** Narrows a job reference (from a restored webview's state, which is not trusted either). */
export function parseJobReference(v: unknown): JobReference | undefined {
  if (!isObj(v) || !isId(v.connectionId) || !isId(v.servicePrincipalId) || !isId(v.jobId)) return undefined;
  return { connectionId: v.connectionId, servicePrincipalId: v.servicePrincipalId, jobId: v.jobId };
}

/** The extension replaced the document: saved, reloaded, defaults restored, or an edit was refused. */
export interface DocumentMessage {
  readonly type: 'document';
  readonly document: EditorDocument;
  readonly reason: 'saved' | 'reloaded' | 'restored' | 'resync';
}

/** Whether a save is running (the webview disables its buttons meanwhile). */
export interface BusyMessage {
  readonly type: 'busy';
  readonly busy: boolean;
}

export type ResponseResult =
  | { readonly kind: 'save'; readonly outcome: 'saved' | 'cancelled' | 'unchanged' | 'failed' }
  | { readonly kind: 'done' }
  | { readonly kind: 'users'; readonly users: readonly SampleUser[] }
  /**
   * A newer request of the same kind (`searchUsers`, `sampleUsers`) arrived before this one ran:
   * the newer one is answered instead, and this one is dropped quietly.
   */
  | { readonly kind: 'superseded' };

export type ResponseMessage =
  | { readonly type: 'response'; readonly requestId: number; readonly ok: true; readonly result: ResponseResult }
  | { readonly type: 'response'; readonly requestId: number; readonly ok: false; readonly error: string };

/** Show this object mapping (the editor was opened from its row in the tree). */
export interface FocusMessage {
  readonly type: 'focus';
  readonly objectMappingId: string;
}

export type ExtensionToWebviewMessage = InitMessage | DocumentMessage | BusyMessage | ResponseMessage | FocusMessage;

// ---------------------------------------------------------------------------------------------
// Runtime validation. Each function returns the value typed, or undefined when it does not fit.

type Obj = Record<string, unknown>;
const MAX_TEXT = 10_000;
const MAX_ID = 200;
const MAX_LIST = 5_000;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function isText(v: unknown, max = MAX_TEXT): v is string {
  return typeof v === 'string' && v.length <= max;
}
function isId(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= MAX_ID;
}
function isBool(v: unknown): v is boolean {
  return typeof v === 'boolean';
}
function isInt(v: unknown, min: number, max: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
}
/** A dense array of at most `max` items that all pass `item` (every() would skip the holes of a sparse one). */
function isList<T>(v: unknown, item: (x: unknown) => x is T, max = MAX_LIST): v is T[] {
  if (!Array.isArray(v) || v.length > max) return false;
  for (let i = 0; i < v.length; i++) if (!(i in v) || !item(v[i])) return false;
  return true;
}
function hasOnly(v: Obj, keys: readonly string[]): boolean {
  return Object.keys(v).every((k) => keys.includes(k));
}

const fieldCheck: Record<keyof MappingFields, (v: unknown) => boolean> = {
  mappingType: (v) => typeof v === 'string' && (mappingTypes as readonly string[]).includes(v),
  sourceAttribute: (v) => isText(v, 1000),
  constantValue: (v) => isText(v),
  expression: (v) => isText(v),
  defaultValue: (v) => isText(v),
  targetAttribute: (v) => isText(v, 1000),
  flowType: (v) => isText(v, 100),
  matchingPriority: (v) => isInt(v, 0, 1000),
};

function isPatch(v: unknown, complete: boolean): v is Partial<MappingFields> {
  if (!isObj(v) || !hasOnly(v, mappingFieldNames)) return false;
  return mappingFieldNames.every((k) => (k in v ? fieldCheck[k](v[k]) : !complete));
}

function isActions(v: unknown): v is TargetActions {
  return isObj(v) && hasOnly(v, ['Add', 'Update', 'Delete']) && isBool(v.Add) && isBool(v.Update) && isBool(v.Delete);
}

function isClause(v: unknown): boolean {
  return isObj(v) && hasOnly(v, ['sourceAttribute', 'operator', 'values']) && isText(v.sourceAttribute, 1000) && isText(v.operator, 100) && isList(v.values, (x): x is string => isText(x), 100);
}

function isScopeGroup(v: unknown): v is ScopeGroupDraft {
  return isObj(v) && hasOnly(v, ['name', 'clauses']) && isText(v.name, 1000) && isList(v.clauses, (x): x is unknown => isClause(x), 100);
}

function isTargetAttribute(v: unknown): v is Omit<TargetAttributeDraft, 'original'> {
  return isObj(v) && hasOnly(v, ['name', 'type', 'multivalued', 'required']) && isId(v.name) && isText(v.type, 50) && isBool(v.multivalued) && isBool(v.required);
}

/** Narrows an edit received from the webview, or undefined when it is malformed. */
function parseEditOperation(v: unknown): EditOperation | undefined {
  if (!isObj(v) || !isId(v.objectMappingId)) return undefined;
  const ok = (keys: string[], valid: boolean) => (valid && hasOnly(v, ['kind', 'objectMappingId', ...keys]) ? (v as unknown as EditOperation) : undefined);
  switch (v.kind) {
    case 'setEnabled':
      return ok(['enabled'], isBool(v.enabled));
    case 'setActions':
      return ok(['actions'], isActions(v.actions));
    case 'addMapping':
      return ok(['mappingId', 'fields'], isId(v.mappingId) && isPatch(v.fields, true));
    case 'updateMapping':
      return ok(['mappingId', 'patch'], isId(v.mappingId) && isPatch(v.patch, false));
    case 'deleteMapping':
      return ok(['mappingId'], isId(v.mappingId));
    case 'moveMapping':
      return ok(['mappingId', 'toIndex'], isId(v.mappingId) && isInt(v.toIndex, 0, MAX_LIST));
    case 'setScope':
      return ok(['groups'], isList(v.groups, isScopeGroup, 100));
    case 'addTargetAttribute':
      return ok(['attribute'], isTargetAttribute(v.attribute));
    case 'deleteTargetAttribute':
      return ok(['name'], isId(v.name));
    default:
      return undefined;
  }
}

function parseRequest(v: unknown): EditorRequest | undefined {
  if (!isObj(v)) return undefined;
  switch (v.kind) {
    case 'save':
    case 'showChanges':
    case 'reload':
    case 'restoreDefaults':
      return hasOnly(v, ['kind']) ? { kind: v.kind } : undefined;
    case 'searchUsers':
      return hasOnly(v, ['kind', 'query']) && isText(v.query, 200) ? { kind: 'searchUsers', query: v.query } : undefined;
    case 'sampleUsers':
      if (!hasOnly(v, ['kind', 'count', 'query']) || !isInt(v.count, 1, 100) || (v.query !== undefined && !isText(v.query, 200))) return undefined;
      return v.query === undefined ? { kind: 'sampleUsers', count: v.count } : { kind: 'sampleUsers', count: v.count, query: v.query };
    default:
      return undefined;
  }
}

/**
 * Deepest nesting of a message from a webview. The deepest the protocol has is a `setScope` edit
 * (message, edit, groups, group, clauses, clause, values: 7); a deeper value is refused before
 * anything walks it.
 */
export const MAX_MESSAGE_DEPTH = 12;

/**
 * Largest message from a webview, in characters of its strings and keys plus one per value. The
 * longest field is a 10,000-character expression, and a whole scope fits many times over; a
 * larger message is refused before its fields are checked one by one.
 */
export const MAX_MESSAGE_SIZE = 1_000_000;

/**
 * Why a value is too large or too deeply nested to be a message, or undefined when it is within
 * the bounds. Counted without recursion, and stops as soon as a bound is passed, so even a huge
 * value costs no more than the bound to refuse.
 */
export function messageBoundsProblem(value: unknown): string | undefined {
  return boundsProblem(value, MAX_MESSAGE_SIZE, MAX_MESSAGE_DEPTH);
}

/** A message from a webview, or why it was refused (with its request id when it names a valid one, so it can be answered). */
export type WebviewMessageReading =
  | { readonly message: WebviewToExtensionMessage }
  | { readonly problem: string; readonly requestId?: number };

/**
 * Reads a value received from a webview: bounded in size and depth first, then checked field by
 * field. A refused request that carries a valid id says so, so that its sender can be answered
 * rather than left waiting.
 */
export function readWebviewMessage(value: unknown): WebviewMessageReading {
  const requestId = isObj(value) && value.type === 'request' && isInt(value.requestId, 1, Number.MAX_SAFE_INTEGER) ? value.requestId : undefined;
  const bounds = messageBoundsProblem(value);
  const message = bounds ? undefined : parseMessageFields(value);
  if (message) return { message };
  return { problem: bounds ?? 'not a protocol message', ...(requestId !== undefined ? { requestId } : {}) };
}

/** Narrows an unknown value received from a webview, or returns undefined when it is not a known message. */
export function parseWebviewMessage(value: unknown): WebviewToExtensionMessage | undefined {
  return messageBoundsProblem(value) === undefined ? parseMessageFields(value) : undefined;
}

function parseMessageFields(value: unknown): WebviewToExtensionMessage | undefined {
  if (!isObj(value)) return undefined;
  switch (value.type) {
    case 'ready':
      return hasOnly(value, ['type']) ? { type: 'ready' } : undefined;
    case 'edit': {
      const edit = hasOnly(value, ['type', 'edit']) ? parseEditOperation(value.edit) : undefined;
      return edit ? { type: 'edit', edit } : undefined;
    }
    case 'request': {
      if (!hasOnly(value, ['type', 'requestId', 'request']) || !isInt(value.requestId, 1, Number.MAX_SAFE_INTEGER)) return undefined;
      const request = parseRequest(value.request);
      return request ? { type: 'request', requestId: value.requestId, request } : undefined;
    }
    default:
      return undefined;
  }
}

function isMappingDraft(v: unknown): v is AttributeMappingDraft {
  return isObj(v) && isId(v.id) && isPatch(Object.fromEntries(mappingFieldNames.map((k) => [k, v[k]])), true) && (v.original === undefined || isObj(v.original));
}

function isObjectMappingDraft(v: unknown): v is ObjectMappingDraft {
  return (
    isObj(v) &&
    isId(v.id) &&
    ['name', 'sourceDirectory', 'targetDirectory', 'sourceObjectName', 'targetObjectName'].every((k) => isText(v[k], 1000)) &&
    isBool(v.enabled) &&
    isActions(v.actions) &&
    isList(v.scopeGroups, isScopeGroup, 100) &&
    isList(v.attributeMappings, isMappingDraft) &&
    (v.targetAttributes === undefined || isList(v.targetAttributes, (x): x is TargetAttributeDraft => isObj(x) && isText(x.name, 1000) && isText(x.type, 50) && isBool(x.multivalued) && isBool(x.required)))
  );
}

/** Narrows a document received from the extension. */
export function parseEditorDocument(v: unknown): EditorDocument | undefined {
  if (!isObj(v) || !isObj(v.base) || !isList(v.objectMappings, isObjectMappingDraft, 100)) return undefined;
  return v as unknown as EditorDocument;
}

function isStrings(v: unknown): v is MappingEditorStrings {
  if (!isObj(v) || !mappingEditorStringKeys.every((k) => typeof v[k] === 'string')) return false;
  // A localized template must keep its English template's placeholders (the webview fills them blindly).
  return expressionMessageIds.every((id) => {
    const text = v[`expr.${id}`];
    return typeof text === 'string' && text.length <= 2000 && placeholderSet(text) === placeholderSet(expressionMessages[id]);
  }) && functionHelpStringKeys.every((key) => isText(v[key], 2000));
}

function placeholderSet(text: string): string {
  return [...new Set([...text.matchAll(/\{(\d+)\}/g)].map((m) => m[1]))].sort().join(',');
}

function isSampleUser(v: unknown): v is SampleUser {
  const assignment = isObj(v) ? v.assignment : undefined;
  return isObj(v) && isId(v.id) && isText(v.label, 1000) && isObj(v.attributes)
    && (assignment === undefined || (isObj(assignment) && hasOnly(assignment, ['assigned', 'syncAll']) && isBool(assignment.assigned) && isBool(assignment.syncAll)));
}

function parseResult(v: unknown): ResponseResult | undefined {
  if (!isObj(v)) return undefined;
  if (v.kind === 'save' && ['saved', 'cancelled', 'unchanged', 'failed'].includes(v.outcome as string)) return v as ResponseResult;
  if (v.kind === 'done') return { kind: 'done' };
  if (v.kind === 'superseded') return { kind: 'superseded' };
  if (v.kind === 'users' && isList(v.users, isSampleUser, 1000)) return v as ResponseResult;
  return undefined;
}

/** Narrows a message received from the extension (the webview checks before acting too). */
export function parseExtensionMessage(value: unknown): ExtensionToWebviewMessage | undefined {
  if (!isObj(value)) return undefined;
  switch (value.type) {
    case 'init': {
      const document = parseEditorDocument(value.document);
      const operators = isList(value.filterOperators, (x): x is FilterOperatorInfo => isObj(x) && isText(x.name, 100) && isText(x.arity, 50)
        && (x.supportedAttributeTypes === undefined || !!isList(x.supportedAttributeTypes, (t): t is string => isText(t, 50), 20)), 200);
      const target = parseJobReference(value.target);
      if (!document || !isStrings(value.strings) || !operators || !isText(value.jobLabel, 1000) || !target) return undefined;
      return { type: 'init', document, strings: value.strings, filterOperators: value.filterOperators as FilterOperatorInfo[], jobLabel: value.jobLabel, target };
    }
    case 'document': {
      const document = parseEditorDocument(value.document);
      if (!document || !['saved', 'reloaded', 'restored', 'resync'].includes(value.reason as string)) return undefined;
      return { type: 'document', document, reason: value.reason as DocumentMessage['reason'] };
    }
    case 'busy':
      return isBool(value.busy) ? { type: 'busy', busy: value.busy } : undefined;
    case 'focus':
      return isId(value.objectMappingId) ? { type: 'focus', objectMappingId: value.objectMappingId } : undefined;
    case 'response': {
      if (!isInt(value.requestId, 1, Number.MAX_SAFE_INTEGER)) return undefined;
      if (value.ok === false && isText(value.error)) return { type: 'response', requestId: value.requestId, ok: false, error: value.error };
      const result = value.ok === true ? parseResult(value.result) : undefined;
      return result ? { type: 'response', requestId: value.requestId, ok: true, result } : undefined;
    }
    default:
      return undefined;
  }
}
