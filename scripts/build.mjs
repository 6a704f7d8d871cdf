// Builds the extension (Node, CJS), the webview (browser, ESM), the sandbox CLI and, with --tests,
// the in-host integration suite. One script so `npm start`, `npm test` and packaging agree.
import * as esbuild from 'esbuild';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');
const withTests = args.has('--tests');

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  absWorkingDir: root,
  legalComments: 'none',
};

const nodeCommon = { ...common, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'] };

/** @type {import('esbuild').BuildOptions[]} */
const builds = [
  // The runtimes are required on first use (src/runtimeLoader.ts), so activation does not load them.
  { ...nodeCommon, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js' },
  { ...nodeCommon, entryPoints: ['src/graphRuntime.ts'], outfile: 'dist/graphRuntime.js' },
  { ...nodeCommon, entryPoints: ['src/webviews/mappingEditorRuntime.ts'], outfile: 'dist/mappingEditorRuntime.js' },
  { ...nodeCommon, entryPoints: ['src/featuresRuntime.ts'], outfile: 'dist/featuresRuntime.js' },
];
if (existsSync(join(root, 'src/sandbox/cli.ts'))) {
  // keepNames: scimmy identifies SCIM resource types by their class names, which minification would rename.
  builds.push({ ...nodeCommon, keepNames: true, entryPoints: ['src/sandbox/cli.ts'], outfile: 'dist/sandbox/cli.js' });
}
if (existsSync(join(root, 'webview/main.ts'))) {
  builds.push({ ...common, platform: 'browser', format: 'esm', target: 'es2022', entryPoints: ['webview/main.ts'], outfile: 'dist/webview/main.js' });
}
if (withTests) {
  const dir = join(root, 'test/integration');
  const entries = readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => `test/integration/${f}`);
  builds.push({ ...nodeCommon, sourcemap: 'inline', entryPoints: entries, outdir: 'out/test/integration', external: ['vscode', 'mocha'] });
}

if (!watch) rmSync(join(root, 'dist'), { recursive: true, force: true });
if (withTests) rmSync(join(root, 'out'), { recursive: true, force: true });

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('[watch] building; edits rebuild automatically. Ctrl-C to stop.');
} else {
  const started = Date.now();
  await Promise.all(builds.map((b) => esbuild.build(b)));
  console.log(`[build] ${builds.length} bundle(s) in ${Date.now() - started} ms${production ? ' (production)' : ''}`);
}
