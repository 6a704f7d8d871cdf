/**
 * The syntax tree of an attribute-mapping expression. Nodes are plain, JSON-serialisable data with no
 * positions inside them, so two parses of differently spaced text compare deep-equal; positions live
 * in a side table (see {@link spanOf}).
 */

/** A function call such as `Join(" ", [givenName], [surname])`. */
export interface CallExpression {
  readonly kind: 'call';
  /** Canonical spelling from the function catalog (`switch(` parses to `Switch`). */
  readonly name: string;
  /**
   * One entry per parameter slot of the function's declared signature; `null` is a slot left empty
   * (`Replace([x], "a", , , "b")`), which is not the same as `""`. Trailing empty slots are dropped.
   */
  readonly args: readonly (Expression | null)[];
}

/** An attribute reference such as `[givenName]`; its value comes from the source object. */
export interface AttributeExpression {
  readonly kind: 'attribute';
  readonly name: string;
}

/** A string constant such as `"United States"` (value already unescaped). */
export interface StringExpression {
  readonly kind: 'string';
  readonly value: string;
}

/** An unquoted integer: decimal (`-10`) or VB hex (`&HF7`, stored with upper-case `&H` and digits). */
export interface NumberExpression {
  readonly kind: 'number';
  readonly text: string;
}

/** A bare enum constant such as `vbTextCompare` (canonical spelling). */
export interface EnumExpression {
  readonly kind: 'enum';
  readonly name: string;
}

/** The comparison operators that may appear in a condition (listed under IIF in the docs). */
export type ComparisonOperator = '=' | '<>' | '>' | '>=' | '<' | '<=';

/** A single infix comparison such as `[country]="USA"`; there is no AND/OR in this language. */
export interface ComparisonExpression {
  readonly kind: 'comparison';
  readonly operator: ComparisonOperator;
  readonly left: Expression;
  readonly right: Expression;
}

/** Any node of the syntax tree. */
export type Expression =
  | CallExpression
  | AttributeExpression
  | StringExpression
  | NumberExpression
  | EnumExpression
  | ComparisonExpression;

/** Where a node was found in the text it was parsed from. */
export interface Span {
  /** 0-based offset of the node's first character. */
  readonly start: number;
  /** 0-based offset just past the node's last character. */
  readonly end: number;
}

// Positions are kept out of the nodes so that trees stay comparable and serialisable; a WeakMap lets
// a tree that came from JSON (no spans) work the same, only with offset 0 in its errors.
const spans = new WeakMap<Expression, Span>();

/** Records where `node` was parsed from (used by the parser only). */
export function setSpan(node: Expression, start: number, end: number): void {
  spans.set(node, { start, end });
}

/** Where `node` came from in the parsed text, or undefined for trees built in code or from JSON. */
export function spanOf(node: Expression): Span | undefined {
  return spans.get(node);
}
