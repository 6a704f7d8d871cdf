import * as vscode from 'vscode';
import type { ConnectionStore } from '../auth/connectionStore';
import type { GraphConnections } from '../auth/graphConnections';
import { redactSecrets, type Logger } from '../shared/logger';
import { ActivityStream } from './activityStream';
import { EventBuffer } from './eventBuffer';
import { DEFAULT_FILTER, type ActivityFilter } from './filters';
import type { ActivityLine } from './formatter';
import { localizedActivityWords } from './localizedWords';
import { PauseGate } from './backoffLoop';
import type { ActivityScope } from './types';
import { scopeKey } from './types';

/** What to stream: a scope of one connection, with a name for messages. */
export interface StreamTarget {
  readonly connectionId: string;
  readonly scope: ActivityScope;
  readonly label: string;
}

interface RunningStream {
  readonly target: StreamTarget;
  readonly abort: AbortController;
  /** Set once the stream is built; its held lines are written when it stops. */
  stream?: ActivityStream;
}

/** Lines kept for `lines` (tests and the details picker read them; the channel keeps its own). */
const KEPT_LINES = 5000;
const DEFAULT_INTERVAL_SECONDS = 10;
const MIN_INTERVAL_SECONDS = 2;
/** Context key that enables "Stop Streaming" in menus. */
const STREAMING_CONTEXT = 'entraProvisioning.activityStreaming';

/**
 * The VS Code side of provisioning activity: the "Entra Provisioning Activity" LogOutputChannel,
 * the running streams, the "Streaming" status bar item (click stops), and pausing every stream
 * while the window is not focused (a focused window resumes them at once).
 */
export class ActivityChannel implements vscode.Disposable {
  /** Events seen by any stream, for the details document. */
  readonly events = new EventBuffer();
  /** Lines written to the channel, oldest first (bounded). */
  readonly lines: ActivityLine[] = [];
  private readonly wrote = new vscode.EventEmitter<ActivityLine>();
  /** Fires for every line written to the channel. */
  readonly onDidWriteLine = this.wrote.event;
  private readonly streams = new Map<string, RunningStream>();
  private readonly gate = new PauseGate();
  private readonly subscriptions: vscode.Disposable[] = [];
  private channel: vscode.LogOutputChannel | undefined;
  private statusBar: vscode.StatusBarItem | undefined;
  private readonly log: Logger;

  constructor(
    private readonly graph: GraphConnections,
    private readonly connections: ConnectionStore,
    logger: Logger,
    private readonly stopCommandId: string,
  ) {
    this.log = logger.child('activity');
    if (!vscode.window.state.focused) this.gate.pause();
    this.subscriptions.push(
      vscode.window.onDidChangeWindowState((state) => this.setFocused(state.focused)),
      connections.onDidChange(() => {
        const alive = new Set(connections.list().map((c) => c.id));
        for (const [key, s] of this.streams) if (!alive.has(s.target.connectionId)) this.stopOne(key, vscode.l10n.t('Stopped streaming {0}: the connection was closed.', s.target.label));
      }),
    );
  }

  /** Whether any stream is running. */
  get isStreaming(): boolean {
    return this.streams.size > 0;
  }

  /** Whether polling waits for the window to be focused again. */
  get isPaused(): boolean {
    return this.gate.isPaused;
  }

  /** The running streams' targets. */
  get targets(): StreamTarget[] {
    return [...this.streams.values()].map((s) => s.target);
  }

  /** Pauses polling while the window is unfocused; focusing resumes and polls at once. */
  setFocused(focused: boolean): void {
    if (focused) this.gate.resume();
    else this.gate.pause();
  }

  /**
   * Starts streaming a target (a target already streaming just shows the channel). The first round
   * runs here, so a missing permission or a wrong id fails the command; later rounds run in the
   * background until {@link stop}.
   */
  async start(target: StreamTarget, signal?: AbortSignal): Promise<{ key: string; alreadyStreaming: boolean }> {
    const key = `${target.connectionId}/${scopeKey(target.scope)}`;
    const channel = this.ensureChannel();
    if (this.streams.has(key)) {
      channel.show(true);
      return { key, alreadyStreaming: true };
    }
    const abort = new AbortController();
    // Claimed before the first await, so a second start of the same target meanwhile starts no second stream.
    const running: RunningStream = { target, abort };
    this.streams.set(key, running);
    let service: Awaited<ReturnType<GraphConnections['service']>>;
    try {
      service = await this.graph.service(target.connectionId);
    } catch (error) {
      this.streams.delete(key);
      throw error;
    }
    const stream = new ActivityStream({
      service,
      scope: target.scope,
      sink: (line) => this.write(line),
      onEvents: (events) => this.events.add(events),
      filter: () => this.filter(),
      words: localizedActivityWords(),
      intervalMs: () => this.intervalSeconds() * 1000,
      gate: this.gate,
      onRetry: (error, delayMs) =>
        this.write({ level: 'warn', text: vscode.l10n.t('{0}: {1} Trying again in {2} s.', target.label, redactSecrets(errorMessage(error)), Math.round(delayMs / 1000)) }),
    });
    running.stream = stream;

    const filter = this.filter();
    const hidden = [...filter.hideStatuses, ...filter.hideActions];
    this.write({
      level: 'info',
      text: hidden.length
        ? vscode.l10n.t('Streaming provisioning activity of {0} every {1} s (hidden: {2}).', target.label, this.intervalSeconds(), hidden.join(', '))
        : vscode.l10n.t('Streaming provisioning activity of {0} every {1} s.', target.label, this.intervalSeconds()),
    });
    channel.show(true);
    const cancelFirst = () => abort.abort();
    signal?.addEventListener('abort', cancelFirst, { once: true });
    try {
      await stream.round(abort.signal);
    } catch (error) {
      this.streams.delete(key);
      if (!abort.signal.aborted) this.write({ level: 'error', text: vscode.l10n.t('Could not stream {0}: {1}', target.label, redactSecrets(errorMessage(error))) });
      throw error;
    } finally {
      signal?.removeEventListener('abort', cancelFirst);
    }
    if (abort.signal.aborted) throw Object.assign(new Error('Streaming was stopped before it started.'), { name: 'AbortError' });

    this.updateStatus();
    this.log.info(`streaming ${key}`);
    stream.run(abort.signal, true).then(
      () => this.log.info(`stopped ${key}`),
      (error: unknown) => {
        this.stopOne(key, vscode.l10n.t('Stopped streaming {0}: {1}', target.label, redactSecrets(errorMessage(error))), 'error');
        this.log.error(`stream ${key} failed: ${errorMessage(error)}`);
        void vscode.window.showErrorMessage(vscode.l10n.t('Streaming provisioning activity of {0} stopped: {1}', target.label, redactSecrets(errorMessage(error))));
      },
    );
    return { key, alreadyStreaming: false };
  }

  /** Stops every stream; returns how many were running. */
  stop(): number {
    const keys = [...this.streams.keys()];
    for (const key of keys) this.stopOne(key, vscode.l10n.t('Stopped streaming {0}.', this.streams.get(key)!.target.label));
    return keys.length;
  }

  /** Reveals the channel (creating it if no stream ran yet). */
  show(): void {
    this.ensureChannel().show(true);
  }

  dispose(): void {
    for (const s of this.streams.values()) s.abort.abort();
    this.streams.clear();
    for (const d of this.subscriptions) d.dispose();
    this.statusBar?.dispose();
    this.channel?.dispose();
    this.wrote.dispose();
    void vscode.commands.executeCommand('setContext', STREAMING_CONTEXT, false);
  }

  private stopOne(key: string, message: string, level: 'info' | 'error' = 'info'): void {
    const running = this.streams.get(key);
    if (!running) return;
    this.streams.delete(key);
    running.abort.abort();
    running.stream?.flush();
    this.write({ level, text: message });
    this.updateStatus();
  }

  private write(line: ActivityLine): void {
    const text = redactSecrets(line.text);
    const channel = this.ensureChannel();
    channel[line.level](text);
    const kept = text === line.text ? line : { ...line, text };
    this.lines.push(kept);
    if (this.lines.length > KEPT_LINES) this.lines.splice(0, this.lines.length - KEPT_LINES);
    this.wrote.fire(kept);
  }

  private ensureChannel(): vscode.LogOutputChannel {
    this.channel ??= vscode.window.createOutputChannel(vscode.l10n.t('Entra Provisioning Activity'), { log: true });
    return this.channel;
  }

  private updateStatus(): void {
    void vscode.commands.executeCommand('setContext', STREAMING_CONTEXT, this.streams.size > 0);
    if (this.streams.size === 0) {
      this.statusBar?.hide();
      return;
    }
    if (!this.statusBar) {
      this.statusBar = vscode.window.createStatusBarItem('entraProvisioning.activity', vscode.StatusBarAlignment.Left, 40);
      this.statusBar.name = vscode.l10n.t('Entra Provisioning Activity');
      this.statusBar.text = vscode.l10n.t('$(pulse) Streaming');
      this.statusBar.command = this.stopCommandId;
    }
    const labels = this.targets.map((t) => t.label).join(', ');
    this.statusBar.tooltip = vscode.l10n.t('Streaming provisioning activity of {0}. Click to stop.', labels);
    this.statusBar.show();
  }

  private settings(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration('entraProvisioning.activity');
  }

  private intervalSeconds(): number {
    const value = this.settings().get<number>('pollIntervalSeconds', DEFAULT_INTERVAL_SECONDS);
    return Number.isFinite(value) ? Math.max(MIN_INTERVAL_SECONDS, value) : DEFAULT_INTERVAL_SECONDS;
  }

  private filter(): ActivityFilter {
    const settings = this.settings();
    const list = (name: string, fallback: readonly string[]) => {
      const value = settings.get<unknown>(name);
      return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [...fallback];
    };
    return { hideStatuses: list('hideStatuses', DEFAULT_FILTER.hideStatuses), hideActions: list('hideActions', DEFAULT_FILTER.hideActions) };
  }
}

function errorMessage(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split(/\r?\n/, 1)[0];
}
