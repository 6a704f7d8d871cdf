import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SandboxContext } from './context';
import { createGraphApp } from './graph/app';
import type { FaultSettings } from './http/middleware';
import { createRandom } from './random';
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
}

/** A running sandbox. */
export interface Sandbox {
  /** Graph root, e.g. `http://127.0.0.1:1234/v1.0`. */
  graphUrl: string;
  /** Other endpoints by label (printed by the CLI as `<label>: <url>`). */
  endpoints: Record<string, string>;
  tenantId: string;
  /** The token required by Graph, if one was set. */
  token?: string;
  /** Live fault settings; change them to turn throttling/outages on and off. */
  faults: FaultSettings;
  store: SandboxStore;
  /** Stops servers and timers and writes state if persisting. */
  close(): Promise<void>;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** Starts a sandbox tenant: Graph emulator, SCIM app and provisioning engine. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const data: SandboxData = {
    version: 1, tenantId: '00000000-0000-0000-0000-000000000001', tenantDisplayName: 'Contoso (sandbox)', seq: 0,
    users: [], userSeq: {}, groups: [], applications: [], servicePrincipals: [], appRoleAssignments: [],
    applicationTemplates: [], templateSyncIds: {}, synchronization: {}, audit: [], scimBaseUrl: '', gotoMeetingUrl: '', scimToken: '',
  };
  const store = new SandboxStore(data);
  const faults: FaultSettings = {
    latencyMs: options.latencyMs ?? 0,
    throttleRate: options.throttleRate ?? 0,
    failRate: options.failRate ?? 0,
    retryAfterSeconds: 1,
  };
  const ctx: SandboxContext = { store, faults, random: createRandom((options.seed ?? 1) ^ 0x5eed) };
  const graphServer = createServer(createGraphApp(ctx, { token: options.token }));
  const graphPort = await listen(graphServer, options.port ?? 0);
  return {
    graphUrl: `http://127.0.0.1:${graphPort}/v1.0`,
    endpoints: {},
    tenantId: data.tenantId,
    token: options.token,
    faults,
    store,
    close: async () => {
      await closeServer(graphServer);
    },
  };
}
