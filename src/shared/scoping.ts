/**
 * Who is in a provisioning job's scope: the one decision the sandbox's engine makes for every user
 * and the mapping editor's preview shows for its sample users. Kept in one place so the preview
 * cannot say "in scope" about a user the service skips (or the reverse).
 */
import type { CompiledRegex } from '../expressions/dotnetRegex';
import { compileDotNetRegex, MAX_REGEX_INPUT, regexTest } from '../expressions/dotnetRegex';

/** Graph's "assigned without a specific role" id; the provisioning service skips such assignments. */
export const DEFAULT_ACCESS_ROLE_ID = '00000000-0000-0000-0000-000000000000';

/** One clause of a scoping filter group: the attribute, the operator, and its values. */
export interface ScopeClause {
  readonly sourceAttribute: string;
  readonly operator: string;
  readonly values: readonly string[];
}

/** All clauses of a group must hold. */
export interface ScopeGroup {
  readonly clauses: readonly ScopeClause[];
}

/**
 * An object mapping's scoping filter: `groups` (the portal's scoping filters) and `inputFilterGroups`
 * (set through Graph only). Each list holds when it is empty or when any of its groups holds; the
 * object must pass both.
 */
export interface ScopingFilter {
  readonly groups: readonly ScopeGroup[];
  readonly inputFilterGroups: readonly ScopeGroup[];
}

/** Attribute values a filter reads, named as provisioning expressions name them. */
export type ScopeSource = Readonly<Record<string, unknown>>;

/** A filter group as Graph writes it (objectMapping.scope.groups[i]). */
interface GraphFilterGroup {
  readonly clauses?: readonly { readonly operatorName?: string; readonly sourceOperandName?: string; readonly targetOperand?: { readonly values?: readonly string[] } | null }[] | null;
}

/** The clauses of Graph's filter groups, with missing parts as empty values. */
function scopeGroupsOf(groups: readonly GraphFilterGroup[] | null | undefined): ScopeGroup[] {
  return (groups ?? []).map((g) => ({
    clauses: (g.clauses ?? []).map((c) => ({ sourceAttribute: c.sourceOperandName ?? '', operator: c.operatorName ?? '', values: c.targetOperand?.values ?? [] })),
  }));
}

/** The filter of an object mapping's `scope` as Graph returns it. */
export function scopingFilterOf(scope: { readonly groups?: readonly GraphFilterGroup[] | null; readonly inputFilterGroups?: readonly GraphFilterGroup[] | null } | null | undefined): ScopingFilter {
  return { groups: scopeGroupsOf(scope?.groups), inputFilterGroups: scopeGroupsOf(scope?.inputFilterGroups) };
}

function text(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (Array.isArray(v)) return v.length ? String(v[0]) : null;
  return String(v);
}

function regex(pattern: string): CompiledRegex | null {
  try {
    return compileDotNetRegex(pattern);
  } catch {
    return null;
  }
}

/**
 * Whether a .NET pattern (the service's regex dialect) matches, under the same bound as the
 * expression engine's: null when the pattern is unusable or cannot be run on this value in time.
 */
function regexMatches(pattern: string, value: string): boolean | null {
  const r = regex(pattern);
  if (r === null || value.length > MAX_REGEX_INPUT) return null;
  try {
    return regexTest(r, value);
  } catch {
    return null;
  }
}

/** One clause for one object. Unknown operators are false: nobody comes into scope by accident. */
export function clauseHolds(clause: ScopeClause, source: ScopeSource): boolean {
  const value = text(source[clause.sourceAttribute]);
  const operand = clause.values[0] ?? '';
  const op = clause.operator.toUpperCase().replace(/_/g, ' ');
  switch (op) {
    case 'IS NULL': return value === null || value === '';
    case 'IS NOT NULL': return value !== null && value !== '';
    case 'IS TRUE': return value?.toLowerCase() === 'true';
    case 'IS FALSE': return value?.toLowerCase() === 'false';
  }
  // A clause on an empty attribute is false for every other operator.
  if (value === null || value === '') return false;
  switch (op) {
    case 'EQUALS': return clause.values.includes(value);
    case 'NOT EQUALS': return !clause.values.includes(value);
    // A regex that cannot be used or run in time is false either way, like any clause that cannot be decided.
    case 'REGEX MATCH': return regexMatches(operand, value) ?? false;
    case 'NOT REGEX MATCH': { const hit = regexMatches(operand, value); return hit === null ? false : !hit; }
    case 'INCLUDES': return value.includes(operand);
    case 'ENDS WITH': return value.endsWith(operand);
    case 'GREATER THAN': case 'GREATER THAN OR EQUALS': case 'LESS THAN': case 'LESS THAN OR EQUALS': {
      if (!/^-?\d+$/.test(value) || !/^-?\d+$/.test(operand)) return false;
      const a = Number(value);
      const b = Number(operand);
      if (op === 'GREATER THAN') return a > b;
      if (op === 'GREATER THAN OR EQUALS') return a >= b;
      if (op === 'LESS THAN') return a < b;
      return a <= b;
    }
    default: return false;
  }
}

/** Whether an object passes the filter: every clause of at least one group holds, in both lists that have groups. */
export function passesScopingFilter(filter: ScopingFilter, source: ScopeSource): boolean {
  const holds = (list: readonly ScopeGroup[]) => list.length === 0 || list.some((g) => g.clauses.every((c) => clauseHolds(c, source)));
  return holds(filter.groups) && holds(filter.inputFilterGroups);
}

/** An app role assignment as far as scope is concerned. */
export interface ScopeAssignment {
  readonly principalId: string;
  readonly appRoleId: string;
}

/**
 * The users an app's assignments entitle: assigned users, and the members of assigned groups
 * (`usersOf` answers both: a user id gives itself, a group id its members). Default Access
 * assignments do not count.
 */
export function assignedUserIds(assignments: Iterable<ScopeAssignment>, usersOf: (principalId: string) => Iterable<string>): Set<string> {
  const ids = new Set<string>();
  for (const a of assignments) {
    if (a.appRoleId === DEFAULT_ACCESS_ROLE_ID) continue;
    for (const id of usersOf(a.principalId)) ids.add(id);
  }
  return ids;
}

/** Why an object is out of scope. */
export type OutOfScopeReason = 'deleted' | 'notAssigned' | 'filteredOut';

export type ScopeVerdict = { readonly inScope: true } | { readonly inScope: false; readonly reason: OutOfScopeReason };

/** What the verdict needs to know about one object besides its attributes. */
export interface ScopeSubject {
  /** Soft-deleted (in the recycle bin). */
  readonly deleted: boolean;
  /** Assigned to the app with a real role, directly or through a group. */
  readonly assigned: boolean;
  /** The job's scope setting is "all users and groups" (the `SyncAll` secret), not "assigned only". */
  readonly syncAll: boolean;
}

/** In scope, or the first reason it is not (in the order the service reports them). */
export function scopeVerdict(subject: ScopeSubject, filter: ScopingFilter, source: ScopeSource): ScopeVerdict {
  if (subject.deleted) return { inScope: false, reason: 'deleted' };
  if (!subject.syncAll && !subject.assigned) return { inScope: false, reason: 'notAssigned' };
  if (!passesScopingFilter(filter, source)) return { inScope: false, reason: 'filteredOut' };
  return { inScope: true };
}
