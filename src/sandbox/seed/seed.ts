import { randomBytes } from 'node:crypto';
import { instantiateTemplate } from '../apps';
import { createRandom } from '../random';
import type { Random } from '../random';
import { SandboxStore } from '../state/store';
import type { SandboxData } from '../state/store';
import { newJob } from '../sync/jobFactory';
import type { AppRoleAssignment, DirectoryGroup, DirectoryUser, ServicePrincipal } from '../types';
import { DEFAULT_ACCESS_ROLE_ID } from '../types';
import { APP_NAMES, DEPARTMENTS, GIVEN_NAMES, JOB_TITLES, LOCATIONS, SURNAMES } from './names';
import { galleryTemplates, GOTOMEETING_TEMPLATE_ID, SCIM_APP_TEMPLATE_ID } from './templates';

/** Inputs of the demo tenant generator. */
export interface SeedOptions {
  seed: number;
  users: number;
  groups: number;
  apps: number;
  /** Where the seeded job's credentials point. */
  scimUrl: string;
  gotoMeetingUrl: string;
}

/** Display name of the seeded SCIM app whose job is ready to start. */
export const SCIM_APP_NAME = 'Contoso SCIM App (sandbox)';

/** Domain of the demo tenant. */
export const TENANT_DOMAIN = 'contoso-sandbox.example';

function generateUsers(rnd: Random, count: number, created: string): DirectoryUser[] {
  const used = new Map<string, number>();
  const users: DirectoryUser[] = [];
  for (let i = 0; i < count; i++) {
    const given = rnd.pick(GIVEN_NAMES);
    const surname = rnd.pick(SURNAMES);
    const base = `${given}.${surname}`.toLowerCase();
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    const nick = n === 1 ? base : `${base}${n}`;
    const loc = rnd.pick(LOCATIONS);
    const department = rnd.pick(DEPARTMENTS);
    const ext: Record<string, string | null> = {};
    for (let k = 1; k <= 15; k++) ext[`extensionAttribute${k}`] = null;
    // A share of users carry on-premises extension attributes, so mappings can use them.
    if (rnd.next() < 0.3) {
      ext.extensionAttribute1 = `CC-${1000 + rnd.int(9000)}`;
      ext.extensionAttribute2 = rnd.pick(['Contractor', 'Employee', 'Intern']);
    }
    users.push({
      id: rnd.guid(),
      displayName: `${given} ${surname}`,
      givenName: given,
      surname,
      userPrincipalName: `${nick}@${TENANT_DOMAIN}`,
      mail: `${nick}@${TENANT_DOMAIN}`,
      mailNickname: nick,
      department,
      jobTitle: rnd.pick(JOB_TITLES),
      country: loc.country,
      city: loc.city,
      employeeId: String(100000 + i),
      preferredLanguage: loc.language,
      mobilePhone: rnd.next() < 0.5 ? `+1 555 ${String(1000 + rnd.int(9000))}` : null,
      accountEnabled: rnd.next() > 0.05,
      createdDateTime: created,
      deletedDateTime: null,
      onPremisesExtensionAttributes: ext,
    });
  }
  return users;
}

function generateGroups(rnd: Random, count: number, users: DirectoryUser[], created: string): DirectoryGroup[] {
  const groups: DirectoryGroup[] = [];
  for (let i = 0; i < count; i++) {
    const department = DEPARTMENTS[i % DEPARTMENTS.length];
    const round = Math.floor(i / DEPARTMENTS.length);
    const name = round === 0 ? department : `${department} Project ${round}`;
    // Department groups hold their department; project groups a random tenth of the tenant.
    const members = round === 0
      ? users.filter((u) => u.department === department).map((u) => u.id)
      : users.filter(() => rnd.next() < 0.1).map((u) => u.id);
    groups.push({
      id: rnd.guid(),
      displayName: name,
      description: `${name} (generated)`,
      mailNickname: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
      mailEnabled: false,
      securityEnabled: true,
      groupTypes: [],
      createdDateTime: created,
      members,
    });
  }
  return groups;
}

function assignment(rnd: Random, sp: ServicePrincipal, principal: { id: string; displayName: string }, type: AppRoleAssignment['principalType'], roleId: string, created: string): AppRoleAssignment {
  return {
    // Graph's assignment ids are opaque base64url strings of 43 characters.
    id: Buffer.from(rnd.hex(64), 'hex').toString('base64url').slice(0, 43),
    appRoleId: roleId,
    principalId: principal.id,
    principalType: type,
    principalDisplayName: principal.displayName,
    resourceId: sp.id,
    resourceDisplayName: sp.displayName,
    createdDateTime: created,
    deletedDateTime: null,
  };
}

/** Builds the "Contoso (sandbox)" tenant deterministically from the seed. */
export function seedTenant(opts: SeedOptions): SandboxStore {
  const rnd = createRandom(opts.seed);
  const created = '2026-01-05T09:00:00Z';
  const data: SandboxData = {
    version: 1,
    tenantId: rnd.guid(),
    tenantDisplayName: 'Contoso (sandbox)',
    seq: 0,
    users: [], userSeq: {}, groupSeq: {}, groups: [], applications: [], servicePrincipals: [], appRoleAssignments: [],
    applicationTemplates: [], templateSyncIds: {}, synchronization: {}, audit: [],
    scimBaseUrl: opts.scimUrl,
    gotoMeetingUrl: opts.gotoMeetingUrl,
    // Random, not from the seed: every sandbox's connector secrets differ (kept in its data folder
    // with --data), so knowing the seed does not open someone else's sandbox.
    scimToken: `sandbox-scim-${randomBytes(24).toString('hex')}`,
    gotoMeetingUser: `admin@gotomeeting-sandbox.example`,
    gotoMeetingPassword: `Sandbox-${randomBytes(12).toString('hex')}`,
  };
  // The secrets used to come from the seed; drawing the same numbers keeps every seeded id and name
  // what it was for a given seed.
  rnd.hex(24);
  rnd.hex(12);
  const gallery = galleryTemplates();
  data.applicationTemplates = gallery.templates;
  data.templateSyncIds = gallery.syncIds;
  const store = new SandboxStore(data);

  const users = generateUsers(rnd, opts.users, created);
  for (const u of users) store.users.set(u.id, u);
  const groups = generateGroups(rnd, opts.groups, users, created);
  for (const g of groups) store.groups.set(g.id, g);
  store.touchUsers(users.map((u) => u.id));
  store.touchGroups(groups.map((g) => g.id));

  const ids = { guid: () => rnd.guid() };
  const at = new Date(created);
  const scimApp = instantiateTemplate(store, store.templates.get(SCIM_APP_TEMPLATE_ID)!, SCIM_APP_NAME, ids, at).servicePrincipal;
  const gotoApp = instantiateTemplate(store, store.templates.get(GOTOMEETING_TEMPLATE_ID)!, 'GoToMeeting (sandbox)', ids, at).servicePrincipal;

  // Assignments: a department group and a few direct users with the User role, one user with
  // Default Access (which Entra does not provision), and a couple on GoToMeeting.
  const userRoleId = scimApp.appRoles[0].id;
  const assignments: AppRoleAssignment[] = [];
  if (groups.length > 0) assignments.push(assignment(rnd, scimApp, groups[0], 'Group', userRoleId, created));
  for (const u of users.slice(0, 5)) assignments.push(assignment(rnd, scimApp, u, 'User', userRoleId, created));
  if (users.length > 5) assignments.push(assignment(rnd, scimApp, users[5], 'User', DEFAULT_ACCESS_ROLE_ID, created));
  for (const u of users.slice(6, 8)) assignments.push(assignment(rnd, gotoApp, u, 'User', gotoApp.appRoles[0].id, created));
  for (const a of assignments) store.assignments.set(a.id, a);

  // The SCIM app's job is configured (credentials point at the sandbox SCIM app) and ready to start.
  const scimSync = store.sync(scimApp.id);
  scimSync.secrets = [
    { key: 'BaseAddress', value: opts.scimUrl },
    { key: 'SecretToken', value: data.scimToken },
    { key: 'SyncAll', value: 'false' },
    { key: 'SyncNotificationSettings', value: '{"Enabled":false,"DeleteThresholdEnabled":false}' },
  ];
  scimSync.jobs.push(newJob('scim', undefined, true, rnd.hex(32)));

  for (let i = 0; i < opts.apps; i++) {
    const name = `${APP_NAMES[i % APP_NAMES.length]}${i >= APP_NAMES.length ? ` ${Math.floor(i / APP_NAMES.length) + 1}` : ''}`;
    // Most extra apps have no provisioning connector; every fifth is a SCIM app without a job.
    const templateId = i % 5 === 4 ? SCIM_APP_TEMPLATE_ID : '9a1f6c2d-8b4e-4d37-a0c5-2e7b3f9d1c48';
    instantiateTemplate(store, store.templates.get(templateId)!, name, ids, at);
  }
  return store;
}
