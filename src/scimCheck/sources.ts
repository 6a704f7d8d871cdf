// The pages each check cites. Microsoft Learn links are locale-free, so a reader lands in their own
// language; RFC links point at the section that states the rule.

/** "Tutorial: Develop and plan provisioning for a SCIM endpoint in Microsoft Entra ID". */
export const TUTORIAL = 'https://learn.microsoft.com/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups';
/** "Known issues and resolutions with SCIM 2.0 protocol compliance of the Microsoft Entra user provisioning service". */
export const KNOWN_ISSUES = 'https://learn.microsoft.com/entra/identity/app-provisioning/application-provisioning-config-problem-scim-compatibility';
/** The same page's section on the `aadOptscim062020` flag. */
export const KNOWN_ISSUES_FLAGS = `${KNOWN_ISSUES}#flags-to-alter-the-scim-behavior`;
/** "Application gallery user provisioning requirements" (SCIM API requirements, incl. 25 requests/s). */
export const GALLERY_REQUIREMENTS = 'https://learn.microsoft.com/entra/identity/enterprise-apps/app-gallery-user-provisioning-requirements';

/** A section of RFC 7643 (SCIM core schema). */
export const rfc7643 = (section: string): string => `https://www.rfc-editor.org/rfc/rfc7643#section-${section}`;
/** A section of RFC 7644 (SCIM protocol). */
export const rfc7644 = (section: string): string => `https://www.rfc-editor.org/rfc/rfc7644#section-${section}`;
