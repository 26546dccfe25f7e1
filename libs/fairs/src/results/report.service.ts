import { shanghaiDateTime } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Workbook } from 'exceljs';
import { DataSource, EntityManager } from 'typeorm';
import { FairEntity, FairPostingEntity } from '../fairs.entities';
import { FairService } from '../fairs/fair.service';
import { FairPostingReader } from './fair-posting.reader';
import { FairFilledAfterModel, FairPostingResultModel, FairReportModel } from './models/report.model';

/**
 * The fair report 招聘会报告 and the results per posting 招聘结果登记: companies, booths, postings, headcount offered,
 * check-ins (进场人数), booth visits (人次: posting QR scans and recorded conversations), unique visitors, attributed
 * applications, intents (达成意向人数: people HR marked with intent or hired), interviews, hires, fill rate, and how
 * many places were filled at the posting's 1st, 2nd, 3rd … fair (carry-overs). Figures from the fairs' own tables and
 * employers' read model (through FairPostingReader).
 */
@Injectable()
export class FairReportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly fairs: FairService,
    private readonly reader: FairPostingReader,
  ) {}

  /** The postings that count: companies approved, not withdrawn. */
  async countedPostings(fairId: string, m?: EntityManager): Promise<FairPostingEntity[]> {
    return (m ?? this.dataSource.manager)
      .getRepository(FairPostingEntity)
      .createQueryBuilder('fp')
      .innerJoin('fair_booth_applications', 'a', `a.id = fp.booth_application_id AND a.status = 'APPROVED'`)
      .where(`fp.fair_id = :f AND fp.status = 'ACTIVE'`, { f: fairId })
      .orderBy('fp.created_at', 'ASC')
      .getMany();
  }

  async report(fairId: string, m?: EntityManager): Promise<FairReportModel> {
    const db = m ?? this.dataSource.manager;
    const fair = await this.fairs.entity(fairId, db);
    await this.reader.syncAttributions(fair, db);
    const fps = await this.countedPostings(fairId, db);
    const models = await this.reader.models(fair, fps, db);
    const figures = await this.reader.figures(fps, db);
    const sel: Array<{ fair_posting_id: string; intents: number; interviews: number }> = await db.query(
      `SELECT fair_posting_id,
              count(DISTINCT seeker_id) FILTER (WHERE side = 'HR' AND kind IN ('INTENT','HIRED'))::int AS intents,
              count(*) FILTER (WHERE side = 'HR' AND kind = 'INTERVIEW')::int AS interviews
         FROM fair_selections WHERE fair_id = $1 GROUP BY fair_posting_id`,
      [fairId],
    );
    const selBy = new Map(sel.map((s) => [s.fair_posting_id, s]));
    const [tot] = await db.query(
      `SELECT (SELECT count(*)::int FROM fair_checkins WHERE fair_id = $1) AS checkins,
              (SELECT count(*)::int FROM fair_posting_scans WHERE fair_id = $1)
                + (SELECT count(*)::int FROM fair_selections WHERE fair_id = $1 AND side = 'HR' AND kind = 'CONVERSATION') AS visits,
              (SELECT count(*)::int FROM (SELECT seeker_id FROM fair_checkins WHERE fair_id = $1
                 UNION SELECT seeker_id FROM fair_posting_scans WHERE fair_id = $1 AND seeker_id IS NOT NULL) u) AS unique_visitors,
              (SELECT count(DISTINCT seeker_id)::int FROM fair_selections WHERE fair_id = $1 AND side = 'HR' AND kind IN ('INTENT','HIRED')) AS intents,
              (SELECT count(DISTINCT b.tenant_id)::int FROM fair_booths b WHERE b.fair_id = $1 AND b.tenant_id IS NOT NULL) AS booths,
              (SELECT count(*)::int FROM fair_booth_applications WHERE fair_id = $1 AND status = 'APPROVED') AS companies`,
      [fairId],
    );
    const rows: FairPostingResultModel[] = models.map((p) => ({
      fairPostingId: p.id,
      postingId: p.postingId,
      companyName: p.companyName,
      boothNumber: p.boothNumber,
      title: p.title,
      headcount: p.headcount,
      applications: figures.get(p.id)?.applications ?? 0,
      intents: selBy.get(p.id)?.intents ?? 0,
      interviews: selBy.get(p.id)?.interviews ?? 0,
      hired: figures.get(p.id)?.hired ?? 0,
      placesLeft: p.placesLeft,
      fairNumber: p.carryGeneration + 1,
    }));
    const headcountOffered = rows.reduce((a, r) => a + r.headcount, 0);
    const hires = rows.reduce((a, r) => a + r.hired, 0);
    const after = new Map<number, FairFilledAfterModel>();
    for (const r of rows) {
      if (!r.hired) continue;
      const e = after.get(r.fairNumber) ?? { fairs: r.fairNumber, places: 0, postingsFilled: 0 };
      e.places += r.hired;
      if (r.placesLeft === 0) e.postingsFilled += 1;
      after.set(r.fairNumber, e);
    }
    return {
      fairId,
      title: fair.title,
      whenLocal: shanghaiDateTime(fair.startsAt),
      status: fair.status as FairReportModel['status'],
      companies: tot.companies,
      booths: tot.booths,
      postings: rows.length,
      headcountOffered,
      checkins: tot.checkins,
      visits: tot.visits,
      uniqueVisitors: tot.unique_visitors,
      applications: rows.reduce((a, r) => a + r.applications, 0),
      intents: tot.intents,
      interviews: rows.reduce((a, r) => a + r.interviews, 0),
      hires,
      fillRatePercent: headcountOffered ? Math.round((hires / headcountOffered) * 1000) / 10 : 0,
      filledAfter: [...after.values()].sort((a, b) => a.fairs - b.fairs),
      rows,
    };
  }

  /** The report as an xlsx workbook: a summary sheet with the bureau's figures, and one row per posting. */
  async xlsx(fairId: string): Promise<Buffer> {
    const r = await this.report(fairId);
    const wb = new Workbook();
    wb.creator = '乌兰察布云人才';
    const s = wb.addWorksheet('汇总');
    s.columns = [
      { header: '指标', key: 'k', width: 28 },
      { header: '数值', key: 'v', width: 16 },
    ];
    const summary: Array<[string, number | string]> = [
      ['招聘会', r.title],
      ['时间（北京时间）', r.whenLocal],
      ['参会企业', r.companies],
      ['使用展位', r.booths],
      ['岗位数', r.postings],
      ['招聘人数', r.headcountOffered],
      ['进场人数', r.checkins],
      ['人次', r.visits],
      ['独立访客', r.uniqueVisitors],
      ['投递', r.applications],
      ['达成意向人数', r.intents],
      ['安排面试', r.interviews],
      ['录用', r.hires],
      ['岗位满足率（%）', r.fillRatePercent],
      ...r.filledAfter.map((f): [string, number] => [`第${f.fairs}场招到`, f.places]),
    ];
    for (const [k, v] of summary) s.addRow({ k, v });
    s.getRow(1).font = { bold: true };
    const d = wb.addWorksheet('岗位明细');
    d.columns = [
      { header: '企业', key: 'companyName', width: 28 },
      { header: '展位', key: 'boothNumber', width: 8 },
      { header: '岗位', key: 'title', width: 24 },
      { header: '第几场', key: 'fairNumber', width: 8 },
      { header: '招聘人数', key: 'headcount', width: 10 },
      { header: '投递', key: 'applications', width: 8 },
      { header: '意向', key: 'intents', width: 8 },
      { header: '面试', key: 'interviews', width: 8 },
      { header: '录用', key: 'hired', width: 8 },
      { header: '剩余名额', key: 'placesLeft', width: 10 },
    ];
    for (const row of r.rows) d.addRow(row);
    d.getRow(1).font = { bold: true };
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  /** Writes fair_results for every counted posting (the snapshot at close; carry-over reads places left from it). */
  async recordResults(fair: FairEntity, m: EntityManager, now: Date): Promise<FairReportModel> {
    const r = await this.report(fair.id, m);
    for (const row of r.rows) {
      await m.query(
        `INSERT INTO fair_results (fair_posting_id, fair_id, applications, intents, interviews, hired, openings_left_at_close, recorded_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8)
         ON CONFLICT (fair_posting_id) DO UPDATE SET applications = EXCLUDED.applications, intents = EXCLUDED.intents, interviews = EXCLUDED.interviews,
           hired = EXCLUDED.hired, openings_left_at_close = EXCLUDED.openings_left_at_close, recorded_at = EXCLUDED.recorded_at`,
        [row.fairPostingId, fair.id, row.applications, row.intents, row.interviews, row.hired, row.placesLeft, now],
      );
    }
    return r;
  }
}
