/** App-role functions: SingleAppRoleAssignment, AppRoleAssignmentsComplex (and Assertive), AppRoleAssignments. */
import { msg } from '../messages';
import type { Implementation, Thunk } from '../runtime';
import { ObjectList } from '../values';
import type { Value } from '../values';

interface Role {
  readonly id?: string;
  readonly value: string;
  readonly displayName: string;
}

function field(o: object, name: string): string | undefined {
  const v = (o as Record<string, unknown>)[name];
  return typeof v === 'string' ? v : undefined;
}

/**
 * Roles of an [appRoleAssignments] value. Accepted shapes: strings (Graph's test input),
 * whose value and display name are that string, and objects with value/displayName (or display) and id.
 */
function rolesOf(v: Value): Role[] {
  if (v === null) return [];
  const items: readonly (object | string)[] = v instanceof ObjectList ? v.items : Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
  const roles: Role[] = [];
  for (const item of items) {
    if (typeof item === 'string') {
      roles.push({ value: item, displayName: item });
      continue;
    }
    const value = field(item, 'value') ?? field(item, 'displayName') ?? field(item, 'display') ?? field(item, 'id') ?? field(item, 'appRoleId');
    if (value === undefined) continue;
    roles.push({ id: field(item, 'id') ?? field(item, 'appRoleId'), value, displayName: field(item, 'displayName') ?? field(item, 'display') ?? value });
  }
  return roles;
}

const single: Implementation = (site) => {
  const input = site.args[0] as Thunk;
  return (src, env) => {
    const roles = rolesOf(input(src, env));
    if (roles.length === 0) return null;
    if (roles.length > 1) {
      env.warn(site.offset, msg('singleAppRoleSeveral'));
    }
    // Decision: the role's value is what flows.
    return roles[0].value;
  };
};

/**
 * SCIM role objects. Decision: the plain function labels roles with `displayName`, the
 * assertive one with `display`, as in each one's documented payload.
 */
function complex(labelKey: 'displayName' | 'display'): Implementation {
  return (site) => {
    const input = site.args[0] as Thunk;
    return (src, env) => {
      const roles = rolesOf(input(src, env));
      if (roles.length === 0) return null;
      return new ObjectList(roles.map((r) => ({ primary: false, type: 'WindowsAzureActiveDirectoryRole', [labelKey]: r.displayName, value: r.value })));
    };
  };
}

export const roleFunctions: Readonly<Record<string, Implementation>> = {
  // Decision: AppRoleAssignments (undocumented, in the service's function schema) lists role values.
  AppRoleAssignments: (site) => {
    const input = site.args[0] as Thunk;
    return (src, env) => {
      const roles = rolesOf(input(src, env));
      return roles.length === 0 ? null : roles.map((r) => r.value);
    };
  },
  AppRoleAssignmentsComplex: complex('displayName'),
  AssertiveAppRoleAssignmentsComplex: complex('display'),
  SingleAppRoleAssignment: single,
};
