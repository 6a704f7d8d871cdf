import { createServer } from 'node:http';
import { listenOnLoopback } from './http/listen';
import { join, resolve } from 'node:path';
import type { Server } from 'node:http';
import type { SandboxContext } from './context';
import { createGraphApp } from './graph/app';
import { DEFAULT_REPLICATION_DELAY_SECONDS, Replication } from './graph/replication';
import type { AnsweredRequest, FaultSettings } from './http/middleware';
import { createRandom } from './random';
import { ProvisioningEngine } from './engine/engine';
import { ProvisioningLogIngestion } from './engine/audit';
import { paceSettings } from './engine/pace';
import type { Pace } from './engine/pace';
import { GOTOMEETING_BASE_PATH, SCIM_BASE_PATH } from './scim/app';
import type { ScimTargets } from './scim/app';
import { startScimHost } from './scim/host';
import type { ScimResource } from './scim/resourceStore';
import { seedTenant, SCIM_APP_NAME } from './seed/seed';
import { JsonPersister, readJsonIfExists } from './state/persistence';
import { SandboxStore } from './state/store';
import type { SandboxData } from './state/store';

/** Options of {@link startSandbox}; the CLI flags map one to one. */
export interface SandboxOptions {
  /** Graph port; 0 (default) picks a free port. */
  port?: number;
  /** SCIM app port; 0 (default) picks a free port. */
  scimPort?: number;
  /** Generated directory users (default 50). */
  users?: number;
  /** Generated groups (default 8). */
  groups?: number;
  /** Extra enterprise apps, mostly without provisioning (default 0). */
  apps?: number;
  /** Delay added to every Graph request. */
  latencyMs?: number;
  /** Share of Graph requests answered 429 with Retry-After. */
  throttleRate?: number;
  /** Share of Graph requests answered 503. */
  failRate?: number;
  /** Bearer token to require; default accepts any non-empty bearer token. */
  token?: string;
  /** Folder to persist state in (JSON, atomic writes), reloaded on restart. */
  dataDir?: string;
  /** Seed for the generated tenant (default 1). */
  seed?: number;
  /** Provisioning cycle interval in seconds; default is Entra's 40 minutes. */
  cycleIntervalSeconds?: number;
  /**
   * How fast the provisioning service works (default `real`): `real` queues a started job for a few
   * seconds, processes about 2 objects a second and shows provisioning log entries 2 to 4 seconds
   * after the action, as Entra does in slow motion; `instant` does all of it at once (tests,
   * benchmarks). The three settings below override the pace's own value.
   */
  pace?: Pace;
  /** Seconds between `start`/`restart` and the cycle beginning. */
  queueDelaySeconds?: number;
  /** Objects a cycle processes per second; 0 means no limit. */
  exportRatePerSecond?: number;
  /** Least seconds before a provisioning log entry can be read (each entry waits up to twice this). */
  logDelaySeconds?: number;
  /**
   * Run the SCIM app on a worker thread (the CLI does): big cycles then use two cores. `scim`
   * stays readable synchronously as a mirror that is current whenever a cycle has finished.
   */
  scimWorker?: boolean;
  /**
   * Called once for every Graph request the sandbox has answered, with its JSON body as parsed;
   * the in-host tests use it to check the bodies the extension sends against Graph's metadata.
   */
  onRequest?: (request: AnsweredRequest) => void;
  /**
   * Seconds for which applications and service principals instantiated through Graph, and app role
   * assignments made through it, are not found by other requests (404 as Graph answers for a missing
   * object), as in a real tenant; default {@link DEFAULT_REPLICATION_DELAY_SECONDS}, 0 turns it off.
   */
  replicationDelaySeconds?: number;
}

/** A running sandbox. */
export interface Sandbox {
  /** Graph root, e.g. `http://127.0.0.1:1234/v1.0`. */
  graphUrl: string;
  /** SCIM 2.0 app base URL (bearer token {@link Sandbox.scimToken}). */
  scimUrl: string;
  /** GoToMeeting app base URL (basic auth with {@link Sandbox.gotoMeetingCredentials}). */
  gotoMeetingUrl: string;
  /** Other endpoints by label (printed by the CLI as `<label>: <url>`). */
  endpoints: Record<string, string>;
  tenantId: string;
  /** The token required by Graph, if one was set. */
  token?: string;
  /** Bearer token the SCIM app accepts. */
  scimToken: string;
  /** Admin credentials the GoToMeeting app accepts. */
  gotoMeetingCredentials: { userName: string; password: string };
  /** The seeded "Contoso SCIM App (sandbox)" and its job, ready to start. */
  demo: { servicePrincipalId: string; jobId: string };
  /** Live fault settings; change them to turn throttling/outages on and off. */
  faults: FaultSettings;
  /** The tenant's state; its methods (updateUser, softDeleteUser...) are the test hooks. */
  store: SandboxStore;
  /** The SCIM target apps: stored users (`listUsers()`) and the request log (`clientErrors()`). */
  scim: ScimTargets;
  /** The provisioning engine (`nextCycle(jobId)`, `runCycleNow(spId, jobId)`). */
  engine: ProvisioningEngine;
  /** Directory replication of objects written through Graph (`catchUp()` ends the delay now). */
  replication: Replication;
  /** Stops servers and timers and writes state if persisting. */
  close(): Promise<void>;
}


function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** Addresses written into a freshly seeded tenant before the SCIM server has a port. */
const PLACEHOLDER_SCIM_URL = `http://127.0.0.1:0${SCIM_BASE_PATH}`;
const PLACEHOLDER_GOTOMEETING_URL = `http://127.0.0.1:0${GOTOMEETING_BASE_PATH}`;

/** Files in the data directory. */
const STATE_FILE = 'state.json';
const SCIM_FILE = 'scim.json';

/** Re-points saved credentials at this run's SCIM app (its port may differ from the last run). */
function repointSecrets(store: SandboxStore, scimUrl: string, gotoMeetingUrl: string): void {
  const old = store.data.scimBaseUrl;
  if (old && old !== scimUrl) {
    for (const sync of Object.values(store.data.synchronization)) {
      for (const s of sync.secrets) if (s.key === 'BaseAddress' && s.value.startsWith(old)) s.value = scimUrl + s.value.slice(old.length);
    }
  }
  store.data.scimBaseUrl = scimUrl;
  store.data.gotoMeetingUrl = gotoMeetingUrl;
}

/** Starts a sandbox tenant: Graph emulator, SCIM app and provisioning engine. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const dataDir = options.dataDir ? resolve(options.dataDir) : undefined;
  const saved = dataDir ? await readJsonIfExists<SandboxData>(join(dataDir, STATE_FILE)) : undefined;
  // Seeded against a placeholder address; the credentials are re-pointed once the SCIM port is known.
  const store = saved
    ? new SandboxStore(saved)
    : seedTenant({
      seed: options.seed ?? 1, users: options.users ?? 50, groups: options.groups ?? 8, apps: options.apps ?? 0,
      scimUrl: PLACEHOLDER_SCIM_URL, gotoMeetingUrl: PLACEHOLDER_GOTOMEETING_URL,
    });
  const data = store.data;

  const savedScim = dataDir ? await readJsonIfExists<Record<string, ScimResource[]>>(join(dataDir, SCIM_FILE)) : undefined;
  // Made before the servers, so that no write can be answered before there is a way to save it (a
  // save before the SCIM host is up fails, and its write is answered 503 rather than acknowledged).
  const persister = dataDir
    ? new JsonPersister(dataDir, { [STATE_FILE]: () => store.snapshot(), [SCIM_FILE]: () => scimHost.targets.snapshot() }, 1000)
    : undefined;
  const durable = persister ? () => persister.flush() : undefined;
  const scimHost = await startScimHost({
    port: options.scimPort ?? 0, worker: options.scimWorker ?? false, initial: savedScim, durable, directoryUsers: store.users.size,
    token: data.scimToken, gotoMeetingUser: data.gotoMeetingUser, gotoMeetingPassword: data.gotoMeetingPassword,
  });
  const scim = scimHost.targets;
  const scimUrl = `http://127.0.0.1:${scimHost.port}${SCIM_BASE_PATH}`;
  const gotoMeetingUrl = `http://127.0.0.1:${scimHost.port}${GOTOMEETING_BASE_PATH}`;
  repointSecrets(store, scimUrl, gotoMeetingUrl);

  const faults: FaultSettings = {
    latencyMs: options.latencyMs ?? 0,
    throttleRate: options.throttleRate ?? 0,
    failRate: options.failRate ?? 0,
    retryAfterSeconds: 1,
  };
  const pace = paceSettings(options);
  const logRandom = createRandom((options.seed ?? 1) ^ 0x1a7e);
  const logs = new ProvisioningLogIngestion(store, pace.logDelayMs, () => logRandom.next());
  const engine = new ProvisioningEngine(store, { gotoMeetingUrl }, { intervalSeconds: options.cycleIntervalSeconds, settle: scimHost.settle, pace, logs });
  const replication = new Replication((options.replicationDelaySeconds ?? DEFAULT_REPLICATION_DELAY_SECONDS) * 1000);
  const ctx: SandboxContext = { store, faults, random: createRandom((options.seed ?? 1) ^ 0x5eed), engine, replication, logs };
  let graphPort = 0;
  const graphServer = createServer(createGraphApp(ctx, { token: options.token, port: () => graphPort, onRequest: options.onRequest, durable }));
  try {
    graphPort = await listenOnLoopback(graphServer, options.port ?? 0);
  } catch (e) {
    await scimHost.close();
    throw e;
  }

  if (persister) {
    store.onChange(() => persister.markDirty());
    scim.onChange(() => persister.markDirty());
    persister.markDirty();
  }
  engine.resume();

  const seededApp = [...store.servicePrincipals.values()].find((sp) => sp.displayName === SCIM_APP_NAME);
  const seededJob = seededApp ? store.sync(seededApp.id).jobs[0] : undefined;
  let closed = false;
  return {
    graphUrl: `http://127.0.0.1:${graphPort}/v1.0`,
    scimUrl,
    gotoMeetingUrl,
    endpoints: { SCIM: scimUrl, GoToMeeting: gotoMeetingUrl },
    tenantId: data.tenantId,
    token: options.token,
    scimToken: data.scimToken,
    gotoMeetingCredentials: { userName: data.gotoMeetingUser, password: data.gotoMeetingPassword },
    demo: { servicePrincipalId: seededApp?.id ?? '', jobId: seededJob?.id ?? '' },
    faults,
    store,
    scim,
    engine,
    replication,
    close: async () => {
      if (closed) return;
      closed = true;
      await engine.close();
      await Promise.all([closeServer(graphServer), scimHost.close()]);
      await persister?.flush();
    },
  };
}
