import { ProvisioningApiError } from './errors';
import type { GraphCaller } from './graphCaller';
import { paths } from './paths';
import { isMaskedSecret } from './facts';
import { Access } from './permissions';

export interface SecretPair {
  readonly key: string;
  readonly value: string;
}

/** Admin credentials and provisioning settings of an app (its synchronization secrets). */
export class SecretsApi {
  constructor(private readonly graph: GraphCaller) {}

  /** The saved keys; credential values come back masked. */
  async list(spId: string, signal?: AbortSignal): Promise<Array<{ key: string; value: string | null }>> {
    const body = await this.graph.get<{ value?: Array<{ key?: string; value?: string | null }> }>(paths.secrets(spId), {
      operation: 'read the saved credentials',
      access: Access.readSync,
      signal,
    });
    return (body?.value ?? []).filter((p) => typeof p.key === 'string').map((p) => ({ key: p.key as string, value: p.value ?? null }));
  }

  /**
   * Saves some keys without clobbering the others: reads the current list, replaces only the named
   * keys and writes the list back. Values the service returned masked are left out rather than
   * written back as masks (the service keeps write-only credentials it is not sent).
   */
  async save(spId: string, changes: readonly SecretPair[], signal?: AbortSignal): Promise<void> {
    for (const change of changes) {
      if (!change.key || typeof change.value !== 'string') throw new ProvisioningApiError('invalidRequest', 'Every credential needs a key and a string value.');
      if (isMaskedSecret(change.value)) throw new ProvisioningApiError('invalidRequest', `Refusing to save a masked value for ${change.key}: type the real value.`);
    }
    const merged = new Map<string, string>();
    for (const current of await this.list(spId, signal)) {
      if (!isMaskedSecret(current.value)) merged.set(current.key, current.value as string);
    }
    for (const change of changes) merged.set(change.key, change.value);
    await this.graph.put(paths.secrets(spId), { value: [...merged].map(([key, value]) => ({ key, value })) }, {
      operation: 'save the credentials',
      access: Access.manageSync,
      signal,
    });
  }
}
