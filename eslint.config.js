// The lint half of `npm run check`. Besides the usual rules, it encodes the architecture
// (docs/ARCHITECTURE.md): no import cycles, the rooms of the pure core import only rooms below
// them, and only the shell (src/cli, src/files, src/build, src/report/pdf.ts) touches the disk,
// the process or the browser.
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/** The rooms of src/, from the bottom up: a room imports only rooms before it. */
const ROOMS = [
  'findings',
  'util',
  'edition',
  'ingest',
  'territory',
  'scoring',
  'decisions',
  'history',
  'output',
  'report',
  'simulator',
  'files',
  'build',
  'cli',
];
/** Rooms of the same height may not import each other either way, except as listed here. */
const SHELL = new Set(['files', 'build', 'cli']);

const SYSTEM_MODULES = [
  'fs',
  'node:fs',
  'fs/promises',
  'node:fs/promises',
  'child_process',
  'node:child_process',
  'os',
  'node:os',
  'http',
  'node:http',
  'https',
  'node:https',
  'net',
  'node:net',
  'tls',
  'node:tls',
  'puppeteer-core',
  '@puppeteer/browsers',
];

const PROCESS_GLOBAL = { name: 'process', message: 'the pure core gets its environment, streams and clock as arguments (src/cli/io.ts)' };
/** The browser's globals: only the self-assessment page's own script (src/simulator/page.ts) touches them. */
const PAGE_GLOBALS = ['document', 'window', 'localStorage', 'navigator', 'location'].map((name) => ({
  name,
  message: 'the pure core has no page: the browser side of the simulator is src/simulator/page.ts',
}));

/** What a room may not import: the rooms above it, and for the core, the system. */
function roomRules(room) {
  const above = ROOMS.slice(ROOMS.indexOf(room) + 1).filter((r) => !(room === 'files' && r === 'build'));
  const core = !SHELL.has(room);
  return {
    files: [`src/${room}/**/*.ts`],
    ignores: room === 'report' ? ['src/report/pdf.ts'] : [],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: core
            ? SYSTEM_MODULES.map((name) => ({
                name,
                message: 'the pure core reads no file, starts no process and opens no connection: do it in src/files or src/cli and pass the data in',
              }))
            : [],
          patterns: [
            ...above.map((r) => ({
              group: [`../${r}/*`, `../../${r}/*`, `../${r}`, `../../${r}`],
              message: `src/${room} is below src/${r}: dependencies run one way (docs/ARCHITECTURE.md)`,
            })),
            ...(core ? [{ group: ['**/report/pdf.js'], message: 'the browser belongs to the shell' }] : []),
          ],
        },
      ],
      ...(core
        ? {
            'no-restricted-globals': ['error', PROCESS_GLOBAL, ...PAGE_GLOBALS],
          }
        : {}),
    },
  };
}

export default tseslint.config(
  { ignores: ['dist/', 'out/', 'bench/tmp/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    languageOptions: { parserOptions: { ecmaVersion: 2022, sourceType: 'module' } },
    settings: {
      'import-x/extensions': ['.ts', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.test.json' })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      // tnl matches control characters on purpose: terminal escapes, and refusing them in tokens and revisions.
      'no-control-regex': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  ...ROOMS.map(roomRules),
  {
    // The simulator page's script: the browser's shell, as src/report/pdf.ts is Chromium's.
    files: ['src/simulator/page.ts'],
    rules: { 'no-restricted-globals': ['error', PROCESS_GLOBAL] },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly', setTimeout: 'readonly' } },
  },
  {
    // The entry shim is CommonJS: Node's ES module loader is not started at all (docs/speed.md).
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { process: 'readonly', Buffer: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly', __filename: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
