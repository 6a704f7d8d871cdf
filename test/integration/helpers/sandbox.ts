import * as vscode from 'vscode';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../src/sandbox/server';
import { checkRequestBodies, type SeenRequest } from '../../contract/operations';
import type { ExtensionApi } from '../../../src/extension';
import { activateExtension } from './extension';

export interface ConnectedSandbox {
  readonly sandbox: Sandbox;
  readonly api: ExtensionApi;
  readonly tenantId: string;
  readonly connectionId: string;
  /**
   * Signs out of the sandbox connection, stops the sandbox, and then fails if any request body the
   * sandbox received (from the extension, or from the test) does not match Graph's metadata.
   */
  dispose(): Promise<void>;
}

/**
 * Starts a real sandbox tenant inside the extension host's Node and connects the extension to it
 * through the public `entraProvisioning.connectSandbox` command, as a script would. Every request
 * the sandbox answers is kept, so that `dispose` can check the bodies against the shape contract
 * (issue #18): the sandbox accepts more than Graph would, so this is where a body Graph would
 * refuse shows up.
 */
export async function connectTestSandbox(options: SandboxOptions = {}): Promise<ConnectedSandbox> {
  const api = await activateExtension();
  const token = `in-host-${Math.abs(Date.now() % 1e9)}`;
  const seen: SeenRequest[] = [];
  const sandbox = await startSandbox({
    // The real service's behaviour, with short delays so the suite stays within its time: cycles
    // queue and export at a bounded rate, log entries arrive late and out of order, new apps and
    // assignments take a moment to replicate.
    port: 0, seed: 11, users: 25, groups: 4, token,
    pace: 'real', queueDelaySeconds: 0.5, exportRatePerSecond: 50, logDelaySeconds: 0.5, replicationDelaySeconds: 1,
    ...options,
    onRequest: (request) => {
      seen.push(request);
      options.onRequest?.(request);
    },
  });
  const result = await vscode.commands.executeCommand<{ tenantId: string } | undefined>('entraProvisioning.connectSandbox', { url: sandbox.graphUrl, token });
  if (!result?.tenantId) {
    await sandbox.close();
    throw new Error('connectSandbox returned no tenantId (see the Entra Provisioning log).');
  }
  const connectionId = api.services.connections.current!.id;
  return {
    sandbox,
    api,
    tenantId: result.tenantId,
    connectionId,
    async dispose() {
      await vscode.commands.executeCommand('entraProvisioning.signOut', { connectionId });
      await sandbox.close();
      const report = checkRequestBodies(seen);
      console.log(`[shape contract] ${[...report.checked.values()].reduce((a, b) => a + b, 0)} request bodies checked (${[...report.checked].map(([op, n]) => `${op} ${n}`).join(', ') || 'none'})`);
      if (report.violations.length > 0) {
        throw new Error(`Request bodies that Graph's v1.0 metadata does not accept (test/contract):\n${report.violations.join('\n')}`);
      }
    },
  };
}

/** Polls `check` until it returns a truthy value or `timeoutMs` passes (for state that settles asynchronously). */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 15_000, what = 'condition'): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await check();
    if (last) return last as NonNullable<T>;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Timed out waiting for ${what} (last value: ${JSON.stringify(last)}).`);
}
