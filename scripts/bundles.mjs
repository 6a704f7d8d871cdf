// The esbuild options of every bundle, in one place: scripts/build.mjs builds them, and a unit test
// builds the activation bundle from the same options to check what it contains.
import { existsSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Every module that imports `vscode` would otherwise get its own `__toESM(require("vscode"))`, a copy
 * of the whole API object's keys at load time; routing the imports through one re-exporting module
 * copies them once per bundle.
 * @type {import('esbuild').Plugin}
 */
const vscodeImportedOnce = {
  name: 'vscode-imported-once',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) => (args.namespace === 'vscode-once' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-once' }));
    build.onLoad({ filter: /.*/, namespace: 'vscode-once' }, () => ({ contents: "export * from 'vscode';", loader: 'js' }));
  },
};

/** @returns {import('esbuild').BuildOptions[]} */
export function bundleOptions({ production = false, withTests = false } = {}) {
  const common = {
    bundle: true,
    sourcemap: production ? false : 'linked',
    minify: production,
    logLevel: 'warning',
    absWorkingDir: root,
    legalComments: 'none',
  };
  const nodeCommon = { ...common, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], plugins: [vscodeImportedOnce] };
  const builds = [
    // The activation bundle. The others are required on first use by their loaders
    // (src/auth/graphRuntimeLoader.ts, src/tree/treeRuntimeLoader.ts,
    // src/tree/fleetRuntimeLoader.ts, src/webviews/mappingEditorRuntimeLoader.ts,
    // src/webviews/logsWorkbenchRuntimeLoader.ts, src/commands/commandHandlersLoader.ts), so
    // activation does not load them.
    { ...nodeCommon, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js' },
    { ...nodeCommon, entryPoints: ['src/tree/treeRuntime.ts'], outfile: 'dist/treeRuntime.js' },
    { ...nodeCommon, entryPoints: ['src/tree/fleetRuntime.ts'], outfile: 'dist/fleetRuntime.js' },
    { ...nodeCommon, entryPoints: ['src/auth/graphRuntime.ts'], outfile: 'dist/graphRuntime.js' },
    { ...nodeCommon, entryPoints: ['src/webviews/mappingEditorRuntime.ts'], outfile: 'dist/mappingEditorRuntime.js' },
    { ...nodeCommon, entryPoints: ['src/webviews/logsWorkbenchRuntime.ts'], outfile: 'dist/logsWorkbenchRuntime.js' },
    { ...nodeCommon, entryPoints: ['src/commands/commandHandlers.ts'], outfile: 'dist/commandHandlers.js' },
  ];
  if (existsSync(join(root, 'src/sandbox/cli.ts'))) {
    // keepNames: scimmy identifies SCIM resource types by their class names, which minification would rename.
    builds.push({ ...nodeCommon, plugins: [], keepNames: true, entryPoints: ['src/sandbox/cli.ts'], outfile: 'dist/sandbox/cli.js' });
  }
  if (existsSync(join(root, 'src/scimCheck/cli.ts'))) {
    builds.push({ ...nodeCommon, plugins: [], entryPoints: ['src/scimCheck/cli.ts'], outfile: 'dist/scimCheck/cli.js' });
  }
  if (existsSync(join(root, 'webview/main.ts'))) {
    builds.push({ ...common, platform: 'browser', format: 'esm', target: 'es2022', entryPoints: ['webview/main.ts'], outfile: 'dist/webview/main.js' });
  }
  if (existsSync(join(root, 'webview/logsWorkbench/main.ts'))) {
    builds.push({ ...common, platform: 'browser', format: 'esm', target: 'es2022', entryPoints: ['webview/logsWorkbench/main.ts'], outfile: 'dist/webview/logsWorkbench.js' });
  }
  if (withTests) {
    const dir = join(root, 'test/integration');
    const entries = readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => `test/integration/${f}`);
    builds.push({ ...nodeCommon, plugins: [], sourcemap: 'inline', entryPoints: entries, outdir: 'out/test/integration', external: ['vscode', 'mocha'] });
  }
  return builds;
}
