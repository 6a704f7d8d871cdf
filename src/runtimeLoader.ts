import { join } from 'node:path';
import type * as GraphRuntime from './graphRuntime';
import type * as MappingEditorRuntime from './webviews/mappingEditorRuntime';
import type * as FeaturesRuntime from './featuresRuntime';

/**
 * The heavy parts of the extension are separate bundles next to dist/extension.js, required the
 * first time a feature needs them, so activating the extension does not pay for them (measured in
 * bench/activation): the Graph client with @azure/identity, the mapping editor with the expression
 * engine, and the command handlers with the activity stream.
 *
 * Each bundle carries its own copy of any module both use, so code never relies on `instanceof`
 * across them (nodes and errors are recognised by shape or name).
 */
interface Runtimes {
  graphRuntime: typeof GraphRuntime;
  mappingEditorRuntime: typeof MappingEditorRuntime;
  featuresRuntime: typeof FeaturesRuntime;
}

const loaded: Partial<Runtimes> = {};

function load<K extends keyof Runtimes>(name: K): Runtimes[K] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (loaded[name] ??= require(join(__dirname, `${name}.js`)) as Runtimes[K]);
}

export const loadGraphRuntime = (): typeof GraphRuntime => load('graphRuntime');
export const loadMappingEditorRuntime = (): typeof MappingEditorRuntime => load('mappingEditorRuntime');
export const loadFeaturesRuntime = (): typeof FeaturesRuntime => load('featuresRuntime');

/** Whether a runtime has been loaded in this host (activation tests check they stay unloaded). */
export function isRuntimeLoaded(name: keyof Runtimes): boolean {
  return loaded[name] !== undefined;
}
