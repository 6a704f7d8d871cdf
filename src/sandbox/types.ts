// Shapes stored by the sandbox. They follow the Graph v1.0 resources closely so that routers can
// return them almost as they are; fields starting with nothing special are public Graph fields.

/** A name/value pair as Graph writes it (`keyValuePair`). */
export interface KeyValue { name: string; value: string }

/** Graph's `stringKeyStringValuePair` / synchronization secret pair. */
export interface KeyStringValue { key: string; value: string }

/** A directory user (subset of microsoft.graph.user the provisioning engine reads). */
export interface DirectoryUser {
  id: string;
  displayName: string;
  givenName: string | null;
  surname: string | null;
  userPrincipalName: string;
  mail: string | null;
  mailNickname: string;
  department: string | null;
  jobTitle: string | null;
  country: string | null;
  city: string | null;
  employeeId: string | null;
  preferredLanguage: string | null;
  mobilePhone: string | null;
  accountEnabled: boolean;
  createdDateTime: string;
  /** Set when the user is in the recycle bin (soft-deleted). */
  deletedDateTime: string | null;
  onPremisesExtensionAttributes: Record<string, string | null>;
}

/** A directory group with its member user ids. */
export interface DirectoryGroup {
  id: string;
  displayName: string;
  description: string | null;
  mailNickname: string;
  mailEnabled: boolean;
  securityEnabled: boolean;
  groupTypes: string[];
  createdDateTime: string;
  members: string[];
}

/** microsoft.graph.appRole. */
export interface AppRole {
  id: string;
  displayName: string;
  description: string;
  value: string | null;
  allowedMemberTypes: string[];
  isEnabled: boolean;
  origin: string;
}

/** microsoft.graph.application (only what instantiate and the emulator need). */
export interface Application {
  id: string;
  appId: string;
  displayName: string;
  applicationTemplateId: string | null;
  createdDateTime: string;
  signInAudience: string;
  tags: string[];
}

/** microsoft.graph.servicePrincipal plus the ids of its synchronization templates. */
export interface ServicePrincipal {
  id: string;
  appId: string;
  displayName: string;
  appDisplayName: string;
  appDescription: string | null;
  applicationTemplateId: string | null;
  appOwnerOrganizationId: string;
  appRoleAssignmentRequired: boolean;
  appRoles: AppRole[];
  accountEnabled: boolean;
  tags: string[];
  preferredSingleSignOnMode: string | null;
  servicePrincipalType: string;
  notes: string | null;
  homepage: string | null;
  loginUrl: string | null;
  replyUrls: string[];
  servicePrincipalNames: string[];
  signInAudience: string;
  createdDateTime: string;
  deletedDateTime: string | null;
}

/** microsoft.graph.appRoleAssignment. */
export interface AppRoleAssignment {
  id: string;
  appRoleId: string;
  principalId: string;
  principalType: 'User' | 'Group' | 'ServicePrincipal';
  principalDisplayName: string;
  resourceId: string;
  resourceDisplayName: string;
  createdDateTime: string;
  deletedDateTime: string | null;
}

/** microsoft.graph.applicationTemplate plus the sandbox's link to its provisioning connector. */
export interface ApplicationTemplate {
  id: string;
  displayName: string;
  description: string;
  homePageUrl: string | null;
  logoUrl: string | null;
  publisher: string;
  categories: string[];
  supportedProvisioningTypes: string[];
  supportedSingleSignOnModes: string[];
}

/** The ISO 8601 interval Graph shows on a job that is not scheduled (.NET TimeSpan.MaxValue). */
export const NEVER_INTERVAL = 'P10675199DT2H48M5.4775807S';

/** Timestamp Graph shows for "never" in steady-state fields. */
export const NEVER_TIME = '0001-01-01T00:00:00Z';

/** The role id meaning "assigned without a specific role". */
export { DEFAULT_ACCESS_ROLE_ID } from '../shared/scoping';

/** Graph's synchronizationError. */
export interface SynchronizationError { code: string; message: string; tenantActionable: boolean }

/** Graph's synchronizationTaskExecution. */
export interface TaskExecution {
  activityIdentifier: string;
  countEntitled: number;
  countEntitledForProvisioning: number;
  countEscrowed: number;
  countEscrowedRaw: number;
  countExported: number;
  countExports: number;
  countImported: number;
  countImportedDeltas: number;
  countImportedReferenceDeltas: number;
  error: SynchronizationError | null;
  state: 'Succeeded' | 'Failed' | 'EntryLevelErrors';
  timeBegan: string;
  timeEnded: string;
}

/** Graph's synchronizationQuarantine. */
export interface Quarantine {
  reason: string;
  currentBegan: string;
  nextAttempt: string;
  seriesBegan: string;
  seriesCount: number;
  error: SynchronizationError | null;
}

/** Graph's synchronizationStatus. */
export interface JobStatus {
  code: 'NotConfigured' | 'NotRun' | 'Active' | 'Paused' | 'Quarantine';
  countSuccessiveCompleteFailures: number;
  escrowsPruned: boolean;
  lastExecution: TaskExecution | null;
  lastSuccessfulExecution: TaskExecution | null;
  lastSuccessfulExecutionWithExports: TaskExecution | null;
  progress: { completedUnits: number; totalUnits: number; units: string; progressObservationDateTime: string }[];
  quarantine: Quarantine | null;
  steadyStateFirstAchievedTime: string;
  steadyStateLastAchievedTime: string;
  synchronizedEntryCountByType: { key: string; value: number }[];
  troubleshootingUrl: string | null;
}

/** Graph's synchronizationSchedule. */
export interface JobSchedule { expiration: string | null; interval: string; state: 'Active' | 'Disabled' | 'Paused' }

/** attributeMappingSource. */
export interface MappingSource {
  expression: string | null;
  name: string | null;
  type: 'Attribute' | 'Constant' | 'Function';
  parameters: { key: string; value: MappingSource }[];
}

/** attributeMapping. */
export interface AttributeMapping {
  targetAttributeName: string;
  source: MappingSource | null;
  defaultValue: string | null;
  flowBehavior: string;
  flowType: string;
  matchingPriority: number;
  exportMissingReferences: boolean;
}

/** filterClause / filterGroup / filter used by scoping. */
export interface FilterClause { operatorName: string; sourceOperandName: string; targetOperand: { values: string[] } }
/** A group of AND-ed clauses. */
export interface FilterGroup { name: string; clauses: FilterClause[] }
/** objectMapping.scope. */
export interface ScopeFilter { groups: FilterGroup[]; inputFilterGroups: FilterGroup[]; categoryFilterGroups: FilterGroup[] }

/** objectMapping. */
export interface ObjectMapping {
  enabled: boolean;
  flowTypes: string;
  name: string;
  sourceObjectName: string;
  targetObjectName: string;
  scope: ScopeFilter | null;
  attributeMappings: AttributeMapping[];
  metadata: { key: string; value: string }[];
}

/** synchronizationRule. */
export interface SynchronizationRule {
  id: string;
  name: string;
  editable: boolean;
  priority: number;
  sourceDirectoryName: string;
  targetDirectoryName: string;
  objectMappings: ObjectMapping[];
  metadata: KeyStringValue[];
}

/** attributeDefinition. */
export interface AttributeDefinition {
  name: string;
  type: string;
  multivalued: boolean;
  mutability: string;
  required: boolean;
  anchor: boolean;
  caseExact: boolean;
  defaultValue: string | null;
  flowNullValues: boolean;
  referencedObjects: { referencedObjectName: string; referencedProperty: string | null }[];
  metadata: KeyStringValue[];
  apiExpressions: KeyStringValue[];
}

/** objectDefinition. */
export interface ObjectDefinition { name: string; attributes: AttributeDefinition[]; metadata: KeyStringValue[]; supportedApis: string[] }

/** directoryDefinition. */
export interface DirectoryDefinition {
  id: string;
  name: string;
  objects: ObjectDefinition[];
  readOnly: boolean;
  version: string | null;
  discoveryDateTime: string | null;
  discoverabilities: string;
  metadata: KeyStringValue[];
}

/** synchronizationSchema. */
export interface SynchronizationSchema {
  id: string;
  version: string;
  synchronizationRules: SynchronizationRule[];
  directories: DirectoryDefinition[];
}

/** What the engine remembers about one provisioned source object (the "connector data store"). */
export interface ProvisionedEntry { targetId: string; active: boolean }

/** A failed object kept for retry (an escrow). */
export interface Escrow { sourceId: string; errorCode: string; reason: string; count: number }

/** Engine state of one job; cleared by restart scopes. */
export interface JobRuntime {
  /** Change sequence number up to which source changes were processed. */
  watermark: number;
  provisioned: Record<string, ProvisionedEntry>;
  /** Provisioned groups by source group id (absent in state saved before group provisioning). */
  provisionedGroups?: Record<string, ProvisionedEntry>;
  escrows: Record<string, Escrow>;
  /** Users whose disabling the accidental-deletion threshold held back; the next cycles take them again. */
  heldDeletes?: string[];
  /** Set by a restart with ForceDeletes: the next cycle applies deletions whatever their number. */
  forceDeletes?: boolean;
  cycles: number;
  /** When the next scheduled cycle is due (epoch ms), or null when not scheduled. */
  nextRun: number | null;
}

/** A synchronization job as stored (Graph fields plus runtime). */
export interface JobRecord {
  id: string;
  templateId: string;
  schedule: JobSchedule;
  status: JobStatus;
  synchronizationJobSettings: KeyValue[];
  schema: SynchronizationSchema;
  runtime: JobRuntime;
}

/** A synchronization template as the emulator knows it. */
export interface SyncTemplate {
  id: string;
  applicationId: string;
  default: boolean;
  description: string;
  discoverable: boolean;
  factoryTag: string;
  metadata: { key: string; value: string }[];
}

/** Per service principal synchronization state. */
export interface SynchronizationState {
  templateIds: string[];
  secrets: KeyStringValue[];
  jobs: JobRecord[];
  /** Template schema overrides (PUT on the application's template schema). */
  templateSchemas: Record<string, SynchronizationSchema>;
}

/** Graph's provisioningObjectSummary. */
export interface ProvisioningObjectSummary {
  id: string;
  activityDateTime: string;
  tenantId: string;
  jobId: string;
  cycleId: string;
  changeId: string;
  durationInMilliseconds: number;
  provisioningAction: 'create' | 'update' | 'delete' | 'disable' | 'other' | 'stagedDelete';
  provisioningStatusInfo: {
    status: 'success' | 'warning' | 'failure' | 'skipped';
    errorInformation: {
      errorCode: string | null;
      reason: string | null;
      additionalDetails: string | null;
      errorCategory: string | null;
      recommendedAction: string | null;
    } | null;
  };
  provisioningSteps: {
    name: string;
    provisioningStepType: 'import' | 'scoping' | 'matching' | 'processing' | 'referenceResolution' | 'export';
    status: 'success' | 'warning' | 'failure' | 'skipped';
    description: string;
    details: Record<string, string>;
  }[];
  modifiedProperties: { displayName: string; oldValue: string | null; newValue: string | null }[];
  servicePrincipal: { id: string; displayName: string };
  sourceSystem: { id: string; displayName: string; details: Record<string, string> };
  targetSystem: { id: string; displayName: string; details: Record<string, string> };
  sourceIdentity: { id: string; displayName: string; identityType: string; details: Record<string, string> };
  targetIdentity: { id: string; displayName: string; identityType: string; details: Record<string, string> };
  initiatedBy: { id: string; displayName: string; initiatorType: 'user' | 'application' | 'system' };
}
