/**
 * What a check of the mapping document reports, and what the checks may look up: shared by the
 * checks as you type (validation.ts) and the checks that need the schema (rules.ts).
 */
import type { ExpressionMessage, ExpressionMessageId, NestedMessages } from '../../expressions';
import type { AttributeCatalog, ObjectMappingDraft } from './document';

/** What the rules need of a scoping operator: the service's filterOperatorSchema. */
export interface FilterOperatorFacts {
  readonly arity: string;
  /** The attribute types the operator compares; when the service leaves it out, the documented ones are used. */
  readonly supportedAttributeTypes?: readonly string[];
}

export type IssueCode =
  | 'targetMissing'
  | 'targetDuplicate'
  | 'targetUnknown'
  | 'sourceMissing'
  | 'sourceUnknown'
  | 'expressionEmpty'
  | 'expressionError'
  | 'expressionWarning'
  | 'matchingDuplicate'
  | 'matchingNone'
  | 'scopeAttributeMissing'
  | 'scopeOperatorUnknown'
  | 'scopeValueMissing'
  | 'scopeAttributeUnknown'
  | 'scopeOperatorType'
  | 'scopeAttributeNotFilterable'
  | 'scopeValueUnexpected'
  | 'scopeValueNotInteger'
  | 'scopeRegexInvalid'
  | 'scopeMultivalued'
  | 'flowTypeUnknown'
  | 'flowTypeSingleValued'
  | 'flowBehaviorUnknown'
  | 'constantEmpty'
  | 'requiredUnmapped'
  | 'actionUnknown'
  | 'actionsNone';

export interface Issue {
  readonly severity: 'error' | 'warning';
  readonly code: IssueCode;
  /** Values for the sentence's {0}, {1}... placeholders. */
  readonly args: readonly string[];
  readonly objectMappingId: string;
  /** The attribute mapping concerned, when it is one. */
  readonly mappingId?: string;
  /** Which field the issue is about (`expression`, `targetAttribute`, `scope`...). */
  readonly field: string;
  /** For expression issues: the engine's message (English), its id and arguments, and where in the text the problem is. */
  readonly message?: string;
  readonly messageId?: ExpressionMessageId;
  readonly messageArgs?: readonly string[];
  /** Arguments that are sentences of their own (a reason), localized like the message. */
  readonly messageNested?: NestedMessages;
  readonly offset?: number;
  readonly end?: number;
  /** Arguments of a non-expression issue that are engine sentences (a regex's reason), localized like expression messages. */
  readonly argMessages?: Readonly<Record<number, ExpressionMessage>>;
}

/**
 * Names the checks can look up: the pickers' attribute lists, their definitions and the service's
 * filter operators. Build it with validationContextFor (rules.ts) so the editor and the file agree.
 */
export interface ValidationContext {
  readonly sourceAttributes?: (om: ObjectMappingDraft) => ReadonlySet<string> | undefined;
  readonly targetAttributes?: (om: ObjectMappingDraft) => ReadonlySet<string> | undefined;
  readonly filterOperators?: ReadonlyMap<string, FilterOperatorFacts>;
  /** The object mapping's source and target attribute definitions; the rules that need types, multi-valued or required are skipped without. */
  readonly attributes?: (om: ObjectMappingDraft) => AttributeCatalog | undefined;
}
