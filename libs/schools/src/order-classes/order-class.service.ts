import { Actor, Clock, Role } from '@app/core';
import { SeekerEntity, SeekerProfileModel, SeekerService } from '@app/talent';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { requireSchool } from '../graduate-imports/graduate-import.service';
import { SchoolsException } from '../schools.exception';
import { StudentService } from '../students/student.service';
import { assertDateRange, assertTenantExists } from '../schools.rules';
import { CreateOrderClassInput } from './dto/order-class.input';
import { OrderClassEntity, OrderClassStudentEntity } from './order-class.entity';
import { OrderClassModel } from './models/order-class.model';

const ORDER_CLASS_NOT_FOUND = () => SchoolsException.notFound('订单班', 'Order class');

/**
 * Order classes: run by a school (its admin creates them and selects its own
 * students), sponsored by a tenant (its HR sees them, with masked students).
 * Actual hires = distinct selected students with a hire at the sponsor.
 */
@Injectable()
export class OrderClassService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly students: StudentService,
    private readonly seekers: SeekerService,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, input: CreateOrderClassInput): Promise<OrderClassModel> {
    const schoolId = requireSchool(actor);
    assertDateRange(input.startDate, input.endDate);
    if (input.promisedHires > input.quota) {
      throw new SchoolsException('PROMISE_EXCEEDS_QUOTA', '承诺录用人数不能超过招生名额', 'Promised hires cannot exceed the quota', 'promisedHires');
    }
    await assertTenantExists(this.dataSource.manager, input.tenantId);
    const now = this.clock.now();
    const taken = await this.dataSource.manager.exists(OrderClassEntity, { where: { schoolId, name: input.name.trim() } });
    if (taken) throw new SchoolsException('ORDER_CLASS_NAME_TAKEN', '本校已有同名订单班', 'This school already has an order class with this name', 'name');
    const saved = await this.dataSource.manager.save(OrderClassEntity, this.dataSource.manager.create(OrderClassEntity, {
      schoolId, tenantId: input.tenantId, kind: input.kind, name: input.name.trim(), major: input.major.trim(), quota: input.quota,
      promisedHires: input.promisedHires, curriculum: input.curriculum ?? '', startDate: input.startDate, endDate: input.endDate,
      createdBy: actor.userId, createdAt: now, updatedAt: now,
    }));
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
        throw new SchoolsException('QUOTA_FULL', `超出名额：名额 ${oc.quota}，已选 ${n} 人，本次 ${ids.length} 人`, `Over quota: ${oc.quota} places, ${n} taken, ${ids.length} requested`, 'seekerIds');
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
    await this.get(actor, orderClassId);
    const q = this.dataSource.manager
      .createQueryBuilder(SeekerEntity, 's')
      .innerJoin('order_class_students', 'ocs', 'ocs.seeker_id = s.id AND ocs.order_class_id = :id', { id: orderClassId })
      .where('s.erased_at IS NULL');
    if (actor.role === Role.HR) {
      q.andWhere('(s.shared_with_tenants OR EXISTS (SELECT 1 FROM applications a WHERE a.seeker_id = s.id AND a.tenant_id = :tenant))', { tenant: actor.tenantId });
    }
    const rows = await q.orderBy('s.name').addOrderBy('s.id').getMany();
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
      `SELECT oc.*, to_char(oc.start_date, 'YYYY-MM-DD') AS start_s, to_char(oc.end_date, 'YYYY-MM-DD') AS end_s, sc.name AS school_name, t.name AS tenant_name,
              (SELECT count(*)::int FROM order_class_students ocs WHERE ocs.order_class_id = oc.id) AS enrolled,
              (SELECT count(DISTINCT h.seeker_id)::int FROM hires h JOIN order_class_students ocs ON ocs.seeker_id = h.seeker_id
                WHERE ocs.order_class_id = oc.id AND h.tenant_id = oc.tenant_id) AS actual_hires
         FROM order_classes oc JOIN schools sc ON sc.id = oc.school_id JOIN tenants t ON t.id = oc.tenant_id
        ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
        ORDER BY oc.start_date DESC, oc.name`,
      params,
    );
    return rows.map((r: any) => ({
      id: r.id, schoolId: r.school_id, schoolName: r.school_name, tenantId: r.tenant_id, tenantName: r.tenant_name, kind: r.kind, name: r.name,
      major: r.major, quota: r.quota, promisedHires: r.promised_hires, curriculum: r.curriculum, startDate: r.start_s, endDate: r.end_s,
      enrolled: r.enrolled, actualHires: r.actual_hires, promiseMet: r.actual_hires >= r.promised_hires,
    }));
  }
}
