// Builds the extension (Node, CJS), the webview (browser, ESM), the sandbox CLI and, with --tests,
// the in-host integration suite. One script so `npm start`, `npm test` and packaging agree; the
// bundles themselves are described in scripts/bundles.mjs.
import * as esbuild from 'esbuild';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { bundleOptions, root } from './bundles.mjs';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');
const withTests = args.has('--tests');
const builds = bundleOptions({ production, withTests });

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
