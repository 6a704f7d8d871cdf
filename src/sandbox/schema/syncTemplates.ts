import type { SynchronizationRule, SynchronizationSchema, SyncTemplate } from '../types';
import { ENTERPRISE_URN, ENTRA_DIRECTORY_NAME, entraDirectory, scimDirectory } from './directories';
import { activeSource, attributeSource, functionSource, constantSource, mapping } from './mappingSource';

/** A provisioning connector the sandbox knows how to run. */
export interface ConnectorDefinition {
  id: string;
  factoryTag: string;
  description: string;
  /** Target directory name in the schema. */
  targetDirectoryName: string;
  /** Credential fields the admin fills in (ConfigurationFields metadata). */
  configurationFields: { name: string; displayName: string; isSecret: boolean; required: boolean }[];
}

/** Generic SCIM 2.0 connector (RFC-compliant mode: JSON booleans). */
export const SCIM_CONNECTOR: ConnectorDefinition = {
  id: 'scim',
  factoryTag: 'CustomSCIM',
  description: 'Provision users to any SCIM 2.0 endpoint.',
  targetDirectoryName: 'customappsso',
  configurationFields: [
    { name: 'BaseAddress', displayName: 'Tenant URL', isSecret: false, required: true },
    { name: 'SecretToken', displayName: 'Secret Token', isSecret: true, required: true },
  ],
};

/** Gallery connector that signs in with an admin user name and password. */
export const GOTOMEETING_CONNECTOR: ConnectorDefinition = {
  id: 'gotomeeting',
  factoryTag: 'GoToMeeting',
  description: 'Provision users to GoToMeeting (sandbox) using an admin account.',
  targetDirectoryName: 'GoToMeeting',
  configurationFields: [
    { name: 'UserName', displayName: 'Admin Username', isSecret: false, required: true },
    { name: 'Password', displayName: 'Admin Password', isSecret: true, required: true },
  ],
};

/** All connectors by synchronization template id. */
export const CONNECTORS: Record<string, ConnectorDefinition> = {
  [SCIM_CONNECTOR.id]: SCIM_CONNECTOR,
  [GOTOMEETING_CONNECTOR.id]: GOTOMEETING_CONNECTOR,
};

/** Synchronization template as Graph returns it for one application. */
export function syncTemplateFor(connector: ConnectorDefinition, appId: string): SyncTemplate {
  return {
    id: connector.id,
    applicationId: appId,
    default: true,
    description: connector.description,
    discoverable: true,
    factoryTag: connector.factoryTag,
    metadata: [
      { key: 'GalleryApplicationKey', value: connector.factoryTag },
      { key: 'IsOAuthEnabled', value: 'false' },
      { key: 'IsSynchronizationAgentRequired', value: 'false' },
      { key: 'ConfigurationFields', value: JSON.stringify(connector.configurationFields) },
    ],
  };
}

// Fixed ids keep default schemas stable across restarts and equal between template and job.
const USER_RULE_ID = '6f1c2a9e-1b7d-4c1e-9a8f-2d5e7c0b4a11';
const ENTRA_DIRECTORY_ID = '5a3e1c7b-8d2f-4e6a-b1c9-0f7d3e2a6b55';

function userMappings(connector: ConnectorDefinition) {
  const common = [
    mapping('userName', attributeSource('userPrincipalName'), { matchingPriority: 1 }),
    mapping('active', activeSource()),
    mapping('displayName', attributeSource('displayName')),
    mapping('name.givenName', attributeSource('givenName')),
    mapping('name.familyName', attributeSource('surname')),
    mapping('emails[type eq "work"].value', attributeSource('mail')),
  ];
  if (connector.id !== SCIM_CONNECTOR.id) return common;
  return [
    ...common,
    mapping('title', attributeSource('jobTitle')),
    mapping('preferredLanguage', attributeSource('preferredLanguage')),
    mapping('name.formatted', functionSource('Join', [['separator', constantSource(' ')], ['source', attributeSource('givenName')], ['source', attributeSource('surname')]])),
    mapping('addresses[type eq "work"].locality', attributeSource('city')),
    mapping('addresses[type eq "work"].country', attributeSource('country')),
    mapping('phoneNumbers[type eq "mobile"].value', attributeSource('mobile')),
    mapping('externalId', attributeSource('mailNickname')),
    mapping(`${ENTERPRISE_URN}:employeeNumber`, attributeSource('employeeId')),
    mapping(`${ENTERPRISE_URN}:department`, attributeSource('department')),
  ];
}

/** The default schema a connector's template (and any new job) starts with. */
export function defaultSchema(templateId: string): SynchronizationSchema {
  const connector = CONNECTORS[templateId] ?? SCIM_CONNECTOR;
  const rule: SynchronizationRule = {
    id: USER_RULE_ID,
    name: `USER_OUTBOUND_${connector.factoryTag.toUpperCase()}`,
    editable: true,
    priority: 1,
    sourceDirectoryName: ENTRA_DIRECTORY_NAME,
    targetDirectoryName: connector.targetDirectoryName,
    metadata: [],
    objectMappings: [
      {
        enabled: true,
        flowTypes: 'Add, Update, Delete',
        name: 'Provision Azure Active Directory Users',
        sourceObjectName: 'User',
        targetObjectName: 'User',
        scope: null,
        attributeMappings: userMappings(connector),
        metadata: [],
      },
      {
        // Off by default so the demo provisions users only; enabling it provisions groups too.
        enabled: false,
        flowTypes: 'Add, Update, Delete',
        name: 'Provision Azure Active Directory Groups',
        sourceObjectName: 'Group',
        targetObjectName: 'Group',
        scope: null,
        attributeMappings: [
          mapping('displayName', attributeSource('displayName'), { matchingPriority: 1 }),
          mapping('externalId', attributeSource('objectId')),
          mapping('members', attributeSource('members')),
        ],
        metadata: [],
      },
    ],
  };
  return {
    id: templateId,
    version: 'Date:2026-01-01T00:00:00.000Z~Version:1',
    synchronizationRules: [rule],
    directories: [entraDirectory(ENTRA_DIRECTORY_ID), scimDirectory(`${connector.id}-target`, connector.targetDirectoryName)],
  };
}
