import assert from 'node:assert/strict';
import { build, type Metafile } from 'esbuild';

/**
 * What dist/extension.js, the bundle VS Code loads at activation, is made of: built from the same
 * options as scripts/build.mjs (production), without writing anything.
 */
async function activationInputs(): Promise<string[]> {
  const { bundleOptions } = await import('../../scripts/bundles.mjs');
  const options = bundleOptions({ production: true }).find((o) => o.outfile === 'dist/extension.js');
  assert.ok(options, 'scripts/bundles.mjs builds dist/extension.js');
  const result = await build({ ...options, write: false, metafile: true, logLevel: 'silent' });
  const output = Object.values((result.metafile as Metafile).outputs).find((o) => o.entryPoint === 'src/extension.ts');
  assert.ok(output, 'the metafile has the activation bundle');
  return Object.keys(output.inputs);
}

describe('The activation bundle (esbuild metafile)', function () {
  this.timeout(60_000);
  let inputs: string[];

  before(async () => {
    inputs = await activationInputs();
  });

  it('is built from the extension entry, the tree shell, the command registration and the editor serializer', () => {
    for (const expected of ['src/extension.ts', 'src/tree/provisioningTreeShell.ts', 'src/commands/registerCommands.ts', 'src/webviews/mappingEditorPanels.ts']) {
      assert.ok(inputs.includes(expected), `${expected} is in the activation bundle`);
    }
  });

  it('contains no Graph API module, no Graph client and no @azure/identity', () => {
    const graphModules = inputs.filter((path) => path.startsWith('src/graph/') && path !== 'src/graph/facts.ts');
    assert.deepEqual(graphModules, [], 'only src/graph/facts.ts may be bundled from src/graph/');
    const clients = inputs.filter((path) => /node_modules\/(@azure\/identity|@azure\/msal-|@microsoft\/microsoft-graph-client)\//.test(path));
    assert.deepEqual(clients, [], 'the Graph client and @azure/identity stay in dist/graphRuntime.js');
  });

  it('leaves the command handlers, the command wrapper and the activity stream to the handlers bundle', () => {
    const lazy = inputs.filter((path) => /^src\/(activity\/|commands\/(commandCatalog|commandRunner|commandTitles)\.ts$)/.test(path));
    assert.deepEqual(lazy, []);
  });

  it('leaves the tree proper (provider, nodes, tenant model, status texts, refresher) to the tree bundle', () => {
    const allowed = new Set(['src/tree/provisioningTreeShell.ts', 'src/tree/treeRuntimeLoader.ts', 'src/tree/fleetShell.ts', 'src/tree/fleetRuntimeLoader.ts']);
    const tree = inputs.filter((path) => path.startsWith('src/tree/') && !allowed.has(path));
    assert.deepEqual(tree, [], 'only the shells VS Code is given (apps tree, fleet) and their loaders');
    assert.deepEqual(inputs.filter((path) => path === 'src/shared/fleet.ts'), [], 'the fleet model belongs to the fleet bundle');
    const statusWords = inputs.filter((path) => /^src\/(shared\/jobStatus|host\/jobStatusWords|shared\/clockTime)\.ts$/.test(path));
    assert.deepEqual(statusWords, [], 'the job status texts belong to the tree');
  });

  it('leaves the mapping editor (manager, sessions, protocol, expression engine) to its bundle', () => {
    const lazy = inputs.filter((path) => /^src\/(webviews\/(mappingEditorManager|mappingEditorSession|mappingEditorStrings)\.ts$|shared\/(webviewProtocol|mappingEditor\/)|expressions\/)/.test(path));
    assert.deepEqual(lazy, []);
  });

  it('leaves the logs workbench (manager, sessions, strings, protocol, log functions, error catalogue) to its bundle', () => {
    const lazy = inputs.filter((path) => /^src\/(webviews\/(logsWorkbenchManager|logsWorkbenchSession|logsWorkbenchStrings)\.ts$|shared\/(logsWorkbench\/|provisioningLogs|provisioningErrorCatalog))/.test(path));
    assert.deepEqual(lazy, []);
    assert.ok(inputs.includes('src/webviews/logsWorkbenchPanels.ts'), 'the serializer that restores a workbench is registered at activation');
  });
});
