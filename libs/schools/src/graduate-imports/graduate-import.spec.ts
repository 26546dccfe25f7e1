import * as path from 'path';
import { readGraduateFile } from '../imports';
import { maskDigits } from './graduate-import.service';
import { fixFileName } from './graduate-upload.interceptor';

const fixture = (f: string) => path.resolve(__dirname, '../../../../test/fixtures/graduates', f);

describe('graduate import helpers', () => {
  it('masks ID and phone numbers quoted in rejection reasons', () => {
    expect(maskDigits('校验码错误：15090220030615002X')).toBe('校验码错误：1509************2X');
    expect(maskDigits('手机号“13847412345”格式不正确')).toBe('手机号“138****2345”格式不正确');
    expect(maskDigits('身份证号与第 3 行重复')).toBe('身份证号与第 3 行重复');
    expect(maskDigits('毕业年份 2035 超出范围（1990–2027）')).toBe('毕业年份 2035 超出范围（1990–2027）');
  });

  it('repairs UTF-8 file names that busboy decoded as latin1, and leaves others alone', () => {
    const mangled = Buffer.from('2025届毕业生名单.xlsx', 'utf8').toString('latin1');
    expect(fixFileName(mangled)).toBe('2025届毕业生名单.xlsx');
    expect(fixFileName('2025届毕业生名单.xlsx')).toBe('2025届毕业生名单.xlsx');
    expect(fixFileName('list.csv')).toBe('list.csv');
  });

  it('estimates the data rows of an xlsx from its <dimension> (an upper bound) and not for CSV', async () => {
    const x = await readGraduateFile(fixture('ten-percent-invalid.xlsx'), 'x.xlsx');
    expect(x.estimatedDataRows).toBe(200);
    await x.close();
    const t = await readGraduateFile(fixture('trailing-empty-rows.xlsx'), 't.xlsx');
    expect(t.estimatedDataRows).toBeGreaterThanOrEqual(20); // formatted empty rows count
    await t.close();
    const c = await readGraduateFile(fixture('utf8.csv'), 'c.csv');
    expect(c.estimatedDataRows).toBeNull();
    await c.close();
  });
});
