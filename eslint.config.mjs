// ESLint 9 flat config: typescript-eslint over apps/, libs/, test/, tools/, bench/ and migrations/, plus the module
// boundaries of docs ARCHITECTURE.md (conventions 1 and 15) checked by eslint-plugin-boundaries.
// Formatting is Prettier's job (.prettierrc.json); `npm run lint` runs both.
import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import pluginVue from 'eslint-plugin-vue';
import tseslint from 'typescript-eslint';

// ---------------------------------------------------------------------------------------------------------------
// Module boundaries
//
// Elements: every lib (libs/<name>), every app (apps/<name>), and the folders around them.
// A lib's public face is libs/<name>/src/index.ts, imported as `@app/<name>`.
//   - apps → libs through `@app/<name>` only; an app never imports another app, except the one below.
//   - a lib imports another lib only through `@app/<name>` (never `@app/<name>/...` nor a relative path into it);
//     a lib never imports an app, nor test/, tools/ or bench/ (migrations/ it does: the data-source options list them).
//   - test/, tools/, bench/ and migrations/ use `@app/<name>` or libs/testing, not a lib's internals.
// Known exceptions, each with its reason, are listed in BOUNDARY_EXCEPTIONS: a new deep import fails the lint.
const LIB_ENTRY = 'src/index.ts';

/** Files allowed to reach into a lib's internals (or an app), and why. Keep this list short; fix rather than add. */
const BOUNDARY_EXCEPTIONS = [
  {
    // The test-database helpers are loaded by jest's globalSetup, which runs without moduleNameMapper, so they cannot
    // use `@app/core`; they only need the config and the data-source options.
    files: ['libs/testing/src/test-database.ts', 'libs/testing/src/global-setup.ts', 'libs/testing/src/isolated-database.ts'],
    reason: 'jest globalSetup runs without moduleNameMapper',
  },
  {
    // libs/testing boots the real API for end-to-end tests: it is test support, not a bounded context, and is only
    // imported by tests. Importing the app module from here is the point of the file.
    files: ['libs/testing/src/test-app.ts'],
    reason: 'the test app is the API itself',
  },
  {
    // TypeORM's CLI (`migration:revert`) and the `db:create` / `migration:run` scripts run under plain ts-node without
    // tsconfig-paths, and must not load the whole Nest graph of @app/core just to connect: they import the config and
    // data-source options files directly.
    files: ['migrations/data-source.ts', 'tools/db/*.ts'],
    reason: 'ts-node without tsconfig-paths; no Nest graph for a DB connection',
  },
  {
    // The seed takes what it needs from the libs without booting Nest (tools/seed/seed-deps.ts), the fixture generator
    // is a plain script, and the benchmarks measure one internal component (the candidate index, the graduate file
    // reader) in isolation, below the public service API.
    files: ['tools/seed/*.ts', 'tools/fixtures/*.ts', 'bench/**/*.ts'],
    reason: 'scripts/benchmarks of internal components',
  },
  {
    // These tests use an internal its lib's index does not export: CHECKIN_STEP_MS (the check-in code's rotation step)
    // and readGraduateFile (the file reader below the import service).
    files: ['test/web/staff.e2e-spec.ts', 'test/schools/graduate-import.e2e-spec.ts'],
    reason: 'tests of lib internals not exposed by the index',
  },
  {
    // The interview pages' media session (and the booth video built on it) share the signalling protocol types and
    // constants with the media app: one definition of the wire protocol for both ends.
    files: ['apps/web/src/interview/*.ts'],
    reason: 'one wire protocol for the media app and its pages',
  },
  {
    // Unit specs and their helpers may use the committed fixture generators in tools/fixtures.
    files: ['libs/**/*.spec.ts', 'libs/**/*.test-helpers.ts'],
    reason: 'specs use the committed fixture generators',
  },
];

const boundaryConfig = {
  files: ['apps/**/*.{ts,mjs,js}', 'libs/**/*.ts', 'test/**/*.ts', 'tools/**/*.ts', 'bench/**/*.ts', 'migrations/**/*.ts'],
  plugins: { boundaries },
  settings: {
    'import/resolver': { typescript: { project: './tsconfig.json' }, node: true },
    'boundaries/include': ['apps/**', 'libs/**', 'test/**', 'tools/**', 'bench/**', 'migrations/**'],
    'boundaries/elements': [
      { type: 'lib', pattern: 'libs/*', capture: ['name'] },
      { type: 'app', pattern: 'apps/*', capture: ['name'] },
      { type: 'outside', pattern: '{test,tools,bench,migrations}', capture: ['name'] },
    ],
  },
  rules: {
    'boundaries/dependencies': [
      2,
      {
        default: 'allow',
        policies: [
          {
            // a lib → another lib's internals (deep `@app/x/...` or a relative path into it)
            from: { element: { type: 'lib' } },
            disallow: { to: { element: { type: 'lib', fileInternalPath: `!${LIB_ENTRY}`, captured: { name: '!{{ from.element.captured.name }}' } } } },
            message: 'A lib imports another lib only through `@app/<name>` (its src/index.ts), never its internal files.',
          },
          {
            from: { element: { type: 'lib' } },
            disallow: { to: { element: { type: 'app' } } },
            message: 'A lib never imports an app.',
          },
          {
            from: { element: { type: 'lib' } },
            disallow: { to: { element: { type: 'outside', captured: { name: '!migrations' } } } },
            message: 'A lib never imports test/, tools/ or bench/.',
          },
          {
            from: { element: { type: 'app' } },
            disallow: { to: { element: { type: 'app', captured: { name: '!{{ from.element.captured.name }}' } } } },
            message: 'An app never imports another app; shared code belongs in a lib.',
          },
          {
            // apps, test/, tools/, bench/, migrations/ → a lib's internals; libs/testing is test support and open to all
            from: { element: { types: ['app', 'outside'] } },
            disallow: { to: { element: { type: 'lib', fileInternalPath: `!${LIB_ENTRY}`, captured: { name: '!testing' } } } },
            message: 'Outside a lib, import it only through `@app/<name>` (its src/index.ts), or libs/testing.',
          },
        ],
      },
    ],
  },
};

export default defineConfig(
  {
    // apps/web/src/*/gql: GraphQL Code Generator's output (apps/web/build.mjs), not committed.
    ignores: ['**/node_modules/**', '**/dist/**', 'coverage/**', 'apps/web/public/**', 'apps/web/src/*/gql/**'],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      // Unhandled promises lose errors silently (a worker job, an outbox publish): the type-aware check is worth its cost.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
      // `_`-prefixed names are deliberately unused (destructuring to omit a field, a required callback parameter).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // `@app/<name>/...` would bypass a lib's index (tsconfig paths map `@app/<name>` only, so tsc rejects it too).
      'no-restricted-imports': ['error', { patterns: [{ regex: '^@app/[^/]+/', message: 'Import a lib only through `@app/<name>` (its index.ts).' }] }],
      // A warning, not an error, in apps/ and libs/: most are rows of raw `dataSource.query()` (typed `any` by TypeORM);
      // they get row types as the SQL moves into typed repositories (ARCHITECTURE 14). Off in tests/tools/bench below.
      '@typescript-eslint/no-explicit-any': 'warn',
    },
  },
  {
    // The pages run in the browser (Vite bundles them); type-aware through apps/web/tsconfig.json.
    files: ['apps/web/src/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  // Vue single-file components: the plugin's essential rules (errors, not style: Prettier formats the templates), the
  // script blocks parsed by typescript-eslint without type information (vue-tsc type-checks them in the build).
  ...pluginVue.configs['flat/essential'].map((c) => ({ ...c, files: ['apps/web/**/*.vue'] })),
  {
    files: ['apps/web/**/*.vue'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'], sourceType: 'module', projectService: false },
    },
  },
  {
    // Scripts and build configs (apps/web/codegen.ts is read by GraphQL Code Generator, outside any tsconfig).
    files: ['**/*.{mjs,mts,js}', 'apps/web/codegen.ts'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: { ...globals.node } },
  },
  {
    files: ['jest.config.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Tests, scripts and benchmarks read untyped GraphQL/JSON responses and SQL rows: typing each one is noise.
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts', 'libs/testing/**/*.ts', 'tools/**/*.ts', 'bench/**/*.ts'],
    languageOptions: { globals: { ...globals.jest } },
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  boundaryConfig,
  {
    // The exceptions above: the boundary rule is off for these files only.
    files: BOUNDARY_EXCEPTIONS.flatMap((e) => e.files),
    rules: { 'boundaries/dependencies': 'off' },
  },
);
