import { parseArgs } from 'node:util';
import { isMainThread } from 'node:worker_threads';
import { DEFAULT_REPLICATION_DELAY_SECONDS } from './graph/replication';
import { PACES } from './engine/pace';
import type { Pace } from './engine/pace';
import { startSandbox } from './server';
import type { SandboxOptions } from './server';

// Command-line entry: `npm run sandbox -- [options]`, and what the extension spawns. The extension
// reads stdout, so it carries only `<label>: <value>` lines (endpoints, the GoToMeeting app's admin
// credentials, the tenant id) and `Ready`; the rest goes to stderr, which the extension may quote
// in an error message, so no credential goes there.

const USAGE = `Usage: sandbox [options]
  --port <n>             Graph port (0 = free port, default 0)
  --scim-port <n>        SCIM app port (0 = free port, default 0)
  --users <n>            generated users (default 50)
  --groups <n>           generated groups (default 8)
  --apps <n>             extra enterprise apps, mostly without provisioning (default 0)
  --latency <ms>         delay added to every Graph request
  --throttle-rate <0..1> share of requests answered 429 with Retry-After
  --fail-rate <0..1>     share of requests answered 503
  --token <t>            require exactly this bearer token (default: $ENTRA_SANDBOX_TOKEN, else any non-empty bearer)
  --data <dir>           persist state as JSON in <dir> and reload it on restart
  --seed <n>             seed for the generated tenant (default 1)
  --cycle-interval <s>   provisioning cycle interval in seconds (default 2400, Entra's 40 minutes)
  --replication-delay <s> seconds before apps, service principals and assignments created through
                         Graph are found by other requests (default ${DEFAULT_REPLICATION_DELAY_SECONDS}, 0 = at once)
  --pace real|instant    how fast provisioning works (default: $ENTRA_SANDBOX_PACE, else real):
                         real queues a started job, processes objects at a bounded rate (the
                         seeded tenant's first cycle takes about 30 s) and shows provisioning log
                         entries late, like Entra; instant does everything at once. The next three
                         options override the pace's values
  --queue-delay <s>      seconds between start/restart and the cycle beginning (real: 5, instant: 0)
  --export-rate <n>      objects a cycle processes per second, 0 = no limit (real: 2, instant: 0)
  --log-delay <s>        provisioning log entries become readable <s> to 2*<s> seconds after the
                         action, so a later one can come first (real: 2, instant: 0)
  --exit-with-parent     exit when stdin closes (for a parent process that spawns the sandbox)
  --help                 show this help

At start it prints the endpoints, the admin user name and password that the sandbox's
"GoToMeeting (sandbox)" app accepts (type them into Save Admin Credentials, or pick "Use the
sandbox's credentials" there), the bearer token its SCIM app accepts, the tenant id, and Ready.`;

function num(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max) throw new Error(`--${name} must be a number between ${min} and ${max}, got '${value}'.`);
  return n;
}

function pace(value: string | undefined): Pace | undefined {
  if (value === undefined) return undefined;
  if (!(PACES as readonly string[]).includes(value)) throw new Error(`--pace must be one of ${PACES.join(', ')}, got '${value}'.`);
  return value as Pace;
}

/** Parses command-line flags into sandbox options. */
export function parseCliOptions(argv: string[]): { options: SandboxOptions; exitWithParent: boolean; help: boolean } {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: 'string' }, 'scim-port': { type: 'string' }, users: { type: 'string' }, groups: { type: 'string' },
      apps: { type: 'string' }, latency: { type: 'string' }, 'throttle-rate': { type: 'string' }, 'fail-rate': { type: 'string' },
      token: { type: 'string' }, data: { type: 'string' }, seed: { type: 'string' }, 'cycle-interval': { type: 'string' },
      'replication-delay': { type: 'string' },
      pace: { type: 'string' }, 'queue-delay': { type: 'string' }, 'export-rate': { type: 'string' }, 'log-delay': { type: 'string' },
      'exit-with-parent': { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
    },
  });
  const options: SandboxOptions = {
    port: num('port', values.port, 0, 65535),
    scimPort: num('scim-port', values['scim-port'], 0, 65535),
    users: num('users', values.users, 0, 1_000_000),
    groups: num('groups', values.groups, 0, 100_000),
    apps: num('apps', values.apps, 0, 100_000),
    latencyMs: num('latency', values.latency, 0, 600_000),
    throttleRate: num('throttle-rate', values['throttle-rate'], 0, 1),
    failRate: num('fail-rate', values['fail-rate'], 0, 1),
    // ENTRA_SANDBOX_TOKEN keeps the token out of the process list (the extension passes it that way).
    token: values.token ?? (process.env.ENTRA_SANDBOX_TOKEN || undefined),
    dataDir: values.data,
    seed: num('seed', values.seed, 0, 2 ** 32 - 1),
    cycleIntervalSeconds: num('cycle-interval', values['cycle-interval'], 1, 10_000_000),
    replicationDelaySeconds: num('replication-delay', values['replication-delay'], 0, 3600),
    // The environment lets a test harness choose the pace of a sandbox that the extension spawns.
    pace: pace(values.pace ?? (process.env.ENTRA_SANDBOX_PACE || undefined)),
    queueDelaySeconds: num('queue-delay', values['queue-delay'], 0, 86_400),
    exportRatePerSecond: num('export-rate', values['export-rate'], 0, 1_000_000),
    logDelaySeconds: num('log-delay', values['log-delay'], 0, 86_400),
  };
  if (values.token !== undefined && !values.token.trim()) throw new Error('--token must not be empty.');
  return { options, exitWithParent: values['exit-with-parent'] === true, help: values.help === true };
}

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parseCliOptions>;
  try {
    parsed = parseCliOptions(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (parsed.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  // The SCIM app gets its own thread so a big tenant provisions on two cores.
  const sandbox = await startSandbox({ ...parsed.options, scimWorker: true });
  const lines = [`Graph: ${sandbox.graphUrl}`];
  for (const [name, url] of Object.entries(sandbox.endpoints ?? {})) lines.push(`${name}: ${url}`);
  // Made-up credentials of a made-up app, printed so the tutorial's Test Connection can pass
  // without reading the seed; the extension offers them in its credentials form.
  lines.push(`GoToMeeting admin user name: ${sandbox.gotoMeetingCredentials.userName}`);
  lines.push(`GoToMeeting admin password: ${sandbox.gotoMeetingCredentials.password}`);
  // Random per data folder: printed so that a SCIM client (curl, a validator) can be pointed at the app.
  lines.push(`SCIM token: ${sandbox.scimToken}`);
  // Not an endpoint, but it saves the parent a round trip to learn which tenant it connected to.
  lines.push(`Tenant: ${sandbox.tenantId}`);
  process.stdout.write(`${lines.join('\n')}\nReady\n`);
  process.stderr.write(`[sandbox] tenant ${sandbox.tenantId} (Contoso (sandbox)), pace ${parsed.options.pace ?? 'real'}${parsed.options.dataDir ? `, data in ${parsed.options.dataDir}` : ''}\n`);

  let closing = false;
  const shutdown = (why: string): void => {
    if (closing) return;
    closing = true;
    process.stderr.write(`[sandbox] stopping (${why})\n`);
    sandbox.close().then(() => process.exit(0), (e: unknown) => {
      process.stderr.write(`[sandbox] error while stopping: ${String(e)}\n`);
      process.exit(1);
    });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  if (parsed.exitWithParent) {
    process.stdin.on('end', () => shutdown('parent closed stdin'));
    process.stdin.on('close', () => shutdown('parent closed stdin'));
    process.stdin.resume();
  }
}

if (require.main === module && isMainThread) {
  main().catch((e: unknown) => {
    process.stderr.write(`[sandbox] failed to start: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    process.exit(1);
  });
}
