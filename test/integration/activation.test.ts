// Runs first in the suite (files run in name order): nothing has invoked a command yet.
import * as assert from 'node:assert/strict';
import { activateExtension } from './helpers/extension';

const runtimeBundle = /[\\/]dist[\\/](graphRuntime|mappingEditorRuntime|commandHandlers)\.js$/;

describe('Activation (real VS Code host)', () => {
  it('activates without loading the Graph, mapping-editor or command-handler bundles', async () => {
    const api = await activateExtension();
    assert.ok(api.services);
    // No connection yet: the view shows its welcome content, and the tree proper is not needed.
    assert.ok(!Object.keys(require.cache).some((path) => /[\\/]dist[\\/]treeRuntime\.js$/.test(path)), 'the tree bundle waits for a tenant to show');
    assert.deepEqual(await api.services.tree.getChildren(), []);
    const loaded = Object.keys(require.cache).filter((path) => runtimeBundle.test(path));
    assert.deepEqual(loaded, [], 'heavy bundles are required only when first needed');
  });

  it('loads the command handlers when the first command runs', async () => {
    await activateExtension();
    const { commands } = await import('vscode');
    await commands.executeCommand('entraProvisioning.refresh');
    assert.ok(Object.keys(require.cache).some((path) => /[\\/]dist[\\/]commandHandlers\.js$/.test(path)));
  });
});
