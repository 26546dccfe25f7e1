/**
 * Finds which database tables each lib names (issue 9 §1): SQL in string and template literals
 * (FROM / JOIN / UPDATE / INSERT INTO / DELETE FROM / TRUNCATE / REFERENCES, comma-joined tables),
 * TypeORM query-builder calls with a table name (`.from('x')`, `.into('x')`, `.update('x')`, `.delete().from('x')`),
 * `@Entity('x')` decorators, and the use of another lib's entity class (`getRepository(HireEntity)`).
 * Used by table-ownership.spec.ts; `npx ts-node -T test/architecture/table-scan.ts` prints the pairs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

export const ROOT = process.env.TABLE_SCAN_ROOT ? path.resolve(process.env.TABLE_SCAN_ROOT) : path.resolve(__dirname, '../..');

export interface TableUse {
  lib: string;
  table: string;
  file: string; // relative to the repo root
  line: number;
  how: 'sql' | 'query-builder' | 'entity' | 'entity-class';
}

/** Every table the migrations create. */
export function migrationTables(): string[] {
  const dir = path.join(ROOT, 'migrations');
  const tables = new Set<string>();
  for (const f of fs.readdirSync(dir)) {
    if (!/^\d+-.*\.ts$/.test(f)) continue;
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    for (const m of text.matchAll(/CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?"?([a-z_][a-z0-9_]*)"?/gi)) tables.add(m[1]);
  }
  return [...tables].sort();
}

/** The owning lib of every table, read from the table in docs/CONTEXTS.md (`| table | lib |` rows). */
export function ownersFromDocs(): Map<string, string> {
  const text = fs.readFileSync(path.join(ROOT, 'docs/CONTEXTS.md'), 'utf8');
  const start = text.indexOf('<!-- table-owners:start -->');
  const end = text.indexOf('<!-- table-owners:end -->');
  if (start < 0 || end < 0) throw new Error('docs/CONTEXTS.md lacks the table-owners markers');
  const owners = new Map<string, string>();
  for (const line of text.slice(start, end).split('\n')) {
    const m = /^\|\s*`([a-z_][a-z0-9_]*)`\s*\|\s*`?([a-z]+)`?\s*\|/.exec(line);
    if (!m) continue;
    if (owners.has(m[1])) throw new Error(`table ${m[1]} has two rows in docs/CONTEXTS.md`);
    owners.set(m[1], m[2]);
  }
  return owners;
}

/** libs/testing is test infrastructure (its factories write every context's rows): not scanned. */
export const NOT_SCANNED = new Set(['testing']);

export function libNames(): string[] {
  return fs
    .readdirSync(path.join(ROOT, 'libs'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && !NOT_SCANNED.has(d.name) && fs.existsSync(path.join(ROOT, 'libs', d.name, 'src')))
    .map((d) => d.name)
    .sort();
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') && !/\.(spec|e2e-spec)\.ts$/.test(e.name)) out.push(p);
  }
  return out;
}

const SQL_REF =
  /\b(?:FROM|JOIN|UPDATE|INSERT\s+INTO|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?|REFERENCES|ALTER\s+TABLE|LOCK\s+TABLE)\s+(?:ONLY\s+)?((?:"?[a-z_][a-z0-9_]*"?(?:\s+(?:AS\s+)?(?!WHERE\b|ON\b|USING\b|SET\b|JOIN\b|LEFT\b|INNER\b|RIGHT\b|FULL\b|CROSS\b|GROUP\b|ORDER\b|LIMIT\b|WINDOW\b|RETURNING\b|VALUES\b|FOR\b|UNION\b)[a-z_][a-z0-9_]*)?\s*,\s*)*"?[a-z_][a-z0-9_]*"?)/gi;
const QB_CALLS = new Set(['from', 'into', 'update', 'leftJoin', 'innerJoin', 'leftJoinAndSelect', 'innerJoinAndSelect', 'Entity']);

function lineOf(sf: ts.SourceFile, pos: number): number {
  return sf.getLineAndCharacterOfPosition(pos).line + 1;
}

/** Literal text with `${…}` holes replaced by a blank, so SQL around them still reads as SQL. */
function literalText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return node.head.text + node.templateSpans.map((s) => ' ? ' + s.literal.text).join('');
  return undefined;
}

export interface SourceText {
  lib: string;
  rel: string;
  text: string;
}

/** Every lib's non-test .ts files. */
export function libSources(): SourceText[] {
  return libNames().flatMap((lib) =>
    sourceFiles(path.join(ROOT, 'libs', lib, 'src')).map((file) => ({ lib, rel: path.relative(ROOT, file), text: fs.readFileSync(file, 'utf8') })),
  );
}

export function scanLibs(tables: readonly string[]): TableUse[] {
  return scanSources(libSources(), tables);
}

export function scanSources(sources: readonly SourceText[], tables: readonly string[]): TableUse[] {
  const known = new Set(tables);
  const uses: TableUse[] = [];
  // Pass 1: entity classes and their tables, by lib.
  const entityClassTable = new Map<string, { lib: string; table: string }>();
  const parsed: { lib: string; rel: string; sf: ts.SourceFile }[] = [];
  {
    for (const { lib, rel, text } of sources) {
      const sf = ts.createSourceFile(rel, text, ts.ScriptTarget.ES2022, true);
      parsed.push({ lib, rel, sf });
      sf.forEachChild(function visit(node) {
        if (ts.isClassDeclaration(node) && node.name) {
          for (const d of ts.getDecorators(node) ?? []) {
            const e = d.expression;
            if (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'Entity') {
              const a = e.arguments[0];
              const name = a && ts.isStringLiteral(a) ? a.text : undefined;
              if (name) entityClassTable.set(node.name.text, { lib, table: name });
            }
          }
        }
        node.forEachChild(visit);
      });
    }
  }
  // Pass 2: references.
  for (const { lib, rel, sf } of parsed) {
    const add = (table: string, pos: number, how: TableUse['how']) => {
      if (known.has(table)) uses.push({ lib, table, file: rel, line: lineOf(sf, pos), how });
    };
    const importedNames = new Set<string>();
    for (const st of sf.statements) {
      if (ts.isImportDeclaration(st) && st.importClause?.namedBindings && ts.isNamedImports(st.importClause.namedBindings)) {
        for (const el of st.importClause.namedBindings.elements) importedNames.add(el.name.text);
      }
    }
    const visit = (node: ts.Node): void => {
      const text = literalText(node);
      if (text !== undefined) {
        const parent = node.parent;
        const call =
          parent && ts.isCallExpression(parent) && parent.arguments[0] === node
            ? ts.isPropertyAccessExpression(parent.expression)
              ? parent.expression.name.text
              : ts.isIdentifier(parent.expression)
                ? parent.expression.text
                : undefined
            : undefined;
        if (call && QB_CALLS.has(call) && /^[a-z_][a-z0-9_]*$/.test(text)) {
          add(text, node.getStart(sf), call === 'Entity' ? 'entity' : 'query-builder');
        } else {
          for (const m of text.matchAll(SQL_REF)) {
            for (const part of m[1].split(',')) {
              const name = part.trim().split(/\s+/)[0].replace(/"/g, '');
              add(name, node.getStart(sf) + (m.index ?? 0), 'sql');
            }
          }
        }
      }
      // A value use of another lib's entity class (getRepository(X), m.find(X, …)); a type annotation names no table.
      if (
        ts.isIdentifier(node) &&
        importedNames.has(node.text) &&
        !ts.isImportSpecifier(node.parent) &&
        !ts.isTypeReferenceNode(node.parent) &&
        !ts.isExpressionWithTypeArguments(node.parent) &&
        !ts.isTypeQueryNode(node.parent)
      ) {
        const ent = entityClassTable.get(node.text);
        if (ent && ent.lib !== lib) add(ent.table, node.getStart(sf), 'entity-class');
      }
      node.forEachChild(visit);
    };
    sf.forEachChild(visit);
  }
  return uses;
}

/** (lib, table) pairs where the lib is not the table's owner, with where they occur. */
export function foreignPairs(uses: TableUse[], owners: Map<string, string>): Map<string, TableUse[]> {
  const pairs = new Map<string, TableUse[]>();
  for (const u of uses) {
    const owner = owners.get(u.table);
    if (owner === undefined || owner === u.lib) continue;
    const key = `${u.lib} ${u.table}`;
    pairs.set(key, [...(pairs.get(key) ?? []), u]);
  }
  return new Map([...pairs.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

if (require.main === module) {
  const tables = migrationTables();
  let owners: Map<string, string>;
  try {
    owners = ownersFromDocs();
  } catch {
    owners = new Map();
  }
  const uses = scanLibs(tables);
  if (process.argv.includes('--raw')) {
    const byTable = new Map<string, Set<string>>();
    for (const u of uses) byTable.set(u.table, (byTable.get(u.table) ?? new Set()).add(u.lib));
    for (const t of tables) console.log(t.padEnd(32), [...(byTable.get(t) ?? [])].join(' '));
  } else {
    const pairs = foreignPairs(uses, owners);
    for (const [k, us] of pairs) console.log(k.padEnd(40), us.map((u) => `${u.file}:${u.line}`).join(' '));
    console.log(`${pairs.size} (lib, table) pairs outside the owner`);
  }
}
