import { Role } from '@app/core';
import { EntitlementService, SubsidyFactsReader } from '@app/subsidies';
import { CategoryVerificationService } from '@app/talent';
import { createTestApi, idNumber, insertStaff, operator, seekerWithProfile, signInStaff, TestApi, useIsolatedDatabase } from '@app/testing';
import * as ExcelJS from 'exceljs';
import * as iconv from 'iconv-lite';
import { SubsidyWorld } from '../subsidies/subsidy-world';

/**
 * Issue 10 §1 "Verified categories": the bureau (AUDITOR) uploads its category lists (xlsx / CSV, any encoding the
 * graduate import reads) as versions; people on the active list count as verified for the category (source
 * BUREAU_LIST, by the uploader, at the upload) — registered before or after the upload — and a newer version drops
 * the people no longer on it. A file with a bad row stores nothing and names the row and column.
 */
describe('bureau category lists 人员类别名单', () => {
  let api: TestApi;
  let auditor: string;
  let auditorId: string;
  let op: string;
  let dropDatabase: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    // Versions are numbered per category across the whole base (and the authz matrix uploads lists too): a database
    // of this file's own.
    dropDatabase = await useIsolatedDatabase();
    api = await createTestApi();
    const u = await insertStaff(api, Role.AUDITOR);
    auditorId = u.id;
    auditor = await signInStaff(api, u.username, u.password);
    op = await operator(api);
  });
  afterAll(async () => {
    await api?.close();
    await dropDatabase?.();
  });

  async function xlsx(rows: (string | number)[][], header = ['序号', '姓名', '公民身份号码', '备注']): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.addRow(['2026年建档立卡贫困家庭名单']);
    ws.addRow(header);
    rows.forEach((r) => ws.addRow(r));
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  async function upload(category: string, listDate: string, content: Buffer, fileName: string, token = auditor) {
    const form = new FormData();
    form.append('category', category);
    form.append('listDate', listDate);
    form.append('file', new Blob([new Uint8Array(content)]), fileName);
    const res = await fetch(`${api.url}/talent/category-lists`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, body: (await res.json()) as any };
  }

  const STATUSES = `query($id: ID!) { seekerCategories(seekerId: $id) { category verified source verifiedAt } }`;
  const statuses = async (seekerId: string) => (await api.ok(STATUSES, { id: seekerId }, op)).seekerCategories;
  const listsQuery = async (category: string) =>
    (
      await api.ok(
        `query($c: SeekerCategory) { categoryLists(category: $c) { version fileName rowsAccepted active supersededAt uploadedByName listDate } }`,
        { c: category },
        auditor,
      )
    ).categoryLists;
  const storedLists = async () => Number((await api.db.query(`SELECT count(*)::int AS n FROM category_lists`))[0].n);

  it('an xlsx list: a registered person becomes verified (source, who, when); one who registers later too; the answer is counts only', async () => {
    const registered = await seekerWithProfile(api);
    const later = idNumber();
    const file = await xlsx([
      [1, '王晓燕', registered.idNumber, ''],
      [2, '李明', later, '新增'],
      [3, '赵四', idNumber(), ''],
    ]);
    const t0 = api.clock.now().getTime();
    const r = await upload('POOR_HOUSEHOLD', '2020-03-01', file, '贫困家庭名单.xlsx');
    expect(r.status).toBe(201);
    // nothing about who is on the list, nor whether they have a profile here
    expect(Object.keys(r.body).sort()).toEqual([
      'active',
      'category',
      'fileName',
      'id',
      'listDate',
      'rowsAccepted',
      'supersededAt',
      'uploadedAt',
      'uploadedByName',
      'version',
    ]);
    expect(r.body).toMatchObject({
      category: 'POOR_HOUSEHOLD',
      version: 1,
      listDate: '2020-03-01',
      fileName: '贫困家庭名单.xlsx',
      rowsAccepted: 3,
      active: true,
    });
    const uploadedAt = r.body.uploadedAt;
    // stamped by the app's Clock during the request
    expect(Date.parse(uploadedAt)).toBeGreaterThanOrEqual(t0);
    expect(Date.parse(uploadedAt)).toBeLessThanOrEqual(api.clock.now().getTime());
    // the ID number is stored as its look-up hash only
    const stored = await api.db.query(`SELECT e.id_number_hash FROM category_list_entries e JOIN category_lists l ON l.id = e.list_id WHERE l.id = $1`, [
      r.body.id,
    ]);
    expect(stored.map((s: any) => s.id_number_hash)).toContain(api.crypto.hash('id', registered.idNumber));
    expect(JSON.stringify(await api.db.query(`SELECT * FROM category_list_entries`))).not.toContain(registered.idNumber);

    expect(await statuses(registered.seekerId)).toContainEqual({ category: 'POOR_HOUSEHOLD', verified: true, source: 'BUREAU_LIST', verifiedAt: uploadedAt });
    const [person] = await api.app.get(CategoryVerificationService).subsidyPeople([registered.seekerId]);
    expect(person.verified).toEqual([{ category: 'POOR_HOUSEHOLD', source: 'BUREAU_LIST', verifiedBy: auditorId, verifiedAt: expect.any(String) }]);
    expect(new Date(person.verified[0].verifiedAt).toISOString()).toBe(uploadedAt);

    // registers after the upload
    const s = await seekerWithProfile(api, { profile: { idNumber: later } });
    expect((await api.ok(`{ myCategories { category verified source } }`, {}, s.token)).myCategories).toContainEqual({
      category: 'POOR_HOUSEHOLD',
      verified: true,
      source: 'BUREAU_LIST',
    });
    expect(await api.app.get(CategoryVerificationService).verifiedCategories(s.seekerId)).toEqual(['POOR_HOUSEHOLD']);
    // someone not on the list is not verified
    const other = await seekerWithProfile(api);
    expect(await api.app.get(CategoryVerificationService).verifiedCategories(other.seekerId)).toEqual([]);
  });

  it('a GBK CSV list (what Excel saves in China) of registered unemployed; the hiring-reward rule (item 16) now sees the category', async () => {
    const grad = await seekerWithProfile(api, { profile: { categories: ['GRADUATE'] } });
    const csv = iconv.encode(`姓名,身份证号码,登记证编号\r\n王晓燕,${grad.idNumber},150902202600123\r\n张三,${idNumber()},150902202600124\r\n`, 'gbk');
    const r = await upload('UNEMPLOYED', '2020-02-15', csv, '登记失业人员.csv');
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ category: 'UNEMPLOYED', version: 1, rowsAccepted: 2, active: true });
    expect(await statuses(grad.seekerId)).toContainEqual({ category: 'UNEMPLOYED', verified: true, source: 'BUREAU_LIST', verifiedAt: r.body.uploadedAt });

    // Item 16: a registered-unemployed graduate hired on a 24-month contract → 1,000 元. The graduate status is the
    // school's (recorded by staff here); the 《就业失业登记证》 comes from the bureau's list only.
    await api.ok(
      `mutation($i: VerifyCategoryInput!) { verifySeekerCategory(input: $i) { category } }`,
      { i: { seekerId: grad.seekerId, category: 'GRADUATE', source: 'SCHOOL' } },
      op,
    );
    const w = new SubsidyWorld(api.db, api.crypto, api.clock);
    const t = await w.tenant();
    const hireId = await w.hireOn(t.tenantId, grad.seekerId, { start: '2026-03-01', months: 24 });
    const facts = api.app.get(SubsidyFactsReader);
    const [e] = await api.app.get(EntitlementService).forHires(await facts.hires({ hireIds: [hireId] }), '2026-12-01');
    expect(e.evaluation).toMatchObject({ eligible: true, amountFen: 100_000 });
    expect(JSON.stringify(e.evaluation.trace)).toContain('BUREAU_LIST');
  });

  it('a new version supersedes the old: a person dropped loses the list-based verification; staff verifications stay', async () => {
    const stays = await seekerWithProfile(api);
    const dropped = await seekerWithProfile(api);
    const staffChecked = await seekerWithProfile(api);
    const v1 = await upload(
      'DISABLED',
      '2020-01-10',
      await xlsx([
        [1, '甲', stays.idNumber, ''],
        [2, '乙', dropped.idNumber, ''],
        [3, '丙', staffChecked.idNumber, ''],
      ]),
      'v1.xlsx',
    );
    expect(v1.status).toBe(201);
    await api.ok(
      `mutation($i: VerifyCategoryInput!) { verifySeekerCategory(input: $i) { category } }`,
      { i: { seekerId: staffChecked.seekerId, category: 'DISABLED', source: 'SERVICE_CENTRE', note: '核验残疾人证' } },
      op,
    );
    api.clock.advance(60_000);
    const v2 = await upload('DISABLED', '2020-02-10', Buffer.from(`姓名,身份证号\n甲,${stays.idNumber}\n丁,${idNumber()}\n`), 'v2.csv');
    expect(v2.status).toBe(201);
    expect(v2.body).toMatchObject({ version: 2, rowsAccepted: 2, active: true });

    const svc = api.app.get(CategoryVerificationService);
    expect(await svc.verifiedCategories(stays.seekerId)).toEqual(['DISABLED']);
    expect(await statuses(stays.seekerId)).toContainEqual({ category: 'DISABLED', verified: true, source: 'BUREAU_LIST', verifiedAt: v2.body.uploadedAt });
    expect(await svc.verifiedCategories(dropped.seekerId)).toEqual([]);
    expect(await statuses(dropped.seekerId)).not.toContainEqual(expect.objectContaining({ category: 'DISABLED', verified: true }));
    // the service centre's own check is not the list's
    expect(await statuses(staffChecked.seekerId)).toContainEqual(expect.objectContaining({ category: 'DISABLED', verified: true, source: 'SERVICE_CENTRE' }));

    const lists = await listsQuery('DISABLED');
    expect(lists).toEqual([
      { version: 2, fileName: 'v2.csv', rowsAccepted: 2, active: true, supersededAt: null, uploadedByName: 'AUDITOR 测试', listDate: '2020-02-10' },
      {
        version: 1,
        fileName: 'v1.xlsx',
        rowsAccepted: 3,
        active: false,
        supersededAt: v2.body.uploadedAt,
        uploadedByName: 'AUDITOR 测试',
        listDate: '2020-01-10',
      },
    ]);
  });

  it('bad rows name their row and column (zh/en) and nothing is stored; the current list stays', async () => {
    const onList = await seekerWithProfile(api);
    const ok = await upload('GRADUATE', '2020-01-05', await xlsx([[1, '甲', onList.idNumber, '']]), 'grad-v1.xlsx');
    expect(ok.status).toBe(201);
    const before = await storedLists();
    const good = idNumber();
    const badCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const file = await xlsx([
      [1, '甲', good, ''],
      [2, '乙', badCheck, ''],
      [3, '丙', good, '重复'],
      [4, '丁', 150902200306150020, ''],
      [5, '戊', '', ''],
    ]);
    const r = await upload('GRADUATE', '2020-02-05', file, 'grad-v2.xlsx');
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('CATEGORY_LIST_ROWS_INVALID');
    expect(r.body.message).toContain('4 行有误');
    expect(r.body.messageEn).toContain('4 row(s)');
    expect(r.body.details).toMatchObject({ rowsRead: 5, rowsRejected: 4, errorsTruncated: false });
    expect(r.body.details.errors).toEqual([
      { row: 4, column: 'C', header: '公民身份号码', code: 'ID_CHECK_DIGIT', messageZh: '身份证号校验位错误', messageEn: 'ID number check digit is wrong' },
      {
        row: 5,
        column: 'C',
        header: '公民身份号码',
        code: 'ID_DUPLICATE',
        messageZh: '身份证号与第 3 行重复',
        messageEn: 'Duplicate ID number: same as row 3',
      },
      expect.objectContaining({ row: 6, column: 'C', code: 'ID_EXCEL_NUMBER' }),
      { row: 7, column: 'C', header: '公民身份号码', code: 'REQUIRED', messageZh: '身份证号不能为空', messageEn: 'ID number is required' },
    ]);
    // no ID number is echoed back
    expect(JSON.stringify(r.body)).not.toContain(good);
    expect(await storedLists()).toBe(before);
    expect(await api.app.get(CategoryVerificationService).verifiedCategories(onList.seekerId)).toEqual(['GRADUATE']);
    expect((await listsQuery('GRADUATE')).map((l: any) => l.version)).toEqual([1]);
  });

  it('a file that is not a spreadsheet, or has no 身份证号 column, is refused clearly', async () => {
    const before = await storedLists();
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
    const img = await upload('POOR_HOUSEHOLD', '2020-03-01', png, '名单.xlsx');
    expect(img.status).toBe(422);
    expect(img.body).toMatchObject({ code: 'CATEGORY_LIST_UNREADABLE', details: { fileError: 'NOT_SPREADSHEET' } });
    expect(img.body.message).toContain('名单未导入：文件不是有效的 Excel 表格');
    expect(img.body.messageEn).toContain('List not imported: The file is not a valid spreadsheet');

    const noId = await upload('POOR_HOUSEHOLD', '2020-03-01', Buffer.from('姓名,电话\n张三,13800000000\n'), '名单.csv');
    expect(noId.status).toBe(422);
    expect(noId.body).toMatchObject({ code: 'CATEGORY_LIST_UNREADABLE', details: { fileError: 'MISSING_REQUIRED_COLUMNS' } });
    expect(noId.body.message).toContain('身份证号');

    const noFile = await fetch(`${api.url}/talent/category-lists`, {
      method: 'POST',
      body: (() => {
        const f = new FormData();
        f.append('category', 'POOR_HOUSEHOLD');
        f.append('listDate', '2020-03-01');
        return f;
      })(),
      headers: { authorization: `Bearer ${auditor}` },
    });
    expect(noFile.status).toBe(400);
    expect(((await noFile.json()) as any).code).toBe('CATEGORY_LIST_FILE_REQUIRED');
    const noHeader = await upload('POOR_HOUSEHOLD', '2020-03-01', Buffer.from('张三,13800000000\n李四,13900000000\n'), '名单.csv');
    expect(noHeader.body).toMatchObject({ code: 'CATEGORY_LIST_UNREADABLE', details: { fileError: 'NO_HEADER' } });
    expect(noHeader.body.message).toContain('找不到含“身份证号”的表头行');
    const badCategory = await upload('NOBODY', '2020-03-01', Buffer.from('身份证号\n'), 'x.csv');
    expect(badCategory.body.code).toBe('CATEGORY_LIST_CATEGORY');
    const future = await upload('POOR_HOUSEHOLD', '2999-01-01', Buffer.from('身份证号\n'), 'x.csv');
    expect(future.body.code).toBe('CATEGORY_LIST_DATE');
    expect(await storedLists()).toBe(before);

    // only the bureau uploads
    expect((await upload('POOR_HOUSEHOLD', '2020-03-01', Buffer.from(`身份证号\n${idNumber()}\n`), 'x.csv', op)).status).toBe(403);
  });
});
