import { Role } from '@app/core';
import { readGraduateFile } from '../../libs/schools/src/imports';
import { createTestApi, insertStaff, operator, seekerWithProfile, signInSeeker, signInStaff, tenantWithHr, TestApi, uniquePhone } from '@app/testing';
import { INestApplicationContext } from '@nestjs/common';
import * as ExcelJS from 'exceljs';
import * as fs from 'fs';
import * as path from 'path';
import { Readable } from 'stream';
import { GRADUATE_UPLOAD_DIR } from '../../libs/schools/src/graduate-imports/graduate-upload.store';
import { ImportGraduateListCommand, ImportGraduateListUseCase } from '@app/schools';
import {
  csv,
  CSV_HEADER,
  expectation,
  FIXTURES,
  freshId,
  importFile,
  rejections,
  schoolWithAdmin,
  startWorker,
  upload,
  uploadFixture,
  waitForImport,
} from './schools-helpers';

const countUploads = () => (fs.existsSync(GRADUATE_UPLOAD_DIR) ? fs.readdirSync(GRADUATE_UPLOAD_DIR).length : 0);

describe('graduate-list import: upload → BullMQ → worker → talent pool (real PostgreSQL + Redis)', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let op: string;
  let school: Awaited<ReturnType<typeof schoolWithAdmin>>;

  beforeAll(async () => {
    api = await createTestApi();
    worker = await startWorker();
    op = await operator(api);
    school = await schoolWithAdmin(api, op);
  }, 60000);
  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  const outboxFor = async (ids: string[]) =>
    (await api.db.query(`SELECT count(*)::int AS n FROM outbox_events WHERE topic = 'seeker.changed' AND aggregate_id = ANY($1::uuid[])`, [ids]))[0]
      .n as number;

  it('GBK CSV: every graduate becomes a private SCHOOL profile with a school record and one outbox event; re-upload changes nothing', async () => {
    const e = expectation('gbk.csv');
    const imp = await importFile(api, school.token, fs.readFileSync(path.join(FIXTURES, 'gbk.csv')), '2025届毕业生名单.csv');
    expect(imp).toMatchObject({
      status: 'DONE',
      format: 'csv',
      encoding: 'gbk',
      fileName: '2025届毕业生名单.csv',
      rowsProcessed: 40,
      rowsTotal: 40,
      progressPercent: 100,
      accepted: 40,
      rejected: 0,
    });
    const rows = await api.db.query(
      `SELECT s.id, s.name, s.source, s.shared_with_tenants, s.school_name, s.id_number_enc, s.id_number_hash, s.phone_enc, ss.class_name
         FROM seekers s JOIN seeker_schools ss ON ss.seeker_id = s.id WHERE ss.school_id = $1 ORDER BY s.name`,
      [school.schoolId],
    );
    expect(rows).toHaveLength(40);
    expect(rows.map((r: any) => r.name).sort()).toEqual([...e.names].sort()); // GBK-only characters 珺/喆/堃 survive
    for (const r of rows) {
      expect(r).toMatchObject({ source: 'SCHOOL', shared_with_tenants: false, school_name: school.schoolName });
      expect(r.id_number_enc).not.toMatch(/\d{17}/); // encrypted, not plain
      expect(r.phone_enc).not.toMatch(/^1\d{10}$/);
    }
    const first = rows.find((r: any) => r.name === e.firstRecord.name);
    expect(api.crypto.decrypt(first.id_number_enc)).toBe(e.firstRecord.idNumber);
    expect(first.id_number_hash).toBe(api.crypto.hash('id', e.firstRecord.idNumber));
    const ids = rows.map((r: any) => r.id);
    expect(await outboxFor(ids)).toBe(40);

    // the same file again: nothing created, nothing updated, no events
    const again = await importFile(api, school.token, fs.readFileSync(path.join(FIXTURES, 'gbk.csv')), 'gbk.csv');
    expect(again).toMatchObject({ status: 'DONE', rowsProcessed: 40, accepted: 40, rejected: 0 });
    expect(await outboxFor(ids)).toBe(40);
    const [{ n }] = await api.db.query(`SELECT count(*)::int AS n FROM seeker_schools WHERE school_id = $1`, [school.schoolId]);
    expect(n).toBe(40);
    // the stored (encrypted) upload was deleted once processed
    const files = await api.db.query(`SELECT 1 FROM graduate_import_files WHERE import_id = ANY($1::uuid[])`, [[again.id]]);
    expect(files).toHaveLength(0);
  });

  it('title row + merged cells (xlsx): header found in row 2 under the merged title, 25 graduates', async () => {
    const imp = await uploadFixture(api, school.token, 'title-row-merged.xlsx');
    expect(imp.status).toBe(202);
    expect(imp.body).toMatchObject({ status: 'QUEUED', headerRow: 2, format: 'xlsx' });
    const done = await waitForImport(api, school.token, imp.body.id);
    expect(done).toMatchObject({ status: 'DONE', rowsProcessed: 25, accepted: 25, rejected: 0 });
  });

  it('trailing empty and footer rows are skipped, not counted and not rejected', async () => {
    const done = await importFile(api, school.token, fs.readFileSync(path.join(FIXTURES, 'trailing-empty-rows.xlsx')), 'trailing-empty-rows.xlsx');
    expect(done).toMatchObject({ status: 'DONE', rowsProcessed: 20, rowsTotal: 20, accepted: 20, rejected: 0 });
  });

  it.each(['duplicate-ids.xlsx', 'bad-check-digits.csv', 'ten-percent-invalid.xlsx'])(
    '%s: good rows imported, every bad row reported with row, column and reason; counts add up, nothing lost',
    async (file) => {
      const e = expectation(file);
      const { body } = await uploadFixture(api, school.token, file);
      const done = await waitForImport(api, school.token, body.id);
      const badRows = new Set<number>(e.errors.map((x: any) => x.row));
      expect(done).toMatchObject({ status: 'DONE', rowsProcessed: e.dataRows, rejected: badRows.size });
      expect(done.accepted).toBe(e.validRows);
      expect(done.accepted + done.rejected).toBe(done.rowsProcessed);

      const got = await rejections(api, school.token, body.id);
      expect(got.map((r) => r.row)).toEqual([...badRows].sort((a, b) => a - b));
      const keys = got.flatMap((r) => r.errors.map((x) => `${r.row}:${x.column}:${x.code}`)).sort();
      expect(keys).toEqual(e.errors.map((x: any) => `${x.row}:${x.column}:${x.code}`).sort());
      for (const r of got) {
        for (const x of r.errors) {
          expect(x.reason).toMatch(/[\u4e00-\u9fff]/); // Chinese reason
          expect(x.reason).not.toMatch(/\d{17}[\dX]/); // ID numbers masked in GraphQL
        }
      }
      for (const x of e.errors.filter((x: any) => x.firstRow)) {
        const r = got.find((g) => g.row === x.row)!;
        expect(r.errors[0].reason).toContain(`第 ${x.firstRow} 行`);
      }

      // the bad-rows spreadsheet: same rows, original cells, 行号/列/原因
      const res = await fetch(`${api.url}/schools/graduate-imports/${body.id}/rejected.xlsx`, { headers: { authorization: `Bearer ${school.token}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('spreadsheetml');
      expect(res.headers.get('content-disposition')).toContain(encodeURIComponent('问题行'));
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as any);
      const ws = wb.worksheets[0];
      expect(ws.getRow(1).getCell(1).value).toBe('行号');
      const reportRows: number[] = [];
      ws.eachRow((row, n) => n > 1 && reportRows.push(Number(row.getCell(1).value)));
      expect(reportRows).toEqual([...badRows].sort((a, b) => a - b));
      // it can be fixed and uploaded again: the reader finds its header
      const again = await readGraduateFile(
        Readable.from(
          Buffer.from(
            await (
              await fetch(`${api.url}/schools/graduate-imports/${body.id}/rejected.xlsx`, { headers: { authorization: `Bearer ${school.token}` } })
            ).arrayBuffer(),
          ),
        ),
        'r.xlsx',
      );
      expect(again.mapping.missingRequired).toEqual([]);
      await again.close();
    },
  );

  it.each(['no-header.xlsx', 'missing-id-column.csv', 'legacy.xls', 'not-a-spreadsheet.xlsx', 'text-renamed.xlsx', 'ods-renamed.xlsx', 'empty.csv'])(
    'broken file %s is refused in the upload request with a zh+en reason, and nothing is stored',
    async (file) => {
      const before = (await api.db.query(`SELECT count(*)::int AS n FROM graduate_imports`))[0].n;
      const files = countUploads();
      const r = await uploadFixture(api, school.token, file);
      expect(r.status).toBe(422);
      expect(r.body).toMatchObject({ code: 'GRADUATE_FILE_INVALID', field: 'file', details: { fileError: expectation(file).fileError } });
      expect(r.body.message).toMatch(/[\u4e00-\u9fff]/);
      expect(r.body.messageEn).toMatch(/[a-z]/);
      expect((await api.db.query(`SELECT count(*)::int AS n FROM graduate_imports`))[0].n).toBe(before);
      expect(countUploads()).toBe(files);
    },
  );

  it('missing file field, too large a file and the template', async () => {
    const none = await upload(api, school.token, 'x', 'a.csv', 'other');
    expect(none.status).toBe(400);
    expect(none.body.code).toBe('FILE_REQUIRED');
    const big = await upload(api, school.token, Buffer.alloc(21 * 1024 * 1024, 0x41), 'big.csv');
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({ code: 'FILE_TOO_LARGE' });
    expect(big.body.message).toContain('20 MB');

    const t = await fetch(`${api.url}/schools/graduate-imports/template.xlsx`, { headers: { authorization: `Bearer ${school.token}` } });
    expect(t.status).toBe(200);
    const buf = Buffer.from(await t.arrayBuffer());
    const gf = await readGraduateFile(Readable.from(buf), 'template.xlsx');
    expect(gf.mapping.missingRequired).toEqual([]);
    await gf.close();
    // the untouched template is accepted but its example row is rejected, not imported
    const done = await importFile(api, school.token, buf, '模板.xlsx');
    expect(done).toMatchObject({ status: 'DONE', rowsProcessed: 1, accepted: 0, rejected: 1 });
    expect((await rejections(api, school.token, done.id))[0].errors[0].code).toBe('TEMPLATE_EXAMPLE');
  });

  it('a signed-in seeker listed by a school: nothing of their profile is filled, only a PENDING school record (issue 8 §3)', async () => {
    const s = await seekerWithProfile(api, { consent: false, profile: { name: '王晓燕', education: 'BACHELOR', schoolName: '自己填的大学', typingSpeed: 80 } });
    const [before] = await api.db.query(`SELECT * FROM seekers WHERE id = $1`, [s.seekerId]);
    expect(before.major).toBeNull();
    const events = await outboxFor([s.seekerId]);
    const file = csv([CSV_HEADER, ['王小燕', s.idNumber, '女', '13800000000', '现代物流管理', '大专', '2025', '物流2201班', '2022010101']]);
    const done = await importFile(api, school.token, file, 'one.csv');
    expect(done).toMatchObject({ status: 'DONE', accepted: 1, rejected: 0 });
    const [after] = await api.db.query(`SELECT * FROM seekers WHERE id = $1`, [s.seekerId]);
    expect(after).toEqual(before); // not one field: no major, no graduation year, no phone, same completeness and updated_at
    const ss = await api.db.query(`SELECT * FROM seeker_schools WHERE seeker_id = $1`, [s.seekerId]);
    expect(ss).toEqual([
      expect.objectContaining({
        school_id: school.schoolId,
        status: 'PENDING',
        decided_at: null,
        import_id: done.id,
        requested_by: school.userId,
        major: '现代物流管理',
        education: 'JUNIOR_COLLEGE',
        graduation_year: 2025,
        class_name: '物流2201班',
        student_no: '2022010101',
      }),
    ]);
    expect(await outboxFor([s.seekerId])).toBe(events); // nothing changed that anyone else can see
    // the same row again: still pending, not asked twice; a corrected class name updates the school's own (pending) record
    expect(await importFile(api, school.token, file, 'one.csv')).toMatchObject({ accepted: 1 });
    const fixed = csv([CSV_HEADER, ['王小燕', s.idNumber, '女', '', '现代物流管理', '', '2025', '物流2202班', '']]);
    expect(await importFile(api, school.token, fixed, 'fixed.csv')).toMatchObject({ accepted: 1 });
    const [ss2] = await api.db.query(`SELECT * FROM seeker_schools WHERE seeker_id = $1`, [s.seekerId]);
    expect(ss2).toMatchObject({ status: 'PENDING', class_name: '物流2202班', student_no: '2022010101', education: 'JUNIOR_COLLEGE' }); // blanks never erase
    expect(await outboxFor([s.seekerId])).toBe(events);
    const [{ n }] = await api.db.query(`SELECT count(*)::int AS n FROM outbox_events WHERE topic = 'notify.school_link_requested' AND aggregate_id = $1`, [
      s.seekerId,
    ]);
    expect(n).toBe(1);
  });

  it('a profile the school’s own list created: re-uploads fill its empty fields and correct the school record (confirmed)', async () => {
    const id = freshId('2004-03-09');
    const first = await importFile(api, school.token, csv([CSV_HEADER, ['苏日娜', id, '女', '', '电子商务', '大专', '2025', '', '']]), 'first.csv');
    expect(first).toMatchObject({ accepted: 1 });
    const [p] = await api.db.query(`SELECT id, phone_enc FROM seekers WHERE id_number_hash = $1`, [api.crypto.hash('id', id)]);
    expect(p).toMatchObject({ phone_enc: null });
    const [link] = await api.db.query(`SELECT status, decided_via, decided_at FROM seeker_schools WHERE seeker_id = $1`, [p.id]);
    expect(link).toMatchObject({ status: 'CONFIRMED', decided_via: 'NEW_PROFILE' });
    const events = await outboxFor([p.id]);
    const phone = uniquePhone();
    await importFile(api, school.token, csv([CSV_HEADER, ['苏日娜', id, '女', phone, '电子商务', '大专', '2025', '电商2201班', '']]), 'second.csv');
    const [p2] = await api.db.query(`SELECT phone_enc FROM seekers WHERE id = $1`, [p.id]);
    expect((await api.db.query(`SELECT class_name FROM seeker_schools WHERE seeker_id = $1`, [p.id]))[0].class_name).toBe('电商2201班');
    expect(api.crypto.decrypt(p2.phone_enc)).toBe(phone);
    expect(await outboxFor([p.id])).toBe(events + 1);
  });

  it('imported graduates stay out of the talent pool until they sign in with the listed phone, claim the profile with their ID number and consent', async () => {
    const { hrToken } = await tenantWithHr(api, op);
    const phone = uniquePhone();
    const id = freshId('2004-06-02');
    const name = '乌云其木格';
    const done = await importFile(
      api,
      school.token,
      csv([CSV_HEADER, [name, id, '女', phone, '电子商务', '大专', '2026', '电商2301班', '2023030101']]),
      'consent.csv',
    );
    expect(done.accepted).toBe(1);
    const [imported] = await api.db.query(`SELECT id FROM seekers WHERE id_number_hash = $1`, [api.crypto.hash('id', id)]);
    const inPool = async () => {
      const d = await api.ok(`query($f: TalentFilterInput) { talentPool(filter: $f, first: 50) { items { id name } } }`, { f: { text: name } }, hrToken);
      return d.talentPool.items.some((i: any) => i.id === imported.id);
    };
    expect(await inPool()).toBe(false);
    // HR cannot open the profile either
    const view = await api.gql(`query($id: ID!) { talentProfile(id: $id) { id } }`, { id: imported.id }, hrToken);
    expect(view.errors?.[0]).toBeDefined();

    const seeker = await signInSeeker(api, phone);
    const mine = await api.ok(
      `mutation($i: ProfileInput!) { saveMyProfile(input: $i) { id name source schoolName major graduationYear education sharedWithTenants phone } }`,
      { i: { idNumber: id, regionCode: '150902' } },
      seeker.token,
    );
    expect(mine.saveMyProfile).toMatchObject({
      id: imported.id,
      name,
      source: 'SCHOOL',
      schoolName: school.schoolName,
      major: '电子商务',
      graduationYear: 2026,
      education: 'JUNIOR_COLLEGE',
      sharedWithTenants: false,
      phone,
    });
    expect(await inPool()).toBe(false);
    await api.ok(`mutation { grantConsent { id } }`, {}, seeker.token);
    expect(await inPool()).toBe(true);
  });

  it('only the school’s own admin sees its imports; HR, seekers, other schools and anonymous callers are refused', async () => {
    const { body } = await uploadFixture(api, school.token, 'utf8.csv');
    await waitForImport(api, school.token, body.id);
    const other = await schoolWithAdmin(api, op);
    const { hrToken } = await tenantWithHr(api, op);
    const seeker = await signInSeeker(api);

    const q = `query($id: ID!) { graduateImport(id: $id) { id } }`;
    expect((await api.gql(q, { id: body.id }, other.token)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await api.gql(q, { id: body.id }, hrToken)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await api.gql(q, { id: body.id }, seeker.token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await api.gql(q, { id: body.id }, op)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(
      (await api.gql(`query($id: ID!) { graduateImportRejections(importId: $id) { total } }`, { id: body.id }, other.token)).errors?.[0].extensions?.code,
    ).toBe('NOT_FOUND');
    const list = await api.ok(`{ graduateImports { total items { id } } }`, {}, other.token);
    expect(list.graduateImports.total).toBe(0);
    const students = await api.ok(`{ schoolStudents { total } }`, {}, other.token);
    expect(students.schoolStudents.total).toBe(0);
    expect((await api.gql(`{ schoolStudents { total } }`, {}, hrToken)).errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const report = (t: string | null) =>
      fetch(`${api.url}/schools/graduate-imports/${body.id}/rejected.xlsx`, { headers: t ? { authorization: `Bearer ${t}` } : {} });
    expect((await report(other.token)).status).toBe(404);
    expect((await report(hrToken)).status).toBe(403);
    expect((await report(null)).status).toBe(401);
    expect((await upload(api, hrToken, fs.readFileSync(path.join(FIXTURES, 'utf8.csv')), 'utf8.csv')).status).toBe(403);
    expect((await upload(api, null, fs.readFileSync(path.join(FIXTURES, 'utf8.csv')), 'utf8.csv')).status).toBe(401);
    expect((await upload(api, seeker.token, fs.readFileSync(path.join(FIXTURES, 'utf8.csv')), 'utf8.csv')).status).toBe(403);

    // the school's own list shows its graduates, masked
    const mine = await api.ok(`{ schoolStudents(first: 100) { total items { name idNumberMasked phoneMasked registered } } }`, {}, school.token);
    expect(mine.schoolStudents.total).toBeGreaterThanOrEqual(30);
    for (const s of mine.schoolStudents.items) {
      expect(s.idNumberMasked ?? '').not.toMatch(/\d{17}/);
      if (s.phoneMasked) expect(s.phoneMasked).toContain('****');
    }
  });

  it('a second admin of the same school sees the same imports; a malformed id is NOT_FOUND', async () => {
    const u = await insertStaff(api, Role.SCHOOL_ADMIN, { schoolId: school.schoolId });
    const token = await signInStaff(api, u.username, u.password);
    const list = await api.ok(`{ graduateImports(first: 100) { total } }`, {}, token);
    expect(list.graduateImports.total).toBeGreaterThan(0); // a second admin of the same school sees the same imports
    expect((await api.gql(`query { graduateImport(id: "not-a-uuid") { id } }`, {}, token)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('a duplicate run of a finished import (stalled-job retry, sweep) changes nothing', async () => {
    const done = await importFile(api, school.token, fs.readFileSync(path.join(FIXTURES, 'utf8.csv')), 'utf8.csv');
    expect(done.status).toBe('DONE');
    const importList = worker.get(ImportGraduateListUseCase);
    expect(await importList.execute(ImportGraduateListCommand.create({ importId: done.id }))).toMatchObject({ outcome: 'SKIPPED', status: 'DONE' });
    const again = await waitForImport(api, school.token, done.id);
    expect(again).toMatchObject({ status: 'DONE', rowsProcessed: done.rowsProcessed, accepted: done.accepted, rejected: done.rejected });
  });
});
