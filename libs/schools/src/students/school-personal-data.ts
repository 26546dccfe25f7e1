import { TenantDirectory } from '@app/employers';
import { ErasureContext, PersonalDataContributor, PersonalDataExportRegistry } from '@app/talent';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

const EVALUATION_ZH: Record<string, string> = { EXCELLENT: '优秀', GOOD: '良好', PASS: '合格', FAIL: '不合格' };
const LINK_STATUS_ZH: Record<string, string> = { PENDING: '待本人确认', CONFIRMED: '已确认', DECLINED: '已拒绝' };
const ORDER_KIND_ZH: Record<string, string> = { ORDER: '订单班', DIRECTED: '定向委培班' };

/**
 * What schools keep about a person: export (school records, order classes, internships) and erasure. Erasure deletes
 * the person's school records (学籍 links); order-class seats and internship placements stay as the school's
 * audited records (intern targets, subsidies), pointing to the pseudonymised profile.
 */
@Injectable()
export class SchoolPersonalData extends PersonalDataContributor {
  readonly key = 'schools';
  readonly title = '院校记录、订单班与实习 / School records, order classes and internships';

  constructor(
    @InjectDataSource() db: DataSource,
    registry: PersonalDataExportRegistry,
    private readonly tenants: TenantDirectory,
  ) {
    super(db, registry);
  }

  async erase(seekerId: string, m: EntityManager, _ctx: ErasureContext): Promise<void> {
    await m.query(`DELETE FROM seeker_schools WHERE seeker_id = $1`, [seekerId]);
  }

  async collect(seekerId: string) {
    const [records, orderClasses, internships] = await Promise.all([
      this.db.query(
        `SELECT s.name AS school, ss.major, ss.education, ss.graduation_year AS "graduationYear", ss.class_name AS "className",
                ss.student_no AS "studentNo", ss.created_at AS "recordedAt",
                ss.status, ss.decided_at AS "decidedAt"
           FROM seeker_schools ss JOIN schools s ON s.id = ss.school_id WHERE ss.seeker_id = $1 ORDER BY ss.created_at`,
        [seekerId],
      ),
      this.db.query(
        `SELECT oc.name, oc.kind, s.name AS school, oc.tenant_id AS "sponsorTenantId", oc.major, to_char(oc.start_date, 'YYYY-MM-DD') AS "startDate",
                to_char(oc.end_date, 'YYYY-MM-DD') AS "endDate", ocs.added_at AS "addedAt"
           FROM order_class_students ocs JOIN order_classes oc ON oc.id = ocs.order_class_id
           JOIN schools s ON s.id = oc.school_id
          WHERE ocs.seeker_id = $1 ORDER BY ocs.added_at`,
        [seekerId],
      ),
      this.db.query(
        `SELECT i.id, s.name AS school, i.tenant_id AS "tenantId", i.position, to_char(i.start_date, 'YYYY-MM-DD') AS "startDate",
                to_char(i.end_date, 'YYYY-MM-DD') AS "endDate",
                COALESCE((SELECT json_agg(json_build_object('month', to_char(m.month, 'YYYY-MM'), 'attendanceDays', m.attendance_days,
                                                            'evaluation', m.evaluation, 'comment', m.comment) ORDER BY m.month)
                            FROM internship_months m WHERE m.internship_id = i.id), '[]') AS months
           FROM internships i JOIN schools s ON s.id = i.school_id
          WHERE i.seeker_id = $1 ORDER BY i.start_date`,
        [seekerId],
      ),
    ]);
    const names = await this.tenants.names([...orderClasses.map((o: any) => o.sponsorTenantId), ...internships.map((i: any) => i.tenantId)]);
    return {
      schoolRecords: records.map((r: { status: string }) => ({ ...r, statusZh: LINK_STATUS_ZH[r.status] ?? r.status })),
      orderClasses: orderClasses.map(({ sponsorTenantId, ...o }: { kind: string; sponsorTenantId: string }) => ({
        ...o,
        sponsorCompany: names.get(sponsorTenantId) ?? null,
        kindZh: ORDER_KIND_ZH[o.kind] ?? o.kind,
      })),
      internships: internships.map((i: { id: string; tenantId: string; school: string; months: Array<{ evaluation: string }> }) => {
        const { id: _id, tenantId, school, ...rest } = i;
        return {
          school,
          company: names.get(tenantId) ?? null,
          ...rest,
          months: i.months.map((m) => ({ ...m, evaluationZh: EVALUATION_ZH[m.evaluation] ?? m.evaluation })),
        };
      }),
    };
  }
}
