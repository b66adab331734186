import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads', 'crypto', 'url', 'http', 'net', 'stream', 'util', 'events', 'buffer'];

/** Layers by where code runs: src-core is pure, src-main alone touches Node and Electron, src-renderer alone the DOM. */
export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/.cache/**', 'bench/data/**', 'src-core/nn/kernels/assembly/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src-core/**'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: [...nodeBuiltins, 'electron', 'electron/*', 'better-sqlite3', 'piscina', 'ws'], message: 'src-core is pure TypeScript: no Node, DOM or Electron imports.' }] },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'require', 'Buffer', '__dirname'],
    },
  },
  {
    // The data layer stands below the engine: nn may read data's shapes and generators, never the other way.
    files: ['src-core/data/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: [...nodeBuiltins, 'electron', 'electron/*', 'better-sqlite3', 'piscina', 'ws'], message: 'src-core is pure TypeScript: no Node, DOM or Electron imports.' },
            { group: ['**/nn/*', '**/nn'], message: 'src-core/data does not depend on src-core/nn (nn depends on data).' },
          ],
        },
      ],
    },
  },
  {
    files: ['src-renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: [...nodeBuiltins, 'electron', 'electron/*', 'better-sqlite3', 'piscina', 'ws'], message: 'The renderer runs in a sandboxed page: reach the main process through the API client.' }] },
      ],
    },
  },
  {
    files: ['src-main/**', 'test/**', 'bench/**', 'scripts/**', 'bin/**', '*.config.ts', '*.config.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // The store owns its SQLite connection: services and the rest of main call its methods.
    files: ['src-main/**'],
    ignores: ['src-main/store/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[property.name='connection']", message: 'Call a LabStore method; only src-main/store touches the SQLite connection.' },
      ],
    },
  },
);
