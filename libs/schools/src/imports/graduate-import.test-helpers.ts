/* Shared by the *.spec.ts files in this folder (not used by production code). */
import * as fs from 'fs';
import * as path from 'path';
import { readGraduateFile, GraduateFile, ReadGraduateFileOptions, GraduateFileRow } from './graduate-file-reader';
import { GraduateRecord, GraduateRowError, GraduateRowWarning, defaultValidatorDeps, validateGraduateFile } from './graduate-row-validator';
import { FIXTURE_REGION_CODES, FixtureExpectation } from '../../../../tools/fixtures/graduate-fixtures';

export const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/graduates');
export const fixture = (name: string) => path.join(FIXTURES, name);

export const MANIFEST: FixtureExpectation[] = JSON.parse(fs.readFileSync(fixture('manifest.json'), 'utf8'));
export const expectation = (file: string): FixtureExpectation => {
  const e = MANIFEST.find((m) => m.file === file);
  if (!e) throw new Error(`no manifest entry for ${file}`);
  return e;
};

/** Fixed "today" so year ranges and birth dates do not drift. */
export const TODAY = new Date('2026-07-01T00:00:00Z');
const KNOWN = new Set<string>(FIXTURE_REGION_CODES);
export const regionKnown = (code: string) => KNOWN.has(code);
export const deps = defaultValidatorDeps(regionKnown, TODAY);

export interface Processed {
  file: GraduateFile;
  rows: GraduateFileRow[];
  records: GraduateRecord[];
  errors: GraduateRowError[];
  warnings: GraduateRowWarning[];
}

export async function processFile(name: string, opts?: ReadGraduateFileOptions): Promise<Processed> {
  const file = await readGraduateFile(fixture(name), name, opts);
  const out: Processed = { file, rows: [], records: [], errors: [], warnings: [] };
  for await (const { row, result } of validateGraduateFile(file, deps)) {
    out.rows.push(row);
    out.warnings.push(...result.warnings);
    if (result.ok) out.records.push(result.record);
    else out.errors.push(...result.errors);
  }
  return out;
}

export const errorKey = (e: { row: number; column: string; code: string }) => `${e.row}:${e.column}:${e.code}`;
