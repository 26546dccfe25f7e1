import { Actor, Clock, isPgError, PgErrorCode, Role } from '@app/core';
import { TenantDirectory } from '@app/employers';
import { SeekerService } from '@app/talent';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { requireSchool } from '../graduate-imports/graduate-import.service';
import { assertDateRange, assertTenantExists } from '../schools.rules';
import { schoolsError, SchoolsExceptionCode } from '../schools.exception';
import { StudentService } from '../students/student.service';
import { CreateInternshipInput, InternshipMonthInput } from './dto/internship.input';
import { InternshipEntity, InternshipMonthEntity } from './internship.entity';
import { INTERNS_PER_YEAR_TARGET, InternshipModel, InternshipStatsModel } from './models/internship.model';

const INTERNSHIP_NOT_FOUND = () => schoolsError(SchoolsExceptionCode.INTERNSHIP_NOT_FOUND);
const INTERNSHIP_OVERLAP = () => schoolsError(SchoolsExceptionCode.INTERNSHIP_OVERLAP);

/**
 * Internships 实习实训: the school places its students at tenants; the
 * school or the host tenant records each month's attendance and evaluation.
 * A person is in at most one placement at a time (database exclusion constraint).
 */
@Injectable()
export class InternshipService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly students: StudentService,
    private readonly tenants: TenantDirectory,
    private readonly seekers: SeekerService,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, input: CreateInternshipInput): Promise<InternshipModel> {
    const schoolId = requireSchool(actor);
    assertDateRange(input.startDate, input.endDate);
    await this.students.assertStudents(schoolId, [input.seekerId]);
    await assertTenantExists(this.tenants, input.tenantId);
    const [clash] = await this.dataSource.query(
      `SELECT 1 FROM internships WHERE seeker_id = $1 AND daterange(start_date, end_date, '[]') && daterange($2::date, $3::date, '[]')`,
      [input.seekerId, input.startDate, input.endDate],
    );
    if (clash) throw INTERNSHIP_OVERLAP();
    try {
      const saved = await this.dataSource.manager.save(
        InternshipEntity,
        this.dataSource.manager.create(InternshipEntity, {
          schoolId,
          tenantId: input.tenantId,
          seekerId: input.seekerId,
          position: input.position ?? '',
          startDate: input.startDate,
          endDate: input.endDate,
          createdBy: actor.userId,
          createdAt: this.clock.now(),
        }),
      );
      return this.get(actor, saved.id);
    } catch (e: any) {
      if (isPgError(e, PgErrorCode.EXCLUSION_VIOLATION)) {
        throw INTERNSHIP_OVERLAP(); // a concurrent placement won the race: the constraint is the backstop
      }
      throw e;
    }
  }

  /** Records (or corrects) one month; by the school's admin or the host tenant's HR. */
  async recordMonth(actor: Actor, input: InternshipMonthInput): Promise<InternshipModel> {
    const it = await this.findInScope(actor, input.internshipId);
    const month = `${input.month}-01`;
    if (month < it.startDate.slice(0, 7) + '-01' || month > it.endDate.slice(0, 7) + '-01') {
      throw schoolsError(SchoolsExceptionCode.MONTH_OUTSIDE_INTERNSHIP, { month: input.month, start: it.startDate, end: it.endDate });
    }
    const [y, mo] = input.month.split('-').map(Number);
    const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
    if (input.attendanceDays > days) {
      throw schoolsError(SchoolsExceptionCode.TOO_MANY_ATTENDANCE_DAYS, { month: input.month, days });
    }
    await this.dataSource.query(
      `INSERT INTO internship_months (internship_id, month, attendance_days, evaluation, comment, recorded_by, recorded_role, recorded_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8)
       ON CONFLICT (internship_id, month) DO UPDATE SET attendance_days = EXCLUDED.attendance_days, evaluation = EXCLUDED.evaluation,
         comment = EXCLUDED.comment, recorded_by = EXCLUDED.recorded_by, recorded_role = EXCLUDED.recorded_role, recorded_at = EXCLUDED.recorded_at`,
      [it.id, month, input.attendanceDays, input.evaluation, input.comment ?? '', actor.userId, actor.role, this.clock.now()],
    );
    return this.get(actor, it.id);
  }

  async get(actor: Actor, id: string): Promise<InternshipModel> {
    const [m] = await this.query(actor, { id });
    if (!m) throw INTERNSHIP_NOT_FOUND();
    return m;
  }

  list(actor: Actor, year?: number): Promise<InternshipModel[]> {
    return this.query(actor, { year });
  }

  /** Distinct interns per school × tenant whose placement overlaps the year, in the caller's scope. */
  async stats(actor: Actor, year: number): Promise<InternshipStatsModel> {
    const { where, params } = this.scope(actor);
    params.push(`${year}-01-01`, `${year}-12-31`);
    where.push(`i.start_date <= $${params.length} AND i.end_date >= $${params.length - 1}`);
    const counted: Array<{ school_id: string; school_name: string; tenant_id: string; interns: number }> = await this.dataSource.query(
      `SELECT i.school_id, sc.name AS school_name, i.tenant_id, count(DISTINCT i.seeker_id)::int AS interns
         FROM internships i JOIN schools sc ON sc.id = i.school_id
        WHERE ${where.join(' AND ')}
        GROUP BY i.school_id, sc.name, i.tenant_id`,
      params,
    );
    const names = await this.tenants.names(counted.map((r) => r.tenant_id));
    const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const rows = counted
      .map((r) => ({ ...r, tenant_name: names.get(r.tenant_id) ?? '' }))
      .sort((a, b) => b.interns - a.interns || cmp(a.school_name, b.school_name) || cmp(a.tenant_name, b.tenant_name));
    const [{ total }] = await this.dataSource.query(`SELECT count(DISTINCT i.seeker_id)::int AS total FROM internships i WHERE ${where.join(' AND ')}`, params);
    return {
      year,
      target: INTERNS_PER_YEAR_TARGET,
      total,
      bySchoolAndTenant: rows.map((r: any) => ({
        schoolId: r.school_id,
        schoolName: r.school_name,
        tenantId: r.tenant_id,
        tenantName: r.tenant_name,
        interns: r.interns,
      })),
    };
  }

  private scope(actor: Actor): { where: string[]; params: unknown[] } {
    if (actor.role === Role.SCHOOL_ADMIN) return { where: ['i.school_id = $1'], params: [requireSchool(actor)] };
    if (actor.role === Role.HR) return { where: ['i.tenant_id = $1'], params: [actor.tenantId] };
    if (actor.role === Role.OPERATOR || actor.role === Role.AUDITOR) return { where: ['true'], params: [] };
    return { where: ['false'], params: [] };
  }

  private async findInScope(actor: Actor, id: string): Promise<InternshipEntity> {
    const { where, params } = this.scope(actor);
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw INTERNSHIP_NOT_FOUND();
    params.push(id);
    const [row] = await this.dataSource.query(
      `SELECT i.id, to_char(i.start_date, 'YYYY-MM-DD') AS start_date, to_char(i.end_date, 'YYYY-MM-DD') AS end_date FROM internships i
        WHERE ${where.join(' AND ')} AND i.id = $${params.length}`,
      params,
    );
    if (!row) throw INTERNSHIP_NOT_FOUND();
    return { id: row.id, startDate: row.start_date, endDate: row.end_date } as InternshipEntity;
  }

  private async query(actor: Actor, f: { id?: string; year?: number }): Promise<InternshipModel[]> {
    const { where, params } = this.scope(actor);
    if (f.id) {
      if (!/^[0-9a-f-]{36}$/i.test(f.id)) return [];
      params.push(f.id);
      where.push(`i.id = $${params.length}`);
    }
    if (f.year) {
      params.push(`${f.year}-01-01`, `${f.year}-12-31`);
      where.push(`i.start_date <= $${params.length} AND i.end_date >= $${params.length - 1}`);
    }
    const placed: any[] = await this.dataSource.query(
      `SELECT i.id, i.school_id, sc.name AS school_name, i.tenant_id, i.seeker_id, i.position,
              to_char(i.start_date, 'YYYY-MM-DD') AS start_date, to_char(i.end_date, 'YYYY-MM-DD') AS end_date
         FROM internships i JOIN schools sc ON sc.id = i.school_id
        WHERE ${where.join(' AND ')} ORDER BY i.start_date DESC, i.id LIMIT 500`,
      params,
    );
    const [tenantNames, people] = await Promise.all([
      this.tenants.names(placed.map((r) => r.tenant_id)),
      this.seekers.findByIds(placed.map((r) => r.seeker_id)),
    ]);
    const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const rows = placed
      .filter((r) => people.has(r.seeker_id))
      .map((r) => ({ ...r, tenant_name: tenantNames.get(r.tenant_id) ?? '', student_name: people.get(r.seeker_id)!.name }))
      .sort((a, b) => cmp(b.start_date, a.start_date) || cmp(a.student_name, b.student_name));
    const ids = rows.map((r: any) => r.id);
    const months: Array<InternshipMonthEntity & { month_s: string }> = ids.length
      ? await this.dataSource.query(
          `SELECT internship_id AS "internshipId", to_char(month, 'YYYY-MM') AS month_s, attendance_days AS "attendanceDays", evaluation, comment,
                  recorded_role AS "recordedRole" FROM internship_months WHERE internship_id = ANY($1::uuid[]) ORDER BY month`,
          [ids],
        )
      : [];
    return rows.map((r: any) => ({
      id: r.id,
      schoolId: r.school_id,
      schoolName: r.school_name,
      tenantId: r.tenant_id,
      tenantName: r.tenant_name,
      seekerId: r.seeker_id,
      studentName: r.student_name,
      position: r.position,
      startDate: r.start_date,
      endDate: r.end_date,
      months: months
        .filter((mm) => mm.internshipId === r.id)
        .map((mm) => ({
          month: mm.month_s,
          attendanceDays: mm.attendanceDays,
          evaluation: mm.evaluation as InternshipModel['months'][number]['evaluation'],
          comment: mm.comment,
          recordedRole: mm.recordedRole,
        })),
    }));
  }
}
