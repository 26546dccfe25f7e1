import { mapHeaderRow } from './graduate-columns';
import type { GraduateFileRow } from './graduate-file-reader';
import { DuplicateIdTracker, GraduateRowValidator, cleanIdNumber, normalizeName, parseGraduationYear } from './graduate-row-validator';
import { MANIFEST, deps, errorKey, processFile } from './graduate-import.test-helpers';
import { makeResidentId } from '@app/core';

describe('validation of every fixture against its manifest', () => {
  const withRows = MANIFEST.filter((m) => !m.fileError);

  it.each(withRows.map((m) => [m.file, m] as const))('%s: exactly the expected rejections', async (name, exp) => {
    const p = await processFile(name);
    expect(p.errors.map(errorKey).sort()).toEqual((exp.errors ?? []).map(errorKey).sort());
    expect(p.records).toHaveLength(exp.validRows!);
    // every error names the user's header text and the column letter
    for (const e of p.errors) {
      expect(e.column).toMatch(/^[A-Z]+$/);
      expect(e.header).toBe(p.file.mapping.columns[e.field]!.header);
      expect(e.reason_zh).toBeTruthy();
      expect(e.reason_en).toBeTruthy();
    }
    // duplicates name the first row
    for (const d of (exp.errors ?? []).filter((e) => e.firstRow)) {
      const got = p.errors.find((e) => e.row === d.row && e.code === 'ID_DUPLICATE')!;
      expect(got.reason_zh).toBe(`身份证号与第 ${d.firstRow} 行重复`);
      expect(got.reason_en).toBe(`Duplicate ID number: same as row ${d.firstRow}`);
    }
    const first = p.records.find((r) => r.rowNumber === exp.firstRecord!.rowNumber);
    if (first) {
      expect(first.idNumber).toBe(exp.firstRecord!.idNumber);
      expect(first.graduationYear).toBe(exp.firstRecord!.graduationYear);
    }
  });

  it('ten-percent-invalid.xlsx: 10 % rejected, messages are specific', async () => {
    const p = await processFile('ten-percent-invalid.xlsx');
    expect(p.records).toHaveLength(180);
    const byRow = (row: number) => p.errors.filter((e) => e.row === row);
    // row 16 = 15th data row: ID turned into 1.50…E+17 by Excel
    expect(byRow(16)).toEqual([
      expect.objectContaining({ column: 'C', header: '*身份证号', code: 'ID_EXCEL_NUMBER', reason_zh: expect.stringContaining('文本') }),
    ]);
    // two problems in one row are both reported
    expect(
      byRow(165)
        .map((e) => e.code)
        .sort(),
    ).toEqual(['PHONE_INVALID', 'REQUIRED']);
    // Excel-truncated ID gets the hint
    expect(byRow(179)[0].reason_zh).toContain('末尾为000');
    // accepted variants
    const rec = (row: number) => p.records.find((r) => r.rowNumber === row)!;
    expect(rec(5).phone).toMatch(/^1\d{10}$/); // "+86 138…"
    expect(rec(6).phone).toMatch(/^1\d{10}$/); // "138-4741-2345"
    expect(rec(8).education).toBe('JUNIOR_COLLEGE'); // 专科（高职）
    expect(rec(9).education).toBe('BACHELOR'); // 全日制本科
    expect(rec(10).education).toBe('SECONDARY'); // 中职
  });

  it('bad-check-digits.csv: spaced and full-width IDs are accepted and normalised', async () => {
    const p = await processFile('bad-check-digits.csv');
    const r19 = p.records.find((r) => r.rowNumber === 19)!;
    const r20 = p.records.find((r) => r.rowNumber === 20)!;
    expect(r19.idNumber).toMatch(/^\d{17}[\dX]$/);
    expect(r20.idNumber).toMatch(/^\d{17}[\dX]$/);
    const sci = p.errors.find((e) => e.code === 'ID_EXCEL_NUMBER')!;
    expect(sci.reason_zh).toMatch(/E\+0?17/);
  });

  it('wps-style.xlsx: full-width 届 years parsed, footer row rejected', async () => {
    const p = await processFile('wps-style.xlsx');
    expect(p.records.every((r) => r.graduationYear === 2026)).toBe(true);
    expect(p.records[0].hometown).toBe('内蒙古自治区乌兰察布市');
  });
});

describe('GraduateRowValidator unit cases', () => {
  const mapping = mapHeaderRow(['姓名', '身份证号', '性别', '手机号', '专业', '学历', '毕业年份', '邮箱']);
  const v = new GraduateRowValidator(mapping, deps);
  const id = makeResidentId('150921', '2004-03-05', 37); // male
  const row = (cells: Partial<GraduateFileRow['cells']>, kinds: GraduateFileRow['kinds'] = {}): GraduateFileRow => ({
    rowNumber: 7,
    cells: { name: '王小明', idNumber: id, major: '电子商务', graduationYear: '2025', ...cells },
    kinds,
    raw: [],
  });

  it('normalises a good row', () => {
    const r = v.validate(row({ phone: '+86 138 4741 2345', education: '大专', gender: '男' }));
    expect(r).toEqual({
      ok: true,
      warnings: [],
      record: expect.objectContaining({
        rowNumber: 7,
        idNumber: id,
        gender: 'MALE',
        birthDate: '2004-03-05',
        regionCode: '150921',
        phone: '13847412345',
        education: 'JUNIOR_COLLEGE',
        graduationYear: 2025,
      }),
    });
  });

  it('gender contradicting the ID is a warning, the ID wins', () => {
    const r = v.validate(row({ gender: '女' }));
    expect(r.ok).toBe(true);
    expect(r.warnings[0]).toMatchObject({ code: 'GENDER_MISMATCH', column: 'C' });
  });

  it('reports column letter and header', () => {
    const r = v.validate(row({ phone: '123' }));
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors).toEqual([
        {
          row: 7,
          column: 'D',
          header: '手机号',
          field: 'phone',
          code: 'PHONE_INVALID',
          reason_zh: '手机号“123”格式不正确（应为11位，以1开头）',
          reason_en: 'Mobile number "123" is invalid (11 digits starting with 1)',
        },
      ]);
  });

  it('ID stored as a number is rejected even if its digits would pass', () => {
    const r = v.validate(row({ idNumber: id }, { idNumber: 'number' }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0].code).toBe('ID_EXCEL_NUMBER');
  });

  it('the template example row is rejected', () => {
    const r = v.validate(row({ idNumber: '15090220030615002X' }));
    expect(!r.ok && r.errors[0].code).toBe('TEMPLATE_EXAMPLE');
  });

  it('year range is 1990..current+1', () => {
    expect(v.validate(row({ graduationYear: '1990' })).ok).toBe(true);
    expect(v.validate(row({ graduationYear: '2027' })).ok).toBe(true); // TODAY is 2026
    const r = v.validate(row({ graduationYear: '2028' }));
    expect(!r.ok && r.errors[0].code).toBe('YEAR_OUT_OF_RANGE');
  });

  it('missing required column in the mapping still reports a useful error', () => {
    const m = mapHeaderRow(['姓名', '身份证号', '专业']);
    const r = new GraduateRowValidator(m, deps).validate(row({ graduationYear: undefined }));
    expect(!r.ok && r.errors[0]).toMatchObject({ column: '', header: '毕业年份', code: 'REQUIRED' });
  });

  it.each([
    ['2025', 2025],
    ['2025届', 2025],
    ['2025年', 2025],
    ['２０２５届', 2025],
    ['25届', 2025],
    ['2025-06', 2025],
    ['2025/6/30', 2025],
    ['2025.06', 2025],
    ['2025年6月', 2025],
    ['2025-06-30', 2025],
    ['45838', 2025], // Excel serial for 2025-06-30 without a date format
    ['2025-13', null],
    ['明年', null],
    ['20250', null],
  ])('parseGraduationYear(%p) = %p', (text, year) => {
    expect(parseGraduationYear(text, 'number')).toBe(year);
  });

  it('helpers', () => {
    expect(cleanIdNumber(" '１５０９０２ 2003 0615 002x ")).toBe('15090220030615002X');
    expect(normalizeName(' 阿拉坦 • 其木格 ')).toBe('阿拉坦·其木格');
    expect(normalizeName('巴特尔')).toBe('巴特尔');
  });
});

describe('DuplicateIdTracker', () => {
  it('names the first row', () => {
    const t = new DuplicateIdTracker(mapHeaderRow(['姓名', '证件号码', '专业', '毕业年份']));
    expect(t.check({ idNumber: 'A', rowNumber: 3 })).toBeNull();
    expect(t.check({ idNumber: 'B', rowNumber: 4 })).toBeNull();
    expect(t.check({ idNumber: 'A', rowNumber: 9 })).toMatchObject({
      row: 9,
      column: 'B',
      header: '证件号码',
      code: 'ID_DUPLICATE',
      reason_zh: '身份证号与第 3 行重复',
    });
    expect(t.size).toBe(2);
  });
});
