/**
 * Checks of the document the editor shows as you type and that gate a save. Issues carry a code and
 * arguments rather than sentences: the extension supplies localized sentences for the codes.
 * Expression errors carry the engine's message (English), its message id and arguments (for the
 * localized template the extension sends as `expr.<id>`), and the offset of the problem.
 */
import { englishMessage, localizeMessage, validateExpression } from '../../expressions';
import type { ExpressionMessageId, NestedMessages } from '../../expressions';
import type { AttributeMappingDraft, EditorDocument, ObjectMappingDraft } from './document';
import { objectMappingDisplayName } from './document';
import type { Issue, IssueCode, ValidationContext } from './issues';
import { flowIssues, requiredTargetIssues, scopeClauseIssues } from './rules';

export type { FilterOperatorFacts, Issue, IssueCode, ValidationContext } from './issues';

/** Whether a list of attribute names has `name`, the way the service resolves names: without case. */
function hasName(names: ReadonlySet<string>, name: string): boolean {
  if (names.has(name)) return true;
  const lower = name.toLowerCase();
  for (const n of names) if (n.toLowerCase() === lower) return true;
  return false;
}

/** Issues of one attribute mapping (the per-keystroke check of the mapping being edited). */
export function validateMapping(om: ObjectMappingDraft, m: AttributeMappingDraft, context: ValidationContext = {}): Issue[] {
  const issues: Issue[] = [];
  const add = (severity: Issue['severity'], code: IssueCode, field: string, args: string[] = [], extra: Partial<Issue> = {}) =>
    issues.push({ severity, code, args, field, objectMappingId: om.id, mappingId: m.id, ...extra });
  if (!m.targetAttribute.trim()) add('error', 'targetMissing', 'targetAttribute');
  else {
    const known = context.targetAttributes?.(om);
    if (known && !hasName(known, m.targetAttribute)) add('warning', 'targetUnknown', 'targetAttribute', [m.targetAttribute]);
  }
  if (m.mappingType === 'Direct') {
    if (!m.sourceAttribute.trim()) add('error', 'sourceMissing', 'sourceAttribute');
    else {
      const known = context.sourceAttributes?.(om);
      if (known && !hasName(known, m.sourceAttribute)) add('warning', 'sourceUnknown', 'sourceAttribute', [m.sourceAttribute]);
    }
  } else if (m.mappingType === 'Constant') {
    // Sent as it is: the app's value becomes the empty string on every object.
    if (m.constantValue === '') add('warning', 'constantEmpty', 'constantValue');
  } else if (m.mappingType === 'Expression') {
    if (!m.expression.trim()) add('error', 'expressionEmpty', 'expression');
    else {
      const result = validateExpression(m.expression);
      if (!result.ok) {
        const { message, messageId, args, nested, offset, end } = result.error;
        add('error', 'expressionError', 'expression', [message], { message, messageId, messageArgs: args, messageNested: nested, offset, end });
      } else {
        for (const w of result.warnings) add('warning', 'expressionWarning', 'expression', [w.message], { message: w.message, messageId: w.messageId, messageArgs: w.args, offset: w.offset });
      }
    }
  }
  flowIssues(om, m, context, add);
  return issues;
}

/** Issues of one object mapping: its attribute mappings, matching attributes, scope and actions. */
export function validateObjectMapping(om: ObjectMappingDraft, context: ValidationContext = {}): Issue[] {
  return [...om.attributeMappings.flatMap((m) => validateMapping(om, m, context)), ...objectMappingIssues(om, context)];
}

/**
 * The issues of an object mapping that are not about one mapping alone: duplicate targets and
 * precedences, no matching attribute, required targets unmapped, actions, scope.
 */
export function objectMappingIssues(om: ObjectMappingDraft, context: ValidationContext = {}): Issue[] {
  const issues: Issue[] = [];
  const targets = new Map<string, number>();
  const priorities = new Map<number, number>();
  // The service resolves target names without case: userName and username are one attribute.
  const key = (m: AttributeMappingDraft) => m.targetAttribute.toLowerCase();
  for (const m of om.attributeMappings) {
    if (m.targetAttribute) targets.set(key(m), (targets.get(key(m)) ?? 0) + 1);
    if (m.matchingPriority > 0) priorities.set(m.matchingPriority, (priorities.get(m.matchingPriority) ?? 0) + 1);
  }
  for (const m of om.attributeMappings) {
    if (m.targetAttribute && (targets.get(key(m)) ?? 0) > 1) {
      issues.push({ severity: 'error', code: 'targetDuplicate', args: [m.targetAttribute], field: 'targetAttribute', objectMappingId: om.id, mappingId: m.id });
    }
    if (m.matchingPriority > 0 && (priorities.get(m.matchingPriority) ?? 0) > 1) {
      issues.push({ severity: 'error', code: 'matchingDuplicate', args: [String(m.matchingPriority)], field: 'matchingPriority', objectMappingId: om.id, mappingId: m.id });
    }
  }
  if (om.enabled && om.attributeMappings.length > 0 && priorities.size === 0) {
    issues.push({ severity: 'error', code: 'matchingNone', args: [objectMappingDisplayName(om.name)], field: 'matchingPriority', objectMappingId: om.id });
  }
  if (om.enabled && !om.actions.Add && !om.actions.Update && !om.actions.Delete) {
    issues.push({ severity: 'warning', code: 'actionsNone', args: [objectMappingDisplayName(om.name)], field: 'actions', objectMappingId: om.id });
  }
  issues.push(...requiredTargetIssues(om, context));
  om.scopeGroups.forEach((group, g) => {
    group.clauses.forEach((clause, c) => {
      const field = `scope.${g}.${c}`;
      if (!clause.sourceAttribute.trim()) issues.push({ severity: 'error', code: 'scopeAttributeMissing', args: [group.name], field: `${field}.attribute`, objectMappingId: om.id });
      const operator = context.filterOperators?.get(clause.operator);
      if (context.filterOperators && !operator) issues.push({ severity: 'error', code: 'scopeOperatorUnknown', args: [clause.operator], field: `${field}.operator`, objectMappingId: om.id });
      const binary = operator ? operator.arity !== 'Unary' : !/^IS /i.test(clause.operator);
      if (binary && clause.values.every((v) => v === '')) issues.push({ severity: 'error', code: 'scopeValueMissing', args: [clause.operator], field: `${field}.values`, objectMappingId: om.id });
      issues.push(...scopeClauseIssues(om, clause, field, context));
    });
  });
  return issues;
}

/** Every issue of the document. */
export function validateDocument(doc: EditorDocument, context: ValidationContext = {}): Issue[] {
  return doc.objectMappings.flatMap((om) => validateObjectMapping(om, context));
}

/** An expression engine diagnostic as issues and preview results carry it. */
export interface ExpressionDiagnostic {
  /** The English sentence. */
  readonly message?: string;
  readonly messageId?: ExpressionMessageId;
  readonly messageArgs?: readonly string[];
  readonly messageNested?: NestedMessages;
}

/**
 * The sentence of an engine diagnostic in the user's language: the localized template of its message
 * id (`expr.<id>` in the strings the extension sends) filled with its arguments, a nested reason
 * localized the same way; the English text when no template is known.
 */
export function expressionMessageText(d: ExpressionDiagnostic, strings: Readonly<Partial<Record<string, string>>> | undefined): string {
  if (d.messageId === undefined || !d.messageArgs || strings?.[`expr.${d.messageId}`] === undefined) return d.message ?? '';
  return localizeMessage({ id: d.messageId, args: d.messageArgs, nested: d.messageNested }, (id) => strings[`expr.${id}`]);
}

/**
 * The values for an issue's `{0}`, `{1}`…: an expression issue's engine message in the user's
 * language, and any argument that is an engine sentence (a regex's reason) likewise.
 */
export function issueArgs(issue: Issue, strings: Readonly<Partial<Record<string, string>>> | undefined): readonly string[] {
  if (issue.messageId !== undefined) return [expressionMessageText(issue, strings)];
  const nested = issue.argMessages;
  if (!nested) return issue.args;
  return issue.args.map((a, i) => {
    const m = nested[i];
    if (!m) return a;
    return strings?.[`expr.${m.id}`] !== undefined ? localizeMessage(m, (id) => strings[`expr.${id}`]) : englishMessage(m);
  });
}

/** True when nothing blocks a save. */
export function canSave(issues: readonly Issue[]): boolean {
  return !issues.some((i) => i.severity === 'error');
}
