/**
 * Every sentence the expression engine reports, as English templates keyed by a stable message id.
 * `{0}`, `{1}`… are filled from the diagnostic's arguments. The engine builds its English `.message`
 * from these templates; the editor looks the id up among the localized templates the extension sends
 * and falls back to the English text.
 */
export const expressionMessages = {
  // A sentence that has no template of its own (text from outside the engine, e.g. a JS error).
  text: '{0}',
  internalError: 'Internal error: {0}',

  // Parsing
  notText: 'The expression must be text.',
  tooLong: 'The expression is {0} characters long; the service accepts at most 10,000.',
  empty: 'The expression is empty.',
  unexpectedAfterEnd: 'Unexpected {0} after the end of the expression.',
  unexpectedParenAfterEnd: 'Unexpected {0} after the end of the expression (there is no matching opening parenthesis).',
  unexpectedCommaAfterEnd: 'Unexpected {0} after the end of the expression (a comma only separates function arguments).',
  valueExpectedAfterOperator: "Expected a value after '{0}'.",
  oneComparisonOnly: 'Only one comparison is allowed in a condition; nest IIF calls to combine conditions.',
  endsWhereValueExpected: 'The expression ends where a value was expected.',
  unexpectedCloseBracket: "Unexpected ']' (there is no matching '[').",
  unexpectedCloseParen: "Unexpected ')' where a value was expected.",
  singleQuotes: 'Strings are written in double quotes ("…"), not single quotes.',
  unexpectedCharacter: 'Unexpected {0}: expected a function call, an [attribute], a "string" or a number.',
  attributeUnclosed: "The attribute name starting here has no closing ']'.",
  attributeNameMissing: 'An attribute name is missing between the brackets.',
  attributeNameBracket: "An attribute name cannot contain '['; a ']' is probably missing.",
  stringUnclosed: 'The string starting here has no closing double quote.',
  unknownEscape: 'Unknown escape \'{0}\' in a string: only \\" and \\\\ are allowed (write \\\\ for a backslash, e.g. "\\\\d" in a regex).',
  unknownEscapeAtEnd: 'Unknown escape \'\\ at the end\' in a string: only \\" and \\\\ are allowed (write \\\\ for a backslash, e.g. "\\\\d" in a regex).',
  digitsAfterMinus: "Expected digits after '-'.",
  wholeNumbersOnly: 'Only whole numbers are supported; write a decimal as a "string".',
  unexpectedInNumber: 'Unexpected {0} in a number.',
  ampersand: "Unexpected '&': the only use of '&' is a hex number such as &HF7 (there is no & operator).",
  hexDigitsMissing: 'Expected hex digits after &H.',
  unexpectedInHex: 'Unexpected {0} in a hex number.',
  functionWithoutParentheses: '{0} is a function: write {0}(…) with parentheses.',
  unknownName: 'Unknown name \'{0}\': attributes are written in brackets ([{0}]) and text in double quotes ("{0}").',
  unknownFunction: "Unknown function '{0}'.",
  unknownFunctionSuggestion: "Unknown function '{0}' (did you mean {1}?).",
  callsNestedTooDeep: 'Function calls are nested more than {0} levels deep.',
  expectedCommaOrParen: "Expected ',' or ')' after argument {0} of {1}.",
  callUnclosed: "Expected ',' or ')' of {0}: the '(' here is never closed.",
  callUnclosedAfter: "Expected ',' or ')' after argument {0} of {1}: the '(' here is never closed.",
  tooManyArgumentsOne: '{0} takes at most 1 argument, got {1}.',
  tooManyArguments: '{0} takes at most {1} arguments, got {2}.',
  needsArgumentsOne: '{0} needs 1 argument, got {1}: {2}.',
  needsArguments: '{0} needs {1} arguments, got {2}: {3}.',
  needsArgumentsLegacy: '{0} needs {1} arguments (or 3 in the legacy form), got {2}: {3}.',
  needsAtLeastArgumentsOne: '{0} needs at least 1 argument, got {1}: {2}.',
  needsAtLeastArguments: '{0} needs at least {1} arguments, got {2}: {3}.',
  needsAtLeastArgumentsLegacy: '{0} needs at least {1} arguments (or 3 in the legacy form), got {2}: {3}.',
  switchKeyWithoutValue: '{0}: the last key has no value (keys and values come in pairs).',
  argumentsMissing: '{0}: arguments are missing.',
  argumentEmpty: 'argument {0} ({1}) of {2} cannot be left empty.',
  replaceBothModes: 'Replace: give either oldValue (argument 2) or regexPattern (argument 3), not both.',
  replaceGroupNeedsPattern: 'Replace: regexGroupName and replacementAttributeName only work with regexPattern.',
  replaceOldValueNeedsOne: 'Replace: with oldValue, give exactly one of replacementValue (argument 5) or template (argument 7).',
  replaceTemplateNeedsOldValue: 'Replace: template only works with oldValue.',
  replaceAttributeNeedsGroup: 'Replace: replacementAttributeName needs regexGroupName and no replacementValue.',
  replacePatternNeedsReplacement: 'Replace: regexPattern needs replacementValue (argument 5), or regexGroupName with replacementAttributeName.',
  replaceNoMode: 'Replace: give oldValue (argument 2) or regexPattern (argument 3).',

  // Trees (compiled or converted from Graph)
  treeInvalid: 'Not a valid expression tree: {0}',
  treeNotObject: 'Not a valid expression tree: a node is not an object.',
  treeAttributeNoName: 'Not a valid expression tree: an attribute has no name.',
  treeStringNoValue: 'Not a valid expression tree: a string node has no value.',
  treeNumberNotNumber: 'Not a valid expression tree: a number node is not a number.',
  treeEnumNoName: 'Not a valid expression tree: an enum node has no name.',
  treeUnknownOperator: 'Not a valid expression tree: unknown operator {0}.',
  treeNoArgumentList: 'Not a valid expression tree: {0} has no argument list.',
  treeUnknownKind: "Not a valid expression tree: unknown node kind '{0}'.",
  expressionNestedTooDeep: 'The expression is nested more than {0} levels deep.',
  notTextOrTree: 'The expression must be text or a parsed expression tree.',
  sourceNotObject: 'The source object must be an object of attribute values.',
  internalEvaluationError: 'Internal error while evaluating: {0}',
  graphSourceInvalid: 'attributeMappingSource{0}: {1}',

  // Evaluation
  multiValuedComparison: 'A multi-valued value cannot be compared; pick one value with Item or combine them with Join first.',
  argumentNotSingle: '{0}: argument {1} must be a single value, not a multi-valued one.',
  argumentNullNotNumber: '{0}: argument {1} must be a whole number, but it is null.',
  argumentNotWholeNumber: '{0}: argument {1} must be a whole number, got "{2}".',
  argumentTooLarge: '{0}: argument {1} is too large.',
  argumentNotTruthValue: '{0}: argument {1} must be True, False or a number, got "{2}".',
  randomLength: '{0}: Length must be between 1 and {1}, got {2}.',
  randomNegativeMinimum: '{0}: the minimum counts cannot be negative.',
  randomMinimumsTooLarge: '{0}: the minimum counts add up to {1}, more than Length {2}.',
  randomAvoidsRequiredKind: '{0}: CharactersToAvoid removes every character of a required kind.',
  randomAvoidsEverything: '{0}: CharactersToAvoid removes every allowed character.',
  uniqueValueEscrow: '{0}: every rule gives a value that already exists (or null); the service would escrow this object.',
  defaultDomainUnknown: "{0}: the tenant's default domain is not known here (pass options.defaultDomain).",
  iifAttributeNull: 'IIF: attribute [{0}] is null; the service cannot evaluate an IIF reliably then (use Switch or Coalesce).',
  iifAttributeEmpty: 'IIF: attribute [{0}] is empty; the service cannot evaluate an IIF reliably then (use Switch or Coalesce).',
  switchValueNotSingle: '{0}: a value for a multi-valued source must be a single value.',
  regexUnusable: '{0}: the regular expression "{1}" cannot be used: {2}.',
  regexInputTooLong: '{0}: the value is {1} characters long; regular expressions are run on at most {2}.',
  regexGroupMissing: '{0}: the pattern has no group named "{1}".',
  regexTooCostly: '{0}: the value is {1} characters long; this regular expression could run too long on more than {2} (the service stops a regular expression at a time limit).',
  intervalNull: '{0}: interval (argument 1) is null.',
  dateTimeStylesUnknown: '{0}: "{1}" is not a DateTimeStyles name (e.g. AdjustToUniversal, AssumeUniversal).',
  outputFormatUnusable: '{0}: the output format "{1}" cannot be used: {2}.',
  formatsNull: '{0}: the input and output formats must not be null.',
  inputFormatUnusable: '{0}: the input format "{1}" cannot be used: {2}.',
  inputFormatMismatch: '{0}: "{1}" does not match the input format "{2}".',
  indexOutOfRange: '{0}: index {1} is outside 1…{2}.',
  startTooSmall: '{0}: start (argument 3) must be 1 or more.',
  compareTypeUnknown: '{0}: compareType must be vbBinaryCompare or vbTextCompare, got "{1}".',
  cultureUnknown: '{0}: "{1}" is not a culture name such as en-US or tr-TR.',
  dateOutOfRange: 'The date is outside the range a DateTime can hold (years 1 to 9999).',
  dateOutOfRangeIn: '{0}: The date is outside the range a DateTime can hold (years 1 to 9999).',
  adDateOutOfRange: '{0} is outside the range of AD large-integer dates (1601 to 9999).',
  adDateOutOfRangeIn: '{0}: {1} is outside the range of AD large-integer dates (1601 to 9999).',
  inFunction: '{0}: {1}',
  dateUnreadable: 'Cannot read "{0}" as a date; use ISO 8601 (2021-08-24T10:00:00Z, 2020-03-16-07:00) or M/d/yyyy h:mm:ss tt.',
  intervalUnknown: 'Unknown interval "{0}": use yyyy, q, m, y, d, w, ww, h, n or s.',

  // Reasons: the inner part of regexUnusable, outputFormatUnusable, inputFormatUnusable and
  // graphSourceInvalid (lower case: they finish another sentence).
  regexCategoryUnsupported: '{0} is not supported (only Unicode general categories such as \\p{L} or \\p{Lu})',
  regexOptionXUnsupported: 'the x (ignore white space) option is not supported',
  regexEndsWithBackslash: 'the pattern ends with a backslash',
  regexCategoryNameMissing: '\\{0} must be followed by a category name in braces, e.g. \\p{L}',
  regexNegatedCategoryInClass: '\\P{…} inside [ ] is not supported',
  regexAnchorGUnsupported: '\\G is not supported',
  regexBackreferenceNameMissing: '\\k must be followed by a group name, e.g. \\k<name>',
  regexHexDigitsMissing: '\\x must be followed by two hex digits',
  regexUnicodeDigitsMissing: '\\u must be followed by four hex digits',
  regexControlLetterMissing: '\\c must be followed by a letter',
  regexUnknownEscape: 'unrecognised escape \\{0}',
  regexClassSubtraction: 'character class subtraction [a-z-[aeiou]] is not supported',
  regexClassUnclosed: "a '[' is never closed",
  regexBackreferenceMissingGroup: '\\{0} refers to a group that does not exist',
  regexCommentUnclosed: 'a (?# comment is never closed',
  regexBalancingGroup: 'balancing groups are not supported',
  regexGroupNameInvalid: '"{0}" is not a supported group name (use letters, digits and _)',
  regexAtomicGroup: 'atomic groups (?>…) are not supported',
  regexConditionalGroup: 'conditional groups (?(…)…) are not supported',
  regexInlineOptionsNotAtStart: 'inline options are supported only at the very start of the pattern, e.g. (?i)abc',
  regexUnknownGroupConstruct: 'unrecognised group construct (?',
  regexInvalid: 'it is not a valid regular expression ({0})',
  regexMayRunAway: 'it needs lookaround or a backreference, which only the backtracking engine runs, together with a repeated group that repeats or alternates inside (like (a+)+), which can take exponential time there',
  formatEmpty: 'the format is empty',
  formatNotStandard: '"{0}" is not a standard date format',
  formatQuoteUnclosed: 'the quote at position {0} of the format is never closed',
  formatEndsWithBackslash: 'the format ends with a backslash',
  formatTooManyFractionDigits: 'at most 7 fraction digits (fffffff) are allowed',
  sourceNestedTooDeeply: 'nested too deeply',
  sourceNotAnObject: 'must be an object',
  sourceNameNotText: '`name` must be a string',
  sourceNameUnusable: '"{0}" is not a usable attribute name',
  sourceTypeUnknown: 'unknown type "{0}"',
  sourceParametersNotList: '`parameters` must be an array',
  sourceParameterShape: 'must be {key, value}',
  sourceComparisonParameters: 'the comparison {0} needs two parameters',
  sourceFunctionUnknown: 'unknown function "{0}"',
  sourceParameterTwice: '"{0}" is given twice',
  sourceParameterUnexpected: '"{0}" is not a parameter of {1} here',
  sourceParameterUnexpectedWanted: '"{0}" is not a parameter of {1} here (expected "{2}")',

  // Warnings
  appRoleAssignmentsDirect: '[appRoleAssignments] must not be mapped directly; use SingleAppRoleAssignment or AppRoleAssignmentsComplex.',
  exactSpelling: 'Write {0} with this exact spelling; the docs call the syntax case-sensitive.',
  selectUniqueValueOutermost: 'SelectUniqueValue must be the outermost function of the mapping.',
  switchOnNullTest: 'The docs warn against {0} as the source of Switch; it yields True/False, so keys must be "True" or "False".',
  regexBacktrackingLimit:
    'Only the backtracking regex engine runs this pattern (it uses lookaround or a backreference), and only on values of up to {0} characters: a longer value fails, as the service stops a regex at its time limit.',
  iifUnreliable: 'IIF cannot be evaluated reliably when an attribute inside it is null or empty; Switch or Coalesce are safer.',
  iifAttributeNullNothingFlows: 'IIF: attribute [{0}] is null; the service cannot evaluate an IIF reliably then (use Switch or Coalesce). Nothing flows.',
  iifAttributeEmptyNothingFlows: 'IIF: attribute [{0}] is empty; the service cannot evaluate an IIF reliably then (use Switch or Coalesce). Nothing flows.',
  singleAppRoleSeveral: 'SingleAppRoleAssignment: several roles are assigned; the service picks one unpredictably (the preview shows the first).',
} as const;

export type ExpressionMessageId = keyof typeof expressionMessages;

/** Every message id, in catalog order. */
export const expressionMessageIds = /* @__PURE__ */ Object.keys(expressionMessages) as ExpressionMessageId[];

// The highest `{n}` of a template decides how many arguments a call site must give (up to {3}).
type PlaceholderOf<S extends string> = S extends `${string}{${infer N}}${infer Rest}` ? N | PlaceholderOf<Rest> : never;
// An argument may itself be a sentence (a reason inside another message): it is localized on its own.
type Arg = string | number | ExpressionMessage;
type ArgsFor<P> = '3' extends P ? [Arg, Arg, Arg, Arg] : '2' extends P ? [Arg, Arg, Arg] : '1' extends P ? [Arg, Arg] : '0' extends P ? [Arg] : [];

/** The arguments a message id takes, checked at compile time against its template. */
export type ExpressionMessageArgs<I extends ExpressionMessageId> = ArgsFor<PlaceholderOf<(typeof expressionMessages)[I]>>;

/** A message id with its arguments (what a diagnostic carries besides the English sentence). */
export interface ExpressionMessage {
  readonly id: ExpressionMessageId;
  /** The arguments as English text. */
  readonly args: readonly string[];
  /** Arguments that are sentences of their own, by position, so they can be shown localized too. */
  readonly nested?: NestedMessages;
}

export type NestedMessages = Readonly<Record<number, ExpressionMessage>>;

/** Builds a message; the argument count must match the template's placeholders. */
export function msg<I extends ExpressionMessageId>(id: I, ...args: ExpressionMessageArgs<I>): ExpressionMessage {
  const nested: Record<number, ExpressionMessage> = {};
  const texts = (args as readonly Arg[]).map((arg, i) => {
    if (typeof arg !== 'object') return String(arg);
    nested[i] = arg;
    return englishMessage(arg);
  });
  return Object.keys(nested).length > 0 ? { id, args: texts, nested } : { id, args: texts };
}

/**
 * A message in the user's language: `templateOf` gives the localized template of an id (undefined
 * falls back to English), applied to the message and to each nested sentence.
 */
export function localizeMessage(message: ExpressionMessage, templateOf: (id: ExpressionMessageId) => string | undefined, depth = 0): string {
  const args = message.args.map((arg, i) => {
    const inner = message.nested?.[i];
    return inner && depth < 8 ? localizeMessage(inner, templateOf, depth + 1) : arg;
  });
  return fillTemplate(templateOf(message.id) ?? expressionMessages[message.id] ?? '{0}', args);
}

/** Fills `{0}`, `{1}`… of a template (a missing argument leaves its placeholder). */
export function fillTemplate(template: string, args: readonly string[]): string {
  return template.replace(/\{(\d+)\}/g, (m, i: string) => args[Number(i)] ?? m);
}

/** The English sentence of a message. */
export function englishMessage(message: ExpressionMessage): string {
  return fillTemplate(expressionMessages[message.id] ?? '{0}', message.args);
}

/** The number of arguments a template uses (its highest placeholder plus one). */
export function placeholderCount(template: string): number {
  return Math.max(0, ...[...template.matchAll(/\{(\d+)\}/g)].map((m) => Number(m[1]) + 1));
}
