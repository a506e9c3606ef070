// Lint rules that keep the layers apart (DESIGN.md §3): shared imports nothing; ml/workflow/onnx
// never touch electron or SQLite; only ipc/ and the Electron entry touch ipcMain; the renderer
// never imports Node or main-side code.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = ['fs', 'path', 'os', 'child_process', 'worker_threads', 'crypto', 'stream', 'zlib', 'http', 'net'];
const nodeModules = nodeBuiltins.flatMap((m) => [m, `node:${m}`, `node:${m}/*`]);

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['../*', 'electron', 'better-sqlite3', ...nodeModules], message: 'src/shared is the contract: it imports nothing but zod.' }] }],
    },
  },
  {
    files: ['src/main/ml/**', 'src/main/workflow/**', 'src/main/onnx/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['electron', 'better-sqlite3'], patterns: [{ group: ['**/db/*', '**/db/**', '**/ipc/**', '**/hosts/**', '**/services/**'], message: 'ml/, workflow/ and onnx/ reach storage only through repository interfaces.' }] }],
    },
  },
  {
    files: ['src/main/db/**', 'src/main/services/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['electron'], patterns: [{ group: ['**/ipc/**', '**/hosts/**'], message: 'services and db do not know their host.' }] }],
    },
  },
  {
    files: ['src/renderer/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['electron', 'better-sqlite3', 'onnxruntime-node'], patterns: [{ group: [...nodeModules, '**/main/**', '**/preload/**'], message: 'The renderer talks to main only through the typed API.' }] }],
    },
  },
  {
    files: ['src/**'],
    ignores: ['src/main/ipc/**', 'src/main/index.ts', 'src/main/window.ts', 'src/preload/**', 'src/main/electron/**'],
    rules: {
      'no-restricted-syntax': ['error', { selector: "MemberExpression[object.name='ipcMain']", message: 'Only ipc/ touches ipcMain.' }],
    },
  },
);
