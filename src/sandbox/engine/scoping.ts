import type { SandboxStore } from '../state/store';
import type { FilterClause, ScopeFilter } from '../types';
import { DEFAULT_ACCESS_ROLE_ID } from '../types';

/** Attribute values the scoping filter sees (same object the expressions read). */
export type ScopeSource = Readonly<Record<string, unknown>>;

/**
 * Users entitled through app role assignments on one app, directly or through a group. Default
 * Access assignments (role id all zeros) do not count: Entra does not provision them.
 */
export function assignedUserIds(store: SandboxStore, spId: string): Set<string> {
  const ids = new Set<string>();
  for (const a of store.assignmentsFor(spId)) {
    if (a.appRoleId === DEFAULT_ACCESS_ROLE_ID) continue;
    for (const id of store.principalUserIds(a.principalId)) ids.add(id);
  }
  return ids;
}

/** Groups assigned to an app with a real role (Default Access does not count). */
export function assignedGroupIds(store: SandboxStore, spId: string): Set<string> {
  const ids = new Set<string>();
  for (const a of store.assignmentsFor(spId)) {
    if (a.appRoleId !== DEFAULT_ACCESS_ROLE_ID && store.groups.has(a.principalId)) ids.add(a.principalId);
  }
  return ids;
}

function text(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (Array.isArray(v)) return v.length ? String(v[0]) : null;
  return String(v);
}

function regex(pattern: string): RegExp | null {
  try {
    return new RegExp(pattern);
  } catch {
    return null;
  }
}

/** Evaluates one clause; unknown operators make the clause false (never in scope by accident). */
export function evaluateClause(clause: FilterClause, source: ScopeSource): boolean {
  const raw = source[clause.sourceOperandName];
  const value = text(raw);
  const operand = clause.targetOperand?.values?.[0] ?? '';
  const op = clause.operatorName.toUpperCase().replace(/_/g, ' ');
  switch (op) {
    case 'IS NULL': return value === null || value === '';
    case 'IS NOT NULL': return value !== null && value !== '';
    case 'IS TRUE': return value?.toLowerCase() === 'true';
    case 'IS FALSE': return value?.toLowerCase() === 'false';
  }
  // A clause on an empty attribute is false for every other operator.
  if (value === null || value === '') return false;
  switch (op) {
    case 'EQUALS': return clause.targetOperand.values.some((v) => v === value);
    case 'NOT EQUALS': return clause.targetOperand.values.every((v) => v !== value);
    case 'REGEX MATCH': return regex(operand)?.test(value) ?? false;
    case 'NOT REGEX MATCH': { const r = regex(operand); return r ? !r.test(value) : false; }
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

/** In scope when there is no filter, or every clause of at least one group holds. */
export function passesScope(scope: ScopeFilter | null | undefined, source: ScopeSource): boolean {
  const groups = scope?.groups ?? [];
  const input = scope?.inputFilterGroups ?? [];
  const all = [...groups, ...input];
  if (all.length === 0) return true;
  const ok = (list: typeof groups) => list.length === 0 || list.some((g) => (g.clauses ?? []).every((c) => evaluateClause(c, source)));
  return ok(groups) && ok(input);
}
