// Runs only in the runner's Swedish pass (code-server started with --locale sv).
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { configuredCloud } from '../../src/auth/cloudSetting';
import { launchSandbox } from '../../src/auth/sandboxProcess';
import { sandboxStartSentence } from '../../src/commands/connectSandbox';
import { describeFunction } from '../../src/expressions';
import { parseExtensionMessage, type ExtensionToWebviewMessage } from '../../src/shared/webviewProtocol';
import { activateExtension, extensionId } from './helpers/extension';
import { connectTestSandbox, eventually } from './helpers/sandbox';

describe('Swedish display language (real VS Code host, --locale sv)', () => {
  it('runs with Swedish as the display language', () => {
    assert.match(vscode.env.language, /^sv/);
  });

  it('shows the manifest in Swedish: command titles, view name and category', async () => {
    await activateExtension();
    const extension = vscode.extensions.getExtension(extensionId)!;
    const swedish = JSON.parse(readFileSync(join(extension.extensionPath, 'package.nls.sv.json'), 'utf8')) as Record<string, string>;
    type Localized = string | { value: string; original: string };
    // VS Code replaces %keys% with the translation, as `{ value, original }` for command titles.
    const text = (value: Localized) => (typeof value === 'string' ? value : value.value);
    const manifest = extension.packageJSON as { contributes: { commands: Array<{ command: string; title: Localized; category: Localized }>; views: Record<string, Array<{ name: Localized }>> } };
    const signIn = manifest.contributes.commands.find((c) => c.command === 'entraProvisioning.signIn')!;
    assert.equal(text(signIn.title), swedish['command.signIn']);
    assert.equal(text(signIn.category), swedish['category']);
    assert.equal(text(manifest.contributes.views.entraProvisioning[0].name), swedish['view.apps.name']);
    const testConnection = manifest.contributes.commands.find((c) => c.command === 'entraProvisioning.testConnection')!;
    assert.equal(text(testConnection.title), swedish['command.testConnection']);
    assert.notEqual(text(testConnection.title), 'Test Connection');
  });

  it('speaks Swedish in the code: vscode.l10n uses the Swedish bundle', async () => {
    await activateExtension();
    const extension = vscode.extensions.getExtension(extensionId)!;
    const bundle = JSON.parse(readFileSync(join(extension.extensionPath, 'l10n', 'bundle.l10n.sv.json'), 'utf8')) as Record<string, string>;
    assert.ok(vscode.l10n.bundle, 'VS Code loaded a bundle for this extension');
    for (const key of ['Show Log', 'Recent activity', 'Admin credentials']) {
      assert.ok(bundle[key], `${key} has a Swedish translation`);
      assert.equal(vscode.l10n.bundle?.[key], bundle[key]);
    }
  });

  it('sends the mapping editor its sentences and the function help in Swedish', async () => {
    const extension = vscode.extensions.getExtension(extensionId)!;
    const bundle = JSON.parse(readFileSync(join(extension.extensionPath, 'l10n', 'bundle.l10n.sv.json'), 'utf8')) as Record<string, string>;
    const connected = await connectTestSandbox();
    try {
      const { servicePrincipalId, jobId } = connected.sandbox.demo;
      await vscode.commands.executeCommand('entraProvisioning.openMappingEditor', { servicePrincipalId, jobId });
      const session = connected.api.services.mappingEditors.get({ connectionId: connected.connectionId, servicePrincipalId, jobId });
      assert.ok(session, 'the editor is open');
      const seen: ExtensionToWebviewMessage[] = [];
      const listener = session.onDidPostMessage((m) => seen.push(m));
      try {
        await session.handleMessage({ type: 'ready' });
        await eventually(() => seen.some((m) => m.type === 'init'), 15_000, 'the init message');
      } finally {
        listener.dispose();
      }
      const init = parseExtensionMessage(seen.find((m) => m.type === 'init'));
      assert.ok(init?.type === 'init', 'the init message passes the webview’s validation');
      const join = describeFunction('Join')!;
      assert.equal(init.strings['fn.Join'], bundle[join.help]);
      assert.notEqual(init.strings['fn.Join'], join.help);
      assert.equal(init.strings['fn.Join.separator'], bundle[join.parameters[0].help]);
      assert.equal(init.strings.save, bundle['Save']);
      session.panel.dispose();
    } finally {
      await connected.dispose();
    }
  });

  it('says in Swedish what the host-free auth modules refuse: a custom cloud without its Graph endpoint, a sandbox that exits before it is ready', async () => {
    const extension = vscode.extensions.getExtension(extensionId)!;
    const bundle = JSON.parse(readFileSync(join(extension.extensionPath, 'l10n', 'bundle.l10n.sv.json'), 'utf8')) as Record<string, string>;
    const settings = vscode.workspace.getConfiguration('entraProvisioning');
    await settings.update('cloud', 'Custom', vscode.ConfigurationTarget.Global);
    await settings.update('customGraphEndpoint', 'graph.example.test', vscode.ConfigurationTarget.Global);
    try {
      assert.throws(() => configuredCloud(), (e: Error) => e.name === 'UserFacingError' && e.message === bundle['Set entraProvisioning.customGraphEndpoint to an http(s) URL to use a custom Graph endpoint.']);
    } finally {
      await settings.update('cloud', undefined, vscode.ConfigurationTarget.Global);
      await settings.update('customGraphEndpoint', undefined, vscode.ConfigurationTarget.Global);
    }

    const folder = mkdtempSync(join(tmpdir(), 'sandbox-sv-'));
    try {
      const cli = join(folder, 'failing-cli.js');
      writeFileSync(cli, "process.stderr.write('Error: cannot find module ./engine\\n'); process.exit(3);\n");
      const failure = await launchSandbox(cli, []).then(() => assert.fail('the launch should have failed'), sandboxStartSentence);
      assert.ok(failure instanceof Error && failure.name === 'UserFacingError', String(failure));
      assert.equal(failure.message, `${bundle['The sandbox exited with code {0} before it was ready.'].replace('{0}', '3')} Error: cannot find module ./engine`);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
