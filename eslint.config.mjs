// Lint enforces the process boundaries: shared/ imports nothing outside itself; renderer/ never
// reaches Node, Electron or database drivers; raw ipcMain/ipcRenderer live only in the transports.
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const NODE_BUILTINS = ['fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'stream', 'url', 'util', 'worker_threads', 'zlib', 'events', 'buffer', 'readline', 'tls', 'dns', 'module', 'process', 'v8', 'vm'];
const nodePatterns = [...NODE_BUILTINS, ...NODE_BUILTINS.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.bench/**', 'build/*.mjs', 'bin/**', 'eslint.config.mjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Audit data is hostile: render it as text, never as HTML.' }],
      eqeqeq: ['error', 'smart'],
      curly: 'error',
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
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
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
