import { CUSTOM_APP_TEMPLATE_ID } from '../apps';
import type { ApplicationTemplate } from '../types';

/** Gallery template id of the GoToMeeting-like app. */
export const GOTOMEETING_TEMPLATE_ID = '2f7a3c51-6e0b-4d8a-9c14-7b5e2d9f0a61';
/** Gallery template id of the generic SCIM test app. */
export const SCIM_APP_TEMPLATE_ID = 'c3e8b0a4-1d6f-4b2e-8a57-3f9d6c1e2b70';

function template(id: string, displayName: string, publisher: string, categories: string[], provisioning: boolean, description: string): ApplicationTemplate {
  return {
    id, displayName, description, publisher, categories,
    homePageUrl: `https://${displayName.toLowerCase().replace(/[^a-z0-9]+/g, '')}.example.com`,
    logoUrl: null,
    supportedProvisioningTypes: provisioning ? ['sync'] : [],
    supportedSingleSignOnModes: ['saml', 'password'],
  };
}

/** The sandbox's application gallery and which synchronization templates each app brings. */
export function galleryTemplates(): { templates: ApplicationTemplate[]; syncIds: Record<string, string[]> } {
  const templates = [
    template(GOTOMEETING_TEMPLATE_ID, 'GoToMeeting (sandbox)', 'Sandbox Gallery', ['collaboration', 'productivity'], true,
      'Online meetings. Provisioning signs in with an admin user name and password.'),
    template(SCIM_APP_TEMPLATE_ID, 'SCIM 2.0 Test App (sandbox)', 'Sandbox Gallery', ['developerServices'], true,
      'Generic SCIM 2.0 application. Provisioning needs a tenant URL and a secret token.'),
    template(CUSTOM_APP_TEMPLATE_ID, 'Non-gallery application', 'Microsoft Corporation', [], true,
      'Integrate any other application that you do not find in the gallery.'),
    template('7d2b9e14-3a5c-4f81-b6e0-9c4d1a8f2e33', 'Salesforce (sandbox)', 'Sandbox Gallery', ['crm', 'sales'], false, 'CRM (no provisioning in the sandbox).'),
    template('9a1f6c2d-8b4e-4d37-a0c5-2e7b3f9d1c48', 'Slack (sandbox)', 'Sandbox Gallery', ['collaboration'], false, 'Chat (no provisioning in the sandbox).'),
    template('4e8c2a7f-5d1b-4a96-b3e2-6f0a9d4c7b15', 'ServiceNow (sandbox)', 'Sandbox Gallery', ['itsm'], false, 'IT service management.'),
    template('b5d0e3a9-2c7f-4e18-9d64-1a8f5b3c0e27', 'Dropbox Business (sandbox)', 'Sandbox Gallery', ['contentManagement'], false, 'File sharing.'),
  ];
  return {
    templates,
    syncIds: { [GOTOMEETING_TEMPLATE_ID]: ['gotomeeting'], [SCIM_APP_TEMPLATE_ID]: ['scim'], [CUSTOM_APP_TEMPLATE_ID]: ['scim'] },
  };
}
