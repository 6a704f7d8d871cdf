/**
 * Descriptions of every function of the provisioning expression language: the parser takes arity from
 * here, the Graph conversion takes parameter keys from here, and the editor shows them in completion
 * and hover. Pure data, so the webview can import it cheaply.
 */

/** The kinds of value a parameter takes or a function returns (see the value model). */
export type ValueKind =
  | 'String'
  | 'Number'
  | 'Boolean'
  | 'DateTime'
  | 'MultiValued'
  | 'Any'
  | 'Enum'
  | 'AppRoleAssignments'
  | 'RoleList';

/** One declared parameter of a function. */
export interface ParameterDescription {
  /** Name used by the docs' reference page. */
  readonly name: string;
  /** Key Graph uses in `attributeMappingSource.parameters` (often the same as `name`). */
  readonly graphKey: string;
  readonly type: ValueKind;
  /** Whether the slot must be filled (an empty slot is not allowed). */
  readonly required: boolean;
  /** One-line help for hover. */
  readonly help: string;
}

/** What the editor needs to know about one function. */
export interface FunctionDescription {
  /** Canonical spelling. */
  readonly name: string;
  /** Parameters that appear once, in order. */
  readonly parameters: readonly ParameterDescription[];
  /**
   * Parameters that repeat after the fixed ones (Join's sources, Switch's key/value pairs), with the
   * minimum number of repetitions; absent for fixed-arity functions.
   */
  readonly repeating?: { readonly parameters: readonly ParameterDescription[]; readonly min: number };
  readonly returns: ValueKind;
  /** One-line help for completion and hover. */
  readonly help: string;
  /** Human signature, e.g. `Join(separator, source1, source2, …)`. */
  readonly signature: string;
  /** True when the result depends on a clock, a random source or the target directory. */
  readonly nonDeterministic?: boolean;
}

function p(name: string, type: ValueKind, required: boolean, help: string, graphKey = name): ParameterDescription {
  return { name, graphKey, type, required, help };
}

function signatureOf(d: Omit<FunctionDescription, 'signature'>): string {
  const parts = d.parameters.map((x) => (x.required ? x.name : `[${x.name}]`));
  if (d.repeating) {
    const group = d.repeating.parameters.map((x) => x.name);
    parts.push(...group.map((n) => `${n}1`), ...group.map((n) => `${n}2`), '…');
  }
  return `${d.name}(${parts.join(', ')})`;
}

function fn(d: Omit<FunctionDescription, 'signature'>): FunctionDescription {
  return { ...d, signature: signatureOf(d) };
}

const roleSource = p('appRoleAssignments', 'AppRoleAssignments', true, 'The [appRoleAssignments] attribute.');

/** Every function the service documents for app provisioning, in alphabetical order. */
export const functionDescriptions: readonly FunctionDescription[] = [
  fn({
    name: 'Append',
    parameters: [p('source', 'String', true, 'Value to extend, usually an attribute.'), p('suffix', 'String', true, 'Text added at the end.')],
    returns: 'String',
    help: 'Adds suffix to the end of source.',
  }),
  fn({
    name: 'AppRoleAssignments',
    parameters: [roleSource],
    returns: 'MultiValued',
    help: 'Lists the values of the app roles assigned to the user (undocumented; present in the service’s function schema).',
  }),
  fn({
    name: 'AppRoleAssignmentsComplex',
    parameters: [roleSource],
    returns: 'RoleList',
    help: 'All app roles assigned to the user as SCIM role objects; the target receives a PATCH Add.',
  }),
  fn({
    name: 'AssertiveAppRoleAssignmentsComplex',
    parameters: [roleSource],
    returns: 'RoleList',
    help: 'All app roles assigned to the user as SCIM role objects; the target receives a PATCH replace, removing other roles.',
  }),
  fn({
    name: 'BitAnd',
    parameters: [p('value1', 'Number', true, 'First integer.'), p('value2', 'Number', true, 'Second integer.')],
    returns: 'Number',
    help: 'Bitwise AND of two integers, e.g. BitAnd(&HF, &HF7) is 7.',
  }),
  fn({
    name: 'CBool',
    parameters: [p('expression', 'Any', true, 'A comparison, Boolean or number.')],
    returns: 'Boolean',
    help: 'True when the expression is true or a non-zero number, otherwise False.',
  }),
  fn({
    name: 'CDate',
    parameters: [p('expression', 'String', true, 'Text of a date and time, e.g. 2020-03-16-07:00.')],
    returns: 'DateTime',
    help: 'Reads a date/time string as a UTC DateTime (an offset in the text is converted).',
  }),
  fn({
    name: 'Coalesce',
    parameters: [],
    repeating: { parameters: [p('source', 'String', true, 'A candidate value; the last one may serve as default.')], min: 1 },
    returns: 'String',
    help: 'The first argument that is not null (an empty string counts as a value).',
  }),
  fn({
    name: 'ConvertToBase64',
    parameters: [p('source', 'String', true, 'Text to encode.')],
    returns: 'String',
    help: 'Base64 of the UTF-16LE bytes of source.',
  }),
  fn({
    name: 'ConvertToUTF8Hex',
    parameters: [p('source', 'String', true, 'Text to encode.')],
    returns: 'String',
    help: 'Upper-case hex of the UTF-8 bytes of source.',
  }),
  fn({
    name: 'Count',
    parameters: [p('attribute', 'MultiValued', true, 'A multi-valued attribute.')],
    returns: 'Number',
    help: 'Number of values in a multi-valued attribute (1 for a single value, 0 for null).',
  }),
  fn({
    name: 'CStr',
    parameters: [p('value', 'Any', true, 'Number, reference or Boolean.')],
    returns: 'String',
    help: 'The value as text (Booleans as True/False, numbers as decimal).',
  }),
  fn({
    name: 'DateAdd',
    parameters: [
      p('interval', 'String', true, 'yyyy, q, m, y, d, w, ww, h, n or s.'),
      p('value', 'Number', true, 'How many intervals to add (may be negative).'),
      p('dateTime', 'DateTime', true, 'A DateTime, e.g. CDate([StatusHireDate]) or Now().'),
    ],
    returns: 'DateTime',
    help: 'Adds a number of intervals to a DateTime.',
  }),
  fn({
    name: 'DateDiff',
    parameters: [
      p('interval', 'String', true, 'yyyy, q, m, y, d, w, ww, h, n or s.'),
      p('date1', 'DateTime', true, 'Start.'),
      p('date2', 'DateTime', true, 'End.'),
    ],
    returns: 'Number',
    help: 'Number of intervals from date1 to date2 (negative when date2 is earlier), VB DateDiff semantics.',
  }),
  fn({
    name: 'DateFromNum',
    parameters: [p('value', 'Number', true, 'AD large-integer date (100-ns ticks since 1601-01-01 UTC).')],
    returns: 'DateTime',
    help: 'Turns an AD large-integer date such as lastLogonTimestamp into a DateTime.',
  }),
  fn({
    name: 'DefaultDomain',
    parameters: [],
    returns: 'String',
    help: 'The tenant’s default domain (undocumented; present in the service’s function schema).',
  }),
  fn({
    name: 'FormatDateTime',
    parameters: [
      p('source', 'String', true, 'Date/time text to reformat.'),
      p('dateTimeStyles', 'String', false, '.NET DateTimeStyles names, comma-separated; usually left empty.'),
      p('inputFormat', 'String', true, '.NET custom format of source, e.g. yyyyMMddHHmmss.fZ.'),
      p('outputFormat', 'String', true, '.NET format of the result, e.g. yyyy-MM-dd.'),
    ],
    returns: 'String',
    help: 'Parses source exactly with inputFormat and renders it with outputFormat.',
  }),
  fn({ name: 'Guid', parameters: [], returns: 'String', help: 'A new random GUID.', nonDeterministic: true }),
  fn({
    name: 'IgnoreFlowIfNullOrEmpty',
    parameters: [p('expression', 'Any', true, 'The value to send.')],
    returns: 'Any',
    help: 'The value, but nothing flows to the target when it is null or empty.',
  }),
  fn({
    name: 'IIF',
    parameters: [
      p('condition', 'Boolean', true, 'A comparison such as [country]="USA", or a Boolean.'),
      p('valueIfTrue', 'Any', true, 'Result when the condition holds.'),
      p('valueIfFalse', 'Any', true, 'Result otherwise.'),
    ],
    returns: 'Any',
    help: 'One of two values depending on a condition; unreliable when an attribute inside it is null or empty.',
  }),
  fn({
    name: 'InStr',
    parameters: [
      p('value1', 'String', true, 'Text to search in.'),
      p('value2', 'String', true, 'Text to find.'),
      p('start', 'Number', false, '1-based position to start at (default 1).'),
      p('compareType', 'Enum', false, 'vbBinaryCompare (case-sensitive, default) or vbTextCompare.'),
    ],
    returns: 'Number',
    help: '1-based position of value2 in value1, or 0 when it is not found.',
  }),
  fn({
    name: 'IsNothing',
    parameters: [p('expression', 'Any', true, 'Value to test.')],
    returns: 'Boolean',
    help: 'True when the value is null (undocumented; present in the service’s function schema).',
  }),
  fn({
    name: 'IsNull',
    parameters: [p('expression', 'Any', true, 'Value to test.')],
    returns: 'Boolean',
    help: 'True when the value is null (an attribute that is absent); an empty string is not null.',
  }),
  fn({
    name: 'IsNullOrEmpty',
    parameters: [p('expression', 'Any', true, 'Value to test.')],
    returns: 'Boolean',
    help: 'True when the value is null or an empty string.',
  }),
  fn({
    name: 'IsPresent',
    parameters: [p('expression', 'Any', true, 'Value to test.')],
    returns: 'Boolean',
    help: 'True when the value is neither null nor an empty string.',
  }),
  fn({
    name: 'IsString',
    parameters: [p('expression', 'Any', true, 'Value to test.')],
    returns: 'Boolean',
    help: 'True when the value can be read as a string.',
  }),
  fn({
    name: 'Item',
    parameters: [p('attribute', 'MultiValued', true, 'A multi-valued attribute.'), p('index', 'Number', true, '1-based position.')],
    returns: 'String',
    help: 'The value at a 1-based position of a multi-valued attribute.',
  }),
  fn({
    name: 'Join',
    parameters: [p('separator', 'String', true, 'Text placed between values (may be "").')],
    repeating: { parameters: [p('source', 'String', true, 'A value or multi-valued attribute; empty values are skipped.')], min: 1 },
    returns: 'String',
    help: 'Joins all values (every value of multi-valued sources) with the separator, skipping empty ones.',
  }),
  fn({
    name: 'Left',
    parameters: [p('String', 'String', true, 'Text to cut.'), p('NumChars', 'Number', true, 'How many characters to keep.')],
    returns: 'String',
    help: 'The first NumChars characters of the string.',
  }),
  fn({
    name: 'Mid',
    parameters: [
      p('source', 'String', true, 'Text to cut.'),
      p('start', 'Number', true, '1-based start position.'),
      p('length', 'Number', true, 'How many characters.'),
    ],
    returns: 'String',
    help: 'A substring of source starting at a 1-based position.',
  }),
  fn({
    name: 'NormalizeDiacritics',
    parameters: [p('source', 'String', true, 'Text to clean.')],
    returns: 'String',
    help: 'Replaces accented letters with unaccented ones (Zoë → Zoe, æ → ae, ß → ss).',
  }),
  fn({
    name: 'Not',
    parameters: [p('source', 'Boolean', true, 'True or False.')],
    returns: 'Boolean',
    help: 'False when source is True, otherwise True.',
  }),
  fn({ name: 'Now', parameters: [], returns: 'DateTime', help: 'The current UTC date and time.', nonDeterministic: true }),
  fn({
    name: 'NumFromDate',
    parameters: [p('value', 'String', true, 'An ISO 8601 date-time.')],
    returns: 'Number',
    help: 'The AD large-integer form (ticks since 1601) of a date, as used by accountExpires.',
  }),
  fn({
    name: 'PCase',
    parameters: [p('source', 'String', true, 'Text to convert.'), p('wordSeparators', 'String', false, 'Characters that separate words, e.g. " ,-\'".')],
    returns: 'String',
    help: 'Proper case: the first letter of each word upper case, the rest lower case.',
  }),
  fn({
    name: 'Prepend',
    parameters: [p('prefix', 'String', true, 'Text put in front.'), p('source', 'String', true, 'Value to extend.')],
    returns: 'String',
    help: 'Puts prefix in front of source (undocumented; mirrors Append).',
  }),
  fn({
    name: 'RandomString',
    parameters: [
      p('Length', 'Number', true, 'Total length (at most 256).'),
      p('MinimumNumbers', 'Number', true, 'At least this many digits.'),
      p('MinimumSpecialCharacters', 'Number', true, 'At least this many special characters.'),
      p('MinimumCapital', 'Number', true, 'At least this many upper-case letters.'),
      p('MinimumLowerCase', 'Number', true, 'At least this many lower-case letters.'),
      p('CharactersToAvoid', 'String', false, 'Characters never used.'),
    ],
    returns: 'String',
    help: 'A random string meeting the requested composition, e.g. for initial passwords.',
    nonDeterministic: true,
  }),
  fn({
    name: 'Redact',
    parameters: [p('value', 'Any', true, 'The value to send.')],
    returns: 'Any',
    help: 'The value unchanged; provisioning logs show [Redact] instead of it.',
  }),
  fn({
    name: 'RemoveDuplicates',
    parameters: [p('attribute', 'MultiValued', true, 'A multi-valued attribute.')],
    returns: 'MultiValued',
    help: 'The values with duplicates removed (first occurrences kept, case-sensitive).',
  }),
  fn({
    name: 'Replace',
    parameters: [
      p('source', 'String', true, 'Value to work on.', 'source'),
      p('oldValue', 'String', false, 'Text to find (plain, case-sensitive).', 'Find'),
      p('regexPattern', 'String', false, '.NET regular expression to find.', 'RegularExpression'),
      p('regexGroupName', 'String', false, 'Named group of the pattern to act on.', 'RegularExpressionGroupName'),
      p('replacementValue', 'String', false, 'Replacement text (may use ${group}).', 'Replacement'),
      p('replacementAttributeName', 'String', false, 'Attribute to take the value from when source is empty.', 'ReplacementPropertyName'),
      p('template', 'String', false, 'Template in which oldValue is replaced by source.', 'Template'),
    ],
    returns: 'String',
    help: 'Replaces text: plain oldValue, a .NET regex (optionally one named group), or fills a template.',
  }),
  fn({
    name: 'SelectUniqueValue',
    parameters: [],
    repeating: { parameters: [p('uniqueValueRule', 'String', true, 'A candidate value.')], min: 2 },
    returns: 'String',
    help: 'The first candidate that does not exist yet in the target directory (top level only, creation only).',
    nonDeterministic: true,
  }),
  fn({
    name: 'SingleAppRoleAssignment',
    parameters: [roleSource],
    returns: 'String',
    help: 'The user’s single app role for this app (which one is unspecified when there are several).',
  }),
  fn({
    name: 'Split',
    parameters: [p('source', 'String', true, 'Text to split.'), p('delimiter', 'String', true, 'Separator, e.g. ",".')],
    returns: 'MultiValued',
    help: 'Splits text into a multi-valued list (values are not trimmed).',
  }),
  fn({
    name: 'StripSpaces',
    parameters: [p('source', 'String', true, 'Text to clean.')],
    returns: 'String',
    help: 'Removes every space character (U+0020).',
  }),
  fn({
    name: 'Switch',
    parameters: [p('source', 'String', true, 'Value to look up.'), p('defaultValue', 'String', false, 'Result when no key matches.')],
    repeating: { parameters: [p('key', 'String', true, 'Value compared with source (case-sensitive).'), p('value', 'Any', true, 'Result for that key.')], min: 1 },
    returns: 'Any',
    help: 'The value paired with the first key equal to source, else defaultValue; null source matches "".',
  }),
  fn({
    name: 'ToLower',
    parameters: [p('source', 'String', true, 'Text to convert.'), p('culture', 'String', false, 'Culture name such as tr-TR; invariant when empty.')],
    returns: 'String',
    help: 'Lower-cases text (invariant culture unless one is given).',
  }),
  fn({
    name: 'ToUpper',
    parameters: [p('source', 'String', true, 'Text to convert.'), p('culture', 'String', false, 'Culture name such as tr-TR; invariant when empty.')],
    returns: 'String',
    help: 'Upper-cases text (invariant culture unless one is given).',
  }),
  fn({
    name: 'Word',
    parameters: [
      p('String', 'String', true, 'Text to read.'),
      p('WordNumber', 'Number', true, '1-based number of the word.'),
      p('Delimiters', 'String', true, 'Every character of this text separates words.'),
    ],
    returns: 'String',
    help: 'The n-th word of a string, words being separated by any of the delimiter characters.',
  }),
];

const byLowerName = new Map(functionDescriptions.map((d) => [d.name.toLowerCase(), d]));

/**
 * The description of a function. Decision: names resolve case-insensitively (the docs
 * themselves write `switch(`); the editor warns when the spelling is not the canonical one.
 */
export function describeFunction(name: string): FunctionDescription | undefined {
  return byLowerName.get(name.toLowerCase());
}

/** The parameter a given 0-based argument slot fills, or undefined when the slot is past the end. */
export function parameterAt(description: FunctionDescription, slot: number): ParameterDescription | undefined {
  const fixed = description.parameters;
  if (slot < fixed.length) return fixed[slot];
  const group = description.repeating?.parameters;
  if (!group) return undefined;
  return group[(slot - fixed.length) % group.length];
}

/** Key of a function's help (`fn.Join`) or of one of its parameters' help (`fn.Join.separator`). */
export type FunctionHelpKey = `fn.${string}`;

export function functionHelpKey(functionName: string, parameterName?: string): FunctionHelpKey {
  return parameterName === undefined ? `fn.${functionName}` : `fn.${functionName}.${parameterName}`;
}

/**
 * Every help sentence of the catalog with its key: the extension localizes them (the English text is
 * the l10n key) and sends them to the editor, which shows them in signature help.
 */
export function functionHelpEntries(): { readonly key: FunctionHelpKey; readonly text: string }[] {
  return functionDescriptions.flatMap((d) => [
    { key: functionHelpKey(d.name), text: d.help },
    ...[...d.parameters, ...(d.repeating?.parameters ?? [])].map((x) => ({ key: functionHelpKey(d.name, x.name), text: x.help })),
  ]);
}
