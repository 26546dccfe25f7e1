import { Actor, Clock, CurrentActor, Public, Role, Roles, shanghaiDateTime } from '@app/core';
import { Controller, Get, Injectable, Query, Res } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import * as ExcelJS from 'exceljs';
import type { Writable } from 'stream';
import { SubsidyClaimFilter } from '../graphql/subsidy.models';
import { ITEM_LABEL, PARTY_KIND_ZH, STATUS_ZH } from '../subsidies.enums';
import { subsidiesError, SubsidiesExceptionCode } from '../subsidies.exception';
import { ClaimQueryService } from './claim-query.service';

type HttpResponse = Writable & { setHeader(name: string, value: string): void };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PAGE = 500;

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
    const day = shanghaiDateTime(this.clock.now()).slice(0, 10).replace(/-/g, '');
    return `补贴申报清单-${filter.status ? STATUS_ZH[filter.status] + '-' : ''}${day}.xlsx`;
  }

  async write(actor: Actor, filter: SubsidyClaimFilter, out: Writable): Promise<number> {
    const now = this.clock.now();
    const yuan = (fen: number | null) => (fen === null ? '' : (fen / 100).toFixed(2));
    const at = (d: Date | null) => (d ? shanghaiDateTime(d) : '');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    wb.creator = '乌兰察布市人力资源和社会保障局';
    wb.created = now;
    const ws = wb.addWorksheet('补贴申报', { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = [
      { width: 38, style: { numFmt: '@' } },
      { width: 30 },
      { width: 12 },
      { width: 30 },
      { width: 12 },
      { width: 10 },
      { width: 16, style: { numFmt: '@' } },
      { width: 16, style: { numFmt: '@' } },
      { width: 20 },
      { width: 20 },
      { width: 12 },
    ];
    const head = ws.addRow([
      '申报编号',
      '补贴事项',
      '申报主体类型',
      '申报主体',
      '状态',
      '来源',
      '申报金额（元）',
      '核定金额（元）',
      '提交时间',
      '决定时间',
      '公示截止',
    ]);
    head.font = { bold: true };
    head.commit();
    let offset = 0;
    let n = 0;
    for (;;) {
      const page = await this.query.list(actor, filter, { first: PAGE, offset }, now);
      for (const c of page.items) {
        ws.addRow([
          c.id,
          ITEM_LABEL[c.item].zh,
          PARTY_KIND_ZH[c.partyKind],
          c.partyName,
          STATUS_ZH[c.status],
          c.origin === 'PROPOSAL' ? '系统预填' : '手工申报',
          yuan(c.claimedFen),
          yuan(c.approvedFen),
          at(c.submittedAt),
          at(c.decidedAt),
          c.publicityEndsOn ?? '',
        ]).commit();
        n++;
      }
      offset += page.items.length;
      if (!page.items.length || offset >= page.total) break;
    }
    ws.commit();
    await wb.commit();
    return n;
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
    return `补贴公示名单-${shanghaiDateTime(this.clock.now()).slice(0, 10).replace(/-/g, '')}.xlsx`;
  }

  async write(out: Writable): Promise<number> {
    const rows = await this.query.publicity(PublicityExportService.MAX_ROWS);
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    wb.creator = '乌兰察布市人力资源和社会保障局';
    wb.created = this.clock.now();
    const ws = wb.addWorksheet('补贴公示', { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = [
      { width: 6 },
      { width: 30 },
      { width: 30 },
      { width: 14 },
      { width: 12 },
      { width: 16, style: { numFmt: '@' } },
      { width: 12 },
      { width: 10 },
    ];
    const head = ws.addRow(['序号', '补贴事项', '申报主体', '人员', '期间', '核定金额（元）', '公示截止', '异议']);
    head.font = { bold: true };
    head.commit();
    rows.forEach((r, i) =>
      ws
        .addRow([
          i + 1,
          r.itemLabelZh,
          r.partyName,
          r.personLabel ?? '',
          r.period,
          (r.approvedAmountFen / 100).toFixed(2),
          r.publicityEndsOn,
          r.objected ? '核查中' : '',
        ])
        .commit(),
    );
    ws.commit();
    await wb.commit();
    return rows.length;
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
    const name = this.publicity.fileName();
    res.setHeader('Content-Type', XLSX);
    res.setHeader('Content-Disposition', `attachment; filename="publicity.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`);
    res.setHeader('Cache-Control', 'no-store');
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
    const name = this.exports.fileName(filter);
    res.setHeader('Content-Type', XLSX);
    res.setHeader('Content-Disposition', `attachment; filename="claims.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`);
    res.setHeader('Cache-Control', 'no-store');
    await this.exports.write(actor, filter, res);
  }
}
