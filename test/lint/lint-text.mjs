// Lints snippets of code as if they were the given files of the repository, with the repository's own eslint.config.mjs.
// stdin: JSON [{ "file": "libs/x/src/index.ts", "code": "..." }]; stdout: JSON [[{ "rule": "...", "line": 1 }], ...].
// A separate process because ESLint loads its flat config with import(), which jest's module sandbox does not offer.
import { ESLint } from 'eslint';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cases = JSON.parse(readFileSync(0, 'utf8'));
const eslint = new ESLint({ cwd: root });
const out = [];
for (const c of cases) {
  const [result] = await eslint.lintText(c.code, { filePath: join(root, c.file) });
  out.push(result.messages.map((m) => ({ rule: m.ruleId, line: m.line, message: m.message })));
}
process.stdout.write(JSON.stringify(out));
