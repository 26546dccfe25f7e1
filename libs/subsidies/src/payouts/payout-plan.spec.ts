import { SubsidyItem, SubsidyPartyKind } from '../subsidies.enums';
import {
  addDays,
  addMonths,
  batchFileName,
  idempotencyKey,
  instalmentCount,
  maskPayeeName,
  planLine,
  splitFen,
  terminatedWithinRetention,
} from './payout-plan';

describe('payout planning rules', () => {
  it('splits fen into parts that add up exactly and differ by at most one fen', () => {
    expect(splitFen(300_000, 6)).toEqual(Array(6).fill(50_000));
    expect(splitFen(100_001, 3)).toEqual([33_334, 33_334, 33_333]);
    expect(splitFen(2, 3)).toEqual([1, 1, 0]);
    for (const [t, n] of [
      [999_999, 7],
      [1, 12],
      [123_457, 5],
    ])
      expect(splitFen(t, n).reduce((s, x) => s + x, 0)).toBe(t);
    expect(() => splitFen(-1, 2)).toThrow();
    expect(() => splitFen(10.5, 2)).toThrow();
    expect(() => splitFen(10, 0)).toThrow();
  });

  it('adds months clamping the day to the month end (31st, leap February), and days across a year', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-12-31', 2)).toBe('2027-02-28');
    expect(addMonths('2026-08-31', 1)).toBe('2026-09-30');
    expect(addMonths('2026-12-01', 0)).toBe('2026-12-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('instalments: item 9 at most 6, item 17 at most 12, one-off items 1; months derived from the monthly amount when the line has none', () => {
    expect(instalmentCount({ lineId: 'l', item: SubsidyItem.ITEM_09, amountFen: 300_000, months: 6 })).toBe(6);
    expect(instalmentCount({ lineId: 'l', item: SubsidyItem.ITEM_09, amountFen: 500_000, months: 10 })).toBe(6);
    expect(instalmentCount({ lineId: 'l', item: SubsidyItem.ITEM_09, amountFen: 150_000, monthlyFen: 50_000 })).toBe(3);
    expect(instalmentCount({ lineId: 'l', item: SubsidyItem.ITEM_17, amountFen: 1_000_000, months: 14 })).toBe(12);
    expect(instalmentCount({ lineId: 'l', item: SubsidyItem.ITEM_14, amountFen: 500_000, months: 10 })).toBe(10);
    expect(instalmentCount({ lineId: 'l', item: SubsidyItem.ITEM_16, amountFen: 500_000, months: 6 })).toBe(1);
  });

  it('plans monthly instalments from the approval day; a one-month line waits for its month', () => {
    const rows = planLine({ lineId: 'L1', item: SubsidyItem.ITEM_09, amountFen: 150_000, months: 3 }, '2026-12-31');
    expect(rows.map((r) => [r.idempotencyKey, r.dueOn, r.amountFen, r.status])).toEqual([
      ['ITEM_09:L1:1', '2026-12-31', 50_000, 'DUE'],
      ['ITEM_09:L1:2', '2027-01-31', 50_000, 'PLANNED'],
      ['ITEM_09:L1:3', '2027-02-28', 50_000, 'PLANNED'],
    ]);
    expect(planLine({ lineId: 'L2', item: SubsidyItem.ITEM_09, amountFen: 50_000, month: '2027-02' }, '2026-12-31')).toMatchObject([
      { dueOn: '2027-02-01', status: 'PLANNED' },
    ]);
    expect(planLine({ lineId: 'L3', item: SubsidyItem.ITEM_09, amountFen: 50_000, month: '2026-11' }, '2026-12-31')).toMatchObject([
      { dueOn: '2026-12-31', status: 'DUE' },
    ]);
    expect(planLine({ lineId: 'L4', item: SubsidyItem.ITEM_16, amountFen: 0 }, '2026-12-31')).toEqual([]);
  });

  it('item 11: held until the contract has lasted 365 days; due at once when the year is already over', () => {
    expect(planLine({ lineId: 'L', item: SubsidyItem.ITEM_11, amountFen: 50_000, hireId: 'h', contractStart: '2026-03-01' }, '2026-12-31')).toMatchObject([
      { status: 'HELD', dueOn: '2027-03-01', statusReason: 'RETENTION_YEAR' },
    ]);
    expect(planLine({ lineId: 'L', item: SubsidyItem.ITEM_11, amountFen: 50_000, hireId: 'h', contractStart: '2025-12-31' }, '2026-12-31')).toMatchObject([
      { status: 'DUE', dueOn: '2026-12-31' },
    ]);
    // The cooperation award (no hire) is paid at once.
    expect(planLine({ lineId: 'L', item: SubsidyItem.ITEM_11, amountFen: 5_000_000 }, '2026-12-31')).toMatchObject([{ status: 'DUE' }]);
  });

  it('a termination on day 364 is within the retention year, on day 365 or later it is not', () => {
    expect(terminatedWithinRetention('2026-01-01', addDays('2026-01-01', 364))).toBe(true);
    expect(terminatedWithinRetention('2026-01-01', addDays('2026-01-01', 365))).toBe(false);
    expect(terminatedWithinRetention('2026-01-01', addDays('2026-01-01', 366))).toBe(false);
    expect(terminatedWithinRetention('2026-01-01', null)).toBe(false);
  });

  it('masks a person payee (PIPL) but not an organisation; keys and file names are deterministic', () => {
    expect(maskPayeeName(SubsidyPartyKind.PERSON, '王晓燕')).toBe('王**');
    expect(maskPayeeName(SubsidyPartyKind.PERSON, '王')).toBe('*');
    expect(maskPayeeName(SubsidyPartyKind.COMPANY, '北疆云联客服有限公司')).toBe('北疆云联客服有限公司');
    expect(idempotencyKey(SubsidyItem.ITEM_17, 'line-1', 3)).toBe('ITEM_17:line-1:3');
    expect(batchFileName('5d1c0e4e-0000-4000-8000-000000000001')).toBe('WLCB-SUBSIDY-BATCH-5d1c0e4e-0000-4000-8000-000000000001.xlsx');
  });
});
