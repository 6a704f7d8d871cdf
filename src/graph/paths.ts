/** Graph paths, with ids encoded: ids come from Graph or from users' command arguments. */
const e = encodeURIComponent;

export const paths = {
  servicePrincipals: '/servicePrincipals',
  servicePrincipal: (spId: string) => `/servicePrincipals/${e(spId)}`,
  servicePrincipalByAppId: (appId: string) => `/servicePrincipals(appId='${e(appId.replace(/'/g, "''"))}')`,
  appRoleAssignedTo: (spId: string) => `/servicePrincipals/${e(spId)}/appRoleAssignedTo`,
  appRoleAssignment: (spId: string, assignmentId: string) => `/servicePrincipals/${e(spId)}/appRoleAssignedTo/${e(assignmentId)}`,
  applications: '/applications',
  applicationTemplates: '/applicationTemplates',
  instantiate: (templateId: string) => `/applicationTemplates/${e(templateId)}/instantiate`,
  syncTemplates: (spId: string) => `/servicePrincipals/${e(spId)}/synchronization/templates`,
  templateSchema: (spId: string, templateId: string) => `/servicePrincipals/${e(spId)}/synchronization/templates/${e(templateId)}/schema`,
  jobs: (spId: string) => `/servicePrincipals/${e(spId)}/synchronization/jobs`,
  job: (spId: string, jobId: string) => `/servicePrincipals/${e(spId)}/synchronization/jobs/${e(jobId)}`,
  secrets: (spId: string) => `/servicePrincipals/${e(spId)}/synchronization/secrets`,
  schema: (spId: string, jobId: string) => `/servicePrincipals/${e(spId)}/synchronization/jobs/${e(jobId)}/schema`,
  users: '/users',
  groups: '/groups',
  groupMembers: (groupId: string) => `/groups/${e(groupId)}/members`,
  organization: '/organization',
  provisioningLogs: '/auditLogs/provisioning',
};

/** OData string literal: single quotes doubled. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** Builds a query string from defined parameters; values are URI-encoded, `$` names kept. */
export function query(params: Record<string, string | number | boolean | undefined>): string {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}
