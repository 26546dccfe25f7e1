import { PersonalDataContributor } from '@app/talent';
import { Injectable } from '@nestjs/common';
import { InterviewStatus, STATUS_ZH } from './interview.entity';

const OUTCOME_ZH: Record<string, string> = { PASS: '通过', FAIL: '未通过', NO_SHOW: '未到场' };

/**
 * The seeker's interviews, for their own data export. The tenant's scorecard
 * (ratings and notes) is the company's internal assessment and stays with it;
 * the outcome that followed from it is here.
 */
@Injectable()
export class InterviewPersonalData extends PersonalDataContributor {
  readonly key = 'interviews';
  readonly title = '视频面试 / Video interviews';

  async collect(seekerId: string) {
    const rows: Array<{ status: InterviewStatus; outcome: string | null }> = await this.db.query(
      `SELECT t.name AS company, p.title AS posting, iv.status, iv.starts_at AS "startsAt", iv.ends_at AS "endsAt", iv.outcome,
              iv.seeker_note AS "myNote", iv.cancel_reason AS "cancelReason", iv.created_at AS "createdAt"
         FROM interviews iv JOIN tenants t ON t.id = iv.tenant_id
         JOIN applications a ON a.id = iv.application_id JOIN job_postings p ON p.id = a.posting_id
        WHERE iv.seeker_id = $1 ORDER BY iv.created_at`,
      [seekerId],
    );
    return rows.map((r) => ({ ...r, statusZh: STATUS_ZH[r.status] ?? r.status, outcomeZh: r.outcome ? OUTCOME_ZH[r.outcome] ?? r.outcome : null }));
  }
}
