// The property names (structural and navigation, base types included) of the directory types the
// emulator serves with a view, as Graph's published v1.0 metadata declares them. A `$select` naming
// anything else is refused the way Graph refuses it; test/unit/sandbox/selectProperties.test.ts keeps
// this list equal to test/contract/graph-v1-provisioning.csdl.xml, so it moves when that copy does.

/** Declared property names per entity type (unqualified name, e.g. `user`). */
export const ENTITY_PROPERTIES = {
  user: [
    'id', 'deletedDateTime', 'aboutMe', 'accountEnabled', 'ageGroup', 'assignedLicenses', 'assignedPlans', 'authorizationInfo', 'birthday',
    'businessPhones', 'city', 'companyName', 'consentProvidedForMinor', 'country', 'createdDateTime', 'creationType', 'customSecurityAttributes',
    'department', 'deviceEnrollmentLimit', 'displayName', 'employeeHireDate', 'employeeId', 'employeeLeaveDateTime', 'employeeOrgData', 'employeeType',
    'externalUserState', 'externalUserStateChangeDateTime', 'faxNumber', 'givenName', 'hireDate', 'identities', 'identityParentId', 'imAddresses',
    'interests', 'isManagementRestricted', 'isResourceAccount', 'jobTitle', 'lastPasswordChangeDateTime', 'legalAgeGroupClassification',
    'licenseAssignmentStates', 'mail', 'mailboxSettings', 'mailNickname', 'mobilePhone', 'mySite', 'officeLocation', 'onPremisesDistinguishedName',
    'onPremisesDomainName', 'onPremisesExtensionAttributes', 'onPremisesImmutableId', 'onPremisesLastSyncDateTime', 'onPremisesProvisioningErrors',
    'onPremisesSamAccountName', 'onPremisesSecurityIdentifier', 'onPremisesSyncEnabled', 'onPremisesUserPrincipalName', 'otherMails',
    'passwordPolicies', 'passwordProfile', 'pastProjects', 'postalCode', 'preferredDataLocation', 'preferredLanguage', 'preferredName', 'print',
    'provisionedPlans', 'proxyAddresses', 'responsibilities', 'schools', 'securityIdentifier', 'serviceProvisioningErrors', 'showInAddressList',
    'signInActivity', 'signInSessionsValidFromDateTime', 'skills', 'state', 'streetAddress', 'surname', 'usageLocation', 'userPrincipalName',
    'userType', 'activities', 'adhocCalls', 'agreementAcceptances', 'appRoleAssignments', 'authentication', 'calendar', 'calendarGroups', 'calendars',
    'calendarView', 'chats', 'cloudClipboard', 'cloudPCs', 'contactFolders', 'contacts', 'createdObjects', 'dataSecurityAndGovernance',
    'deviceManagementTroubleshootingEvents', 'directReports', 'drive', 'drives', 'employeeExperience', 'events', 'extensions', 'followedSites',
    'inferenceClassification', 'insights', 'joinedTeams', 'licenseDetails', 'mailFolders', 'managedAppRegistrations', 'managedDevices', 'manager',
    'memberOf', 'messages', 'oauth2PermissionGrants', 'onenote', 'onlineMeetings', 'onPremisesSyncBehavior', 'outlook', 'ownedDevices', 'ownedObjects',
    'people', 'permissionGrants', 'photo', 'photos', 'planner', 'presence', 'registeredDevices', 'scopedRoleMemberOf', 'settings', 'solutions',
    'sponsorOf', 'sponsors', 'teamwork', 'todo', 'transitiveMemberOf',
  ],
  group: [
    'id', 'deletedDateTime', 'accessType', 'allowExternalSenders', 'assignedLabels', 'assignedLicenses', 'autoSubscribeNewMembers', 'classification',
    'createdDateTime', 'description', 'displayName', 'expirationDateTime', 'groupTypes', 'hasMembersWithLicenseErrors', 'hideFromAddressLists',
    'hideFromOutlookClients', 'infoCatalogs', 'isArchived', 'isAssignableToRole', 'isFavorite', 'isManagementRestricted', 'isSubscribedByMail',
    'licenseProcessingState', 'mail', 'mailEnabled', 'mailNickname', 'membershipRule', 'membershipRuleProcessingState', 'onPremisesDomainName',
    'onPremisesExtensionAttributes', 'onPremisesLastSyncDateTime', 'onPremisesNetBiosName', 'onPremisesProvisioningErrors', 'onPremisesSamAccountName',
    'onPremisesSecurityIdentifier', 'onPremisesSyncEnabled', 'organizationId', 'preferredDataLocation', 'preferredLanguage', 'proxyAddresses',
    'renewedDateTime', 'resourceBehaviorOptions', 'resourceProvisioningOptions', 'securityEnabled', 'securityIdentifier', 'serviceProvisioningErrors',
    'theme', 'uniqueName', 'unseenConversationsCount', 'unseenCount', 'unseenMessagesCount', 'visibility', 'welcomeMessageEnabled', 'acceptedSenders',
    'appRoleAssignments', 'calendar', 'calendarView', 'conversations', 'createdOnBehalfOf', 'drive', 'drives', 'events', 'extensions',
    'groupLifecyclePolicies', 'memberOf', 'members', 'membersWithLicenseErrors', 'onenote', 'onPremisesSyncBehavior', 'owners', 'permissionGrants',
    'photo', 'photos', 'planner', 'rejectedSenders', 'settings', 'sites', 'team', 'threads', 'transitiveMemberOf', 'transitiveMembers',
  ],
  servicePrincipal: [
    'id', 'deletedDateTime', 'accountEnabled', 'addIns', 'alternativeNames', 'appDescription', 'appDisplayName', 'appId', 'applicationTemplateId',
    'appOwnerOrganizationId', 'appRoleAssignmentRequired', 'appRoles', 'createdByAppId', 'customSecurityAttributes', 'description',
    'disabledByMicrosoftStatus', 'displayName', 'homepage', 'info', 'isDisabled', 'keyCredentials', 'loginUrl', 'logoutUrl', 'notes',
    'notificationEmailAddresses', 'oauth2PermissionScopes', 'passwordCredentials', 'preferredSingleSignOnMode', 'preferredTokenSigningKeyThumbprint',
    'replyUrls', 'resourceSpecificApplicationPermissions', 'samlSingleSignOnSettings', 'servicePrincipalNames', 'servicePrincipalType',
    'signInAudience', 'tags', 'tokenEncryptionKeyId', 'verifiedPublisher', 'appManagementPolicies', 'appRoleAssignedTo', 'appRoleAssignments',
    'claimsMappingPolicies', 'createdObjects', 'delegatedPermissionClassifications', 'endpoints', 'federatedIdentityCredentials',
    'homeRealmDiscoveryPolicies', 'memberOf', 'oauth2PermissionGrants', 'ownedObjects', 'owners', 'remoteDesktopSecurityConfiguration',
    'synchronization', 'tokenIssuancePolicies', 'tokenLifetimePolicies', 'transitiveMemberOf',
  ],
  application: [
    'id', 'deletedDateTime', 'addIns', 'api', 'appId', 'applicationTemplateId', 'appRoles', 'authenticationBehaviors', 'certification',
    'createdByAppId', 'createdDateTime', 'defaultRedirectUri', 'description', 'disabledByMicrosoftStatus', 'displayName', 'groupMembershipClaims',
    'identifierUris', 'info', 'isDeviceOnlyAuthSupported', 'isDisabled', 'isFallbackPublicClient', 'keyCredentials', 'logo', 'managerApplications',
    'nativeAuthenticationApisEnabled', 'notes', 'oauth2RequirePostResponse', 'optionalClaims', 'parentalControlSettings', 'passwordCredentials',
    'publicClient', 'publisherDomain', 'requestSignatureVerification', 'requiredResourceAccess', 'samlMetadataUrl', 'serviceManagementReference',
    'servicePrincipalLockConfiguration', 'signInAudience', 'spa', 'tags', 'tokenEncryptionKeyId', 'uniqueName', 'verifiedPublisher', 'web',
    'appManagementPolicies', 'createdOnBehalfOf', 'extensionProperties', 'federatedIdentityCredentials', 'homeRealmDiscoveryPolicies', 'owners',
    'synchronization', 'tokenIssuancePolicies', 'tokenLifetimePolicies',
  ],
} as const satisfies Record<string, readonly string[]>;

/** An entity type the emulator knows every declared property of. */
export type KnownEntityType = keyof typeof ENTITY_PROPERTIES;
