/**
 * "Import a list" against the real PostgreSQL (a database of this file's own,
 * so the pool starts empty) and Redis, without HTTP or a worker: the upload is
 * accepted by GraduateImportService, then the use case runs it as the worker's
 * processor would.
 */
import 'reflect-metadata';
import { Actor, AppException, CoreModule, Role } from '@app/core';
import { useIsolatedDatabase } from '@app/testing';
import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomBytes, randomUUID } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DataSource } from 'typeorm';
import { GraduateImportService } from '../../graduate-imports/graduate-import.service';
import { fixture } from '../../imports/graduate-import.test-helpers';
import { SchoolsModule } from '../../schools.module';
import { ImportGraduateListCommand } from './import-graduate-list.command';
import { ImportGraduateListUseCase } from './import-graduate-list.usecase';

let app: INestApplicationContext;
let db: DataSource;
let useCase: ImportGraduateListUseCase;
let imports: GraduateImportService;
let dropDatabase: () => Promise<void>;
const previousPrefix = process.env.QUEUE_PREFIX;

beforeAll(async () => {
  dropDatabase = await useIsolatedDatabase();
  // a queue prefix nobody consumes: no worker of another test file may run these imports first
  process.env.QUEUE_PREFIX = `tcmedium${randomBytes(4).toString('hex')}`;
  const ref = await Test.createTestingModule({ imports: [CoreModule, SchoolsModule] }).compile();
  app = await ref.init();
  db = app.get(DataSource);
  useCase = app.get(ImportGraduateListUseCase);
  imports = app.get(GraduateImportService);
}, 60000);
afterAll(async () => {
  await app?.close();
  process.env.QUEUE_PREFIX = previousPrefix;
  await dropDatabase?.();
});

async function schoolAdmin(): Promise<{ actor: Actor; schoolId: string }> {
  const [s] = await db.query(`INSERT INTO schools (name) VALUES ($1) RETURNING id`, [`乌兰察布职业学院${randomBytes(3).toString('hex')}`]);
  const [u] = await db.query(
    `INSERT INTO users (role, display_name, school_id, username, password_hash) VALUES ('SCHOOL_ADMIN', '教务处', $1, $2, 'x') RETURNING id`,
    [s.id, `school_${randomBytes(4).toString('hex')}`],
  );
  return { schoolId: s.id, actor: { userId: u.id, role: Role.SCHOOL_ADMIN, tenantId: null, schoolId: s.id } };
}

/** What multer would hand the service: a temporary copy (accept() deletes it). */
async function accept(actor: Actor, name: string): Promise<string> {
  const tmp = path.join(os.tmpdir(), `medium-${randomUUID()}`);
  fs.copyFileSync(fixture(name), tmp);
  const model = await imports.accept(actor, { path: tmp, originalName: name, size: fs.statSync(tmp).size });
  expect(model.status).toBe('QUEUED');
  expect(fs.existsSync(tmp)).toBe(false);
  return model.id;
}

const poolOf = async (schoolId: string) =>
  (
    await db.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE ss.status = 'CONFIRMED')::int AS confirmed FROM seeker_schools ss WHERE ss.school_id = $1`,
      [schoolId],
    )
  )[0];
const storedFiles = async (importId: string) => (await db.query(`SELECT count(*)::int AS n FROM graduate_import_files WHERE import_id = $1`, [importId]))[0].n;
const rejectedRows = async (importId: string) =>
  (await db.query(`SELECT row_number FROM graduate_import_rejections WHERE import_id = $1 ORDER BY row_number`, [importId])).map(
    (r: { row_number: number }) => r.row_number,
  );

describe('ImportGraduateListUseCase (real database, no HTTP)', () => {
  it('a small CSV: valid rows become SCHOOL profiles linked to the school, bad rows are kept with their row numbers, the stored upload is dropped', async () => {
    const { actor, schoolId } = await schoolAdmin();
    const importId = await accept(actor, 'bad-check-digits.csv'); // 20 rows, 12 valid
    expect(await storedFiles(importId)).toBe(1);

    const result = await useCase.execute(ImportGraduateListCommand.create({ importId }));
    expect(result).toEqual({
      outcome: 'DONE',
      status: 'DONE',
      rowsProcessed: 20,
      created: 12,
      updated: 0,
      unchanged: 0,
      rejected: 8,
      warnings: expect.any(Number),
      errorCode: null,
    });
    expect(await poolOf(schoolId)).toEqual({ n: 12, confirmed: 12 });
    const [seekers] = await db.query(
      `SELECT count(*)::int AS n, bool_and(s.source = 'SCHOOL' AND NOT s.shared_with_tenants) AS private FROM seekers s JOIN seeker_schools ss ON ss.seeker_id = s.id WHERE ss.school_id = $1`,
      [schoolId],
    );
    expect(seekers).toEqual({ n: 12, private: true });
    const rejected = await rejectedRows(importId);
    expect(rejected).toHaveLength(8);
    expect(rejected.every((r: number) => r >= 2 && r <= 21)).toBe(true);
    expect(await storedFiles(importId)).toBe(0);

    // the job delivered again (a stalled-job retry): nothing runs twice
    expect(await useCase.execute(ImportGraduateListCommand.create({ importId }))).toMatchObject({
      outcome: 'SKIPPED',
      status: 'DONE',
      created: 12,
      rejected: 8,
    });
    expect(await poolOf(schoolId)).toEqual({ n: 12, confirmed: 12 });
  });

  it('a small xlsx in batches of 4: duplicate IDs within the file are refused, the checkpoint reaches the last row; the same list again changes nothing', async () => {
    const { actor, schoolId } = await schoolAdmin();
    const importId = await accept(actor, 'duplicate-ids.xlsx'); // 15 rows; rows 6, 12 and 15 repeat earlier IDs
    const result = await useCase.execute(ImportGraduateListCommand.create({ importId, batchRows: 4 }));
    expect(result).toMatchObject({ outcome: 'DONE', status: 'DONE', rowsProcessed: 15, created: 12, rejected: 3 });
    expect(await rejectedRows(importId)).toEqual([6, 12, 15]);
    const [imp] = await db.query(`SELECT last_row_number, format, sheet_name FROM graduate_imports WHERE id = $1`, [importId]);
    expect(imp).toEqual({ last_row_number: 16, format: 'xlsx', sheet_name: '毕业生名单' });
    const events = async () => (await db.query(`SELECT count(*)::int AS n FROM outbox_events WHERE topic = 'seeker.changed'`))[0].n;
    const before = await events();

    const again = await accept(actor, 'duplicate-ids.xlsx');
    expect(await useCase.execute(ImportGraduateListCommand.create({ importId: again }))).toMatchObject({
      outcome: 'DONE',
      created: 0,
      updated: 0,
      unchanged: 12,
      rejected: 3,
    });
    expect(await poolOf(schoolId)).toEqual({ n: 12, confirmed: 12 });
    expect(await events()).toBe(before);
  });

  it('the command is validated; an unknown import is skipped', async () => {
    const bad = (() => {
      try {
        ImportGraduateListCommand.create({ importId: 'x; DROP TABLE seekers' });
      } catch (e) {
        return e as AppException;
      }
      return null;
    })();
    expect(bad).toMatchObject({ code: 'BAD_USER_INPUT', field: 'importId' });
    expect(() => ImportGraduateListCommand.create({ importId: randomUUID(), batchRows: 0 })).toThrow(AppException);
    expect(await useCase.execute(ImportGraduateListCommand.create({ importId: randomUUID() }))).toMatchObject({
      outcome: 'SKIPPED',
      status: null,
      rowsProcessed: 0,
    });
  });
});
