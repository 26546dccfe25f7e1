/**
 * Issue 8 §4: uploads that cannot take the service down. The three hostile
 * workbooks of the issue are built here (tools/fixtures/hostile-xlsx.ts, each
 * well under 2 MB and a second to make) and uploaded through the real API;
 * the worker runs in this process, so a file that got through would take this
 * test down with it. A worker process that dies mid-import is a real child
 * process killed with SIGKILL.
 */
import { makeResidentId } from '@app/core';
import { applyTo, createTestApi, moveTo, openPosting, operator, seekerWithProfile, tenantWithHr, TestApi, useIsolatedDatabase } from '@app/testing';
import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ChildProcess, spawn } from 'child_process';
import * as path from 'path';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { farColumnCell, inflatingSheet, lyingSheet, sharedStringsBomb } from '../../tools/fixtures/hostile-xlsx';
import { GraduateImportService, GraduateUploadStore, IMPORT_CRASHED, MAX_IMPORT_CRASHES } from '@app/schools';
import { csv, CSV_HEADER, importFile, schoolWithAdmin, upload, waitFor, waitForImport } from './schools-helpers';

const ROOT = path.resolve(__dirname, '../..');

/** A valid list of `n` graduates (unique ID numbers). */
function bigList(n: number): string {
  const rows = [CSV_HEADER];
  for (let i = 0; i < n; i++) {
    const birth = new Date(Date.UTC(2002, 0, 1) + Math.floor(i / 900) * 86400000).toISOString().slice(0, 10);
    rows.push([
      `学生${i}`,
      makeResidentId('150902', birth, i % 900),
      i % 2 ? '男' : '女',
      '',
      '现代物流管理',
      '大专',
      '2025',
      '物流2201班',
      String(100000 + i),
    ]);
  }
  return csv(rows);
}

describe('hostile uploads cannot take the API or the worker down (real PostgreSQL + Redis)', () => {
  let api: TestApi;
  let worker: INestApplicationContext | null = null;
  let school: Awaited<ReturnType<typeof schoolWithAdmin>>;
  let op: string;
  let dropDatabase: () => Promise<void>;
  const children: ChildProcess[] = [];

  const importRow = async (id: string) =>
    (await api.db.query(`SELECT status, attempts, unfinished_attempts, rows_processed, error_code FROM graduate_imports WHERE id = $1`, [id]))[0];

  beforeAll(async () => {
    // Its own database: other test files' workers sweep unfinished imports of the run's shared database.
    dropDatabase = await useIsolatedDatabase();
    api = await createTestApi();
    op = await operator(api);
    school = await schoolWithAdmin(api, op);
  }, 60000);
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await worker?.close();
    await api.close();
    await dropDatabase();
  });

  it(`a worker that dies mid-import ${MAX_IMPORT_CRASHES} times: the import ends FAILED with a clear reason instead of looping; committed rows stay`, async () => {
    // Queued through the API while no worker of this file's queue runs yet.
    const r = await upload(api, school.token, bigList(30_000), '大名单.csv');
    expect(r.status).toBe(202);
    const id: string = r.body.id;

    let committed = 0;
    for (let crash = 1; crash <= MAX_IMPORT_CRASHES; crash++) {
      const child = spawn(process.execPath, ['-r', 'tsconfig-paths/register', '-r', 'ts-node/register/transpile-only', 'test/schools/import-child.ts', id], {
        cwd: ROOT,
        env: { ...process.env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.push(child);
      let out = '';
      child.stdout!.on('data', (d) => (out += d));
      child.stderr!.on('data', (d) => (out += d));
      const exited = new Promise((resolve) => child.on('exit', resolve));
      // killed once it has claimed the import and committed more rows than before: really in the middle of it
      const before = committed;
      await waitFor(async () => {
        const row = await importRow(id);
        if (child.exitCode !== null) throw new Error(`the import process ended by itself: ${out}`);
        return row.unfinished_attempts === crash && row.rows_processed > before;
      }, 90000);
      child.kill('SIGKILL');
      await exited;
      expect(child.signalCode).toBe('SIGKILL');
      const row = await importRow(id);
      expect(row).toMatchObject({ status: 'PROCESSING', attempts: crash, unfinished_attempts: crash });
      expect(row.rows_processed).toBeLessThan(30_000);
      committed = row.rows_processed;
    }

    // The real worker starts: the queued job (and the sweep) meet an import whose last 3 attempts never came back.
    worker = await (await Test.createTestingModule({ imports: [WorkerModule] }).compile()).init();
    const done = await waitForImport(api, school.token, id);
    expect(done).toMatchObject({
      status: 'FAILED',
      errorCode: 'IMPORT_CRASHED',
      errorMessage: IMPORT_CRASHED.messageZh,
      errorMessageEn: IMPORT_CRASHED.messageEn,
    });
    expect(done.errorMessage).toContain(`${MAX_IMPORT_CRASHES} 次意外中止`);
    expect(done.rowsProcessed).toBe(committed); // what was committed before the crashes is kept
    const [c] = await api.db.query(`SELECT created_count, updated_count, unchanged_count, rejected_count FROM graduate_imports WHERE id = $1`, [id]);
    expect(c.created_count + c.updated_count + c.unchanged_count + c.rejected_count).toBe(committed);
    const [{ n }] = await api.db.query(`SELECT count(*)::int AS n FROM graduate_import_rejections WHERE import_id = $1`, [id]);
    expect(n).toBe(c.rejected_count);
    // the stored upload is gone and a later sweep leaves the import alone
    expect(await api.db.query(`SELECT 1 FROM graduate_import_files WHERE import_id = $1`, [id])).toHaveLength(0);
    const { GraduateImportProcessor } = await import('../../apps/worker/src/processors/graduate-import.processor');
    await worker.get(GraduateImportProcessor).sweep();
    await new Promise((res) => setTimeout(res, 500));
    expect(await importRow(id)).toMatchObject({ status: 'FAILED', error_code: 'IMPORT_CRASHED', attempts: MAX_IMPORT_CRASHES });
  }, 240000);

  it('a shared-strings bomb and a sheet that inflates to 300 MB are refused in the upload request, before anything is inflated or stored', async () => {
    if (!worker) worker = await (await Test.createTestingModule({ imports: [WorkerModule] }).compile()).init();
    const before = (await api.db.query(`SELECT count(*)::int AS n FROM graduate_imports`))[0].n;
    for (const [name, buf] of [
      ['text-bomb.xlsx', sharedStringsBomb()],
      ['inflating.xlsx', inflatingSheet()],
    ] as const) {
      expect(buf.length).toBeLessThan(2 * 1048576);
      const t = Date.now();
      const r = await upload(api, school.token, buf, name);
      expect(r.status).toBe(422);
      expect(r.body).toMatchObject({ code: 'GRADUATE_FILE_INVALID', field: 'file', details: { fileError: 'UNZIPPED_TOO_LARGE' } });
      expect(r.body.message).toContain('文件解压后超过 200 MB');
      expect(r.body.messageEn).toContain('larger than 200 MB once unzipped');
      expect(Date.now() - t).toBeLessThan(10000);
    }
    expect((await api.db.query(`SELECT count(*)::int AS n FROM graduate_imports`))[0].n).toBe(before);
  });

  it.each([
    ['a value in column XFD (row 25)', () => farColumnCell(30, 25), 'TOO_MANY_COLUMNS', '第 25 行 XFD 列超出了允许的 256 列', 'Column XFD of row 25'],
    [
      'a sheet whose zip headers under-declare 300 MB as 64 KB',
      () => lyingSheet(),
      'SUSPICIOUS_ARCHIVE',
      '解压后的大小与文件声明的不符',
      'inflates to a size other than the one it declares',
    ],
  ])('%s: accepted (its first rows are fine), then the import ends FAILED with the reason', async (_label, make, code, zh, en) => {
    if (!worker) worker = await (await Test.createTestingModule({ imports: [WorkerModule] }).compile()).init();
    const r = await upload(api, school.token, make(), 'hostile.xlsx');
    expect(r.status).toBe(202);
    const done = await waitForImport(api, school.token, r.body.id);
    expect(done).toMatchObject({ status: 'FAILED', errorCode: code });
    expect(done.errorMessage).toContain(zh);
    expect(done.errorMessageEn).toContain(en);
    expect(await api.db.query(`SELECT 1 FROM graduate_import_files WHERE import_id = $1`, [r.body.id])).toHaveLength(0);
  });

  it('a bomb that reached the queue anyway (stored before the limits existed) fails in the worker with the same reason', async () => {
    if (!worker) worker = await (await Test.createTestingModule({ imports: [WorkerModule] }).compile()).init();
    const store = api.app.get(GraduateUploadStore);
    const fs = await import('fs');
    const os = await import('os');
    const local = path.join(os.tmpdir(), `bomb-${process.pid}.xlsx`);
    fs.writeFileSync(local, sharedStringsBomb());
    const now = new Date();
    const id: string = await api.db.transaction(async (m) => {
      const [row] = await m.query(
        `INSERT INTO graduate_imports (school_id, file_name, file_size, file_sha256, format, headers, status, rows_processed, last_row_number, created_count,
                updated_count, unchanged_count, rejected_count, warning_count, attempts, created_at, updated_at)
         VALUES ($1, 'old.xlsx', $2, $3, 'xlsx', '[]', 'QUEUED', 0, 0, 0, 0, 0, 0, 0, 0, $4, $4) RETURNING id`,
        [school.schoolId, fs.statSync(local).size, '0'.repeat(64), now],
      );
      await store.persist(m, row.id, local);
      return row.id;
    });
    fs.rmSync(local);
    await api.app.get(GraduateImportService).enqueue(id);
    const done = await waitForImport(api, school.token, id);
    expect(done).toMatchObject({ status: 'FAILED', errorCode: 'UNZIPPED_TOO_LARGE' });
    expect(done.errorMessage).toContain('文件解压后超过 200 MB');
  });

  it('afterwards the API answers, a normal list imports and the other queues (outbox → notifications) keep flowing', async () => {
    if (!worker) worker = await (await Test.createTestingModule({ imports: [WorkerModule] }).compile()).init();
    expect((await fetch(`${api.url}/health`)).status).toBe(200);
    const ok = await importFile(api, school.token, bigList(50).replace(/学生/g, '正常'), 'normal.csv');
    expect(ok).toMatchObject({ status: 'DONE', rowsProcessed: 50 });
    const { hrToken } = await tenantWithHr(api, op);
    const postingId = await openPosting(api, hrToken, 2);
    const s = await seekerWithProfile(api);
    const appId = await applyTo(api, s.token, postingId);
    await moveTo(api, hrToken, appId, 'INTERVIEW');
    const list = await waitFor(async () => {
      const d = await api.ok(`{ myNotifications { kind title } }`, {}, s.token);
      return d.myNotifications.length ? d.myNotifications : null;
    });
    expect(list[0]).toMatchObject({ kind: 'APPLICATION_STAGE' });
    // the worker process's heap stayed small through all of it (the bombs were never inflated into memory)
    expect(process.memoryUsage().heapUsed).toBeLessThan(1024 * 1048576);
  });
});
