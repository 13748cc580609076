// Lint enforces the process boundaries: shared/ imports nothing outside itself; renderer/ never
// reaches Node, Electron or database drivers; raw ipcMain/ipcRenderer live only in the transports.
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const NODE_BUILTINS = ['fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'stream', 'url', 'util', 'worker_threads', 'zlib', 'events', 'buffer', 'readline', 'tls', 'dns', 'module', 'process', 'v8', 'vm'];
const nodePatterns = [...NODE_BUILTINS, ...NODE_BUILTINS.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.bench/**', 'build/*.mjs', 'bin/**', 'eslint.config.mjs'] },
  // Type-aware: each file is checked with its runtime's tsconfig (shared, electron, renderer, test).
  ...tseslint.configs.recommendedTypeChecked,
  { languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } } },
  // Plain JavaScript scripts (benches, the test runner) belong to no tsconfig: linted without types.
  { files: ['**/*.mjs', '**/*.cjs', '**/*.js'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    rules: {
      // Contract handlers and sources implement async interfaces; an async function without await
      // is how they turn a thrown AuditlensError into a rejection that dispatch reports.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Audit data is hostile: render it as text, never as HTML.' }],
      eqeqeq: ['error', 'smart'],
      curly: 'error',
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // Vitest types its asymmetric matchers (expect.any, expect.stringMatching) as any, so every
      // toEqual({ id: expect.any(String) }) would read as an unsafe assignment.
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['../../electron/*', '../../renderer/*', '../../../electron/*', '../../../renderer/*', '**/electron/**', '**/renderer/**'], message: 'shared/ imports nothing outside itself.' },
          { group: nodePatterns, message: 'shared/ is pure TypeScript for both processes: no Node built-ins.' },
          { group: ['electron', 'better-sqlite3', 'pg', 'react', 'react-dom'], message: 'shared/ may not depend on a runtime.' },
        ],
      }],
    },
  },
  { files: ['renderer/**/*.ts', 'renderer/**/*.tsx'], ...reactHooks.configs.flat['recommended-latest'] },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/electron/**', '../electron/*', '../../electron/*', '../../../electron/*'], message: 'renderer/ and electron/ never import each other; talk through shared/api.' },
          { group: nodePatterns, message: 'The renderer has no Node.' },
          { group: ['electron', 'better-sqlite3', 'pg'], message: 'The renderer reaches data only through the API client.' },
        ],
      }],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Audit data is hostile: render it as text, never as HTML.' },
        { selector: 'MemberExpression[property.name=/^ipc(Main|Renderer)$/]', message: 'Raw IPC lives only in electron/api/ipc-transport.ts and electron/preload.ts.' },
      ],
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/renderer/**', '../renderer/*', '../../renderer/*'], message: 'electron/ and renderer/ never import each other.' }],
        paths: [{ name: 'electron', importNames: ['ipcMain', 'ipcRenderer'], message: 'Raw IPC lives only in electron/api/ipc-transport.ts and electron/preload.ts.' }],
      }],
    },
  },
  {
    files: ['electron/api/ipc-transport.ts', 'electron/preload.ts', 'electron/shell/electron-surface.ts'],
    rules: { 'no-restricted-imports': 'off', 'no-restricted-syntax': 'off' },
  },
);
