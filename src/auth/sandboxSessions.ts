import type { SandboxProcess } from './sandboxProcess';

/**
 * Bearer tokens of sandbox connections, in memory only (the sandbox issues no real credentials, but
 * we treat its token like any other), and the sandbox processes we started, stopped on deactivate.
 */
export class SandboxSessions {
  private readonly tokens = new Map<string, string>();
  private readonly processes = new Map<string, SandboxProcess>();
  /** SCIM endpoints this session saved as a job's credentials: base address → token, per connection. */
  private readonly scimEndpoints = new Map<string, Map<string, string>>();

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

  /**
   * Remembers the token of a SCIM endpoint that this extension saved as a sandbox job's Tenant URL
   * and Secret Token: Graph never gives a saved token back, and test users read their target
   * objects with it. Memory only, gone with the connection.
   */
  rememberScimEndpoint(connectionId: string, baseAddress: string, token: string): void {
    let endpoints = this.scimEndpoints.get(connectionId);
    if (!endpoints) this.scimEndpoints.set(connectionId, (endpoints = new Map()));
    endpoints.set(endpointKey(baseAddress), token);
  }

  /**
   * The token of a sandbox job's SCIM endpoint, when this session knows it: one it saved itself, or
   * the sandbox's own SCIM app when the extension started the sandbox (it printed the token).
   */
  scimToken(connectionId: string, baseAddress: string): string | undefined {
    const key = endpointKey(baseAddress);
    const remembered = this.scimEndpoints.get(connectionId)?.get(key);
    if (remembered) return remembered;
    const process = this.processes.get(connectionId);
    return process?.scimUrl && process.scimToken && endpointKey(process.scimUrl) === key ? process.scimToken : undefined;
  }

  forget(connectionId: string): void {
    this.processes.get(connectionId)?.stop();
    this.processes.delete(connectionId);
    this.tokens.delete(connectionId);
    this.scimEndpoints.delete(connectionId);
  }

  dispose(): void {
    for (const process of this.processes.values()) process.stop();
    this.processes.clear();
    this.tokens.clear();
    this.scimEndpoints.clear();
  }
}

/** A base address as the same endpoint however it was typed (trailing slashes, host case). */
function endpointKey(baseAddress: string): string {
  try {
    const url = new URL(baseAddress.trim());
    return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}${url.search}`;
  } catch {
    return baseAddress.trim().replace(/\/+$/, '').toLowerCase();
  }
}
