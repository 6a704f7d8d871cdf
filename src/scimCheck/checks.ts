import { GALLERY_REQUIREMENTS, KNOWN_ISSUES, KNOWN_ISSUES_FLAGS, TUTORIAL, rfc7643, rfc7644 } from './sources';

/** What a check is, before it runs: its id, title, the rule in one line and where the rule is written. */
export interface CheckSpec {
  id: string;
  title: string;
  requirement: string;
  docs: string;
}

function spec(id: string, title: string, requirement: string, docs: string): CheckSpec {
  return { id, title, requirement, docs };
}

/**
 * Every check, in the order a run performs them. The requirements are ours, summarising what the
 * linked page asks; where Entra's behaviour differs from the RFC, the Microsoft page is cited.
 */
export const CHECKS = {
  noToken: spec('auth.noToken', 'Refuses a request without a token', 'A request without an Authorization header is answered 401 and changes nothing.', rfc7644('2')),
  wrongToken: spec('auth.wrongToken', 'Refuses a wrong token', 'A request with a bearer token the app did not issue is answered 401.', TUTORIAL),
  createSequence: spec('users.create', 'Creates a user the way Entra does', 'Entra first asks GET /Users?filter=userName eq "…" (an empty list for a new user), then POSTs the user: the answer is 201 with the new resource and its id.', TUTORIAL),
  contentType: spec('http.contentType', 'Answers in SCIM JSON', 'Answers carry Content-Type application/scim+json (application/json is tolerated by Entra).', rfc7644('3.1')),
  filterUserName: spec('users.filterUserName', 'Filters by userName', 'GET /Users?filter=userName eq "…" returns exactly the matching user, and an empty list when none matches.', TUTORIAL),
  filterExternalId: spec('users.filterExternalId', 'Filters by externalId', 'GET /Users?filter=externalId eq "…" returns exactly the user with that externalId (a common matching attribute).', TUTORIAL),
  filterCase: spec('users.filterAttributeCase', 'Reads attribute names case-insensitively', 'Attribute names in a filter match whatever their case (USERNAME eq "…" finds the user as userName eq "…" does).', rfc7643('2.1')),
  listResponse: spec('schema.listResponse', 'Lists use the ListResponse schema', 'A list answer carries schemas [urn:ietf:params:scim:api:messages:2.0:ListResponse], totalResults, Resources, and startIndex/itemsPerPage.', rfc7644('3.4.2')),
  getById: spec('users.get', 'Returns a user by id', 'GET /Users/{id} answers 200 with the user, its id and its schemas.', rfc7644('3.4.1')),
  uniqueness: spec('users.uniqueness', 'Refuses a duplicate userName', 'POSTing a user whose userName is already taken is answered 409 (scimType uniqueness); Entra then matches the existing user.', rfc7644('3.3')),
  patchDefault: spec('users.patchDefault', 'Takes PATCH in Entra\'s default form', 'Without the aadOptscim062020 flag Entra sends capitalised ops ("Replace", "Add") with one path each, including filtered paths such as emails[type eq "work"].value: all are applied.', KNOWN_ISSUES),
  patchBooleanStrings: spec('users.patchBooleanStrings', 'Takes booleans sent as strings', 'Without the aadOptscim062020 flag Entra sends active as "True"/"False": the app reads them as booleans (or its customers must add the flag to the Tenant URL).', KNOWN_ISSUES_FLAGS),
  patchCompliant: spec('users.patchCompliant', 'Takes PATCH in the RFC form (aadOptscim062020)', 'With the aadOptscim062020 flag Entra sends lowercase ops, several attributes in one value object without a path, and real booleans: all are applied.', KNOWN_ISSUES_FLAGS),
  disable: spec('users.disable', 'Disables a user by active: false', 'Entra disables (soft-deletes) a user with PATCH replace active false; the user then reads active false.', TUTORIAL),
  enterpriseManager: spec('users.enterpriseManager', 'Keeps the enterprise extension\'s manager', 'PATCH add of urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager with another user\'s id sets the manager that GET then returns.', rfc7643('4.3')),
  missing: spec('users.missing', 'Answers 404 for a missing user', 'GET /Users/{id} for an id that does not exist is answered 404, not 200 or an empty body.', rfc7644('3.12')),
  errorSchema: spec('schema.error', 'Errors use the SCIM Error schema', 'Error answers carry schemas [urn:ietf:params:scim:api:messages:2.0:Error], status (as a string) and detail.', rfc7644('3.12')),
  paging: spec('users.paging', 'Pages with startIndex and count', 'GET /Users?startIndex=1&count=1 returns at most one resource, and startIndex=2 the next one.', rfc7644('3.4.2.4')),
  groupCreate: spec('groups.create', 'Creates a group', 'Entra asks GET /Groups?filter=displayName eq "…", then POSTs the group: the answer is 201 with the new group and its id.', TUTORIAL),
  groupAddMember: spec('groups.addMember', 'Adds members by PATCH', 'PATCH with an "Add" op on path members and a list of {value: userId} adds those users to the group.', TUTORIAL),
  groupExcludeMembers: spec('groups.excludeMembers', 'Leaves members out on request', 'GET /Groups/{id}?excludedAttributes=members answers 200 without the members attribute (Entra asks this way to avoid large answers).', TUTORIAL),
  groupRemoveMember: spec('groups.removeMember', 'Removes members by PATCH', 'PATCH removes a member in both of Entra\'s forms: op remove with path members[value eq "…"], and op "Remove" on path members with a value list.', KNOWN_ISSUES),
  groupDelete: spec('groups.delete', 'Deletes a group', 'DELETE /Groups/{id} answers 204.', rfc7644('3.6')),
  deleteUser: spec('users.delete', 'Deletes a user', 'DELETE /Users/{id} answers 204, and a later GET of that id answers 404.', rfc7644('3.6')),
  throughput: spec('performance.throughput', 'Keeps up with 25 requests per second', 'The gallery requires at least 25 requests per second per tenant; a short bounded load (100 requests, at most 10 s) measures it.', GALLERY_REQUIREMENTS),
} as const;

/** The number of checks a run reports. */
export const CHECK_COUNT = Object.keys(CHECKS).length;
