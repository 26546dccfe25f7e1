import { checkErrorCatalog } from '@app/testing';
import { subsidiesError, SubsidiesExceptionCode as C, SUBSIDIES_ERRORS } from './subsidies.exception';

describe('SubsidiesExceptionCode: every code has zh-CN and English messages', () => {
  checkErrorCatalog(C, SUBSIDIES_ERRORS, subsidiesError, {
    [C.INVALID_TRANSITION]: { statusZh: '公示中', status: 'PUBLICITY', actionZh: '提交', actionEn: 'submit it' },
    [C.OVER_APPROVAL_LIMIT]: { fen: 600_000, limitFen: 500_000 },
    [C.NO_BUDGET]: { itemZh: '第16条 吸纳就业一次性奖励', item: 'ITEM_16', year: 2026 },
    [C.OVER_BUDGET]: { itemZh: '第16条 吸纳就业一次性奖励', item: 'ITEM_16', year: 2026, leftFen: 499_900, fen: 500_000 },
    [C.NOTHING_ELIGIBLE]: { reasonsZh: '劳动合同 11 个月 ≥ 12 个月' },
    [C.EVIDENCE_MISSING]: { kindsZh: '认定文件', kinds: 'CERTIFICATION' },
    [C.PARAMETER_VALUE_INVALID]: { zh: '应为非负整数（金额以分计）', en: 'Expected a non-negative integer' },
    [C.INVALID_FILTER]: { field: 'status' },
  });

  it('renders amounts in yuan with grouping in Chinese', () => {
    const e = subsidiesError(C.OVER_BUDGET, { itemZh: '第16条', item: 'ITEM_16', year: 2026, leftFen: 499_900, fen: 500_000 });
    expect(e.messageZh).toBe('第16条 2026 年度预算剩余 4,999 元，本次批准 5,000 元超出预算');
  });
});
