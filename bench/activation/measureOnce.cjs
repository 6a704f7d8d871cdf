// One measurement in a fresh process (no module cache): load dist/extension.js and run activate(),
// optionally also loading dist/graphRuntime.js as an eager extension would. The vscode API is
// replaced by inert stand-ins: what is measured is our bundles' load and activation cost.
const Module = require('node:module');
const { join } = require('node:path');

// Each stand-in answers every property and call with another stand-in, made once and reused, so
// that the stand-ins themselves cost next to nothing next to the code being measured.
function inert() {
  const children = new Map();
  let result;
  const fn = function () {
    return (result ??= inert());
  };
  return new Proxy(fn, {
    get: (_target, key) => {
      if (key === 'then') return undefined;
      if (key === Symbol.toPrimitive) return () => '';
      if (!children.has(key)) children.set(key, inert());
      return children.get(key);
    },
    construct: () => (result ??= inert()),
    set: () => true,
  });
}
// esbuild copies the module's own keys, so the namespaces must be real keys.
const vscode = Object.fromEntries(
  ['window', 'commands', 'workspace', 'languages', 'l10n', 'authentication', 'extensions', 'env', 'Uri', 'EventEmitter', 'StatusBarAlignment', 'TreeItemCollapsibleState', 'TreeItem', 'ThemeIcon', 'MarkdownString', 'ProgressLocation', 'CancellationTokenSource', 'CancellationError', 'Disposable'].map((k) => [k, inert()]),
);
vscode.version = 'bench';
const originalLoad = Module._load;
Module._load = function (request, ...rest) {
  return request === 'vscode' ? vscode : originalLoad.call(this, request, ...rest);
};

const dist = join(__dirname, '..', '..', 'dist');
const eager = process.argv[2] === 'eager';
const context = { subscriptions: [], extension: { id: 'entra-provisioning.entra-provisioning' }, extensionUri: inert(), globalState: inert(), secrets: inert() };
const started = performance.now();
const extension = require(join(dist, 'extension.js'));
if (eager) require(join(dist, 'graphRuntime.js'));
extension.activate(context);
// Read the clock before touching process.stdout: its first access builds the stream (about 2 ms for
// a pipe), which `process.stdout.write(String(performance.now() - started))` would count, since the
// callee is evaluated before its argument.
const elapsed = performance.now() - started;
process.stdout.write(String(elapsed));
// activate() may start timers (status refresh, polling); the measurement is done.
process.exit(0);
