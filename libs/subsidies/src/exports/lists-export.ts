import { Clock, Role, Roles } from '@app/core';
import { TenantDirectory } from '@app/employers';
import { Controller, Get, Injectable, Query, Res } from '@nestjs/common';
import type { Writable } from 'stream';
import { ClaimQueryService } from '../claims/claim-query.service';
import { SubsidyPaymentBatchStatus, SubsidyRecoveryStatus, SubsidyRetentionResult } from '../payouts/models/payout.models';
import { PayoutDeskService } from '../payouts/payout-desk.service';
import { ITEM_LABEL, PARTY_KIND_ZH, SubsidyItem, SubsidyLineStatus, SubsidyPartyKind } from '../subsidies.enums';
import { subsidiesError, SubsidiesExceptionCode } from '../subsidies.exception';
import { atText, datedFileName, HttpResponse, pages, sendXlsx, writeSheet, yuanText } from './xlsx';

const LINE_STATUS_ZH: Record<SubsidyLineStatus, string> = {
  OPEN: '待审',
  APPROVED: '批准',
  REDUCED: '核减',
  REJECTED: '不予批准',
  WITHDRAWN: '已撤回',
  OBJECTED: '有异议',
};
const BATCH_STATUS_ZH: Record<SubsidyPaymentBatchStatus, string> = { DRAFT: '草稿', SENT: '已报送银行', RECEIPTED: '已回单', RECONCILE: '待对账' };
const RECOVERY_STATUS_ZH: Record<SubsidyRecoveryStatus, string> = { DUE: '待追回', OFFSET: '已从后续拨付中抵扣', RECOVERED: '已追回', WAIVED: '免于追回' };
const RETENTION_ZH: Record<SubsidyRetentionResult, string> = { RETAINED: '在职', LEFT: '已离职' };

/** The double-dipping report holds one row per person; more than any year here produces, and still bounded. */
const MAX_DOUBLE_DIP_PERSONS = 20_000;

/**
 * The bureau's other lists as spreadsheets (issue 10 §4 "exports of every list"): the double-dipping report, the
 * recoveries, the retention checks and the payment batches — the same rows and masking as the pages, streamed page by
 * page, yuan from integer fen, Asia/Shanghai times, companies by name.
 */
@Injectable()
export class SubsidyListsExportService {
  constructor(
    private readonly claims: ClaimQueryService,
    private readonly desk: PayoutDeskService,
    private readonly tenants: TenantDirectory,
    private readonly clock: Clock,
  ) {}

  fileName(stem: string): string {
    return datedFileName(stem, this.clock.now());
  }

  /** One row per claim line of every person in more than one claim, with the reasons; persons by masked name and hash key. */
  async doubleDipping(out: Writable): Promise<number> {
    const report = await this.claims.doubleDipping(MAX_DOUBLE_DIP_PERSONS);
    return writeSheet(
      out,
      {
        name: '交叉重复享受',
        created: this.clock.now(),
        columns: [
          { header: '人员', width: 12 },
          { header: '人员标识', width: 16, text: true },
          { header: '原因', width: 40 },
          { header: '补贴事项', width: 30 },
          { header: '申报主体', width: 30 },
          { header: '期间', width: 12 },
          { header: '事实日期', width: 12 },
          { header: '金额（元）', width: 14, text: true },
          { header: '明细状态', width: 10 },
          { header: '申报编号', width: 38, text: true },
        ],
      },
      async (add) => {
        for (const p of report) {
          for (const c of p.claims) {
            add([
              p.personLabel ?? '',
              p.personKey,
              p.reasonZh,
              ITEM_LABEL[c.item].zh,
              c.partyName,
              c.period,
              c.factDate,
              yuanText(c.amountFen),
              LINE_STATUS_ZH[c.status],
              c.claimId,
            ]);
          }
        }
      },
    );
  }

  async recoveries(out: Writable, status: SubsidyRecoveryStatus | null): Promise<number> {
    return writeSheet(
      out,
      {
        name: '补贴追回',
        created: this.clock.now(),
        columns: [
          { header: '补贴事项', width: 30 },
          { header: '追回对象类型', width: 12 },
          { header: '追回对象', width: 30 },
          { header: '金额（元）', width: 14, text: true },
          { header: '解除合同日期', width: 14 },
          { header: '原因', width: 30 },
          { header: '状态', width: 18 },
          { header: '处理时间', width: 20 },
          { header: '处理说明', width: 30 },
          { header: '产生时间', width: 20 },
        ],
      },
      async (add) => {
        for await (const batch of chunks(pages((first, offset) => this.desk.recoveries({ first, offset }, status)))) {
          const names = await this.tenants.names(batch.filter((r) => r.payeeKind === SubsidyPartyKind.COMPANY).map((r) => r.payeeId));
          for (const r of batch) {
            add([
              ITEM_LABEL[r.item as SubsidyItem].zh,
              PARTY_KIND_ZH[r.payeeKind as SubsidyPartyKind],
              names.get(r.payeeId) ?? '',
              yuanText(r.amountFen),
              r.terminatedOn ?? '',
              r.reason ?? r.reasonCode,
              RECOVERY_STATUS_ZH[r.status as SubsidyRecoveryStatus],
              atText(r.settledAt),
              r.settleReason ?? '',
              atText(r.createdAt),
            ]);
          }
        }
      },
    );
  }

  async retentionChecks(out: Writable): Promise<number> {
    return writeSheet(
      out,
      {
        name: '留任核查',
        created: this.clock.now(),
        columns: [
          { header: '录用编号', width: 38, text: true },
          { header: '企业', width: 30 },
          { header: '核查月数', width: 10 },
          { header: '核查日', width: 12 },
          { header: '结果', width: 10 },
          { header: '解除合同日期', width: 14 },
          { header: '核查时间', width: 20 },
        ],
      },
      async (add) => {
        for await (const batch of chunks(pages((first, offset) => this.desk.retentionChecks({ first, offset })))) {
          const names = await this.tenants.names(batch.flatMap((r) => (r.tenantId ? [r.tenantId] : [])));
          for (const r of batch) {
            add([
              r.hireId,
              (r.tenantId && names.get(r.tenantId)) ?? '',
              r.months,
              r.dueOn,
              r.result ? RETENTION_ZH[r.result as SubsidyRetentionResult] : '未到期',
              r.terminatedOn ?? '',
              atText(r.checkedAt),
            ]);
          }
        }
      },
    );
  }

  async batches(out: Writable): Promise<number> {
    return writeSheet(
      out,
      {
        name: '支付批次',
        created: this.clock.now(),
        columns: [
          { header: '批次号', width: 38, text: true },
          { header: '状态', width: 12 },
          { header: '到期截至', width: 12 },
          { header: '指令笔数', width: 10 },
          { header: '收款方数', width: 10 },
          { header: '应付合计（元）', width: 16, text: true },
          { header: '抵扣追回（元）', width: 16, text: true },
          { header: '实付合计（元）', width: 16, text: true },
          { header: '银行文件名', width: 46 },
          { header: '生成时间', width: 20 },
          { header: '报送时间', width: 20 },
          { header: '回单时间', width: 20 },
        ],
      },
      async (add) => {
        for await (const b of pages((first, offset) => this.desk.batches({ first, offset }))) {
          add([
            b.id,
            BATCH_STATUS_ZH[b.status as SubsidyPaymentBatchStatus],
            b.dueThrough,
            b.count,
            b.payeeCount,
            yuanText(b.totalFen),
            yuanText(b.offsetFen),
            yuanText(b.netFen),
            b.fileName,
            atText(b.createdAt),
            atText(b.sentAt),
            atText(b.receiptedAt),
          ]);
        }
      },
    );
  }
}

/** Rows in groups of up to 500 (one page), so names are looked up once per group. */
async function* chunks<T>(rows: AsyncIterable<T>, size = 500): AsyncGenerator<T[]> {
  let group: T[] = [];
  for await (const r of rows) {
    group.push(r);
    if (group.length >= size) {
      yield group;
      group = [];
    }
  }
  if (group.length) yield group;
}

/** REST only where GraphQL is wrong: the bureau's lists as xlsx (AUDITOR and OPERATOR, like the lists themselves). */
@Controller('subsidies')
@Roles(Role.AUDITOR, Role.OPERATOR)
export class SubsidyListsExportController {
  constructor(private readonly exports: SubsidyListsExportService) {}

  @Get('double-dipping.xlsx')
  async doubleDipping(@Res() res: HttpResponse): Promise<void> {
    sendXlsx(res, 'double-dipping.xlsx', this.exports.fileName('交叉重复享受报告'));
    await this.exports.doubleDipping(res);
  }

  @Get('recoveries.xlsx')
  async recoveries(@Query('status') status: string | undefined, @Res() res: HttpResponse): Promise<void> {
    if (status && !(Object.values(SubsidyRecoveryStatus) as string[]).includes(status)) {
      throw subsidiesError(SubsidiesExceptionCode.INVALID_FILTER, { field: 'status' });
    }
    const s = (status || null) as SubsidyRecoveryStatus | null;
    sendXlsx(res, 'recoveries.xlsx', this.exports.fileName(`补贴追回清单${s ? '-' + RECOVERY_STATUS_ZH[s] : ''}`));
    await this.exports.recoveries(res, s);
  }

  @Get('retention-checks.xlsx')
  async retentionChecks(@Res() res: HttpResponse): Promise<void> {
    sendXlsx(res, 'retention-checks.xlsx', this.exports.fileName('留任核查清单'));
    await this.exports.retentionChecks(res);
  }

  @Get('payment-batches.xlsx')
  async batches(@Res() res: HttpResponse): Promise<void> {
    sendXlsx(res, 'payment-batches.xlsx', this.exports.fileName('补贴支付批次'));
    await this.exports.batches(res);
  }
}
