import type { Random } from './random';
import { newGuid } from './random';
import type { SandboxStore } from './state/store';
import type { Application, ApplicationTemplate, AppRole, ServicePrincipal } from './types';

/** Non-gallery ("custom") application template id, as in Entra. */
export const CUSTOM_APP_TEMPLATE_ID = '8adf8e6e-67b2-4cf2-a259-e3dc5476c621';

/** Tag Entra puts on service principals of enterprise (integrated) apps. */
export const INTEGRATED_APP_TAG = 'WindowsAzureActiveDirectoryIntegratedApp';

/** Id source: seeded while building the demo tenant, random afterwards. */
export type IdSource = Pick<Random, 'guid'>;

/** Runtime ids (objects created through the API are not part of the seeded data). */
export const runtimeIds: IdSource = { guid: newGuid };

/** The app role every sandbox gallery app exposes for provisioning. */
export function userRole(ids: IdSource): AppRole {
  return {
    id: ids.guid(), displayName: 'User', description: 'User', value: null, allowedMemberTypes: ['User'], isEnabled: true, origin: 'Application',
  };
}

/** Result of instantiating a template. */
export interface InstantiatedApp { application: Application; servicePrincipal: ServicePrincipal }

/**
 * Creates an application and its service principal from a gallery template, like
 * `POST /applicationTemplates/{id}/instantiate`, including the synchronization templates the
 * gallery app brings.
 */
export function instantiateTemplate(store: SandboxStore, template: ApplicationTemplate, displayName: string, ids: IdSource, now = new Date()): InstantiatedApp {
  const created = now.toISOString();
  const appId = ids.guid();
  const custom = template.id === CUSTOM_APP_TEMPLATE_ID;
  const tags = [INTEGRATED_APP_TAG, custom ? 'WindowsAzureActiveDirectoryCustomSingleSignOnApplication' : 'WindowsAzureActiveDirectoryGalleryApplicationNonPrimaryV1'];
  const application: Application = {
    id: ids.guid(), appId, displayName, applicationTemplateId: template.id, createdDateTime: created, signInAudience: 'AzureADMyOrg', tags: [],
  };
  const servicePrincipal: ServicePrincipal = {
    id: ids.guid(),
    appId,
    displayName,
    appDisplayName: displayName,
    appDescription: template.description || null,
    applicationTemplateId: template.id,
    appOwnerOrganizationId: store.data.tenantId,
    appRoleAssignmentRequired: true,
    appRoles: [userRole(ids)],
    accountEnabled: true,
    tags,
    preferredSingleSignOnMode: null,
    servicePrincipalType: 'Application',
    notes: null,
    homepage: template.homePageUrl,
    loginUrl: null,
    replyUrls: [],
    servicePrincipalNames: [appId],
    signInAudience: 'AzureADMyOrg',
    createdDateTime: created,
    deletedDateTime: null,
  };
  store.applications.set(application.id, application);
  store.servicePrincipals.set(servicePrincipal.id, servicePrincipal);
  store.sync(servicePrincipal.id).templateIds = [...(store.data.templateSyncIds[template.id] ?? [])];
  store.changed();
  return { application, servicePrincipal };
}
