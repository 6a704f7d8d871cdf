// Lint rules that protect the architecture (see the dependency direction in README.md):
// - imports point one way: extension.ts → commands → {tree, webviews, walkthrough, activity} →
//   {auth, host} → graph → shared → expressions, with sandbox and scimCheck beside graph; no folder imports one
//   above it, type imports included;
// - a lazily loaded bundle's loader is imported only by its one caller;
// - outside graph/, Graph modules are imported as types only, except graph/facts.ts, so the Graph
//   client stays out of the activation bundle (test/unit/activationBundle.test.ts checks the result);
// - host-free folders never import `vscode`, and the expression engine nothing Node-only.
import tseslint from 'typescript-eslint';

/** Each folder of src/ with its layer: a folder may import only folders of a higher number. */
const layers = {
  commands: 1,
  tree: 2, webviews: 2, walkthrough: 2, activity: 2,
  auth: 3, host: 3,
  graph: 4, sandbox: 4, scimCheck: 4,
  shared: 5,
  expressions: 6,
};
const hostFree = new Set(['graph', 'sandbox', 'scimCheck', 'shared', 'expressions']);
/** The loaders of lazily loaded bundles, each with the one file allowed to import it. */
const loaders = {
  graphRuntimeLoader: 'src/auth/graphConnections.ts',
  treeRuntimeLoader: 'src/tree/provisioningTreeShell.ts',
  fleetRuntimeLoader: 'src/tree/fleetShell.ts',
  mappingEditorRuntimeLoader: 'src/webviews/mappingEditorPanels.ts',
  logsWorkbenchRuntimeLoader: 'src/webviews/logsWorkbenchPanels.ts',
  commandHandlersLoader: 'src/commands/registerCommands.ts',
};
/** Files that may take values from any Graph module: the Graph runtime bundle's entry. */
const graphRuntimeEntries = ['src/auth/graphRuntime.ts'];

/** How an import from a file `depth` folders below src/<folder>/ reaches src/<name>. */
const up = (depth) => (depth < 0 ? '\\./' : '(\\.\\./)'.repeat(depth + 1));
const folder = (name, depth) => `^${up(depth)}${name}(/.*)?$`;
/** Deepest folder nesting below src/<folder>/ that the rules cover. */
const MAX_DEPTH = 3;

function restrictions(from, { loaderAllowed, depth = from === undefined ? -1 : 0 } = {}) {
  const patterns = [];
  const rank = from === undefined ? 0 : layers[from];
  for (const [name, layer] of Object.entries(layers)) {
    if (name === from) continue;
    if (layer > rank) continue;
    const why = layer === rank ? `${from}/ and ${name}/ are side by side in the layer order: neither imports the other` : `${from ?? 'src'}/ is below ${name}/ in the layer order: it may not import it`;
    patterns.push({ regex: folder(name, depth), message: `${why} (see eslint.config.mjs).` });
  }
  if (from !== 'graph' && from !== 'sandbox') {
    patterns.push({ regex: `^${up(depth)}graph(/(?!facts$).*)?$`, allowTypeImports: true, message: 'Outside graph/, import Graph modules as types only (values from graph/facts): the Graph client is loaded lazily.' });
  }
  for (const loader of Object.keys(loaders)) {
    if (loader !== loaderAllowed) patterns.push({ regex: `(^|/)${loader}$`, message: `Only ${loaders[loader]} loads this bundle.` });
  }
  const paths = hostFree.has(from) ? [{ name: 'vscode', message: `${from}/ is host-free: it must not import vscode.` }] : [];
  if (from === 'expressions') {
    patterns.push({ group: ['node:*', 'fs', 'path', 'os', 'crypto', 'http', 'https', 'child_process'], message: 'The expression engine runs in the browser too: no Node-only imports.' });
  }
  return { '@typescript-eslint/no-restricted-imports': ['error', { paths, patterns }] };
}

const layerConfigs = [
  { files: ['src/*.ts'], rules: restrictions(undefined) },
  ...Object.keys(layers).flatMap((name) =>
    Array.from({ length: MAX_DEPTH + 1 }, (_, depth) => ({ files: [`src/${name}/${'*/'.repeat(depth)}*.ts`], rules: restrictions(name, { depth }) })),
  ),
  ...Object.entries(loaders).map(([loader, caller]) => ({ files: [caller], rules: restrictions(caller.split('/')[1], { loaderAllowed: loader }) })),
  ...graphRuntimeEntries.map((entry) => {
    const rules = restrictions(entry.split('/')[1]);
    const options = rules['@typescript-eslint/no-restricted-imports'][1];
    options.patterns = options.patterns.filter((p) => !String(p.regex).includes('graph(/(?!facts$)'));
    return { files: [entry], rules };
  }),
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', '.vscode-test/**', 'test/.artifacts/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  ...layerConfigs,
  {
    // The activity stream's logic is host-free (tested in plain Node); only these files face VS Code.
    files: ['src/activity/**'],
    ignores: ['src/activity/activityChannel.ts', 'src/activity/localizedWords.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'The activity logic is host-free: only the streamer and its words import vscode.' }] }] },
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly', performance: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
