import type { ChildProcess } from 'node:child_process';

/** A sandbox tenant running in a child process that this extension started. */
export interface SandboxProcess {
  readonly graphUrl: string;
  readonly scimUrl?: string;
  /** The bearer token of the sandbox's own SCIM app (at scimUrl); memory only, never logged. */
  readonly scimToken?: string;
  readonly tenantId?: string;
  /** The bearer token the sandbox requires; held in memory only. */
  readonly token: string;
  /**
   * The admin credentials its "GoToMeeting (sandbox)" app accepts, as the sandbox printed them:
   * made up, meant to be typed into the credentials form (which offers them). Memory only, never logged.
   */
  readonly gotoMeetingAdmin?: { readonly userName: string; readonly password: string };
  stop(): void;
}

const START_TIMEOUT_MS = 30_000;

/**
 * The sandbox did not get ready: it exited (`exitCode`, and the last line it wrote to stderr) or
 * did not print its endpoints in time. The host words it for the user, in their language.
 */
export class SandboxStartError extends Error {
  /** `exited`: the exit code (null when a signal ended it). */
  readonly exitCode?: number | null;
  /** `timedOut`: how long it was given. */
  readonly waitedSeconds?: number;

  constructor(
    readonly reason: 'exited' | 'timedOut',
    /** The last line the sandbox wrote to stderr, if any. */
    readonly detail: string,
    facts: { exitCode?: number | null; waitedSeconds?: number },
  ) {
    super(reason === 'exited' ? `The sandbox exited with code ${facts.exitCode} before it was ready. ${detail}`.trim() : `The sandbox did not start within ${facts.waitedSeconds} s.`);
    this.exitCode = facts.exitCode;
    this.waitedSeconds = facts.waitedSeconds;
    // Recognised by name: the error may cross bundles.
    this.name = 'SandboxStartError';
  }
}

/**
 * Starts `dist/sandbox/cli.js` on a free loopback port with a fresh random token, and resolves once
 * it has printed its endpoints. The child exits with us (stdin closes when the host dies).
 */
export async function launchSandbox(cliPath: string, extraArgs: readonly string[], signal?: AbortSignal): Promise<SandboxProcess> {
  // Loaded here, not at module load: child_process costs milliseconds that activation should not pay.
  const { spawn } = await import('node:child_process');
  const token = Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(24))).toString('base64url');
  const child: ChildProcess = spawn(process.execPath, [cliPath, '--port', '0', '--exit-with-parent', ...extraArgs], {
    stdio: ['pipe', 'pipe', 'pipe'],
    // The token goes through the environment, not argv, so other local users cannot read it with ps.
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', ENTRA_SANDBOX_TOKEN: token },
  });
  const stop = () => {
    if (child.exitCode === null) child.kill('SIGTERM');
  };
  return new Promise<SandboxProcess>((resolve, reject) => {
    let graphUrl: string | undefined;
    let scimUrl: string | undefined;
    let scimToken: string | undefined;
    let tenantId: string | undefined;
    let adminUser: string | undefined;
    let adminPassword: string | undefined;
    let stderr = '';
    let buffer = '';
    const fail = (error: Error) => {
      stop();
      reject(error);
    };
    const timer = setTimeout(() => fail(new SandboxStartError('timedOut', lastLine(stderr), { waitedSeconds: START_TIMEOUT_MS / 1000 })), START_TIMEOUT_MS);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      fail(signal.reason instanceof Error ? signal.reason : new Error('Cancelled'));
    }, { once: true });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-2000);
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline).trim();
        buffer = buffer.slice(newline + 1);
        const [, name, value] = /^(\w[\w ]*?):\s+(\S+)/.exec(line) ?? [];
        if (name === 'Graph') graphUrl = value;
        else if (name === 'SCIM') scimUrl = value;
        else if (name === 'SCIM token') scimToken = value;
        else if (name === 'Tenant') tenantId = value;
        else if (name === 'GoToMeeting admin user name') adminUser = value;
        else if (name === 'GoToMeeting admin password') adminPassword = value;
        if (line === 'Ready' && graphUrl) {
          clearTimeout(timer);
          const gotoMeetingAdmin = adminUser && adminPassword ? { userName: adminUser, password: adminPassword } : undefined;
          resolve({ graphUrl, scimUrl, scimToken, tenantId, token, gotoMeetingAdmin, stop });
        }
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new SandboxStartError('exited', lastLine(stderr), { exitCode: code }));
    });
  });
}

function lastLine(text: string): string {
  return text.split('\n').filter(Boolean).pop()?.trim() ?? '';
}
