import type { SandboxProcess } from './sandboxProcess';

/**
 * Bearer tokens of sandbox connections, in memory only (the sandbox issues no real credentials, but
 * we treat its token like any other), and the sandbox processes we started, stopped on deactivate.
 */
export class SandboxSessions {
  private readonly tokens = new Map<string, string>();
  private readonly processes = new Map<string, SandboxProcess>();

  /** Stores a connection's token; a new process replaces (and stops) the one started before, none keeps it. */
  set(connectionId: string, token: string, process?: SandboxProcess): void {
    this.tokens.set(connectionId, token);
    if (!process) return;
    const previous = this.processes.get(connectionId);
    if (previous && previous !== process) previous.stop();
    this.processes.set(connectionId, process);
  }

  token(connectionId: string): string | undefined {
    return this.tokens.get(connectionId);
  }

  /**
   * The GoToMeeting admin credentials of a sandbox this extension started (it learns them from the
   * sandbox's start output); undefined for one it attached to, whose start output the user has.
   */
  gotoMeetingAdmin(connectionId: string): SandboxProcess['gotoMeetingAdmin'] {
    return this.processes.get(connectionId)?.gotoMeetingAdmin;
  }

  forget(connectionId: string): void {
    this.processes.get(connectionId)?.stop();
    this.processes.delete(connectionId);
    this.tokens.delete(connectionId);
  }

  dispose(): void {
    for (const process of this.processes.values()) process.stop();
    this.processes.clear();
    this.tokens.clear();
  }
}
