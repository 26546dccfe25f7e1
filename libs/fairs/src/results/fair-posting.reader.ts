import { AppConfig, Clock } from '@app/core';
import { HiringReadModel, PostingService, TenantDirectory } from '@app/employers';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { FairPostingModel } from '../booths/models/booth.model';
import { FairAttributionEntity, FairBoothEntity, FairCheckinEntity, FairEntity, FairPostingEntity, FairPostingScanEntity } from '../fairs.entities';

/** The link a posting's QR encodes: the seeker app's job page (apps/web/src/app: `#/job/:id`) with the fair as source. */
export function postingLink(publicUrl: string, postingId: string, code: string): string {
  return `${publicUrl.replace(/\/$/, '')}/#/job/${postingId}?fair=${encodeURIComponent(code)}`;
}

export interface FairPostingFigures {
  applications: number;
  hired: number;
  placesLeft: number;
}

/**
 * Postings at a fair as pages and reports show them, and the attribution of applications to a fair: an application to
 * a posting at the fair by a seeker who scanned that posting's QR (made after the scan) or who checked in at the fair
 * (made after the check-in, before the fair closed) belongs to that fair posting. Applications and hires come from
 * employers' read model; attribution is kept in fair_attributions (first fair wins), so the history stays when a
 * posting is carried to the next fair.
 */
@Injectable()
export class FairPostingReader {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hiring: HiringReadModel,
    private readonly postings: PostingService,
    private readonly tenants: TenantDirectory,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** Brings fair_attributions of one fair up to date (new attributed applications, hires since). */
  async syncAttributions(fair: FairEntity, m?: EntityManager): Promise<void> {
    const db = m ?? this.dataSource.manager;
    const fps = await db.find(FairPostingEntity, { where: { fairId: fair.id } });
    if (!fps.length) return;
    const scans = await db.find(FairPostingScanEntity, { where: { fairId: fair.id } });
    const checkins = await db.find(FairCheckinEntity, { where: { fairId: fair.id } });
    const firstScan = new Map<string, number>(); // `${fairPostingId}:${seekerId}` → first scan
    for (const s of scans) {
      if (!s.seekerId) continue;
      const k = `${s.fairPostingId}:${s.seekerId}`;
      firstScan.set(k, Math.min(firstScan.get(k) ?? Infinity, s.scannedAt.getTime()));
    }
    const checkedIn = new Map(checkins.map((c) => [c.seekerId, c.checkedInAt.getTime()]));
    const seekerIds = [...new Set([...checkedIn.keys(), ...scans.flatMap((s) => (s.seekerId ? [s.seekerId] : []))])];
    if (!seekerIds.length) return;
    const since = new Date(Math.min(...firstScan.values(), ...checkedIn.values()));
    const byPosting = new Map(fps.map((fp) => [fp.postingId, fp]));
    const apps = await this.hiring.applicationsToPostings([...byPosting.keys()], since, seekerIds, db);
    const end = (fair.closedAt ?? fair.endsAt).getTime();
    const now = this.clock.now();
    const rows: Partial<FairAttributionEntity>[] = [];
    for (const a of apps) {
      const fp = byPosting.get(a.postingId)!;
      const t = new Date(a.createdAt).getTime();
      const scan = firstScan.get(`${fp.id}:${a.seekerId}`);
      const ci = checkedIn.get(a.seekerId);
      const source = scan !== undefined && t >= scan ? 'SCAN' : ci !== undefined && t >= ci && t <= end ? 'BOOTH' : null;
      if (!source) continue;
      rows.push({ applicationId: a.applicationId, fairPostingId: fp.id, fairId: fair.id, seekerId: a.seekerId, source, hiredAt: a.hiredAt, createdAt: now });
    }
    if (!rows.length) return;
    await db
      .createQueryBuilder()
      .insert()
      .into(FairAttributionEntity)
      .values(rows)
      .orUpdate(['hired_at'], ['application_id'], { skipUpdateIfNoValuesChanged: true })
      .execute();
    // Only this fair's own attributions take the hire time (an application attributed to an earlier fair stays there).
    await db.query(
      `UPDATE fair_attributions fa SET hired_at = v.hired_at
         FROM (SELECT unnest($1::uuid[]) AS application_id, unnest($2::timestamptz[]) AS hired_at) v
        WHERE fa.application_id = v.application_id AND fa.fair_id = $3 AND fa.hired_at IS DISTINCT FROM v.hired_at`,
      [rows.map((r) => r.applicationId), rows.map((r) => r.hiredAt), fair.id],
    );
  }

  /** Per fair posting: attributed applications, hires, and places left (headcount at the fair less hires, capped by the posting's openings). */
  async figures(fps: FairPostingEntity[], m?: EntityManager): Promise<Map<string, FairPostingFigures>> {
    const db = m ?? this.dataSource.manager;
    if (!fps.length) return new Map();
    const counts: Array<{ fair_posting_id: string; applications: number; hired: number }> = await db.query(
      `SELECT fair_posting_id, count(*)::int AS applications, count(hired_at)::int AS hired
         FROM fair_attributions WHERE fair_posting_id = ANY($1::uuid[]) GROUP BY fair_posting_id`,
      [fps.map((f) => f.id)],
    );
    const by = new Map(counts.map((c) => [c.fair_posting_id, c]));
    const openings = await this.hiring.postingOpenings(
      fps.map((f) => f.postingId),
      db,
    );
    const out = new Map<string, FairPostingFigures>();
    for (const fp of fps) {
      const c = by.get(fp.id);
      const o = openings.get(fp.postingId);
      const hired = c?.hired ?? 0;
      const open = fp.status !== 'WITHDRAWN' && o?.status === 'OPEN' ? o.openingsLeft : 0;
      out.set(fp.id, { applications: c?.applications ?? 0, hired, placesLeft: Math.max(0, Math.min(fp.headcount - hired, open)) });
    }
    return out;
  }

  /** Fair postings as models (company, title, pay, shifts, booth, places left, QR link). */
  async models(fair: FairEntity, fps: FairPostingEntity[], m?: EntityManager): Promise<FairPostingModel[]> {
    if (!fps.length) return [];
    const db = m ?? this.dataSource.manager;
    await this.syncAttributions(fair, db);
    const [postings, names, figures] = await Promise.all([
      this.postings.findByIds(fps.map((f) => f.postingId)),
      this.tenants.names(
        fps.map((f) => f.tenantId),
        db,
      ),
      this.figures(fps, db),
    ]);
    const boothIds = fps.flatMap((f) => (f.boothId ? [f.boothId] : []));
    const booths = boothIds.length ? await db.find(FairBoothEntity, { where: { id: In(boothIds) } }) : [];
    const boothNo = new Map(booths.map((b) => [b.id, b.number]));
    const base = this.config.app.publicUrl.replace(/\/$/, '');
    return fps.map((fp) => {
      const p = postings.get(fp.postingId);
      return {
        id: fp.id,
        fairId: fp.fairId,
        postingId: fp.postingId,
        tenantId: fp.tenantId,
        companyName: names.get(fp.tenantId) ?? '',
        title: p?.title ?? '',
        salaryMinFen: p?.salaryMinFen ?? 0,
        salaryMaxFen: p?.salaryMaxFen ?? 0,
        shifts: p?.shifts ?? [],
        boothNumber: fp.boothId ? (boothNo.get(fp.boothId) ?? null) : null,
        headcount: fp.headcount,
        placesLeft: figures.get(fp.id)?.placesLeft ?? 0,
        code: fp.code,
        qrUrl: `${base}/fairs/qr/${encodeURIComponent(fp.code)}.png`,
        link: postingLink(base, fp.postingId, fp.code),
        carryGeneration: fp.carryGeneration,
        status: fp.status,
      };
    });
  }
}
