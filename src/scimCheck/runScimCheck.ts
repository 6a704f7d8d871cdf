import { randomBytes, randomUUID } from 'node:crypto';
import { CHECKS, CHECK_COUNT } from './checks';
import type { CheckSpec } from './checks';
import { SCIM_JSON, ScimClient } from './scimClient';
import type { Exchange } from './scimClient';
import type { ScimCheckOutcome, ScimCheckReport, ScimCheckStatus } from './types';

/** How the throughput step loads the endpoint. */
export interface ThroughputOptions {
  /** Requests to send (default 100). */
  requests?: number;
  /** Longest time the step may take, in seconds (default 10); what is not sent by then is not sent. */
  seconds?: number;
  /** Requests in flight at once (default 4). */
  concurrency?: number;
}

/** What `runScimCheck` needs. */
export interface ScimCheckOptions {
  /** The SCIM base address; it is the only address contacted. */
  baseAddress: string;
  /** The bearer token the endpoint accepts; it never appears in results or logs. */
  token: string;
  /** Whose behaviour to check against; only Entra provisioning's is known. */
  profile?: 'entra';
  /** The throughput step's bounds, or false to skip it. */
  throughput?: boolean | ThroughputOptions;
  /** Cancels the run (the resources created so far are still deleted, best effort). */
  signal?: AbortSignal;
  /** Receives one line per request, answer and outcome, never the token. */
  log?: (line: string) => void;
  /** Called after each check with how many of `total` are done. */
  onCheck?: (outcome: ScimCheckOutcome, done: number, total: number) => void;
}

const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const CORE_GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const ENTERPRISE_USER = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const LIST_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const ERROR_MESSAGE = 'urn:ietf:params:scim:api:messages:2.0:Error';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const ok = (e: Exchange) => e.status >= 200 && e.status < 300;
/** A SCIM string literal for a filter. */
const quoted = (s: string) => JSON.stringify(s);
const filterPath = (endpoint: string, filter: string) => `${endpoint}?filter=${encodeURIComponent(filter)}`;

function answered(e: Exchange): string {
  if (e.status === 0) return `no answer (${e.error ?? 'network error'})`;
  const detail = isObject(e.body) && typeof e.body.detail === 'string' ? `: ${e.body.detail.slice(0, 200)}` : '';
  return `${e.method} ${e.path.split('?')[0]} answered ${e.status}${detail}`;
}

/** The Resources of a list answer, or undefined when the body is not a list. */
function resources(e: Exchange): Json[] | undefined {
  if (!isObject(e.body)) return undefined;
  const list = e.body.Resources;
  if (list === undefined && e.body.totalResults === 0) return [];
  return Array.isArray(list) ? list.filter(isObject) : undefined;
}

function attribute(resource: unknown, name: string): unknown {
  if (!isObject(resource)) return undefined;
  const key = Object.keys(resource).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : resource[key];
}

function workEmail(user: unknown): unknown {
  const emails = attribute(user, 'emails');
  if (!Array.isArray(emails)) return undefined;
  const work = emails.find((e) => isObject(e) && String(attribute(e, 'type')).toLowerCase() === 'work');
  return attribute(work, 'value');
}

/** A boolean as an app may return it (`false`, or `"False"` echoed back). */
function booleanValue(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
  return undefined;
}

function memberIds(group: unknown): string[] {
  const members = attribute(group, 'members');
  return Array.isArray(members) ? members.map((m) => String(attribute(m, 'value'))) : [];
}

/** A check's verdict before it is recorded. */
interface Verdict {
  status: ScimCheckStatus;
  detail: string;
  exchange?: Exchange;
}

const pass = (detail: string, exchange?: Exchange): Verdict => ({ status: 'pass', detail, exchange });
const fail = (detail: string, exchange?: Exchange): Verdict => ({ status: 'fail', detail, exchange });
const warn = (detail: string, exchange?: Exchange): Verdict => ({ status: 'warn', detail, exchange });
const skip = (detail: string): Verdict => ({ status: 'skip', detail });

/**
 * Runs every check against one SCIM endpoint, as Entra provisioning would call it, and deletes what
 * it created (best effort). Only `baseAddress` is contacted. Throws only for a bad address or
 * profile, and when `signal` cancels the run.
 */
export async function runScimCheck(options: ScimCheckOptions): Promise<ScimCheckReport> {
  if (options.profile !== undefined && options.profile !== 'entra') throw new Error(`Unknown profile '${String(options.profile)}': the only profile is 'entra'.`);
  if (!options.token) throw new Error('A bearer token is needed: the checks act as Entra provisioning, which always sends one.');
  const client = new ScimClient(options.baseAddress, options.token, options.signal, options.log);
  const run = new CheckRun(client, options);
  try {
    await run.all();
  } finally {
    await run.cleanUp();
  }
  return { baseAddress: client.redact(client.baseAddress), outcomes: run.outcomes };
}

class CheckRun {
  readonly outcomes: ScimCheckOutcome[] = [];
  /** Resources to delete at the end, in reverse order of creation. */
  private readonly created: string[] = [];
  private readonly tag = randomBytes(4).toString('hex');
  private unreachable?: string;

  constructor(private readonly client: ScimClient, private readonly options: ScimCheckOptions) {}

  private name(part: string): string {
    return `scimcheck.${this.tag}.${part}@example.com`;
  }

  private record(check: CheckSpec, verdict: Verdict): void {
    const outcome: ScimCheckOutcome = {
      ...check,
      status: verdict.status,
      detail: this.client.redact(verdict.detail),
      ...(verdict.exchange ? { request: verdict.exchange.requestText, response: verdict.exchange.responseText } : {}),
    };
    this.outcomes.push(outcome);
    this.options.log?.(`${outcome.status.toUpperCase()} ${outcome.id}: ${outcome.detail}`);
    this.options.onCheck?.(outcome, this.outcomes.length, CHECK_COUNT);
  }

  /** Runs a check unless the endpoint proved unreachable; a check that throws (not cancellation) fails. */
  private async check(spec: CheckSpec, body: () => Promise<Verdict>): Promise<void> {
    this.options.signal?.throwIfAborted();
    if (this.unreachable) {
      this.record(spec, skip(`Not run: ${this.unreachable}.`));
      return;
    }
    let verdict: Verdict;
    try {
      verdict = await body();
    } catch (error) {
      if (this.options.signal?.aborted) throw error;
      verdict = fail(`The check could not complete: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.record(spec, verdict);
  }

  private track(e: Exchange, endpoint: '/Users' | '/Groups'): string | undefined {
    const id = ok(e) && isObject(e.body) && typeof e.body.id === 'string' && e.body.id ? e.body.id : undefined;
    if (id) this.created.push(`${endpoint}/${encodeURIComponent(id)}`);
    return id;
  }

  private forget(path: string): void {
    const i = this.created.indexOf(path);
    if (i >= 0) this.created.splice(i, 1);
  }

  async cleanUp(): Promise<void> {
    // Runs after a cancellation too, so without the run's signal.
    const cleaner = new ScimClient(this.client.baseAddress, this.options.token, undefined, this.options.log);
    for (const path of this.created.reverse()) {
      await cleaner.send('DELETE', path).catch(() => undefined);
    }
    this.created.length = 0;
  }

  private patch(path: string, operations: Json[]): Promise<Exchange> {
    return this.client.send('PATCH', path, { schemas: [PATCH_OP], Operations: operations });
  }

  async all(): Promise<void> {
    const c = this.client;
    const absent = this.name('absent');

    // Authentication, first: an endpoint that does not answer at all makes every other check moot.
    await this.check(CHECKS.noToken, async () => {
      const e = await c.send('GET', filterPath('/Users', `userName eq ${quoted(absent)}`), undefined, 'none');
      if (e.status === 0) {
        this.unreachable = `the endpoint did not answer (${e.error ?? 'network error'})`;
        return fail(`No answer from ${c.baseAddress}: ${e.error ?? 'network error'}.`, e);
      }
      if (e.status === 401) return pass('Answered 401 without a token.', e);
      if (e.status === 403) return warn('Answered 403 without a token; SCIM and Entra expect 401.', e);
      return fail(`Without a token, ${answered(e)}; it must be 401.`, e);
    });
    await this.check(CHECKS.wrongToken, async () => {
      const e = await c.send('GET', filterPath('/Users', `userName eq ${quoted(absent)}`), undefined, 'wrong');
      if (e.status === 401) return pass('Answered 401 for a made-up token.', e);
      if (e.status === 403) return warn('Answered 403 for a made-up token; SCIM and Entra expect 401.', e);
      return fail(`With a made-up token, ${answered(e)}: the endpoint accepts tokens it never issued.`, e);
    });

    // The create sequence, for user A; user B is the manager and second group member.
    const a = { userName: this.name('a'), externalId: `scimcheck-${this.tag}-a` };
    let aId: string | undefined;
    let createAnswer: Exchange | undefined;
    await this.check(CHECKS.createSequence, async () => {
      const query = await c.send('GET', filterPath('/Users', `userName eq ${quoted(a.userName)}`));
      if (!ok(query)) return fail(`The matching query for a new user: ${answered(query)}; Entra needs 200 with an empty list before it creates.`, query);
      const found = resources(query);
      if (!found) return fail('The matching query did not answer a list (no Resources, no totalResults 0).', query);
      if (found.length > 0) return fail(`The matching query for a userName nobody has returned ${found.length} resource(s): Entra would take that for the user and never create it.`, query);
      const post = await c.send('POST', '/Users', {
        schemas: [CORE_USER], userName: a.userName, externalId: a.externalId, active: true, displayName: 'SCIM Check A',
        name: { givenName: 'Scim', familyName: 'Check' }, emails: [{ type: 'work', value: a.userName, primary: true }],
      });
      createAnswer = post;
      aId = this.track(post, '/Users');
      if (!ok(post)) return fail(`Creating the user: ${answered(post)}.`, post);
      if (!aId) return fail('The create answer has no id: Entra keeps the id to address the user later.', post);
      if (post.status !== 201) return warn(`Created, but answered ${post.status}; SCIM says 201 Created.`, post);
      return pass(`Created with id ${aId}.`, post);
    });
    const needA = (): Verdict | undefined => (aId ? undefined : skip('Not run: the test user could not be created.'));

    await this.check(CHECKS.contentType, async () => {
      if (!createAnswer || createAnswer.status === 0) return skip('Not run: no create answer to look at.');
      const type = createAnswer.contentType.toLowerCase();
      if (type.startsWith(SCIM_JSON)) return pass(`Content-Type: ${createAnswer.contentType}.`, createAnswer);
      if (type.startsWith('application/json')) return warn(`Content-Type: ${createAnswer.contentType}; SCIM's is ${SCIM_JSON} (Entra accepts both).`, createAnswer);
      return fail(`Content-Type: ${createAnswer.contentType || '(none)'}; it must be ${SCIM_JSON}.`, createAnswer);
    });

    const b = { userName: this.name('b'), externalId: `scimcheck-${this.tag}-b` };
    let bId: string | undefined;
    if (aId && !this.unreachable) {
      const post = await c.send('POST', '/Users', { schemas: [CORE_USER], userName: b.userName, externalId: b.externalId, active: true, displayName: 'SCIM Check B' });
      bId = this.track(post, '/Users');
    }

    let listAnswer: Exchange | undefined;
    await this.check(CHECKS.filterUserName, async () => {
      const skipped = needA();
      if (skipped) return skipped;
      const e = await c.send('GET', filterPath('/Users', `userName eq ${quoted(a.userName)}`));
      listAnswer = e;
      if (!ok(e)) return fail(`Filtering by userName: ${answered(e)}.`, e);
      const found = resources(e);
      if (!found) return fail('The filtered answer is not a list.', e);
      if (found.length !== 1 || found[0].id !== aId) return fail(`Filtering by userName returned ${found.length} resource(s)${found.length ? ` (ids ${found.map((r) => String(r.id)).slice(0, 5).join(', ')})` : ''}, not just the user: the filter is ignored or wrong.`, e);
      const none = await c.send('GET', filterPath('/Users', `userName eq ${quoted(absent)}`));
      const noneFound = resources(none);
      if (!ok(none) || !noneFound) return fail(`Filtering by a userName nobody has: ${answered(none)}; it must be 200 with an empty list.`, none);
      if (noneFound.length) return fail(`Filtering by a userName nobody has returned ${noneFound.length} resource(s): the filter is ignored.`, none);
      return pass('Exactly the user, and an empty list for a userName nobody has.', e);
    });
    await this.check(CHECKS.filterExternalId, async () => {
      const skipped = needA();
      if (skipped) return skipped;
      const e = await c.send('GET', filterPath('/Users', `externalId eq ${quoted(a.externalId)}`));
      if (!ok(e)) return fail(`Filtering by externalId: ${answered(e)}.`, e);
      const found = resources(e);
      if (!found || found.length !== 1 || found[0].id !== aId) return fail(`Filtering by externalId returned ${found?.length ?? 'no list of'} resource(s), not just the user.`, e);
      return pass('Exactly the user.', e);
    });
    await this.check(CHECKS.filterCase, async () => {
      const skipped = needA();
      if (skipped) return skipped;
      const e = await c.send('GET', filterPath('/Users', `USERNAME eq ${quoted(a.userName)}`));
      if (!ok(e)) return fail(`Filtering by USERNAME: ${answered(e)}; attribute names are case-insensitive.`, e);
      const found = resources(e);
      if (!found || found.length !== 1 || found[0].id !== aId) return fail(`Filtering by USERNAME returned ${found?.length ?? 'no list of'} resource(s), not just the user.`, e);
      return pass('USERNAME eq finds the user.', e);
    });
    await this.check(CHECKS.listResponse, async () => {
      if (!listAnswer || !ok(listAnswer)) return skip('Not run: no list answer to look at.');
      const body = listAnswer.body;
      if (!isObject(body)) return fail('The list answer is not a JSON object.', listAnswer);
      const schemas = body.schemas;
      if (!Array.isArray(schemas) || !schemas.includes(LIST_RESPONSE)) return fail(`schemas must contain ${LIST_RESPONSE}.`, listAnswer);
      if (typeof body.totalResults !== 'number') return fail('totalResults is missing or not a number: Entra reads it to tell whether the user exists.', listAnswer);
      if (!Array.isArray(body.Resources)) return fail('Resources is missing or not an array.', listAnswer);
      const missing = ['startIndex', 'itemsPerPage'].filter((k) => typeof body[k] !== 'number');
      if (missing.length) return warn(`No ${missing.join(' or ')}: the RFC requires them only for paged answers, but Entra's examples carry them.`, listAnswer);
      return pass('schemas, totalResults, Resources, startIndex and itemsPerPage are there.', listAnswer);
    });
    await this.check(CHECKS.getById, async () => {
      const skipped = needA();
      if (skipped) return skipped;
      const e = await c.send('GET', `/Users/${encodeURIComponent(aId!)}`);
      if (!ok(e)) return fail(`Reading the user: ${answered(e)}.`, e);
      if (!isObject(e.body) || e.body.id !== aId || !Array.isArray(e.body.schemas)) return fail('The answer is not the user (id or schemas missing).', e);
      if (String(attribute(e.body, 'userName')).toLowerCase() !== a.userName) return fail('The answer\'s userName is not the one created.', e);
      return pass('The user, with id, schemas and userName.', e);
    });
    await this.check(CHECKS.uniqueness, async () => {
      const skipped = needA();
      if (skipped) return skipped;
      const e = await c.send('POST', '/Users', { schemas: [CORE_USER], userName: a.userName, active: true, displayName: 'SCIM Check duplicate' });
      const duplicate = this.track(e, '/Users');
      if (e.status === 409) return pass('Answered 409 for the taken userName.', e);
      if (ok(e)) return fail(`Accepted a second user with the same userName (${duplicate ? `id ${duplicate}` : `answered ${e.status}`}): it must answer 409.`, e);
      return fail(`For a taken userName, ${answered(e)}; it must be 409.`, e);
    });

    const aPath = () => `/Users/${encodeURIComponent(aId!)}`;
    const reread = () => c.send('GET', aPath());
    await this.check(CHECKS.patchDefault, async () => {
      const skipped = needA();
      if (skipped) return skipped;
      const email = this.name('a.work');
      const e = await this.patch(aPath(), [
        { op: 'Replace', path: 'displayName', value: 'SCIM Check A (default form)' },
        { op: 'Add', path: 'emails[type eq "work"].value', value: email },
        { op: 'Replace', path: 'name.familyName', value: 'Default' },
      ]);
      if (!ok(e)) return fail(`The PATCH with capitalised ops and a filtered path: ${answered(e)}.`, e);
      const after = await reread();
      const lost = [
        attribute(after.body, 'displayName') === 'SCIM Check A (default form)' ? '' : 'displayName',
        String(workEmail(after.body)).toLowerCase() === email ? '' : 'emails[type eq "work"].value',
        attribute(attribute(after.body, 'name'), 'familyName') === 'Default' ? '' : 'name.familyName',
      ].filter(Boolean);
      if (lost.length) return fail(`Answered ${e.status}, but a GET shows ${lost.join(', ')} not changed.`, after);
      return pass(`Answered ${e.status}; the three changes read back.`, e);
    });
    await this.check(CHECKS.patchBooleanStrings, async () => {
      const skipped = needA();
      if (skipped) return skipped;
      const off = await this.patch(aPath(), [{ op: 'Replace', path: 'active', value: 'False' }]);
      if (!ok(off)) return warn(`active "False": ${answered(off)}. Entra sends this unless the Tenant URL carries ?aadOptscim062020; tell customers to add the flag, or accept the strings.`, off);
      const afterOff = await reread();
      if (booleanValue(attribute(afterOff.body, 'active')) !== false) return warn('active "False" was accepted, but the user does not read active false.', afterOff);
      const on = await this.patch(aPath(), [{ op: 'Replace', path: 'active', value: 'True' }]);
      if (!ok(on)) return warn(`active "True": ${answered(on)}.`, on);
      const afterOn = await reread();
      if (booleanValue(attribute(afterOn.body, 'active')) !== true) return warn('active "True" was accepted, but the user does not read active true.', afterOn);
      return pass('"False" and "True" were read as booleans.', off);
    });
    await this.check(CHECKS.patchCompliant, async () => {
      const skipped = needA();
      if (skipped) return skipped;
      const email = this.name('a.compliant');
      const e = await this.patch(aPath(), [
        { op: 'replace', value: { displayName: 'SCIM Check A (RFC form)', 'emails[type eq "work"].value': email, 'name.familyName': 'Compliant' } },
        { op: 'replace', path: 'active', value: true },
      ]);
      if (!ok(e)) return fail(`The PATCH with a value object and no path: ${answered(e)}.`, e);
      const after = await reread();
      const lost = [
        attribute(after.body, 'displayName') === 'SCIM Check A (RFC form)' ? '' : 'displayName',
        String(workEmail(after.body)).toLowerCase() === email ? '' : 'emails[type eq "work"].value',
        attribute(attribute(after.body, 'name'), 'familyName') === 'Compliant' ? '' : 'name.familyName',
      ].filter(Boolean);
      if (lost.length) return fail(`Answered ${e.status}, but a GET shows ${lost.join(', ')} not changed.`, after);
      return pass(`Answered ${e.status}; the changes read back.`, e);
    });
    await this.check(CHECKS.disable, async () => {
      const skipped = needA();
      if (skipped) return skipped;
      const e = await this.patch(aPath(), [{ op: 'replace', path: 'active', value: false }]);
      if (!ok(e)) return fail(`Disabling: ${answered(e)}.`, e);
      const after = await reread();
      if (booleanValue(attribute(after.body, 'active')) !== false) return fail(`Answered ${e.status}, but the user does not read active false.`, after);
      return pass('The user reads active false.', e);
    });
    await this.check(CHECKS.enterpriseManager, async () => {
      const skipped = needA();
      if (skipped) return skipped;
      if (!bId) return skip('Not run: the second test user (the manager) could not be created.');
      const e = await this.patch(aPath(), [{ op: 'add', path: `${ENTERPRISE_USER}:manager`, value: { value: bId } }]);
      if (!ok(e)) return fail(`Setting the manager: ${answered(e)}.`, e);
      const after = await reread();
      const manager = attribute(attribute(after.body, ENTERPRISE_USER), 'manager');
      const value = isObject(manager) ? attribute(manager, 'value') : manager;
      if (value !== bId) return fail(`Answered ${e.status}, but the user's ${ENTERPRISE_USER} manager does not read back as the manager's id.`, after);
      return pass('The manager reads back.', e);
    });

    let missingAnswer: Exchange | undefined;
    await this.check(CHECKS.missing, async () => {
      const e = await c.send('GET', `/Users/${randomUUID()}`);
      missingAnswer = e;
      if (e.status === 404) return pass('Answered 404.', e);
      return fail(`For an id that does not exist, ${answered(e)}; it must be 404, or Entra takes the user for present.`, e);
    });
    await this.check(CHECKS.errorSchema, async () => {
      if (!missingAnswer || missingAnswer.status < 400) return skip('Not run: no error answer to look at.');
      const body = missingAnswer.body;
      if (!isObject(body)) return fail('The error answer has no JSON body.', missingAnswer);
      const schemas = body.schemas;
      if (!Array.isArray(schemas) || !schemas.includes(ERROR_MESSAGE)) return fail(`schemas must contain ${ERROR_MESSAGE}.`, missingAnswer);
      if (typeof body.status === 'number') return warn('status is a number; the RFC makes it a string ("404").', missingAnswer);
      if (typeof body.status !== 'string') return fail('status is missing.', missingAnswer);
      if (typeof body.detail !== 'string') return warn('No detail: Entra shows it in the provisioning logs, where it helps whoever reads them.', missingAnswer);
      return pass('schemas, status and detail are there.', missingAnswer);
    });
    await this.check(CHECKS.paging, async () => {
      const first = await c.send('GET', '/Users?startIndex=1&count=1');
      if (!ok(first)) return warn(`Paging: ${answered(first)}.`, first);
      const page1 = resources(first);
      if (!page1) return warn('The paged answer is not a list.', first);
      if (page1.length > 1) return warn(`count=1 returned ${page1.length} resources: count is ignored.`, first);
      const total = isObject(first.body) && typeof first.body.totalResults === 'number' ? first.body.totalResults : undefined;
      if (total !== undefined && total >= 2) {
        const second = await c.send('GET', '/Users?startIndex=2&count=1');
        const page2 = resources(second);
        if (!ok(second) || !page2 || page2.length !== 1) return warn(`startIndex=2&count=1 did not return one resource (${answered(second)}).`, second);
        if (page1.length === 1 && page2[0].id === page1[0].id) return warn('startIndex=2 returned the same resource as startIndex=1: startIndex is ignored.', second);
      }
      return pass(`count=1 returned ${page1.length} resource(s) of ${total ?? 'an unstated number'}.`, first);
    });

    // Groups: create, add both users, read without members, remove in both forms, delete.
    const groupName = `SCIM Check ${this.tag}`;
    let gId: string | undefined;
    const needGroup = (): Verdict | undefined => (gId ? undefined : skip('Not run: the test group could not be created.'));
    const gPath = () => `/Groups/${encodeURIComponent(gId!)}`;
    await this.check(CHECKS.groupCreate, async () => {
      const query = await c.send('GET', filterPath('/Groups', `displayName eq ${quoted(groupName)}`));
      const found = resources(query);
      if (!ok(query) || !found) return fail(`The matching query for a new group: ${answered(query)}; it must be 200 with a list.`, query);
      if (found.length) return fail(`The matching query for a displayName nobody has returned ${found.length} group(s): the filter is ignored.`, query);
      const post = await c.send('POST', '/Groups', { schemas: [CORE_GROUP], displayName: groupName, externalId: `scimcheck-${this.tag}-g` });
      gId = this.track(post, '/Groups');
      if (!ok(post)) return fail(`Creating the group: ${answered(post)}.`, post);
      if (!gId) return fail('The create answer has no id.', post);
      if (post.status !== 201) return warn(`Created, but answered ${post.status}; SCIM says 201 Created.`, post);
      return pass(`Created with id ${gId}.`, post);
    });
    const members = [aId, bId].filter((id): id is string => id !== undefined);
    await this.check(CHECKS.groupAddMember, async () => {
      const skipped = needGroup() ?? needA();
      if (skipped) return skipped;
      const e = await this.patch(gPath(), [{ op: 'Add', path: 'members', value: members.map((value) => ({ value })) }]);
      if (!ok(e)) return fail(`Adding members: ${answered(e)}.`, e);
      const after = await c.send('GET', gPath());
      const ids = memberIds(after.body);
      const lost = members.filter((m) => !ids.includes(m));
      if (lost.length) return fail(`Answered ${e.status}, but the group does not list ${lost.length} of the ${members.length} added member(s).`, after);
      return pass(`Answered ${e.status}; the group lists the ${members.length} member(s).`, e);
    });
    await this.check(CHECKS.groupExcludeMembers, async () => {
      const skipped = needGroup();
      if (skipped) return skipped;
      const e = await c.send('GET', `${gPath()}?excludedAttributes=members`);
      if (!ok(e)) return fail(`Reading the group without members: ${answered(e)}.`, e);
      if (!isObject(e.body) || e.body.id !== gId) return fail('The answer is not the group.', e);
      if (attribute(e.body, 'members') !== undefined) return fail('The answer still carries members.', e);
      return pass('The group, without members.', e);
    });
    await this.check(CHECKS.groupRemoveMember, async () => {
      const skipped = needGroup() ?? needA();
      if (skipped) return skipped;
      const e = await this.patch(gPath(), [{ op: 'remove', path: `members[value eq ${quoted(aId!)}]` }]);
      if (!ok(e)) return fail(`Removing a member by path members[value eq "…"]: ${answered(e)}.`, e);
      const after = await c.send('GET', gPath());
      if (memberIds(after.body).includes(aId!)) return fail(`Answered ${e.status}, but the group still lists the removed member.`, after);
      if (!bId) return pass('Removed by path filter (the second form was not tried: one member only).', e);
      const legacy = await this.patch(gPath(), [{ op: 'Remove', path: 'members', value: [{ value: bId }] }]);
      if (!ok(legacy)) return fail(`Removing a member by op "Remove" with a value list: ${answered(legacy)}.`, legacy);
      const afterLegacy = await c.send('GET', gPath());
      if (memberIds(afterLegacy.body).includes(bId)) return fail(`Answered ${legacy.status}, but the group still lists the removed member.`, afterLegacy);
      return pass('Removed in both forms.', legacy);
    });
    await this.check(CHECKS.groupDelete, async () => {
      const skipped = needGroup();
      if (skipped) return skipped;
      const e = await c.send('DELETE', gPath());
      if (e.status === 204) {
        this.forget(gPath());
        return pass('Answered 204.', e);
      }
      if (ok(e)) {
        this.forget(gPath());
        return warn(`Deleted, but answered ${e.status}; SCIM says 204 No Content.`, e);
      }
      return fail(`Deleting the group: ${answered(e)}.`, e);
    });
    await this.check(CHECKS.deleteUser, async () => {
      const skipped = needA();
      if (skipped) return skipped;
      const e = await c.send('DELETE', aPath());
      if (!ok(e)) return fail(`Deleting the user: ${answered(e)}.`, e);
      this.forget(aPath());
      const after = await reread();
      if (after.status !== 404) return fail(`Deleted (${e.status}), but a later GET ${after.status === 0 ? 'got no answer' : `answered ${after.status}`}, not 404.`, after);
      if (e.status !== 204) return warn(`Deleted, but answered ${e.status}; SCIM says 204 No Content.`, e);
      return pass('Answered 204, then 404 for the deleted user.', e);
    });
    await this.check(CHECKS.throughput, () => this.throughput(b.userName));
  }

  private async throughput(userName: string): Promise<Verdict> {
    const setting = this.options.throughput ?? true;
    if (setting === false) return skip('Switched off.');
    const { requests = 100, seconds = 10, concurrency = 4 } = setting === true ? {} : setting;
    const path = filterPath('/Users', `userName eq ${quoted(userName)}`);
    const deadline = Date.now() + seconds * 1000;
    const started = Date.now();
    let sent = 0;
    let succeeded = 0;
    let last: Exchange | undefined;
    let firstFailure: Exchange | undefined;
    const worker = async () => {
      while (sent < requests && Date.now() < deadline) {
        sent++;
        const e = await this.client.send('GET', path);
        last = e;
        if (ok(e)) succeeded++;
        else firstFailure ??= e;
      }
    };
    // The requests are logged one by one like any other; the log shows the load as it happened.
    await Promise.all(Array.from({ length: Math.min(concurrency, requests) }, worker));
    const elapsed = Math.max((Date.now() - started) / 1000, 0.001);
    const rate = succeeded / elapsed;
    const measured = `${succeeded} of ${sent} requests succeeded in ${elapsed.toFixed(2)} s (${rate.toFixed(1)} per second, ${concurrency} at a time)`;
    if (firstFailure) return fail(`${measured}; one answered ${firstFailure.status === 0 ? 'nothing' : firstFailure.status}.`, firstFailure);
    if (rate < 25) return fail(`${measured}: below 25 per second.`, last);
    return pass(`${measured}.`, last);
  }
}
