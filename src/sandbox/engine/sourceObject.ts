import type { DirectoryUser } from '../types';

/** Value types the expression engine accepts for source attributes. */
export type SourceAttributes = Record<string, string | boolean | string[]>;

/**
 * The Entra attributes of a user as provisioning expressions see them (`[mobile]`,
 * `[extensionAttribute1]`, `[IsSoftDeleted]`...). Null attributes are left out: in the expression
 * language an absent attribute is null.
 */
export function userSourceObject(user: DirectoryUser, isSoftDeleted: boolean, appRoles: string[]): SourceAttributes {
  const out: SourceAttributes = {
    objectId: user.id,
    userPrincipalName: user.userPrincipalName,
    displayName: user.displayName,
    mailNickname: user.mailNickname,
    accountEnabled: user.accountEnabled,
    IsSoftDeleted: isSoftDeleted,
    userType: 'Member',
  };
  const optional: Record<string, string | null> = {
    givenName: user.givenName, surname: user.surname, mail: user.mail, department: user.department, jobTitle: user.jobTitle,
    country: user.country, city: user.city, employeeId: user.employeeId, preferredLanguage: user.preferredLanguage, mobile: user.mobilePhone,
    ...user.onPremisesExtensionAttributes,
  };
  for (const [k, v] of Object.entries(optional)) if (v !== null && v !== undefined) out[k] = v;
  if (appRoles.length) out.appRoleAssignments = appRoles;
  return out;
}
