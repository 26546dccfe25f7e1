import { AppException, assertUuid, CommonCode, ErrorCatalog, exceptionFactory } from '@app/core';

/** Payout errors (issue 10 §3): the code enum; the catalog gives each its zh-CN and English messages (and the input field at fault). */
export enum PayoutsExceptionCode {
  BATCH_NOT_FOUND = 'BATCH_NOT_FOUND',
  RECOVERY_NOT_FOUND = 'RECOVERY_NOT_FOUND',
  NOTHING_DUE = 'NOTHING_DUE',
  LINE_NOT_IN_BATCH = 'LINE_NOT_IN_BATCH',
  LINE_ALREADY_SETTLED = 'LINE_ALREADY_SETTLED',
  DUPLICATE_RECEIPT_LINE = 'DUPLICATE_RECEIPT_LINE',
  RECOVERY_SETTLED = 'RECOVERY_SETTLED',
  REASON_REQUIRED = 'REASON_REQUIRED',
  CLAIM_NOT_APPROVED = 'CLAIM_NOT_APPROVED',
}

const C = PayoutsExceptionCode;

export const PAYOUTS_ERRORS = {
  [C.BATCH_NOT_FOUND]: { kind: 'NOT_FOUND', as: CommonCode.NOT_FOUND, field: 'batchId', zh: '支付批次不存在', en: 'Payment batch not found' },
  [C.RECOVERY_NOT_FOUND]: { kind: 'NOT_FOUND', as: CommonCode.NOT_FOUND, field: 'id', zh: '追回记录不存在', en: 'Recovery not found' },
  [C.NOTHING_DUE]: { kind: 'CONFLICT', zh: '当前没有到期待支付的补贴', en: 'No payout is due' },
  [C.LINE_NOT_IN_BATCH]: {
    kind: 'INPUT',
    field: 'lines',
    zh: (p: { n: number }) => `第${p.n}条回单明细不属于该批次`,
    en: (p: { n: number }) => `Receipt line ${p.n} is not in this batch`,
  },
  [C.LINE_ALREADY_SETTLED]: {
    kind: 'CONFLICT',
    field: 'lines',
    zh: (p: { n: number }) => `第${p.n}条回单明细已登记为已支付`,
    en: (p: { n: number }) => `Receipt line ${p.n} is already recorded as paid`,
  },
  [C.DUPLICATE_RECEIPT_LINE]: {
    kind: 'INPUT',
    field: 'lines',
    zh: (p: { n: number }) => `第${p.n}条回单明细重复`,
    en: (p: { n: number }) => `Receipt line ${p.n} appears twice`,
  },
  [C.RECOVERY_SETTLED]: { kind: 'CONFLICT', field: 'id', zh: '该追回记录已处理', en: 'This recovery is already settled' },
  [C.REASON_REQUIRED]: { kind: 'INPUT', field: 'reason', zh: '请填写原因', en: 'A reason is required' },
  [C.CLAIM_NOT_APPROVED]: {
    kind: 'CONFLICT',
    field: 'claimId',
    zh: '申报尚未批准，不能生成支付指令',
    en: 'The claim is not approved; no payout can be planned',
  },
} satisfies ErrorCatalog<PayoutsExceptionCode>;

export class PayoutsException extends AppException<PayoutsExceptionCode> {}
/** `throw payoutsError(PayoutsExceptionCode.NOTHING_DUE)`; parameters and a field when the catalog asks for them. */
export const payoutsError = exceptionFactory(PayoutsException, PAYOUTS_ERRORS);

/** `ID` args are not validated by the pipe; a malformed id is simply "not found". */
export function assertPayoutId(id: string, notFound: PayoutsExceptionCode.BATCH_NOT_FOUND | PayoutsExceptionCode.RECOVERY_NOT_FOUND): void {
  assertUuid(id, () => payoutsError(notFound));
}
