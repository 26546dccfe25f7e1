import { HiringReadModel } from '@app/employers';
import { ErasureContext, PersonalDataContributor, PersonalDataExportRegistry } from '@app/talent';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { InterviewStatus, OPEN_STATUSES, STATUS_ZH } from './interview.entity';

const OUTCOME_ZH: Record<string, string> = { PASS: '通过', FAIL: '未通过', NO_SHOW: '未到场' };

/**
 * The seeker's interviews, for their own data export. The tenant's scorecard
 * (ratings and notes) is the company's internal assessment and stays with it;
 * the outcome that followed from it is here. Company and posting come from the employers context (HiringReadModel).
 * Erasure: open interviews are cancelled and the interviewer's held times released; the seeker's own notes are
 * removed; past interviews and scorecards stay as the tenant's records, pointing to the pseudonymised profile.
 */
@Injectable()
export class InterviewPersonalData extends PersonalDataContributor {
  readonly key = 'interviews';
  readonly title = '视频面试 / Video interviews';

  constructor(
    @InjectDataSource() db: DataSource,
    registry: PersonalDataExportRegistry,
    private readonly hiring: HiringReadModel,
  ) {
    super(db, registry);
  }

  async collect(seekerId: string) {
    const rows: Array<{ applicationId: string; status: InterviewStatus; outcome: string | null }> = await this.db.query(
      `SELECT iv.application_id AS "applicationId", iv.status, iv.starts_at AS "startsAt", iv.ends_at AS "endsAt", iv.outcome,
              iv.seeker_note AS "myNote", iv.cancel_reason AS "cancelReason", iv.created_at AS "createdAt"
         FROM interviews iv WHERE iv.seeker_id = $1 ORDER BY iv.created_at`,
      [seekerId],
    );
    const apps = await this.hiring.applicationSummaries(rows.map((r) => r.applicationId));
    return rows.map(({ applicationId, ...r }) => ({
      company: apps.get(applicationId)?.company ?? null,
      posting: apps.get(applicationId)?.postingTitle ?? null,
      ...r,
      statusZh: STATUS_ZH[r.status] ?? r.status,
      outcomeZh: r.outcome ? (OUTCOME_ZH[r.outcome] ?? r.outcome) : null,
    }));
  }

  async erase(seekerId: string, m: EntityManager, ctx: ErasureContext): Promise<void> {
    await m.query(
      `UPDATE interview_slots sl SET released_at = $2, state = CASE WHEN sl.state = 'OPEN' THEN 'SUPERSEDED' ELSE sl.state END
         FROM interviews iv
        WHERE sl.interview_id = iv.id AND sl.tenant_id = iv.tenant_id AND iv.seeker_id = $1 AND iv.status = ANY($3::text[])
          AND (sl.released_at IS NULL OR sl.state = 'OPEN')`,
      [seekerId, ctx.now, OPEN_STATUSES],
    );
    await m.query(
      `UPDATE interviews SET status = CASE WHEN status = ANY($3::text[]) THEN 'CANCELLED' ELSE status END,
              cancel_reason = CASE WHEN status = ANY($3::text[]) THEN '求职者已注销账号 / the job seeker deleted their account' ELSE cancel_reason END,
              seeker_note = NULL, updated_at = $2
        WHERE seeker_id = $1`,
      [seekerId, ctx.now, OPEN_STATUSES],
    );
  }
}
