import type { AttributeDefinition, DirectoryDefinition, ObjectDefinition } from '../types';

/** Name of the source directory in every outbound schema. */
export const ENTRA_DIRECTORY_NAME = 'Azure Active Directory';

/** SCIM core/enterprise URN prefixes used in target attribute names. */
export const ENTERPRISE_URN = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

function attr(name: string, type = 'String', extra: Partial<AttributeDefinition> = {}): AttributeDefinition {
  return {
    name, type, multivalued: false, mutability: 'ReadWrite', required: false, anchor: false, caseExact: false,
    defaultValue: null, flowNullValues: false, referencedObjects: [], metadata: [], apiExpressions: [], ...extra,
  };
}

const ENTRA_USER_ATTRIBUTES = [
  'accountEnabled:Boolean', 'city', 'country', 'department', 'displayName', 'employeeId', 'givenName', 'IsSoftDeleted:Boolean',
  'jobTitle', 'mail', 'mailNickname', 'mobile', 'objectId', 'preferredLanguage', 'surname', 'userPrincipalName', 'userType',
  ...Array.from({ length: 15 }, (_, i) => `extensionAttribute${i + 1}`),
];

function entraObjects(): ObjectDefinition[] {
  const user = ENTRA_USER_ATTRIBUTES.map((spec) => {
    const [name, type] = spec.split(':');
    return attr(name, type ?? 'String', name === 'objectId' ? { anchor: true, mutability: 'ReadOnly' } : {});
  });
  user.push(attr('manager', 'Reference', { referencedObjects: [{ referencedObjectName: 'User', referencedProperty: null }] }));
  user.push(attr('appRoleAssignments', 'String', { multivalued: true }));
  const group = [
    attr('objectId', 'String', { anchor: true, mutability: 'ReadOnly' }), attr('displayName'), attr('mailNickname'),
    attr('description'), attr('IsSoftDeleted', 'Boolean'),
    attr('members', 'Reference', { multivalued: true, referencedObjects: [{ referencedObjectName: 'User', referencedProperty: null }] }),
  ];
  return [
    { name: 'User', attributes: user, metadata: [{ key: 'PropertyNameSoftDeleted', value: 'IsSoftDeleted' }], supportedApis: [] },
    { name: 'Group', attributes: group, metadata: [], supportedApis: [] },
  ];
}

/** The Entra side of a schema. */
export function entraDirectory(id: string): DirectoryDefinition {
  return {
    id, name: ENTRA_DIRECTORY_NAME, objects: entraObjects(), readOnly: true, version: '2.0',
    discoveryDateTime: null, discoverabilities: 'None', metadata: [],
  };
}

/** A SCIM 2.0 target directory (`name` is the connector name, e.g. `customappsso`). */
export function scimDirectory(id: string, name: string): DirectoryDefinition {
  const user = [
    attr('id', 'String', { anchor: true, mutability: 'ReadOnly', caseExact: true }),
    attr('userName', 'String', { required: true }), attr('active', 'Boolean'), attr('displayName'), attr('title'),
    attr('emails[type eq "work"].value'), attr('preferredLanguage'), attr('name.givenName'), attr('name.familyName'),
    attr('name.formatted'), attr('addresses[type eq "work"].locality'), attr('addresses[type eq "work"].country'),
    attr('phoneNumbers[type eq "mobile"].value'), attr('externalId'),
    attr(`${ENTERPRISE_URN}:employeeNumber`), attr(`${ENTERPRISE_URN}:department`), attr(`${ENTERPRISE_URN}:costCenter`),
    attr(`${ENTERPRISE_URN}:manager`, 'Reference', { referencedObjects: [{ referencedObjectName: 'User', referencedProperty: null }] }),
  ];
  const group = [
    attr('id', 'String', { anchor: true, mutability: 'ReadOnly', caseExact: true }), attr('displayName', 'String', { required: true }),
    attr('externalId'), attr('members', 'Reference', { multivalued: true, referencedObjects: [{ referencedObjectName: 'User', referencedProperty: null }] }),
  ];
  return {
    id, name, readOnly: false, version: null, discoveryDateTime: null, discoverabilities: 'AttributeNames, AttributeDataTypes',
    metadata: [],
    objects: [
      { name: 'User', attributes: user, metadata: [], supportedApis: [] },
      { name: 'Group', attributes: group, metadata: [], supportedApis: [] },
    ],
  };
}
