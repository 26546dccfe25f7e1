import { Actor, Clock, Role } from '@app/core';
import { HiringReadModel, TenantDirectory } from '@app/employers';
import { SeekerProfileModel, SeekerService } from '@app/talent';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { requireSchool } from '../graduate-imports/graduate-import.service';
import { schoolsError, SchoolsExceptionCode } from '../schools.exception';
import { StudentService } from '../students/student.service';
import { assertDateRange, assertTenantExists } from '../schools.rules';
import { CreateOrderClassInput } from './dto/order-class.input';
import { OrderClassEntity, OrderClassStudentEntity } from './order-class.entity';
import { OrderClassModel } from './models/order-class.model';

const ORDER_CLASS_NOT_FOUND = () => schoolsError(SchoolsExceptionCode.ORDER_CLASS_NOT_FOUND);

/**
 * Order classes: run by a school (its admin creates them and selects its own
 * students), sponsored by a tenant (its HR sees them, with masked students).
 * Actual hires = distinct selected students with a hire at the sponsor (employers' HiringReadModel).
 */
@Injectable()
export class OrderClassService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly students: StudentService,
    private readonly seekers: SeekerService,
    private readonly tenants: TenantDirectory,
    private readonly hiring: HiringReadModel,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, input: CreateOrderClassInput): Promise<OrderClassModel> {
    const schoolId = requireSchool(actor);
    assertDateRange(input.startDate, input.endDate);
    if (input.promisedHires > input.quota) {
      throw schoolsError(SchoolsExceptionCode.PROMISE_EXCEEDS_QUOTA);
    }
    await assertTenantExists(this.tenants, input.tenantId);
    const now = this.clock.now();
    const taken = await this.dataSource.manager.exists(OrderClassEntity, { where: { schoolId, name: input.name.trim() } });
    if (taken) throw schoolsError(SchoolsExceptionCode.ORDER_CLASS_NAME_TAKEN);
    const saved = await this.dataSource.manager.save(
      OrderClassEntity,
      this.dataSource.manager.create(OrderClassEntity, {
        schoolId,
        tenantId: input.tenantId,
        kind: input.kind,
        name: input.name.trim(),
        major: input.major.trim(),
        quota: input.quota,
        promisedHires: input.promisedHires,
        curriculum: input.curriculum ?? '',
        startDate: input.startDate,
        endDate: input.endDate,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      }),
    );
    return this.get(actor, saved.id);
  }

  /** Adds students (the school's own, within the quota); already-selected ones are ignored. */
  async addStudents(actor: Actor, orderClassId: string, seekerIds: string[]): Promise<OrderClassModel> {
    const schoolId = requireSchool(actor);
    await this.dataSource.transaction(async (m) => {
      const oc = await m.findOne(OrderClassEntity, { where: { id: orderClassId, schoolId }, lock: { mode: 'pessimistic_write' } });
      if (!oc) throw ORDER_CLASS_NOT_FOUND();
      await this.students.assertStudents(schoolId, seekerIds, m);
      const ids = [...new Set(seekerIds)];
      const [{ n }] = await m.query(
        `SELECT count(*) FILTER (WHERE NOT (seeker_id = ANY($2::uuid[])))::int AS n FROM order_class_students WHERE order_class_id = $1`,
        [oc.id, ids],
      );
      if (n + ids.length > oc.quota) {
        throw schoolsError(SchoolsExceptionCode.QUOTA_FULL, { quota: oc.quota, taken: n, requested: ids.length });
      }
      await m.query(
        `INSERT INTO order_class_students (order_class_id, seeker_id, added_by, added_at) SELECT $1, unnest($2::uuid[]), $3, $4 ON CONFLICT DO NOTHING`,
        [oc.id, ids, actor.userId, this.clock.now()],
      );
      await m.update(OrderClassEntity, { id: oc.id }, { updatedAt: this.clock.now() });
    });
    return this.get(actor, orderClassId);
  }

  async removeStudent(actor: Actor, orderClassId: string, seekerId: string): Promise<OrderClassModel> {
    const schoolId = requireSchool(actor);
    const oc = await this.dataSource.manager.findOne(OrderClassEntity, { where: { id: orderClassId, schoolId } });
    if (!oc) throw ORDER_CLASS_NOT_FOUND();
    await this.dataSource.manager.delete(OrderClassStudentEntity, { orderClassId, seekerId });
    return this.get(actor, orderClassId);
  }

  async get(actor: Actor, id: string): Promise<OrderClassModel> {
    const [row] = await this.query(actor, 'oc.id = $X', [id]);
    if (!row) throw ORDER_CLASS_NOT_FOUND();
    return row;
  }

  list(actor: Actor): Promise<OrderClassModel[]> {
    return this.query(actor, null, []);
  }

  /**
   * The selected students as the caller may see them: masked for everyone (TENANT view for the sponsor's HR).
   * The sponsor's HR sees only students who agreed to share their profile with the base's companies, or who
   * applied to this company themselves (PIPL: a school's list is not the student's consent). The class's
   * `enrolled` count still counts everyone.
   */
  async studentsOf(actor: Actor, orderClassId: string): Promise<SeekerProfileModel[]> {
    const oc = await this.get(actor, orderClassId);
    const ids = (await this.dataSource.manager.find(OrderClassStudentEntity, { where: { orderClassId }, select: { seekerId: true } })).map((r) => r.seekerId);
    const applied = actor.role === Role.HR ? await this.hiring.applicantsAt(actor.tenantId!, ids) : new Set<string>();
    const rows = [...(await this.seekers.findByIds(ids)).values()]
      .filter((s) => !s.erasedAt)
      .filter((s) => actor.role !== Role.HR || (oc.tenantId === actor.tenantId && (s.sharedWithTenants || applied.has(s.id))))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return rows.map((s) => this.seekers.toModel(s, actor.role === Role.HR ? 'TENANT' : 'STAFF'));
  }

  /** Scope by role: a school admin sees their school's classes, HR their tenant's, the operator all. */
  private async query(actor: Actor, extra: string | null, extraParams: unknown[]): Promise<OrderClassModel[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (actor.role === Role.SCHOOL_ADMIN) {
      params.push(requireSchool(actor));
      where.push(`oc.school_id = $${params.length}`);
    } else if (actor.role === Role.HR) {
      if (!actor.tenantId) return [];
      params.push(actor.tenantId);
      where.push(`oc.tenant_id = $${params.length}`);
    } else if (actor.role !== Role.OPERATOR) {
      return [];
    }
    if (extra) {
      if (extraParams.some((p) => typeof p === 'string' && !/^[0-9a-f-]{36}$/i.test(p))) return [];
      params.push(...extraParams);
      where.push(extra.replace('$X', `$${params.length}`));
    }
    const rows = await this.dataSource.query(
      `SELECT oc.*, to_char(oc.start_date, 'YYYY-MM-DD') AS start_s, to_char(oc.end_date, 'YYYY-MM-DD') AS end_s, sc.name AS school_name,
              COALESCE((SELECT array_agg(ocs.seeker_id) FROM order_class_students ocs WHERE ocs.order_class_id = oc.id), '{}') AS student_ids
         FROM order_classes oc JOIN schools sc ON sc.id = oc.school_id
        ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
        ORDER BY oc.start_date DESC, oc.name`,
      params,
    );
    const tenantNames = await this.tenants.names(rows.map((r: any) => r.tenant_id));
    const hired = new Map<string, Set<string>>(); // sponsor tenant → its hires among these classes' students
    for (const tenantId of new Set<string>(rows.map((r: any) => r.tenant_id))) {
      const students = rows.filter((r: any) => r.tenant_id === tenantId).flatMap((r: any) => r.student_ids as string[]);
      hired.set(tenantId, await this.hiring.hiredAt(tenantId, students));
    }
    for (const r of rows) {
      r.tenant_name = tenantNames.get(r.tenant_id) ?? '';
      r.enrolled = r.student_ids.length;
      r.actual_hires = r.student_ids.filter((id: string) => hired.get(r.tenant_id)!.has(id)).length;
    }
    return rows.map((r: any) => ({
      id: r.id,
      schoolId: r.school_id,
      schoolName: r.school_name,
      tenantId: r.tenant_id,
      tenantName: r.tenant_name,
      kind: r.kind,
      name: r.name,
      major: r.major,
      quota: r.quota,
      promisedHires: r.promised_hires,
      curriculum: r.curriculum,
      startDate: r.start_s,
      endDate: r.end_s,
      enrolled: r.enrolled,
      actualHires: r.actual_hires,
      promiseMet: r.actual_hires >= r.promised_hires,
    }));
  }
}
