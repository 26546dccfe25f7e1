import { AppException, assertUuid, CommonCode, ErrorCatalog, exceptionFactory } from '@app/core';

/** Subsidy errors: the code enum; the catalog gives each its zh-CN and English messages (and the input field at fault). */
export enum SubsidiesExceptionCode {
  NOT_FOUND = 'NOT_FOUND',
  LINE_NOT_FOUND = 'LINE_NOT_FOUND',
  EVIDENCE_NOT_FOUND = 'EVIDENCE_NOT_FOUND',
  PARAMETER_NOT_FOUND = 'PARAMETER_NOT_FOUND',
  INVALID_TRANSITION = 'INVALID_TRANSITION',
  NOT_THE_PARTY = 'NOT_THE_PARTY',
  FOUR_EYES = 'FOUR_EYES',
  NO_APPROVAL_LIMIT = 'NO_APPROVAL_LIMIT',
  OVER_APPROVAL_LIMIT = 'OVER_APPROVAL_LIMIT',
  NO_BUDGET = 'NO_BUDGET',
  OVER_BUDGET = 'OVER_BUDGET',
  NOTHING_ELIGIBLE = 'NOTHING_ELIGIBLE',
  ALREADY_CLAIMED = 'ALREADY_CLAIMED',
  EVIDENCE_MISSING = 'EVIDENCE_MISSING',
  RETURN_DEADLINE_PASSED = 'RETURN_DEADLINE_PASSED',
  RETURN_DEADLINE_INVALID = 'RETURN_DEADLINE_INVALID',
  LINE_AMOUNT_INVALID = 'LINE_AMOUNT_INVALID',
  LINE_REASON_REQUIRED = 'LINE_REASON_REQUIRED',
  NOTE_REQUIRED = 'NOTE_REQUIRED',
  PARAMETER_VALUE_INVALID = 'PARAMETER_VALUE_INVALID',
  FILE_TOO_LARGE = 'FILE_TOO_LARGE',
  FILE_TYPE = 'FILE_TYPE',
  ITEM_PARTY_MISMATCH = 'ITEM_PARTY_MISMATCH',
  ITEM_NOT_FROM_RECORDS = 'ITEM_NOT_FROM_RECORDS',
  NOT_COMBINABLE = 'NOT_COMBINABLE',
  EVIDENCE_KIND = 'EVIDENCE_KIND',
  AMOUNT_TOO_LARGE = 'AMOUNT_TOO_LARGE',
  INVALID_FILTER = 'INVALID_FILTER',
}

const C = SubsidiesExceptionCode;
type Money = { fen: number; limitFen: number };
type Transition = { statusZh: string; status: string; actionZh: string; actionEn: string };
type Budget = { itemZh: string; item: string; year: number; leftFen: number; fen: number };
type Kinds = { kindsZh: string; kinds: string };
const yuan = (fen: number) => (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 0, maximumFractionDigits: 2 });

export const SUBSIDIES_ERRORS = {
  /** Also what another company's HR or another person sees: existence does not leak. */
  [C.NOT_FOUND]: { kind: 'NOT_FOUND', field: 'claimId', zh: '补贴申报不存在', en: 'Subsidy claim not found' },
  [C.LINE_NOT_FOUND]: { kind: 'NOT_FOUND', as: CommonCode.NOT_FOUND, field: 'lineId', zh: '申报明细不存在', en: 'Claim line not found' },
  [C.EVIDENCE_NOT_FOUND]: { kind: 'NOT_FOUND', as: CommonCode.NOT_FOUND, field: 'evidenceId', zh: '申报材料不存在', en: 'Evidence not found' },
  [C.PARAMETER_NOT_FOUND]: { kind: 'NOT_FOUND', as: CommonCode.NOT_FOUND, field: 'key', zh: '补贴参数不存在', en: 'Subsidy parameter not found' },
  [C.INVALID_TRANSITION]: {
    kind: 'CONFLICT',
    field: 'claimId',
    zh: (p: Transition) => `申报当前为「${p.statusZh}」，不能${p.actionZh}`,
    en: (p: Transition) => `The claim is ${p.status}; cannot ${p.actionEn}`,
  },
  [C.NOT_THE_PARTY]: { kind: 'FORBIDDEN', field: 'claimId', zh: '只有申报主体可以进行此操作', en: 'Only the claiming party can do this' },
  [C.FOUR_EYES]: {
    kind: 'FORBIDDEN',
    field: 'claimId',
    zh: '审批人不能是该申报的初审人或提交人（双人复核）',
    en: 'The approver must be neither the reviewer nor the submitter (four eyes)',
  },
  [C.NO_APPROVAL_LIMIT]: { kind: 'FORBIDDEN', field: 'claimId', zh: '您尚未设置审批限额，不能审批', en: 'You have no approval limit set' },
  [C.OVER_APPROVAL_LIMIT]: {
    kind: 'FORBIDDEN',
    field: 'lines',
    zh: (p: Money) => `批准金额 ${yuan(p.fen)} 元超过您的审批限额 ${yuan(p.limitFen)} 元`,
    en: (p: Money) => `Approving ${p.fen} fen exceeds your approval limit of ${p.limitFen} fen`,
  },
  [C.NO_BUDGET]: {
    kind: 'CONFLICT',
    field: 'claimId',
    zh: (p: Omit<Budget, 'leftFen' | 'fen'>) => `${p.itemZh} ${p.year} 年度未设置预算，不能批准`,
    en: (p: Omit<Budget, 'leftFen' | 'fen'>) => `No ${p.year} budget is set for ${p.item}`,
  },
  [C.OVER_BUDGET]: {
    kind: 'CONFLICT',
    field: 'lines',
    zh: (p: Budget) => `${p.itemZh} ${p.year} 年度预算剩余 ${yuan(p.leftFen)} 元，本次批准 ${yuan(p.fen)} 元超出预算`,
    en: (p: Budget) => `${p.item} ${p.year} budget has ${p.leftFen} fen left; approving ${p.fen} fen would exceed it`,
  },
  [C.NOTHING_ELIGIBLE]: {
    kind: 'INPUT',
    zh: (p: { reasonsZh: string }) => `没有符合条件的申报明细：${p.reasonsZh}`,
    en: 'Nothing in this claim is eligible',
  },
  [C.ALREADY_CLAIMED]: {
    kind: 'CONFLICT',
    zh: '该人员在此补贴项目、该期间已有申报（同一人不重复享受）',
    en: 'Already claimed for this person, item and period',
  },
  [C.EVIDENCE_MISSING]: {
    kind: 'INPUT',
    field: 'claimId',
    zh: (p: Kinds) => `请先上传申报材料：${p.kindsZh}`,
    en: (p: Kinds) => `Upload the evidence first: ${p.kinds}`,
  },
  [C.RETURN_DEADLINE_PASSED]: { kind: 'CONFLICT', field: 'claimId', zh: '补正期限已过，不能再提交', en: 'The correction deadline has passed' },
  [C.RETURN_DEADLINE_INVALID]: { kind: 'INPUT', field: 'deadline', zh: '补正期限须晚于今天', en: 'The correction deadline must be after today' },
  [C.LINE_AMOUNT_INVALID]: {
    kind: 'INPUT',
    field: 'lines',
    zh: '批准金额须在 0 与申报金额之间',
    en: 'An approved amount must be between 0 and the claimed amount',
  },
  [C.LINE_REASON_REQUIRED]: { kind: 'INPUT', field: 'lines', zh: '核减或不予批准的明细须注明原因', en: 'A reduced or refused line needs a reason code' },
  [C.NOTE_REQUIRED]: { kind: 'INPUT', field: 'note', zh: '请填写说明', en: 'A note is required' },
  [C.PARAMETER_VALUE_INVALID]: {
    kind: 'INPUT',
    field: 'value',
    zh: (p: { zh: string; en: string }) => p.zh,
    en: (p: { zh: string; en: string }) => p.en,
  },
  [C.FILE_TOO_LARGE]: { kind: 'TOO_LARGE', field: 'file', zh: '文件不能超过 10 MB', en: 'Files are limited to 10 MB' },
  [C.FILE_TYPE]: { kind: 'UNPROCESSABLE', field: 'file', zh: '只接受 PDF、JPG、PNG 文件', en: 'Only PDF, JPG and PNG files are accepted' },
  [C.ITEM_NOT_FROM_RECORDS]: {
    kind: 'INPUT',
    field: 'item',
    zh: '该补贴项目所需事实（认定、购房等）平台尚无记录，暂不能在线发起，请到人才服务中心申报',
    en: 'The facts this item needs are not recorded on the platform yet; claim it at the service centre',
  },
  [C.NOT_COMBINABLE]: {
    kind: 'CONFLICT',
    zh: '该录用已申报不得同时享受的其他一次性奖励（第11条与第16条不可兼得）',
    en: 'This hire already has a one-time reward that cannot be combined with this item (items 11 and 16)',
  },
  [C.EVIDENCE_KIND]: { kind: 'INPUT', field: 'kind', zh: '请选择材料类别', en: 'Choose the evidence kind' },
  [C.AMOUNT_TOO_LARGE]: { kind: 'INPUT', field: 'amountFen', zh: '金额超出范围', en: 'Amount out of range' },
  [C.ITEM_PARTY_MISMATCH]: { kind: 'INPUT', field: 'item', zh: '该补贴项目不能由此主体申报', en: 'This party cannot claim this item' },
  [C.INVALID_FILTER]: {
    kind: 'INPUT',
    field: 'filter',
    zh: (p: { field: string }) => `筛选条件无效：${p.field}`,
    en: (p: { field: string }) => `Invalid filter: ${p.field}`,
  },
} satisfies ErrorCatalog<SubsidiesExceptionCode>;

export class SubsidiesException extends AppException<SubsidiesExceptionCode> {}
/** `throw subsidiesError(SubsidiesExceptionCode.FOUR_EYES)`; parameters and a field when the catalog asks for them. */
export const subsidiesError = exceptionFactory(SubsidiesException, SUBSIDIES_ERRORS);

/** `ID` args are not validated by the pipe; a malformed id is simply "not found". */
export function assertClaimId(id: string, notFound: SubsidiesExceptionCode = SubsidiesExceptionCode.NOT_FOUND): void {
  assertUuid(id, () => subsidiesError(notFound as SubsidiesExceptionCode.NOT_FOUND));
}
