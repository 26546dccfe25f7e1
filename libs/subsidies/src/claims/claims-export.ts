import { Actor, Clock, CurrentActor, Public, Role, Roles } from '@app/core';
import { Controller, Get, Injectable, Query, Res } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Writable } from 'stream';
import { SubsidyClaimFilter } from '../graphql/subsidy.models';
import { ITEM_LABEL, PARTY_KIND_ZH, STATUS_ZH } from '../subsidies.enums';
import { subsidiesError, SubsidiesExceptionCode } from '../subsidies.exception';
import { atText, datedFileName, HttpResponse, pages, sendXlsx, writeSheet, yuanText } from '../exports/xlsx';
import { ClaimQueryService } from './claim-query.service';

/**
 * The bureau's claim list as a spreadsheet (the same filters and the same masking as the desk's list): streamed page
 * by page, so a year of claims never sits in memory. Amounts in yuan from integer fen, times in Asia/Shanghai.
 */
@Injectable()
export class ClaimsExportService {
  constructor(
    private readonly query: ClaimQueryService,
    private readonly clock: Clock,
  ) {}

  fileName(filter: SubsidyClaimFilter): string {
    return datedFileName(`补贴申报清单${filter.status ? '-' + STATUS_ZH[filter.status] : ''}`, this.clock.now());
  }

  write(actor: Actor, filter: SubsidyClaimFilter, out: Writable): Promise<number> {
    const now = this.clock.now();
    return writeSheet(
      out,
      {
        name: '补贴申报',
        created: now,
        columns: [
          { header: '申报编号', width: 38, text: true },
          { header: '补贴事项', width: 30 },
          { header: '申报主体类型', width: 12 },
          { header: '申报主体', width: 30 },
          { header: '状态', width: 12 },
          { header: '来源', width: 10 },
          { header: '申报金额（元）', width: 16, text: true },
          { header: '核定金额（元）', width: 16, text: true },
          { header: '提交时间', width: 20 },
          { header: '决定时间', width: 20 },
          { header: '公示截止', width: 12 },
        ],
      },
      async (add) => {
        for await (const c of pages((first, offset) => this.query.list(actor, filter, { first, offset }, now))) {
          add([
            c.id,
            ITEM_LABEL[c.item].zh,
            PARTY_KIND_ZH[c.partyKind],
            c.partyName,
            STATUS_ZH[c.status],
            c.origin === 'PROPOSAL' ? '系统预填' : '手工申报',
            yuanText(c.claimedFen),
            yuanText(c.approvedFen),
            atText(c.submittedAt),
            atText(c.decidedAt),
            c.publicityEndsOn ?? '',
          ]);
        }
      },
    );
  }
}

/** The publicity list 公示名单 as a spreadsheet to post or print: the same public rows as the page, names masked. */
@Injectable()
export class PublicityExportService {
  /** More rows than a publicity period ever holds here; the query streams nothing larger into memory than this. */
  static readonly MAX_ROWS = 50_000;

  constructor(
    private readonly query: ClaimQueryService,
    private readonly clock: Clock,
  ) {}

  fileName(): string {
    return datedFileName('补贴公示名单', this.clock.now());
  }

  async write(out: Writable): Promise<number> {
    const rows = await this.query.publicity(PublicityExportService.MAX_ROWS);
    return writeSheet(
      out,
      {
        name: '补贴公示',
        created: this.clock.now(),
        columns: [
          { header: '序号', width: 6 },
          { header: '补贴事项', width: 30 },
          { header: '申报主体', width: 30 },
          { header: '人员', width: 14 },
          { header: '期间', width: 12 },
          { header: '核定金额（元）', width: 16, text: true },
          { header: '公示截止', width: 12 },
          { header: '异议', width: 10 },
        ],
      },
      async (add) =>
        rows.forEach((r, i) =>
          add([i + 1, r.itemLabelZh, r.partyName, r.personLabel ?? '', r.period, yuanText(r.approvedAmountFen), r.publicityEndsOn, r.objected ? '核查中' : '']),
        ),
    );
  }
}

/** REST only where GraphQL is wrong: the claim list as xlsx (bureau and service centre) and the public publicity list. */
@Controller('subsidies')
export class ClaimsExportController {
  constructor(
    private readonly exports: ClaimsExportService,
    private readonly publicity: PublicityExportService,
  ) {}

  /** Public like the publicity list itself (公示): anyone may read and object. */
  @Public()
  @Get('publicity.xlsx')
  async publicityList(@Res() res: HttpResponse): Promise<void> {
    sendXlsx(res, 'publicity.xlsx', this.publicity.fileName());
    await this.publicity.write(res);
  }

  @Roles(Role.AUDITOR, Role.OPERATOR)
  @Get('claims.xlsx')
  async claims(@CurrentActor() actor: Actor, @Query() q: Record<string, string>, @Res() res: HttpResponse): Promise<void> {
    const filter = plainToInstance(SubsidyClaimFilter, {
      ...(q.item ? { item: q.item } : {}),
      ...(q.status ? { status: q.status } : {}),
      ...(q.tenantId ? { tenantId: q.tenantId } : {}),
      ...(q.olderThanDays ? { olderThanDays: /^\d+$/.test(q.olderThanDays) ? Number(q.olderThanDays) : q.olderThanDays } : {}),
    });
    const bad = await validate(filter);
    if (bad.length) throw subsidiesError(SubsidiesExceptionCode.INVALID_FILTER, { field: bad[0].property });
    sendXlsx(res, 'claims.xlsx', this.exports.fileName(filter));
    await this.exports.write(actor, filter, res);
  }
}
