/**
 * The lint gate of issue 9 §2 (eslint.config.mjs) catches what it claims to: each snippet below is linted as if it were
 * a real file of the repository, with the repository's own config, and must raise exactly the expected rules.
 * Module boundaries: apps → libs through `@app/<name>`; a lib → another lib only through its index; no lib → app;
 * test/, tools/, bench/ never into a lib's internals (libs/testing is open). Plus the type-aware no-floating-promises.
 */
import { execFileSync } from 'child_process';
import { join } from 'path';

const ROOT = join(__dirname, '..', '..');

type Case = { name: string; file: string; code: string; expect: string[] };

// Each file must exist (the type-aware rules need a file of the TypeScript project); its text is replaced by `code`.
const CASES: Case[] = [
  {
    name: 'a lib imports another lib through @app/<name>',
    file: 'libs/employers/src/index.ts',
    code: `import { Clock } from '@app/core';\nexport const c = Clock;\n`,
    expect: [],
  },
  {
    name: 'a lib imports its own files by relative path',
    file: 'libs/employers/src/index.ts',
    code: `export * from './employers.module';\n`,
    expect: [],
  },
  {
    name: 'a lib reaches into another lib by relative path',
    file: 'libs/employers/src/index.ts',
    code: `import { Clock } from '../../core/src/clock/clock';\nexport const c = Clock;\n`,
    expect: ['boundaries/dependencies'],
  },
  {
    name: 'a deep @app/<name>/... import',
    file: 'libs/employers/src/index.ts',
    code: `import { Clock } from '@app/core/clock/clock';\nexport const c = Clock;\n`,
    expect: ['no-restricted-imports'],
  },
  {
    name: 'a lib imports an app',
    file: 'libs/talent/src/index.ts',
    code: `import { ApiModule } from '../../../apps/api/src/api.module';\nexport const m = ApiModule;\n`,
    expect: ['boundaries/dependencies'],
  },
  {
    name: 'a lib imports tools/ (only its specs may)',
    file: 'libs/schools/src/index.ts',
    code: `import { FIXTURE_REGION_CODES } from '../../../tools/fixtures/graduate-fixtures';\nexport const c = FIXTURE_REGION_CODES;\n`,
    expect: ['boundaries/dependencies'],
  },
  {
    name: 'an app imports another app',
    file: 'apps/worker/src/main.ts',
    code: `import { ApiModule } from '../../api/src/api.module';\nexport const m = ApiModule;\n`,
    expect: ['boundaries/dependencies'],
  },
  {
    name: 'an app reaches into a lib',
    file: 'apps/worker/src/main.ts',
    code: `import { Clock } from '../../../libs/core/src/clock/clock';\nexport const c = Clock;\n`,
    expect: ['boundaries/dependencies'],
  },
  {
    name: 'a test uses @app/<name> and libs/testing',
    file: 'test/auth.e2e-spec.ts',
    code: `import { Role } from '@app/core';\nimport { createTestApi } from '@app/testing';\nimport { adminDatabaseUrl } from '../libs/testing/src/test-database';\nexport const all = [Role, createTestApi, adminDatabaseUrl];\n`,
    expect: [],
  },
  {
    name: 'a test reaches into a lib',
    file: 'test/auth.e2e-spec.ts',
    code: `import { Clock } from '../libs/core/src/clock/clock';\nexport const c = Clock;\n`,
    expect: ['boundaries/dependencies'],
  },
  {
    name: 'a tool reaches into a lib (not one of the listed exceptions)',
    file: 'tools/print-schema.ts',
    code: `import { Clock } from '../libs/core/src/clock/clock';\nexport const c = Clock;\n`,
    expect: ['boundaries/dependencies'],
  },
  {
    name: 'a floating promise',
    file: 'libs/employers/src/index.ts',
    code: `async function work(): Promise<number> {\n  return 1;\n}\nexport function go(): void {\n  work();\n}\n`,
    expect: ['@typescript-eslint/no-floating-promises'],
  },
];

describe('eslint.config.mjs: module boundaries and type-aware rules', () => {
  let results: { rule: string; line: number; message: string }[][];

  beforeAll(() => {
    const out = execFileSync(process.execPath, [join(__dirname, 'lint-text.mjs')], {
      cwd: ROOT,
      input: JSON.stringify(CASES.map(({ file, code }) => ({ file, code }))),
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    });
    results = JSON.parse(out);
  }, 120_000);

  it.each(CASES.map((c, i) => [c.name, i] as const))('%s', (_name, i) => {
    expect(results[i].map((m) => m.rule).sort()).toEqual([...CASES[i].expect].sort());
  });
});
