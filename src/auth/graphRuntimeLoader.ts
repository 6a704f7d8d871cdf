import { join } from 'node:path';
import type * as GraphRuntime from '../graphRuntime';

export type GraphRuntimeModule = typeof GraphRuntime;

let loaded: GraphRuntimeModule | undefined;

/**
 * Loads dist/graphRuntime.js (Graph client, @azure/identity, the service) on first use. A runtime
 * require of a sibling bundle keeps it out of activation; the path is relative to dist/extension.js.
 */
export function loadGraphRuntime(): GraphRuntimeModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require(join(__dirname, 'graphRuntime.js')) as GraphRuntimeModule;
  return loaded;
}

/** Whether the runtime has been loaded in this host (activation tests check it stays unloaded). */
export function isGraphRuntimeLoaded(): boolean {
  return loaded !== undefined;
}
