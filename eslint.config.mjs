// Lint rules that protect the architecture: host-free folders must stay testable in plain Node
// (and the expression engine in the browser), so they may not import `vscode`.
import tseslint from 'typescript-eslint';

const hostFree = ['src/graph/**', 'src/expressions/**', 'src/sandbox/**', 'src/shared/**'];

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
  {
    files: hostFree,
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'This folder is host-free: it must not import vscode.' }] }],
    },
  },
  {
    // The activity stream's logic is host-free (tested in plain Node); only these files face VS Code.
    files: ['src/activity/**'],
    ignores: ['src/activity/activityStreamer.ts', 'src/activity/activityCommands.ts', 'src/activity/activityDetailsProvider.ts', 'src/activity/localizedWords.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'The activity logic is host-free: only the streamer, commands, details provider and words import vscode.' }] }],
    },
  },
  {
    files: ['src/expressions/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'The expression engine is host-free and runs in the webview.' }],
        patterns: [{ group: ['node:*', 'fs', 'path', 'os', 'crypto', 'http', 'https', 'child_process'], message: 'The expression engine runs in the browser too: no Node-only imports.' }],
      }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly', performance: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
