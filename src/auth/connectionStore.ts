import * as vscode from 'vscode';

/** How a connection signs in. */
export type ConnectionKind = 'microsoft' | 'azureCli' | 'deviceCode' | 'clientSecret' | 'clientCertificate' | 'sandbox';

/** A tenant connection as persisted across restarts. Never holds a token or secret. */
export interface ConnectionInfo {
  /** Stable id, also the tree node id segment. */
  readonly id: string;
  readonly kind: ConnectionKind;
  readonly tenantId: string;
  readonly label: string;
  /** Graph root including the version, e.g. `https://graph.microsoft.com/v1.0`. */
  readonly graphBaseUrl: string;
  readonly accountLabel?: string;
  /** Application (client) id for app-only and custom-app sign-in. */
  readonly clientId?: string;
  /** PEM certificate file for app-only sign-in with a certificate (a path, not a secret). */
  readonly certificatePath?: string;
  /** Login host of the cloud for @azure/identity kinds. */
  readonly authorityHost?: string;
  /** Delegated scope groups consented so far (see graphScopes); grows as features need them. */
  readonly scopeGroups?: readonly string[];
}

const STORAGE_KEY = 'entraProvisioning.connections';
const CURRENT_KEY = 'entraProvisioning.currentConnection';

/**
 * The open tenant connections and which one is current. Microsoft connections are kept in global
 * state (minus secrets) across restarts; sandbox ones live in memory, since their token and usually
 * their process end with the session.
 */
export class ConnectionStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private sandboxes: ConnectionInfo[] = [];

  constructor(private readonly memento: vscode.Memento) {}

  list(): readonly ConnectionInfo[] {
    return [...this.memento.get<ConnectionInfo[]>(STORAGE_KEY, []), ...this.sandboxes];
  }

  get current(): ConnectionInfo | undefined {
    const id = this.memento.get<string>(CURRENT_KEY);
    return this.list().find((c) => c.id === id) ?? this.list()[0];
  }

  /** Adds or replaces a connection (same id) and makes it current. */
  async upsert(connection: ConnectionInfo): Promise<void> {
    if (connection.kind === 'sandbox') {
      this.sandboxes = [...this.sandboxes.filter((c) => c.id !== connection.id), connection];
    } else {
      const others = this.memento.get<ConnectionInfo[]>(STORAGE_KEY, []).filter((c) => c.id !== connection.id);
      await this.memento.update(STORAGE_KEY, [...others, connection]);
    }
    await this.memento.update(CURRENT_KEY, connection.id);
    this.changed.fire();
  }

  /** Replaces a stored connection in place (same id), without making it current. */
  async update(connection: ConnectionInfo): Promise<void> {
    if (connection.kind === 'sandbox') {
      this.sandboxes = this.sandboxes.map((c) => (c.id === connection.id ? connection : c));
    } else {
      await this.memento.update(STORAGE_KEY, this.memento.get<ConnectionInfo[]>(STORAGE_KEY, []).map((c) => (c.id === connection.id ? connection : c)));
    }
    this.changed.fire();
  }

  async remove(id: string): Promise<void> {
    this.sandboxes = this.sandboxes.filter((c) => c.id !== id);
    await this.memento.update(STORAGE_KEY, this.memento.get<ConnectionInfo[]>(STORAGE_KEY, []).filter((c) => c.id !== id));
    if (this.memento.get<string>(CURRENT_KEY) === id) await this.memento.update(CURRENT_KEY, undefined);
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
