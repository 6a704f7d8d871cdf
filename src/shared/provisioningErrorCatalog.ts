/**
 * What a provisioning error code means, why it happens and how to fix it, for the codes Microsoft
 * documents for the provisioning service (and the few the sandbox's engine reports that Microsoft
 * does not name). Host-free (no vscode, no Node-only APIs): the extension and the webview bundles
 * both import it. The texts are ours, written from the Microsoft Learn page each entry links to.
 */
import { swedishTexts } from './provisioningErrorCatalogSv';
import type { ErrorTexts } from './provisioningErrorTexts';

export type { ErrorTexts } from './provisioningErrorTexts';

/** The explanation of one error code; the shape of `entraProvisioning.explainError`'s result. */
export interface ErrorExplanation {
  /** The catalogue's spelling of the code that matched (the trimmed input when unknown). */
  readonly code: string;
  /** A short name of the problem. */
  readonly title: string;
  /** What the code means and its likely cause. */
  readonly explanation: string;
  /** What to do about it. */
  readonly fix: string;
  /** https URL of the Microsoft Learn page that documents the code (the provisioning-logs error page for unknown codes). */
  readonly docs: string;
  /** false when the code is not in the catalogue; the texts then say so and what to do. */
  readonly known: boolean;
}

/** One catalogue entry. */
export interface CatalogueEntry {
  /** The code as the logs spell it. */
  readonly code: string;
  /** Other spellings the service uses for the same problem (the docs list some codes in groups). */
  readonly aliases?: readonly string[];
  readonly docs: string;
  /**
   * true when the linked page names the code; false for codes the sandbox's engine reports that
   * Microsoft does not list: the page then covers the problem the code stands for.
   */
  readonly namedInDocs: boolean;
  readonly en: ErrorTexts;
}

const learn = 'https://learn.microsoft.com/entra/identity';
const logsErrorCodes = `${learn}/monitoring-health/howto-analyze-provisioning-logs#error-codes`;
const crossTenantErrorCodes = `${learn}/monitoring-health/howto-analyze-provisioning-logs#error-codes-for-cross-tenant-synchronization`;
const quarantine = `${learn}/app-provisioning/application-provisioning-quarantine-status`;
const accidentalDeletions = `${learn}/app-provisioning/accidental-deletions`;
const ecmaTroubleshoot = `${learn}/app-provisioning/on-premises-ecma-troubleshoot`;
const cloudSyncErrorCodes = `${learn}/hybrid/cloud-sync/reference-error-codes`;
const insufficientAccessRights = `${learn}/app-provisioning/insufficient-access-rights-error-troubleshooting`;
const hrUserUpdate = `${learn}/app-provisioning/hr-user-update-issues`;
const workdayErrors = `${learn}/saas-apps/workday-inbound-tutorial#resolving-commonly-encountered-errors`;
const crossTenantConfigure = `${learn}/multi-tenant-organizations/cross-tenant-synchronization-configure`;
const provisionOnDemand = `${learn}/app-provisioning/provision-on-demand`;
const configProblem = `${learn}/app-provisioning/application-provisioning-config-problem`;
const expressionFunctions = `${learn}/app-provisioning/functions-for-customizing-application-data`;
const attributeMappings = `${learn}/app-provisioning/customize-application-attributes`;
const graphProvisionOnDemand = 'https://learn.microsoft.com/graph/api/synchronization-synchronizationjob-provisionondemand';
const graphQuarantine = 'https://learn.microsoft.com/graph/api/resources/synchronization-synchronizationquarantine';

/** Where an unknown code sends the reader: Microsoft's table of provisioning-log error codes. */
export const GENERAL_TROUBLESHOOTING_URL = logsErrorCodes;

const retryNote = 'The service retries the entry by itself in a later cycle (about 40 minutes later).';

/** The catalogue, in the order of the pages it comes from. */
export const catalogueEntries: readonly CatalogueEntry[] = [
  // Microsoft's table of provisioning-log error codes.
  {
    code: 'Conflict', aliases: ['EntryConflict'], docs: logsErrorCodes, namedInDocs: true,
    en: {
      title: 'Conflicting object in the target',
      explanation: 'The target application already has an object whose unique values (user name, email, ...) clash with the one being provisioned, and the service did not match the two.',
      fix: 'Correct the clashing values in Microsoft Entra ID or in the application. If the existing account should have been taken over, change the matching attributes so that it is matched.',
    },
  },
  {
    code: 'TooManyRequests', docs: logsErrorCodes, namedInDocs: true,
    en: {
      title: 'Target application is throttling',
      explanation: 'The target application refused the request because it is receiving more requests than it accepts (HTTP 429).',
      fix: `Nothing to do unless it persists. ${retryNote}`,
    },
  },
  {
    code: 'InternalServerError', docs: logsErrorCodes, namedInDocs: true,
    en: {
      title: 'Target application failed',
      explanation: 'The target application answered with an unexpected server error (HTTP 500); a problem on its side is the likely cause.',
      fix: `${retryNote} If it keeps failing, ask the application's vendor or owner to check their service.`,
    },
  },
  {
    code: 'InsufficientRights', aliases: ['MethodNotAllowed', 'NotPermitted', 'Unauthorized'], docs: logsErrorCodes, namedInDocs: true,
    en: {
      title: 'Not allowed by the target application',
      explanation: 'The service signed in to the target application, but the account or token it uses is not allowed to make this change.',
      fix: "Give the provisioning account or token the rights the application's setup instructions ask for (see the app's tutorial), then retry or restart provisioning.",
    },
  },
  {
    code: 'UnprocessableEntity', docs: logsErrorCodes, namedInDocs: true,
    en: {
      title: 'Target application rejected the request',
      explanation: 'The target application returned an unexpected response (HTTP 422): its configuration may be wrong, or it has a service problem.',
      fix: "Check the application's provisioning configuration and the values sent (see the event's modified properties); contact the application's vendor if the request looks right.",
    },
  },
  {
    code: 'WebExceptionProtocolError', docs: logsErrorCodes, namedInDocs: true,
    en: {
      title: 'HTTP protocol error',
      explanation: 'An HTTP protocol error happened while connecting to the target application.',
      fix: `Nothing to do unless it persists. ${retryNote}`,
    },
  },
  {
    code: 'InvalidAnchor', docs: logsErrorCodes, namedInDocs: true,
    en: {
      title: 'Previously linked object no longer exists',
      explanation: 'An object the service created or matched earlier is gone from the target, so the link it remembers points nowhere.',
      fix: 'Make sure the object exists in the target. To match every object again, restart the job (this runs a full initial cycle and clears the service\'s cache, which can take a while).',
    },
  },
  {
    code: 'NotImplemented', docs: logsErrorCodes, namedInDocs: true,
    en: {
      title: 'Operation not supported by the target',
      explanation: 'The target application returned an unexpected response (HTTP 501): it does not implement what was asked, or it is misconfigured.',
      fix: "Follow the application's provisioning tutorial; if the app should support the operation, contact its vendor.",
    },
  },
  {
    code: 'MandatoryFieldsMissing', aliases: ['MissingValues'], docs: logsErrorCodes, namedInDocs: true,
    en: {
      title: 'Required values are missing',
      explanation: 'The object could not be created because values the target requires were empty.',
      fix: 'Fill in the missing attributes on the source object, or change the attribute mappings so that every required target attribute gets a value.',
    },
  },
  {
    code: 'SchemaAttributeNotFound', docs: logsErrorCodes, namedInDocs: true,
    en: {
      title: 'Attribute does not exist in the target',
      explanation: 'A mapping writes to an attribute the target application does not have.',
      fix: "Remove or correct the mapping's target attribute so that it names an attribute of the application's schema.",
    },
  },
  {
    code: 'InternalError', docs: logsErrorCodes, namedInDocs: true,
    en: {
      title: 'Provisioning service error',
      explanation: 'An internal error happened in the Microsoft Entra provisioning service itself.',
      fix: `Nothing to do. ${retryNote}`,
    },
  },
  {
    code: 'InvalidDomain', docs: logsErrorCodes, namedInDocs: true,
    en: {
      title: 'Domain not accepted',
      explanation: 'A value (typically an email address or user name) uses a domain the target application does not accept.',
      fix: "Change the domain on the user, or add the domain to the application's allowed domains.",
    },
  },
  {
    code: 'Timeout', docs: logsErrorCodes, namedInDocs: true,
    en: {
      title: 'Target took too long to answer',
      explanation: 'The target application (or, for cloud sync, the on-premises agent) did not answer in time.',
      fix: `Nothing to do unless it persists. ${retryNote}`,
    },
  },
  {
    code: 'LicenseLimitExceeded', docs: logsErrorCodes, namedInDocs: true,
    en: {
      title: 'No licence left in the target',
      explanation: 'The user could not be created because the target application has no free licences.',
      fix: 'Buy more licences for the application, or check assignments and mappings so that only the intended users, with the right attributes, are provisioned.',
    },
  },
  {
    code: 'DuplicateTargetEntries', docs: logsErrorCodes, namedInDocs: true,
    en: {
      title: 'Several target objects match',
      explanation: 'More than one object in the target application has the values of the matching attributes, so the service cannot tell which one belongs to the source object.',
      fix: 'Remove the duplicate object from the target, or choose matching attributes that are unique.',
    },
  },
  {
    code: 'DuplicateSourceEntries', docs: logsErrorCodes, namedInDocs: true,
    en: {
      title: 'Several source objects match',
      explanation: 'More than one source object has the same values of the matching attributes.',
      fix: 'Remove the duplicate source object, or choose matching attributes that are unique.',
    },
  },
  {
    code: 'ImportSkipped', docs: logsErrorCodes, namedInDocs: true,
    en: {
      title: 'Import skipped',
      explanation: 'The object could not be read in from the source, most often because it has no value for the matching attribute; scoping, matching and export were not evaluated, so this does not mean the object is in scope.',
      fix: 'Give the object a value for the matching attribute, or change the matching attribute in the mappings.',
    },
  },
  {
    code: 'EntrySynchronizationSkipped', docs: logsErrorCodes, namedInDocs: true,
    en: {
      title: 'Skipped: nothing to do',
      explanation: 'The service read the object but took no action: it was out of scope, or the target already had the expected values.',
      fix: 'Nothing, if that is expected. Otherwise check assignments, scoping filters and the event\'s steps to see why it was skipped.',
    },
  },
  {
    code: 'SystemForCrossDomainIdentityManagementMultipleEntriesInResponse', docs: logsErrorCodes, namedInDocs: true,
    en: {
      title: 'SCIM app returned several objects',
      explanation: 'A request for one user or group got several back. For example, a group request that asks to leave out members got the members anyway.',
      fix: "Ask the SCIM application's developer to honour filters and excluded attributes as SCIM requires, so that a lookup returns exactly one object.",
    },
  },
  {
    code: 'SystemForCrossDomainIdentityManagementServiceIncompatible', docs: logsErrorCodes, namedInDocs: true,
    en: {
      title: 'SCIM response not understood',
      explanation: "The provisioning service could not parse the SCIM application's response.",
      fix: "Ask the application's developer to make the SCIM endpoint compatible with the Microsoft Entra SCIM client (responses as described in Microsoft's SCIM implementation guide).",
    },
  },
  {
    code: 'SchemaPropertyCanOnlyAcceptValue', docs: logsErrorCodes, namedInDocs: true,
    en: {
      title: 'Multiple values for a single-valued attribute',
      explanation: 'The target attribute accepts one value, but the source attribute mapped to it has several.',
      fix: 'Map a single-valued source attribute, make the source value single-valued, or remove the attribute from the mappings.',
    },
  },
  // Microsoft's table for cross-tenant synchronization (its headings print the prefix
  // AzureActiveDirectory as "Microsoft Entra ID"; the lookup accepts both).
  {
    code: 'AzureActiveDirectoryCannotUpdateObjectsOriginatedInExternalService', docs: crossTenantErrorCodes, namedInDocs: true,
    en: {
      title: 'Attribute is owned by another service',
      explanation: 'The user in the target tenant has attributes whose source of authority is another service (Exchange Online for extensionAttribute1-15, or properties such as mail and showInAddressList), so synchronization cannot change them.',
      fix: 'Change the attribute directly where it is mastered (for example with Exchange Online PowerShell in the target tenant). For some properties the service retries the update without them by itself.',
    },
  },
  {
    code: 'AzureDirectoryB2BManagementPolicyCheckFailure', docs: `${crossTenantConfigure}#symptom---test-connection-fails-with-azuredirectoryb2bmanagementpolicycheckfailure`, namedInDocs: true,
    en: {
      title: 'Automatic redemption not allowed',
      explanation: 'Cross-tenant synchronization needs the policy that redeems invitations automatically, set in both tenants; the check found it missing (Test Connection reports it as invalid credentials).',
      fix: 'Turn on automatic redemption in the outbound cross-tenant access settings of the source tenant and in the inbound settings of the target tenant.',
    },
  },
  {
    code: 'AzureActiveDirectoryQuotaLimitExceeded', docs: crossTenantErrorCodes, namedInDocs: true,
    en: {
      title: 'Directory object quota reached',
      explanation: 'The target tenant has reached its limit on the number of directory objects.',
      fix: "Check Microsoft Entra service limits and whether the tenant's quota can be raised, or remove objects that are no longer needed.",
    },
  },
  {
    code: 'InvitationCreationFailure', docs: crossTenantErrorCodes, namedInDocs: true,
    en: {
      title: 'Invitation failed',
      explanation: 'The service tried to invite the user into the target tenant and the invitation failed.',
      fix: 'Look at the event\'s reason and details; if nothing there explains it, this usually needs Microsoft support.',
    },
  },
  {
    code: 'InvitationCreationFailureUserAccountDisabled', docs: crossTenantErrorCodes, namedInDocs: true,
    en: {
      title: 'Invited user is disabled in the target',
      explanation: 'The user already exists in the target tenant, but the account is disabled and its invitation is pending.',
      fix: 'Enable the user account in the target tenant, then provision the user again.',
    },
  },
  {
    code: 'AzureActiveDirectoryForbidden', docs: crossTenantErrorCodes, namedInDocs: true,
    en: {
      title: 'Guest invitations blocked',
      explanation: "The target tenant's external collaboration settings do not allow the invitation (for example, nobody may invite guests).",
      fix: "Relax the guest invite settings in the target tenant's external collaboration settings.",
    },
  },
  {
    code: 'InvitationCreationFailureInvalidPropertyValue', docs: crossTenantErrorCodes, namedInDocs: true,
    en: {
      title: 'Invitation has an invalid value',
      explanation: "A property of the invitation is invalid: the primary SMTP address is not valid, userType is neither Guest nor Member, or the user's email address is also a group's email address.",
      fix: "Correct the source user's mail, map userType to Guest or Member, or change one of the clashing email addresses.",
    },
  },
  {
    code: 'InvitationCreationFailureAmbiguousUser', docs: crossTenantErrorCodes, namedInDocs: true,
    en: {
      title: 'Invited user clashes with an internal user',
      explanation: 'A proxy address of the invited user is already used by an internal user of the target tenant; proxy addresses must be unique.',
      fix: 'Delete the clashing internal user in the target tenant, or take this user out of the synchronization scope.',
    },
  },
  {
    code: 'AzureActiveDirectoryCannotUpdateObjectsMasteredOnPremises', docs: crossTenantErrorCodes, namedInDocs: true,
    en: {
      title: 'Target user is mastered on-premises',
      explanation: 'The user in the target tenant was synchronized from on-premises Active Directory and converted to an external user; its source of authority is still on-premises.',
      fix: 'Cross-tenant synchronization cannot update this user; change it on-premises or take it out of scope.',
    },
  },
  {
    code: 'EntityTypeNotSupported', docs: crossTenantErrorCodes, namedInDocs: true,
    en: {
      title: 'Groups are not synchronized',
      explanation: 'Groups decide which users are in scope, but cross-tenant synchronization does not copy group objects; the event is a skip, not a failure.',
      fix: 'Nothing to do. For provisioning on demand, pick a user rather than a group.',
    },
  },
  // Quarantine reasons (synchronizationQuarantine.reason) and the deletion threshold.
  {
    code: 'EncounteredQuarantineException', docs: quarantine, namedInDocs: true,
    en: {
      title: 'Quarantined: cannot connect to the target',
      explanation: 'The job is in quarantine because the service cannot connect to the target system, most often because the admin credentials are invalid. While quarantined, cycles run less and less often (down to once a day), and after four weeks the job is disabled.',
      fix: 'Correct the admin credentials (Tenant URL and secret token or sign-in) and test the connection, then restart the job or wait for the next retry.',
    },
  },
  {
    code: 'EncounteredEscrowProportionThreshold', docs: quarantine, namedInDocs: true,
    en: {
      title: 'Quarantined: too many failures',
      explanation: 'The job is in quarantine because too large a share of its provisioning events failed (more than 40% once at least 5,000 failures are counted).',
      fix: 'Find the most frequent error codes in the provisioning logs, fix their cause, then restart the job (clearing escrows and quarantine).',
    },
  },
  {
    code: 'EncounteredBaseEscrowThreshold', docs: quarantine, namedInDocs: false,
    en: {
      title: 'Quarantined: failure threshold reached',
      explanation: "The job is in quarantine because the number of failed (escrowed) entries crossed one of the service's thresholds.",
      fix: 'Find the most frequent error codes in the provisioning logs, fix their cause, then restart the job (clearing escrows and quarantine).',
    },
  },
  {
    code: 'EncounteredTotalEscrowThreshold', docs: quarantine, namedInDocs: false,
    en: {
      title: 'Quarantined: too many failures in total',
      explanation: 'The job is in quarantine because the total number of failed (escrowed) entries crossed one of the absolute limits Microsoft describes (40,000 failed entries, or 60,000 counting failed reference updates such as managers).',
      fix: 'Find the most frequent error codes in the provisioning logs, fix their cause, then restart the job (clearing escrows and quarantine).',
    },
  },
  {
    code: 'QuarantinedOnDemand', aliases: ['QuarantineOnDemand'], docs: quarantine, namedInDocs: true,
    en: {
      title: 'Quarantined by Microsoft',
      explanation: 'Microsoft detected a problem with the application and put the job in quarantine by hand.',
      fix: "Check the provisioning logs and the job's status for the error; contact Microsoft support if nothing there explains it.",
    },
  },
  {
    code: 'TooManyDeletes', docs: accidentalDeletions, namedInDocs: false,
    en: {
      title: 'Deletion threshold exceeded',
      explanation: 'A cycle would have disabled or deleted more accounts than the accidental-deletion threshold allows, so the job went into quarantine and the deletions are held.',
      fix: "Review the held deletions in the provisioning logs. If they are intended, allow them (Allow deletes); if not, fix their cause (assignments, scoping, deleted users) before restarting the job.",
    },
  },
  {
    code: 'Unknown', docs: graphQuarantine, namedInDocs: true,
    en: {
      title: 'No specific reason given',
      explanation: 'The service reported the failure or quarantine without a more specific reason.',
      fix: "Look at the job's status error and the event's reason and details; the provisioning logs around the same time usually show the real error code.",
    },
  },
  // HR-driven and Active Directory provisioning.
  {
    code: 'SystemForCrossDomainIdentityManagementBadResponse', docs: workdayErrors, namedInDocs: true,
    en: {
      title: 'Target answered with an error',
      explanation: "The target (a SCIM application, or the on-premises agent writing to Active Directory) rejected the request with an error the service did not expect, typically HTTP 400 for a value it will not accept or HTTP 404 for a resource or endpoint it does not know. For Active Directory, a value longer than the attribute allows (company and CN take 64 characters) is a common cause.",
      fix: "Read the event's reason: it carries the target's own message and the attribute concerned. Correct the value (for example trim it with Mid()) or the mapping, or check the Tenant URL when the target answers 404.",
    },
  },
  {
    code: 'EndpointUnavailable', docs: workdayErrors, namedInDocs: true,
    en: {
      title: 'Active Directory could not be read',
      explanation: 'The service could not read the user from Active Directory because the on-premises provisioning agent hit a processing error.',
      fix: "Check the provisioning agent's Event Viewer logs on its server for errors of the read operation.",
    },
  },
  {
    code: 'HybridSynchronizationActiveDirectoryInsufficientAccessRights', docs: insufficientAccessRights, namedInDocs: true,
    en: {
      title: 'Provisioning agent lacks rights in Active Directory',
      explanation: "Active Directory refused the change (INSUFF_ACCESS_RIGHTS): the user's OU does not inherit the domain's permissions, or the user belongs to a protected group governed by AdminSDHolder, which the agent's account (provAgentgMSA$) cannot write to.",
      fix: 'Enable permission inheritance on the OU (and every parent), or take the user out of the protected group; otherwise grant the agent account the rights on AdminSDHolder after your security team agrees.',
    },
  },
  {
    code: 'HybridSynchronizationActiveDirectoryCannotFindAttribute', docs: hrUserUpdate, namedInDocs: true,
    en: {
      title: 'Attribute not in the Active Directory schema',
      explanation: 'A mapping names an attribute the Active Directory schema does not have, as the provisioning agent knows it.',
      fix: 'If the attribute was added to Active Directory recently, restart the provisioning agent (it reads the schema when it starts); otherwise correct the mapping.',
    },
  },
  // Microsoft Entra Cloud Sync.
  {
    code: 'HybridSynchronizationActiveDirectoryInternalServerError', docs: cloudSyncErrorCodes, namedInDocs: true,
    en: {
      title: 'Agent could not process the request',
      explanation: 'The on-premises agent could not turn the SCIM request it received into an Active Directory search.',
      fix: "Read the HTTP response in the event's details; contact support with the job id if it persists.",
    },
  },
  {
    code: 'HybridIdentityServiceNoAgentsAssigned', docs: cloudSyncErrorCodes, namedInDocs: true,
    en: {
      title: 'No agent assigned',
      explanation: 'No provisioning agent is assigned to the domain being synchronized; the agents were probably removed.',
      fix: 'Install and register an agent for the domain again.',
    },
  },
  {
    code: 'HybridIdentityServiceNoActiveAgents', docs: cloudSyncErrorCodes, namedInDocs: true,
    en: {
      title: 'No agent is running',
      explanation: 'No active agent answers for the domain: the agent service is stopped, or a firewall keeps it from reaching the service bus.',
      fix: 'Check that the cloud sync agent service is running on its server and that outbound connections (or the proxy) allow it to reach the service.',
    },
  },
  {
    code: 'HybridIdentityServiceInvalidResource', docs: cloudSyncErrorCodes, namedInDocs: true,
    en: {
      title: 'Cloud sync setup is broken',
      explanation: 'The service cannot tell which agent to contact for this configuration.',
      fix: 'Register the cloud sync agent again on your domain and redo the configuration in the portal.',
    },
  },
  {
    code: 'HybridIdentityServiceAgentSignalingError', docs: cloudSyncErrorCodes, namedInDocs: true,
    en: {
      title: 'Agent could not be signalled',
      explanation: 'The service bus could not deliver a message to the agent: an outage, or the agent is not responding.',
      fix: 'Check the agent; if it persists, contact support with the job id from the configuration status.',
    },
  },
  {
    code: 'AzureDirectoryServiceServerBusy', docs: cloudSyncErrorCodes, namedInDocs: true,
    en: {
      title: 'Microsoft Entra ID is busy',
      explanation: 'Microsoft Entra ID was too busy to process the operation; it is retried automatically.',
      fix: 'Nothing to do unless it lasts more than 24 hours; then contact support.',
    },
  },
  {
    code: 'AzureActiveDirectoryInvalidCredential', docs: cloudSyncErrorCodes, namedInDocs: true,
    en: {
      title: 'Cloud sync service account is missing',
      explanation: 'The service account cloud sync runs as (ADToAADSyncServiceAccount) does not exist in the tenant, for example because it was deleted.',
      fix: 'Repair the account with the Repair-AADCloudSyncToolsAccount PowerShell command.',
    },
  },
  {
    code: 'AzureActiveDirectoryExpiredCredentials', docs: cloudSyncErrorCodes, namedInDocs: true,
    en: {
      title: 'Cloud sync service account credentials expired',
      explanation: "The credentials of cloud sync's service account have expired (HTTP 401).",
      fix: 'Repair the service account (Repair-AADCloudSyncToolsAccount); contact support with the job id if it persists.',
    },
  },
  {
    code: 'AzureActiveDirectoryAuthenticationFailed', docs: cloudSyncErrorCodes, namedInDocs: true,
    en: {
      title: 'Authentication failed',
      explanation: 'Signing in to Microsoft Entra ID failed for an unknown reason.',
      fix: 'Retry later; if it persists, contact support with the job id from the configuration status.',
    },
  },
  // Test Connection and credentials.
  {
    code: 'SystemForCrossDomainIdentityManagementCredentialValidationUnavailable', docs: ecmaTroubleshoot, namedInDocs: true,
    en: {
      title: 'Could not validate the credentials',
      explanation: 'Test Connection (or the check at the start of a cycle) could not reach the application to validate the credentials, or got an unexpected answer: a wrong or unreachable Tenant URL, a TLS certificate that does not match the host, or an endpoint that is down.',
      fix: 'Check the Tenant URL and that the endpoint is reachable from the internet (or via the provisioning agent), with a valid certificate for its host name; then test the connection again.',
    },
  },
  {
    code: 'SystemForCrossDomainIdentityManagementCredentialValidationUnauthorized', docs: quarantine, namedInDocs: false,
    en: {
      title: 'Credentials rejected',
      explanation: 'The SCIM application refused the secret token or sign-in (HTTP 401 or 403). Left unfixed, this puts the job in quarantine.',
      fix: "Enter valid admin credentials (a current secret token from the application) in the job's credentials, test the connection, then restart the job.",
    },
  },
  {
    code: 'SystemForCrossDomainIdentityManagementServiceUnreachable', docs: quarantine, namedInDocs: false,
    en: {
      title: 'Target application unreachable',
      explanation: 'The service could not connect to the SCIM endpoint at all (connection refused, reset or timed out). Repeated, this puts the job in quarantine.',
      fix: 'Check that the Tenant URL is right and that the endpoint is up and reachable; then test the connection.',
    },
  },
  {
    code: 'CredentialsMissing', docs: configProblem, namedInDocs: false,
    en: {
      title: 'Admin credentials missing',
      explanation: 'The job has no admin credentials (Tenant URL, secret token, or user name and password) to connect to the target application.',
      fix: "Enter the credentials the application's provisioning tutorial asks for, test the connection, and save.",
    },
  },
  // Provisioning on demand and skip reasons.
  {
    code: 'NotEffectivelyEntitled', docs: provisionOnDemand, namedInDocs: true,
    en: {
      title: 'Skipped: not in scope',
      explanation: 'The object is not in scope: it is not assigned to the application (directly or through a group), it is disabled, or a scoping filter leaves it out. Provisioning on demand shows which of IsActive, assignment and IsInProvisioningScope is false.',
      fix: 'Assign the user (or a group that contains it) to the application, or set the scope to all users and groups, and check the scoping filters. If the assignment looks right, remove it and assign again.',
    },
  },
  {
    code: 'RedundantExport', docs: graphProvisionOnDemand, namedInDocs: true,
    en: {
      title: 'Skipped: target already up to date',
      explanation: 'The target already had the values the mappings produce, so nothing was sent.',
      fix: 'Nothing to do. If you expected a change, check the mapping and the source value in the event\'s steps.',
    },
  },
  // Codes the sandbox's engine reports that Microsoft does not list; each links to the page on the problem.
  {
    code: 'SystemForCrossDomainIdentityManagementServiceEntryAlreadyExists', docs: logsErrorCodes, namedInDocs: false,
    en: {
      title: 'Object already exists in the SCIM app',
      explanation: 'The SCIM application answered HTTP 409 Conflict: an object with the same unique value (such as userName) exists there and was not matched.',
      fix: 'Correct the clashing value, or change the matching attributes so that the existing object is matched and taken over.',
    },
  },
  {
    code: 'SystemForCrossDomainIdentityManagementThrottled', docs: logsErrorCodes, namedInDocs: false,
    en: {
      title: 'SCIM app is throttling',
      explanation: 'The SCIM application answered HTTP 429 Too Many Requests.',
      fix: `Nothing to do unless it persists. ${retryNote}`,
    },
  },
  {
    code: 'AmbiguousMatch', docs: logsErrorCodes, namedInDocs: false,
    en: {
      title: 'Several target objects match',
      explanation: 'The matching query found more than one object in the target, so the service cannot tell which one belongs to the source object (Microsoft logs this as DuplicateTargetEntries).',
      fix: 'Remove the duplicate object from the target, or choose matching attributes that are unique.',
    },
  },
  {
    code: 'InvalidMappingExpression', docs: expressionFunctions, namedInDocs: false,
    en: {
      title: 'Mapping expression is invalid',
      explanation: "An attribute mapping's expression cannot be parsed, so no cycle can run.",
      fix: 'Correct the expression in the mapping editor (the event says which one and where); function names and arguments are in the expression reference.',
    },
  },
  {
    code: 'ExpressionEvaluationFailed', docs: expressionFunctions, namedInDocs: false,
    en: {
      title: 'Mapping expression failed for this object',
      explanation: "An attribute mapping's expression failed while computing a value for this object (for example a function given a value it cannot use).",
      fix: "Read the event's reason for the expression and value concerned; make the expression handle such values (for example with IIF or IsPresent).",
    },
  },
  {
    code: 'NoUserMapping', docs: attributeMappings, namedInDocs: false,
    en: {
      title: 'No user mapping enabled',
      explanation: "The job's schema has no enabled mapping for users, so there is nothing to provision a user with.",
      fix: 'Enable the user object mapping (or add one) in the attribute mappings.',
    },
  },
  {
    code: 'AccidentalDeletionThreshold', docs: accidentalDeletions, namedInDocs: false,
    en: {
      title: 'Held back by the deletion threshold',
      explanation: 'This disable or delete was not carried out because the cycle exceeded the accidental-deletion threshold; the job is in quarantine.',
      fix: 'If the deletions are intended, allow them (Allow deletes); if not, fix their cause before restarting the job.',
    },
  },
];

/** Every spelling the catalogue knows (codes and aliases), lower-cased, to its entry and its spelling. */
const byKey = new Map<string, { entry: CatalogueEntry; spelling: string }>();
for (const entry of catalogueEntries) {
  for (const spelling of [entry.code, ...(entry.aliases ?? [])]) byKey.set(spelling.toLowerCase(), { entry, spelling });
}
/** Keys long enough to be recognised with a suffix glued on (short ones such as "Unknown" would match "UnknownError"). */
const prefixKeys = [...byKey.keys()].filter((k) => k.length >= 16).sort((a, b) => b.length - a.length);

/** HTTP statuses a reader may paste instead of a code, to the entry that explains them. */
const byHttpStatus: Readonly<Record<string, string>> = {
  '400': 'SystemForCrossDomainIdentityManagementBadResponse',
  '401': 'SystemForCrossDomainIdentityManagementCredentialValidationUnauthorized',
  '403': 'InsufficientRights',
  '404': 'SystemForCrossDomainIdentityManagementBadResponse',
  '405': 'MethodNotAllowed',
  '409': 'Conflict',
  '422': 'UnprocessableEntity',
  '429': 'TooManyRequests',
  '500': 'InternalServerError',
  '501': 'NotImplemented',
};

function normalise(candidate: string): string {
  // Microsoft's pages print the AzureActiveDirectory prefix as "Microsoft Entra ID".
  return candidate.toLowerCase().replace(/^microsoftentraid/, 'azureactivedirectory');
}

/**
 * Finds the catalogue entry a code (or a text carrying one) refers to: case-insensitive; the code
 * may come with text around it (`Error code: X`, `X: HTTP 409 ...`), be broken by spaces (as on
 * Microsoft's pages), or carry a suffix glued on. A bare HTTP status (`409`, `HTTP 409`) works too.
 */
export function findCatalogueEntry(text: string): { entry: CatalogueEntry; spelling: string } | undefined {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  const status = /^(?:HTTP\s*\/?\s*)?([1-5]\d\d)$/i.exec(trimmed);
  if (status) {
    const code = byHttpStatus[status[1]!];
    return code ? byKey.get(code.toLowerCase()) : undefined;
  }
  const tokens = (trimmed.match(/[A-Za-z][A-Za-z0-9]*/g) ?? []).sort((a, b) => b.length - a.length);
  const candidates = [trimmed.replace(/\s+/g, ''), ...tokens].map(normalise);
  for (const candidate of candidates) {
    const hit = byKey.get(candidate);
    if (hit) return hit;
  }
  for (const candidate of candidates) {
    const key = prefixKeys.find((k) => candidate.startsWith(k));
    if (key) return byKey.get(key);
  }
  return undefined;
}

/** The catalogue's languages; anything else gets English. */
export type CatalogueLocale = 'en' | 'sv';

/** `sv`, `sv-SE`, `sv_FI` → `sv`; everything else → `en`. */
export function catalogueLocale(locale: string | undefined): CatalogueLocale {
  return locale && /^sv(?:[-_]|$)/i.test(locale) ? 'sv' : 'en';
}

const unknownTexts: Readonly<Record<CatalogueLocale, (code: string) => ErrorTexts>> = {
  en: (code) => ({
    title: code ? `Unknown error code ${code}` : 'No error code',
    explanation: code
      ? `The code '${code}' is not in this extension's catalogue of provisioning error codes.`
      : 'No error code was given.',
    fix: "Read the event's reason and additional details, which carry the service's own message; search Microsoft Learn for the code, starting with the table of provisioning-log error codes.",
  }),
  sv: (code) => ({
    title: code ? `Okänd felkod ${code}` : 'Ingen felkod',
    explanation: code
      ? `Koden '${code}' finns inte i tilläggets katalog över felkoder för etablering.`
      : 'Ingen felkod angavs.',
    fix: 'Läs händelsens orsak och ytterligare detaljer, som innehåller tjänstens eget meddelande; sök efter koden på Microsoft Learn, med början i tabellen över felkoder i etableringsloggarna.',
  }),
};

/**
 * Explains a provisioning error code. `locale` picks the texts' language (`sv...` gives Swedish,
 * anything else English); unknown codes come back with `known: false` and texts that say so.
 */
export function explainProvisioningError(code: string, locale?: string): ErrorExplanation {
  const lang = catalogueLocale(locale);
  const input = typeof code === 'string' ? code.trim() : '';
  const hit = findCatalogueEntry(input);
  if (!hit) return { code: input, ...unknownTexts[lang](input), docs: GENERAL_TROUBLESHOOTING_URL, known: false };
  const texts = lang === 'sv' ? swedishTexts[hit.entry.code] ?? hit.entry.en : hit.entry.en;
  return { code: hit.spelling, title: texts.title, explanation: texts.explanation, fix: texts.fix, docs: hit.entry.docs, known: true };
}

/** Every code the catalogue explains (aliases included), as the logs spell them. */
export function provisioningErrorCodes(): string[] {
  return [...byKey.values()].map((v) => v.spelling);
}
