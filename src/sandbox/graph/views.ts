import { createHash } from 'node:crypto';
import { badRequest } from '../http/graphError';
import { TENANT_DOMAIN } from '../seed/seed';
import type { Application, DirectoryGroup, DirectoryUser, ServicePrincipal } from '../types';
import { ENTITY_PROPERTIES, type KnownEntityType } from './entityProperties';

// What Graph answers for a directory object: every property it knows when asked with $select, and
// only the documented default set without it. Real clients that forget a `$select` get too little
// from Graph; the sandbox answers the same so that such a read fails here first.

/** A Graph resource as the emulator shows it: its full property bag and the names Graph returns by default. */
export interface ResourceView<T> {
  /** Every property the emulator knows for the object, with Graph's empty values where it has none. */
  full(item: T): Record<string, unknown>;
  /** Properties returned without `$select`. */
  readonly defaults: readonly string[];
  /** The Graph entity type, when the emulator knows all its declared properties (entityProperties.ts). */
  readonly entityType?: KnownEntityType;
}

const declared = new Map(Object.entries(ENTITY_PROPERTIES).map(([type, names]) => [type, new Set(names.map((n) => n.toLowerCase()))]));

/**
 * Refuses a `$select` naming a property the view's entity type does not declare, as Graph does
 * (400, "Could not find a property named 'x' on type 'microsoft.graph.user'."). Only plain names are
 * judged, and without regard to case (a false 400 would break a real caller); the directory types are
 * open, so a name with `_` may be a directory or schema extension; `*`, casts and paths pass too.
 */
export function checkSelect(view: ResourceView<unknown> | undefined, select: readonly string[] | undefined): void {
  const type = view?.entityType;
  const names = type && declared.get(type);
  if (!type || !names || !select) return;
  const unknown = select.find((name) => /^[A-Za-z][A-Za-z0-9]*$/.test(name) && !names.has(name.toLowerCase()));
  if (unknown !== undefined) throw badRequest(`Could not find a property named '${unknown}' on type 'microsoft.graph.${type}'.`, 'BadRequest');
}

/**
 * The object as Graph returns it: the default set without `$select`, otherwise exactly the selected
 * properties the type has (Graph adds no `id` to a directory object's projection; `$metadata#users(displayName)`
 * answers `{displayName}` alone).
 */
export function present<T>(view: ResourceView<T>, item: T, select: readonly string[] | undefined): Record<string, unknown> {
  return project(view.full(item), select ?? view.defaults);
}

/** Picks `names` out of a full property bag, in Graph's order (the bag's), keeping OData annotations. */
export function project(full: Record<string, unknown>, names: readonly string[]): Record<string, unknown> {
  const wanted = new Set(names);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(full)) if (key.startsWith('@odata.') || wanted.has(key)) out[key] = value;
  return out;
}

/** microsoft.graph.user's default set [user resource type, "Properties"]. */
const USER_DEFAULTS = ['businessPhones', 'displayName', 'givenName', 'jobTitle', 'mail', 'mobilePhone', 'officeLocation', 'preferredLanguage', 'surname', 'userPrincipalName', 'id'];

/** Users: the stored attributes plus the ones the sandbox does not model, empty as Graph shows them. */
export const userView: ResourceView<DirectoryUser> = {
  entityType: 'user',
  defaults: USER_DEFAULTS,
  full: (u) => ({
    businessPhones: [],
    displayName: u.displayName,
    givenName: u.givenName,
    jobTitle: u.jobTitle,
    mail: u.mail,
    mobilePhone: u.mobilePhone,
    officeLocation: null,
    preferredLanguage: u.preferredLanguage,
    surname: u.surname,
    userPrincipalName: u.userPrincipalName,
    id: u.id,
    accountEnabled: u.accountEnabled,
    city: u.city,
    companyName: null,
    country: u.country,
    createdDateTime: u.createdDateTime,
    deletedDateTime: u.deletedDateTime,
    department: u.department,
    employeeId: u.employeeId,
    employeeType: null,
    mailNickname: u.mailNickname,
    onPremisesExtensionAttributes: u.onPremisesExtensionAttributes,
    otherMails: [],
    postalCode: null,
    proxyAddresses: u.mail ? [`SMTP:${u.mail}`] : [],
    state: null,
    streetAddress: null,
    usageLocation: null,
    userType: 'Member',
  }),
};

/** microsoft.graph.group's default set: the properties its resource page marks "Returned by default". */
const GROUP_DEFAULTS = [
  'id', 'deletedDateTime', 'classification', 'createdDateTime', 'description', 'displayName', 'expirationDateTime', 'groupTypes', 'isAssignableToRole',
  'mail', 'mailEnabled', 'mailNickname', 'membershipRule', 'membershipRuleProcessingState', 'onPremisesDomainName', 'onPremisesLastSyncDateTime',
  'onPremisesNetBiosName', 'onPremisesSamAccountName', 'onPremisesSecurityIdentifier', 'onPremisesSyncEnabled', 'preferredDataLocation',
  'preferredLanguage', 'proxyAddresses', 'renewedDateTime', 'resourceBehaviorOptions', 'resourceProvisioningOptions', 'securityEnabled',
  'securityIdentifier', 'theme', 'visibility', 'onPremisesProvisioningErrors', 'serviceProvisioningErrors',
];

/**
 * The Windows SID Entra gives a cloud group: S-1-12-1 followed by the object id's 16 bytes (in .NET
 * Guid byte order) read as four little-endian 32-bit numbers.
 */
export function cloudSecurityIdentifier(objectId: string): string {
  const hex = objectId.replace(/-/g, '');
  let bytes: Buffer;
  if (/^[0-9a-f]{32}$/i.test(hex)) {
    const b = Buffer.from(hex, 'hex');
    bytes = Buffer.concat([Buffer.from(b.subarray(0, 4)).reverse(), Buffer.from(b.subarray(4, 6)).reverse(), Buffer.from(b.subarray(6, 8)).reverse(), b.subarray(8)]);
  } else {
    // Seeded ids are GUIDs; anything else still gets a stable, well-formed SID.
    bytes = createHash('sha256').update(objectId).digest().subarray(0, 16);
  }
  return `S-1-12-1-${[0, 4, 8, 12].map((o) => bytes.readUInt32LE(o)).join('-')}`;
}

/** Groups: the stored attributes plus Graph's empty values for what the sandbox does not model. */
export const groupView: ResourceView<DirectoryGroup> = {
  entityType: 'group',
  defaults: GROUP_DEFAULTS,
  full: (g) => ({
    id: g.id,
    deletedDateTime: null,
    classification: null,
    createdDateTime: g.createdDateTime,
    description: g.description,
    displayName: g.displayName,
    expirationDateTime: null,
    groupTypes: g.groupTypes,
    isAssignableToRole: null,
    mail: g.mailEnabled ? `${g.mailNickname}@${TENANT_DOMAIN}` : null,
    mailEnabled: g.mailEnabled,
    mailNickname: g.mailNickname,
    membershipRule: null,
    membershipRuleProcessingState: null,
    onPremisesDomainName: null,
    onPremisesLastSyncDateTime: null,
    onPremisesNetBiosName: null,
    onPremisesSamAccountName: null,
    onPremisesSecurityIdentifier: null,
    onPremisesSyncEnabled: null,
    preferredDataLocation: null,
    preferredLanguage: null,
    proxyAddresses: g.mailEnabled ? [`SMTP:${g.mailNickname}@${TENANT_DOMAIN}`] : [],
    renewedDateTime: g.createdDateTime,
    resourceBehaviorOptions: [],
    resourceProvisioningOptions: [],
    securityEnabled: g.securityEnabled,
    securityIdentifier: cloudSecurityIdentifier(g.id),
    theme: null,
    visibility: null,
    onPremisesProvisioningErrors: [],
    serviceProvisioningErrors: [],
  }),
};

const emptyInfo = () => ({ logoUrl: null, marketingUrl: null, privacyStatementUrl: null, supportUrl: null, termsOfServiceUrl: null });
const noVerifiedPublisher = () => ({ displayName: null, verifiedPublisherId: null, addedDateTime: null });

/**
 * microsoft.graph.servicePrincipal: the properties of its resource page and get example, which Graph
 * returns by default; `customSecurityAttributes` comes only on `$select`.
 */
export const servicePrincipalView: ResourceView<ServicePrincipal> = {
  entityType: 'servicePrincipal',
  defaults: [
    'id', 'deletedDateTime', 'accountEnabled', 'addIns', 'alternativeNames', 'appDescription', 'appDisplayName', 'appId', 'applicationTemplateId',
    'appOwnerOrganizationId', 'appRoleAssignmentRequired', 'appRoles', 'description', 'disabledByMicrosoftStatus', 'displayName', 'homepage', 'info',
    'keyCredentials', 'loginUrl', 'logoutUrl', 'notes', 'notificationEmailAddresses', 'oauth2PermissionScopes', 'passwordCredentials',
    'preferredSingleSignOnMode', 'preferredTokenSigningKeyThumbprint', 'replyUrls', 'resourceSpecificApplicationPermissions', 'samlSingleSignOnSettings',
    'servicePrincipalNames', 'servicePrincipalType', 'signInAudience', 'tags', 'tokenEncryptionKeyId', 'verifiedPublisher',
  ],
  full: (sp) => ({
    id: sp.id,
    deletedDateTime: sp.deletedDateTime,
    accountEnabled: sp.accountEnabled,
    addIns: [],
    alternativeNames: [],
    appDescription: sp.appDescription,
    appDisplayName: sp.appDisplayName,
    appId: sp.appId,
    applicationTemplateId: sp.applicationTemplateId,
    appOwnerOrganizationId: sp.appOwnerOrganizationId,
    appRoleAssignmentRequired: sp.appRoleAssignmentRequired,
    appRoles: sp.appRoles,
    customSecurityAttributes: null,
    description: null,
    disabledByMicrosoftStatus: null,
    displayName: sp.displayName,
    homepage: sp.homepage,
    info: emptyInfo(),
    keyCredentials: [],
    loginUrl: sp.loginUrl,
    logoutUrl: null,
    notes: sp.notes,
    notificationEmailAddresses: [],
    oauth2PermissionScopes: [],
    passwordCredentials: [],
    preferredSingleSignOnMode: sp.preferredSingleSignOnMode,
    preferredTokenSigningKeyThumbprint: null,
    replyUrls: sp.replyUrls,
    resourceSpecificApplicationPermissions: [],
    samlSingleSignOnSettings: null,
    servicePrincipalNames: sp.servicePrincipalNames,
    servicePrincipalType: sp.servicePrincipalType,
    signInAudience: sp.signInAudience,
    tags: sp.tags,
    tokenEncryptionKeyId: null,
    verifiedPublisher: noVerifiedPublisher(),
  }),
};

/** microsoft.graph.application: its resource page's properties; `logo` (a stream) is never in a JSON body. */
export const applicationView: ResourceView<Application> = {
  entityType: 'application',
  defaults: [
    'id', 'deletedDateTime', 'addIns', 'api', 'appId', 'applicationTemplateId', 'appRoles', 'certification', 'createdDateTime', 'defaultRedirectUri',
    'description', 'disabledByMicrosoftStatus', 'displayName', 'groupMembershipClaims', 'identifierUris', 'info', 'isDeviceOnlyAuthSupported',
    'isFallbackPublicClient', 'keyCredentials', 'notes', 'oauth2RequirePostResponse', 'optionalClaims', 'parentalControlSettings', 'passwordCredentials',
    'publicClient', 'publisherDomain', 'requestSignatureVerification', 'requiredResourceAccess', 'samlMetadataUrl', 'serviceManagementReference',
    'servicePrincipalLockConfiguration', 'signInAudience', 'spa', 'tags', 'tokenEncryptionKeyId', 'verifiedPublisher', 'web',
  ],
  full: (app) => ({
    id: app.id,
    deletedDateTime: null,
    addIns: [],
    api: { acceptMappedClaims: null, knownClientApplications: [], requestedAccessTokenVersion: null, oauth2PermissionScopes: [], preAuthorizedApplications: [] },
    appId: app.appId,
    applicationTemplateId: app.applicationTemplateId,
    appRoles: [],
    certification: null,
    createdDateTime: app.createdDateTime,
    defaultRedirectUri: null,
    description: null,
    disabledByMicrosoftStatus: null,
    displayName: app.displayName,
    groupMembershipClaims: null,
    identifierUris: [],
    info: emptyInfo(),
    isDeviceOnlyAuthSupported: null,
    isFallbackPublicClient: null,
    keyCredentials: [],
    notes: null,
    oauth2RequirePostResponse: false,
    optionalClaims: null,
    parentalControlSettings: { countriesBlockedForMinors: [], legalAgeGroupRule: 'Allow' },
    passwordCredentials: [],
    publicClient: { redirectUris: [] },
    publisherDomain: TENANT_DOMAIN,
    requestSignatureVerification: null,
    requiredResourceAccess: [],
    samlMetadataUrl: null,
    serviceManagementReference: null,
    servicePrincipalLockConfiguration: null,
    signInAudience: app.signInAudience,
    spa: { redirectUris: [] },
    tags: app.tags,
    tokenEncryptionKeyId: null,
    verifiedPublisher: noVerifiedPublisher(),
    web: { homePageUrl: null, logoutUrl: null, redirectUris: [], implicitGrantSettings: { enableAccessTokenIssuance: false, enableIdTokenIssuance: false }, redirectUriSettings: [] },
  }),
};
