import { join } from 'node:path';
import type * as TreeRuntime from './treeRuntime';

let loaded: typeof TreeRuntime | undefined;

/**
 * The tree's provider, nodes and refresher are a bundle of their own (dist/treeRuntime.js), required
 * when the tree first has a tenant to show or a command first reaches it, so that activation pays
 * only for the small shell VS Code is given (bench/activation measures it).
 */
export function loadTreeRuntime(): typeof TreeRuntime {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (loaded ??= require(join(__dirname, 'treeRuntime.js')) as typeof TreeRuntime);
}
