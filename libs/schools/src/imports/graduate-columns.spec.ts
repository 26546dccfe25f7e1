import { columnLetter, mapEducation, mapHeaderRow, matchHeader, normalizeHeader, TEMPLATE_EXAMPLE_ID } from './graduate-columns';
import { parseResidentId } from '@app/core';

describe('graduate columns', () => {
  it.each([
    ['*姓名', 'name'],
    ['姓 名', 'name'],
    ['姓　名', 'name'],
    ['＊身份证号码', 'idNumber'],
    ['身份证', 'idNumber'],
    ['证件号码', 'idNumber'],
    ['公民身份号码\n（18位）', 'idNumber'],
    ['联系电话', 'phone'],
    ['手机', 'phone'],
    ['本人手机号（必填）', 'phone'],
    ['所学专业', 'major'],
    ['毕业时间', 'graduationYear'],
    ['届别', 'graduationYear'],
    ['毕业年份(如2025)', 'graduationYear'],
    ['学历层次', 'education'],
    ['班级：', 'className'],
    ['学号', 'studentNo'],
    ['E-mail', 'email'],
    ['生源地', 'hometown'],
    ['Name', 'name'],
  ])('%p -> %s', (text, field) => {
    expect(matchHeader(text)?.field).toBe(field);
  });

  it.each(['序号', '备注', '年级', 'ID', '入学年份', '监护人身份证号', ''])('%p is not mapped', (text) => {
    expect(matchHeader(text)).toBeNull();
  });

  it('normalizeHeader', () => {
    expect(normalizeHeader(' ＊身份证号码（18位） ')).toBe('身份证号码');
  });

  it('prefers 手机号 over 联系电话 when both exist', () => {
    const m = mapHeaderRow(['姓名', '联系电话', '身份证号', '专业', '毕业年份', '手机号']);
    expect(m.columns.phone).toMatchObject({ letter: 'F', header: '手机号' });
    expect(m.duplicates).toEqual([{ index: 1, letter: 'B', header: '联系电话', field: 'phone' }]);
    expect(m.missingRequired).toEqual([]);
  });

  it('lists missing required columns', () => {
    expect(mapHeaderRow(['姓名', '专业']).missingRequired).toEqual(['idNumber', 'graduationYear']);
  });

  it.each([
    ['中专', 'SECONDARY'],
    ['中职', 'SECONDARY'],
    ['技校', 'SECONDARY'],
    ['高中', 'HIGH_SCHOOL'],
    ['大专', 'JUNIOR_COLLEGE'],
    ['专科', 'JUNIOR_COLLEGE'],
    ['高职', 'JUNIOR_COLLEGE'],
    ['专科（高职）', 'JUNIOR_COLLEGE'],
    ['本科', 'BACHELOR'],
    ['大学本科', 'BACHELOR'],
    ['硕士研究生', 'MASTER'],
    ['研究生', 'MASTER'],
    ['博士', 'DOCTOR'],
    ['初中', null],
  ])('education %p -> %p', (text, level) => {
    expect(mapEducation(text)).toBe(level);
  });

  it('column letters', () => {
    expect([0, 1, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });

  it('template example ID is a valid synthetic ID', () => {
    expect(parseResidentId(TEMPLATE_EXAMPLE_ID).ok).toBe(true);
  });
});
