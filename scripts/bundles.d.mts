import type { BuildOptions } from 'esbuild';

/** The repository's root folder. */
export const root: string;
/** The esbuild options of every bundle (see bundles.mjs). */
export function bundleOptions(options?: { production?: boolean; withTests?: boolean }): BuildOptions[];
