/**
 * Pure planning rules of payouts (issue 10 §3): how an approved claim line becomes payout instructions — monthly
 * instalments for items 9, 14 and 17, a held award for item 11 until its retention year is over, one payment
 * otherwise. No I/O here: PayoutPlanner reads the lines and writes the rows.
 */

import { SubsidyItem, SubsidyPartyKind } from '../subsidies.enums';

export type PayeeKind = SubsidyPartyKind;
export type InstructionStatus = 'PLANNED' | 'DUE' | 'BATCHED' | 'PAID' | 'UNKNOWN' | 'CANCELLED' | 'HELD';
export const INSTRUCTION_STATUSES: InstructionStatus[] = ['PLANNED', 'DUE', 'BATCHED', 'PAID', 'UNKNOWN', 'CANCELLED', 'HELD'];

/** Items paid in monthly instalments, and the most months the policy allows (第9条 6 个月; 第17条 见习期 3 个月至 1 年; 第14条 就读期间). */
export const MONTHLY_ITEMS: Partial<Record<SubsidyItem, { maxMonths: number }>> = {
  [SubsidyItem.ITEM_09]: { maxMonths: 6 },
  [SubsidyItem.ITEM_14]: { maxMonths: 60 },
  [SubsidyItem.ITEM_17]: { maxMonths: 12 },
};

/** Items whose award requires the hire to stay a year (第11条, 第16条: 签订1年以上劳动合同). */
export const RETENTION_ITEMS: readonly SubsidyItem[] = [SubsidyItem.ITEM_11, SubsidyItem.ITEM_16];
/** A termination fewer than this many days after the contract start voids the award (第11条：1年内解除合同的不予奖励). */
export const RETENTION_DAYS = 365;
/** Months after the contract start at which a subsidised hire's retention is checked. */
export const RETENTION_CHECK_MONTHS = [3, 6, 12] as const;

/** The payout key: one instruction per item, claim line and instalment, ever. */
export function idempotencyKey(item: SubsidyItem, lineId: string, instalmentNo: number): string {
  return `${item}:${lineId}:${instalmentNo}`;
}

/** Adds whole months to a YYYY-MM-DD date, clamping the day to the month's last (01-31 + 1 month → 02-28/29). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (calendar dates, no time zone involved). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Splits `totalFen` into `n` parts that differ by at most one fen and add up exactly (the first ones carry the remainder). */
export function splitFen(totalFen: number, n: number): number[] {
  if (!Number.isInteger(totalFen) || totalFen < 0) throw new Error(`amount must be a non-negative integer of fen (got ${totalFen})`);
  if (!Number.isInteger(n) || n < 1) throw new Error(`instalments must be a positive integer (got ${n})`);
  const base = Math.floor(totalFen / n);
  const rest = totalFen - base * n;
  return Array.from({ length: n }, (_, i) => base + (i < rest ? 1 : 0));
}

export interface LineToPlan {
  lineId: string;
  item: SubsidyItem;
  amountFen: number;
  /** From the line's facts: months of the allowance / internship, when the rule recorded them. */
  months?: number | null;
  /** The item's monthly amount at the fact date (items 9 and 14), to derive the months when the line has none. */
  monthlyFen?: number | null;
  hireId?: string | null;
  /** The hire's contract start (items 11 and 16). */
  contractStart?: string | null;
  /** The month a one-month line is for (YYYY-MM, e.g. item 9's lines): not due before that month begins. */
  month?: string | null;
}

export interface PlannedInstruction {
  idempotencyKey: string;
  instalmentNo: number;
  instalments: number;
  dueOn: string;
  amountFen: number;
  status: InstructionStatus;
  statusReason: string | null;
}

/** How many monthly instalments a line is paid in (1 for one-off items). */
export function instalmentCount(line: LineToPlan): number {
  const rule = MONTHLY_ITEMS[line.item];
  if (!rule) return 1;
  let n = line.months && Number.isInteger(line.months) && line.months > 0 ? line.months : 0;
  if (!n && line.monthlyFen && line.monthlyFen > 0) n = Math.ceil(line.amountFen / line.monthlyFen);
  if (!n) n = 1;
  return Math.max(1, Math.min(rule.maxMonths, n));
}

/**
 * The instructions of one approved line, planned on `today` (Asia/Shanghai calendar date of the approval).
 * Monthly items: instalment k is due k−1 months after the approval. Item 11 per hire: held until the retention year
 * is over (contract start + 365 days), then released or cancelled by the daily sweep. Everything else: due now.
 */
export function planLine(line: LineToPlan, today: string): PlannedInstruction[] {
  if (line.amountFen <= 0) return [];
  const n = instalmentCount(line);
  const parts = splitFen(line.amountFen, n);
  return parts.map((amountFen, i) => {
    const instalmentNo = i + 1;
    let dueOn = addMonths(today, i);
    if (n === 1 && line.month && /^\d{4}-\d{2}$/.test(line.month) && `${line.month}-01` > today) dueOn = `${line.month}-01`;
    let status: InstructionStatus = dueOn <= today ? 'DUE' : 'PLANNED';
    let statusReason: string | null = null;
    if (line.item === SubsidyItem.ITEM_11 && line.hireId && line.contractStart) {
      const yearEnds = addDays(line.contractStart, RETENTION_DAYS);
      if (yearEnds > today) {
        dueOn = yearEnds;
        status = 'HELD';
        statusReason = 'RETENTION_YEAR';
      }
    }
    return { idempotencyKey: idempotencyKey(line.item, line.lineId, instalmentNo), instalmentNo, instalments: n, dueOn, amountFen, status, statusReason };
  });
}

/** Whether a termination on `terminatedOn` falls within the retention year of a contract started on `contractStart`. */
export function terminatedWithinRetention(contractStart: string, terminatedOn: string | null): boolean {
  return !!terminatedOn && daysBetween(contractStart, terminatedOn) < RETENTION_DAYS;
}

/** Masks a payee name for a person (PIPL): first character kept — 王晓燕 → 王**. Organisations are shown in full. */
export function maskPayeeName(kind: PayeeKind, name: string): string {
  if (kind !== SubsidyPartyKind.PERSON) return name;
  const chars = [...name];
  return chars.length <= 1 ? '*' : chars[0] + '*'.repeat(chars.length - 1);
}

/** The bank file's name: from the batch id only, so a batch always has the same file. */
export function batchFileName(batchId: string): string {
  return `WLCB-SUBSIDY-BATCH-${batchId}.xlsx`;
}
