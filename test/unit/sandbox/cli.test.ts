import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { parseCliOptions } from '../../../src/sandbox/cli';

const CLI = join(__dirname, '../../../src/sandbox/cli.ts');

/** Starts the CLI through tsx and resolves with its stdout lines once it prints Ready. */
function startCli(args: string[]): Promise<{ child: ChildProcessWithoutNullStreams; lines: string[] }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { stdio: 'pipe' });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (/^Ready$/m.test(out)) resolve({ child, lines: out.trim().split('\n') });
    });
    child.on('exit', (code) => reject(new Error(`CLI exited early with ${code}: ${out}`)));
  });
}

function exited(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

describe('sandbox CLI', () => {
  it('parses options and rejects bad values', () => {
    const { options, exitWithParent } = parseCliOptions(['--port', '0', '--users', '10', '--throttle-rate', '0.25', '--token', 't', '--cycle-interval', '5', '--exit-with-parent']);
    assert.equal(options.port, 0);
    assert.equal(options.users, 10);
    assert.equal(options.throttleRate, 0.25);
    assert.equal(options.token, 't');
    assert.equal(options.cycleIntervalSeconds, 5);
    assert.equal(exitWithParent, true);
    assert.throws(() => parseCliOptions(['--throttle-rate', '2']), /between 0 and 1/);
    assert.throws(() => parseCliOptions(['--bogus']));
  });

  it('parses the pace options: --pace real|instant, --queue-delay, --export-rate, --log-delay', () => {
    const { options } = parseCliOptions(['--pace', 'instant', '--queue-delay', '0.5', '--export-rate', '50', '--log-delay', '3']);
    assert.equal(options.pace, 'instant');
    assert.equal(options.queueDelaySeconds, 0.5);
    assert.equal(options.exportRatePerSecond, 50);
    assert.equal(options.logDelaySeconds, 3);
    const env = process.env.ENTRA_SANDBOX_PACE;
    try {
      // Nothing given: the sandbox's own default, the real pace.
      delete process.env.ENTRA_SANDBOX_PACE;
      const plain = parseCliOptions([]).options;
      assert.equal(plain.pace, undefined);
      assert.equal(plain.queueDelaySeconds, undefined);
      // A harness that spawns the extension can choose the pace of the sandbox it starts.
      process.env.ENTRA_SANDBOX_PACE = 'instant';
      assert.equal(parseCliOptions([]).options.pace, 'instant');
      assert.equal(parseCliOptions(['--pace', 'real']).options.pace, 'real');
    } finally {
      if (env === undefined) delete process.env.ENTRA_SANDBOX_PACE;
      else process.env.ENTRA_SANDBOX_PACE = env;
    }
    assert.throws(() => parseCliOptions(['--pace', 'fast']), /--pace must be one of real, instant/);
    assert.throws(() => parseCliOptions(['--queue-delay=-1']), /--queue-delay must be a number/);
    assert.throws(() => parseCliOptions(['--export-rate', 'many']), /--export-rate must be a number/);
    assert.throws(() => parseCliOptions(['--log-delay=-2']), /--log-delay must be a number/);
  });

  it('prints the endpoint lines and the GoToMeeting admin credentials then Ready, serves Graph, and stops on SIGTERM', async () => {
    const { child, lines } = await startCli(['--port', '0', '--users', '5', '--token', 'cli-token']);
    try {
      assert.equal(lines.length, 8);
      assert.match(lines[0], /^Graph: http:\/\/127\.0\.0\.1:\d+\/v1\.0$/);
      assert.match(lines[1], /^SCIM: http:\/\/127\.0\.0\.1:\d+\/scim\/v2$/);
      assert.match(lines[2], /^GoToMeeting: http:\/\/127\.0\.0\.1:\d+\/gotomeeting\/v2$/);
      assert.match(lines[3], /^GoToMeeting admin user name: \S+@\S+$/);
      assert.match(lines[4], /^GoToMeeting admin password: \S+$/);
      assert.match(lines[5], /^SCIM token: \S{16,}$/);
      assert.match(lines[6], /^Tenant: [0-9a-f-]{36}$/);
      assert.equal(lines[7], 'Ready');
      const graphUrl = lines[0].slice('Graph: '.length);
      const res = await fetch(`${graphUrl}/users?$top=1`, { headers: { Authorization: 'Bearer cli-token' } });
      assert.equal(res.status, 200);
      // The printed credentials are the ones the GoToMeeting app accepts.
      const gotoMeeting = lines[2].slice('GoToMeeting: '.length);
      const [user, password] = [lines[3], lines[4]].map((line) => line.replace(/^[^:]+: /, ''));
      const basic = (u: string, p: string) => ({ Authorization: `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}` });
      assert.equal((await fetch(`${gotoMeeting}/Users`, { headers: basic(user, password) })).status, 200);
      assert.equal((await fetch(`${gotoMeeting}/Users`, { headers: basic(user, `${password}x`) })).status, 401);
      // So is the printed SCIM token, for pointing a SCIM client at the app.
      const scim = lines[1].slice('SCIM: '.length);
      assert.equal((await fetch(`${scim}/Users`, { headers: { Authorization: `Bearer ${lines[5].slice('SCIM token: '.length)}` } })).status, 200);
    } finally {
      child.kill('SIGTERM');
    }
    assert.equal(await exited(child), 0);
  });

  it('says in --help where the GoToMeeting admin credentials are', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--help'], { stdio: 'pipe' });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    assert.equal(await exited(child as ChildProcessWithoutNullStreams), 0);
    assert.match(out, /admin user name and password[\s\S]*GoToMeeting \(sandbox\)[\s\S]*Use the\s+sandbox's credentials/);
    for (const flag of ['--pace real|instant', '--queue-delay <s>', '--export-rate <n>', '--log-delay <s>']) assert.ok(out.includes(flag), flag);
  });

  it('exits when stdin closes with --exit-with-parent', async () => {
    const { child } = await startCli(['--port', '0', '--users', '1', '--exit-with-parent']);
    const done = exited(child);
    child.stdin.end();
    assert.equal(await done, 0);
  });
});
