// The tree's context values: a row kind first, then state tokens separated by spaces
// (`job status-active running heldDeletions`). package.json's menus match them with
// `viewItem =~ /^job\b.*\bheldDeletions\b/`, so a token is part of the manifest's contract:
// test/unit/tree/contextValues.test.ts checks that every token a menu matches is defined here, and
// that every token defined here is matched by a menu or listed in `unmatchedTokens` with its reason.
// Host-free on purpose (type imports only), so that test runs in plain Node.
import type { ConnectionKind } from '../auth/connectionStore';
import type { JobHealth } from './jobStatusText';

/** The first token of every row's context value: what the row is. */
export const RowKind = {
  tenant: 'tenant',
  app: 'app',
  job: 'job',
  credentials: 'credentials',
  credential: 'credential',
  credentialsMissing: 'credentialsMissing',
  mappings: 'mappings',
  mapping: 'mapping',
  assignments: 'assignments',
  assignment: 'assignment',
  assignmentsEmpty: 'assignmentsEmpty',
  activity: 'activity',
  activityEvent: 'activityEvent',
  activityEmpty: 'activityEmpty',
  testUsers: 'testUsers',
  testUser: 'testUser',
  error: 'error',
  info: 'info',
  createJob: 'createJob',
  loadMore: 'loadMore',
  fleetGroup: 'fleetGroup',
} as const;

/** A tenant row's state after its connection kind. */
export const TenantToken = { current: 'current', filtered: 'filtered', provisioningOnly: 'provisioningOnly' } as const;

/** How the tenant row's connection signs in (the token is the kind itself). */
export const ConnectionKindToken: Readonly<Record<ConnectionKind, string>> = {
  microsoft: 'microsoft',
  azureCli: 'azureCli',
  deviceCode: 'deviceCode',
  clientSecret: 'clientSecret',
  clientCertificate: 'clientCertificate',
  sandbox: 'sandbox',
};

/** Whether an app has provisioning jobs (Create Job is offered only without). */
export const AppToken = { hasJobs: 'hasJobs', noJobs: 'noJobs' } as const;

/** The job's status code from Graph; Start and Pause swap on `status-active`. */
export const JobStatusToken = {
  active: 'status-active',
  paused: 'status-paused',
  quarantine: 'status-quarantine',
  notRun: 'status-notrun',
  notConfigured: 'status-notconfigured',
  unknown: 'status-unknown',
} as const;

/** The job's health as the tree draws it (see describeJobStatus). */
export const JobHealthToken: Readonly<Record<JobHealth, string>> = {
  active: 'active',
  running: 'running',
  paused: 'paused',
  quarantine: 'quarantine',
  notRun: 'notRun',
  notConfigured: 'notConfigured',
  failed: 'failed',
  unknown: 'unknown',
};

/** A job's flags: a cycle under way; deletions held by the accidental-deletion threshold. */
export const JobToken = { running: 'running', heldDeletions: 'heldDeletions', drifted: 'drifted' } as const;

/** An assignment row's principal type (Graph's value, lower-cased) and its Default Access flag. */
export const AssignmentToken = { user: 'user', group: 'group', servicePrincipal: 'serviceprincipal', defaultAccess: 'defaultAccess' } as const;

/** A provisioning event's status (Graph's provisioningResult; anything else is `unknown`). */
export const ActivityStatusToken = { success: 'success', warning: 'warning', failure: 'failure', skipped: 'skipped', unknown: 'unknown' } as const;

const groups: ReadonlyArray<Readonly<Record<string, string>>> = [
  RowKind, TenantToken, ConnectionKindToken, AppToken, JobStatusToken, JobHealthToken, JobToken, AssignmentToken, ActivityStatusToken,
];

/** Every token a context value can hold. */
export function definedTokens(): ReadonlySet<string> {
  return new Set(groups.flatMap((group) => Object.values(group)));
}

const stateOnly = 'state for tests and readers; no menu depends on it';
const clickOnly = 'the row runs its command on click and offers no menu';
const noMenu = 'nothing to offer on this row';

/** Tokens no menu matches, each with why (a menu that starts matching one must drop it from here). */
export const unmatchedTokens: Readonly<Record<string, string>> = {
  [RowKind.credential]: 'a credential key: the menu is on its folder (credentials)',
  [RowKind.credentialsMissing]: clickOnly,
  [RowKind.assignment]: noMenu,
  [RowKind.assignmentsEmpty]: clickOnly,
  [RowKind.activityEmpty]: noMenu,
  [RowKind.error]: clickOnly,
  [RowKind.loadMore]: clickOnly,
  [RowKind.info]: noMenu,
  [RowKind.createJob]: clickOnly,
  [RowKind.fleetGroup]: 'a heading of the fleet view: the job rows below it carry the menus',

  ...Object.fromEntries([
    ...Object.values(TenantToken),
    // `sandbox` also marks app and job rows: the admin center is not offered there.
    ...Object.values(ConnectionKindToken).filter((token) => token !== ConnectionKindToken.sandbox),
    // Start and Pause swap on `status-active`; a job that needs credentials offers no Start.
    ...Object.values(JobStatusToken).filter((token) => token !== JobStatusToken.active && token !== JobStatusToken.notConfigured),
    ...Object.values(JobHealthToken),
    JobToken.running,
    ...Object.values(AssignmentToken),
    ...Object.values(ActivityStatusToken),
  ].map((token) => [token, stateOnly])),
};

const join = (tokens: ReadonlyArray<string | false | undefined>) => [...new Set(tokens.filter((t): t is string => !!t))].join(' ');

/** A tenant row: `tenant <kind> [current] [filtered] [provisioningOnly]`. */
export function tenantContext(kind: ConnectionKind, state: { current: boolean; filtered: boolean; provisioningOnly: boolean }): string {
  return join([RowKind.tenant, ConnectionKindToken[kind], state.current && TenantToken.current, state.filtered && TenantToken.filtered, state.provisioningOnly && TenantToken.provisioningOnly]);
}

/** An app row: `app hasJobs|noJobs [sandbox]`. */
export function appContext(hasJobs: boolean, sandbox: boolean): string {
  return join([RowKind.app, hasJobs ? AppToken.hasJobs : AppToken.noJobs, sandbox && ConnectionKindToken.sandbox]);
}

const statusByCode: Readonly<Record<string, string>> = {
  active: JobStatusToken.active,
  paused: JobStatusToken.paused,
  quarantine: JobStatusToken.quarantine,
  notrun: JobStatusToken.notRun,
  notconfigured: JobStatusToken.notConfigured,
};

/** A job row: `job status-<code> <health> [running] [heldDeletions] [sandbox]`. */
export function jobContext(state: { statusCode?: string | null; health: JobHealth; running: boolean; heldDeletions: boolean; sandbox: boolean; drifted?: boolean }): string {
  const status = statusByCode[(state.statusCode ?? '').toLowerCase()] ?? JobStatusToken.unknown;
  return join([RowKind.job, status, JobHealthToken[state.health], state.running && JobToken.running, state.heldDeletions && JobToken.heldDeletions, state.sandbox && ConnectionKindToken.sandbox, state.drifted && JobToken.drifted]);
}

const principalByType: Readonly<Record<string, string>> = { user: AssignmentToken.user, group: AssignmentToken.group, serviceprincipal: AssignmentToken.servicePrincipal };

/** An assignment row: `assignment [user|group|serviceprincipal] [defaultAccess]`. */
export function assignmentContext(principalType: string | null | undefined, defaultAccess: boolean): string {
  return join([RowKind.assignment, principalByType[(principalType ?? '').toLowerCase()], defaultAccess && AssignmentToken.defaultAccess]);
}

const activityStatuses: ReadonlySet<string> = new Set(Object.values(ActivityStatusToken));

/** A provisioning event row: `activityEvent <status>` (`status` lower-cased, as the row shows it). */
export function activityEventContext(status: string): string {
  return join([RowKind.activityEvent, activityStatuses.has(status) ? status : ActivityStatusToken.unknown]);
}
