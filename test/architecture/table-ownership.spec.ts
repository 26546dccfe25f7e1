/**
 * Each context owns its tables (issue 9 §1, ARCHITECTURE.md convention 14). Plain jest, no database: scans every lib's
 * .ts files (SQL in string and template literals, query-builder table names, @Entity names, and value uses of another
 * lib's entity class) and fails when lib X names a table owned by lib Y, unless (X, table) is in
 * table-ownership.allow.ts. The owners come from the table in docs/CONTEXTS.md, which must cover every table the
 * migrations create. libs/testing is test infrastructure (factories write every context's rows) and is not scanned.
 */
import { ALLOWED_TABLE_PAIRS } from './table-ownership.allow';
import { foreignPairs, libNames, migrationTables, ownersFromDocs, scanLibs, scanSources, TableUse } from './table-scan';

describe('each context owns its tables', () => {
  const tables = migrationTables();
  const owners = ownersFromDocs();
  const uses = scanLibs(tables);
  const pairs = foreignPairs(uses, owners);
  const allowed = new Map(ALLOWED_TABLE_PAIRS.map((p) => [`${p.lib} ${p.table}`, p]));

  it('docs/CONTEXTS.md gives exactly one owning lib for every table the migrations create, and no other table', () => {
    expect(tables.length).toBeGreaterThan(30);
    expect([...owners.keys()].sort()).toEqual(tables);
    const libs = new Set(libNames());
    for (const [table, lib] of owners) expect({ table, lib, known: libs.has(lib) }).toEqual({ table, lib, known: true });
  });

  it('every owner names its own tables (the scanner sees them: @Entity or SQL)', () => {
    const seen = new Set(uses.filter((u) => owners.get(u.table) === u.lib).map((u) => u.table));
    // candidate_documents is named through a constructor parameter (PgCandidateIndex's table), not a literal in SQL.
    const unseen = tables.filter((t) => !seen.has(t) && t !== 'candidate_documents');
    expect(unseen).toEqual([]);
  });

  it('no lib names another lib’s table outside the allow-list', () => {
    const offending = [...pairs.entries()]
      .filter(([key]) => !allowed.has(key))
      .map(([key, at]: [string, TableUse[]]) => `${key} (${at.map((u) => `${u.file}:${u.line}`).join(', ')})`);
    expect(offending).toEqual([]);
  });

  it('every allow-list entry has a reason and still occurs (the list shrinks with the code)', () => {
    for (const p of ALLOWED_TABLE_PAIRS) {
      expect({ pair: `${p.lib} ${p.table}`, owner: owners.get(p.table) !== p.lib, reason: p.reason.length > 20 }).toEqual({
        pair: `${p.lib} ${p.table}`,
        owner: true,
        reason: true,
      });
      expect({ pair: `${p.lib} ${p.table}`, occurs: pairs.has(`${p.lib} ${p.table}`) }).toEqual({ pair: `${p.lib} ${p.table}`, occurs: true });
    }
    expect(allowed.size).toBe(ALLOWED_TABLE_PAIRS.length);
  });

  it('the scanner finds every form of naming a table, and not types, words or the owner', () => {
    const owners = new Map([
      ['hires', 'employers'],
      ['tenants', 'employers'],
      ['seekers', 'talent'],
      ['notifications', 'core'],
    ]);
    const sources = [
      { lib: 'employers', rel: 'e.ts', text: `@Entity('hires') export class HireEntity {}\n@Entity('tenants') export class TenantEntity {}` },
      {
        lib: 'schools',
        rel: 's.ts',
        text: [
          `import { HireEntity, TenantEntity } from '@app/employers';`,
          'const a = m.query(`SELECT 1 FROM seekers s, tenants t WHERE s.id = $1`);',
          "const b = m.query('DELETE FROM notifications WHERE user_id = $1');",
          "const c = m.createQueryBuilder().select().from('hires', 'h');",
          'const d = m.getRepository(HireEntity);',
          'function e(t: TenantEntity): void {}', // a type names no table
          "const f = '投递与录用 / Applications and hires';", // words, not SQL
          "const h = m.query('select 1 from seekers where id = $1');", // lower-case SQL counts too
          'const g = `UPDATE ${x} SET a = 1`;',
        ].join('\n'),
      },
    ];
    const found = foreignPairs(scanSources(sources, [...owners.keys()]), owners);
    expect([...found.keys()]).toEqual(['schools hires', 'schools notifications', 'schools seekers', 'schools tenants']);
    expect(
      found
        .get('schools hires')!
        .map((u) => u.how)
        .sort(),
    ).toEqual(['entity-class', 'query-builder']);
    expect(found.get('schools tenants')!.map((u) => u.line)).toEqual([2]);
    expect(found.get('schools seekers')!.map((u) => u.line)).toEqual([2, 8]);
  });
});
