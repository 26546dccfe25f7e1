/**
 * Service-level (no HTTP), real database: the read interfaces other contexts use instead of employers' and schools'
 * tables — employers' HiringReadModel and TenantDirectory, schools' SchoolMembershipRead — and what is built on them
 * (talent's EmployerDirectoryPort, schools' order-class "promised vs actual hires", training's per-school figures).
 */
import { Clock, CryptoService, Role } from '@app/core';
import { EmployersModule, HiringReadModel, TenantDirectory } from '@app/employers';
import { OrderClassService, SchoolMembershipRead, SchoolsModule } from '@app/schools';
import { EmployerDirectoryPort, TalentModule } from '@app/talent';
import { actorOf, createServiceModule } from '@app/testing';
import { TrainingModule, TrainingStatsService } from '@app/training';
import { TestingModule } from '@nestjs/testing';
import { randomUUID } from 'crypto';
import { World } from './world';

describe('read interfaces between contexts (service level, real database)', () => {
  let module: TestingModule;
  let w: World;

  beforeAll(async () => {
    const built = await createServiceModule([TalentModule, EmployersModule, SchoolsModule, TrainingModule]);
    module = built.module;
    w = new World(built.db, module.get(CryptoService), module.get(Clock));
  });
  afterAll(() => module?.close());

  describe('HiringReadModel', () => {
    it('active applicant, applicants and hires per tenant, application summaries, a person’s applications and hires', async () => {
      const hiring = module.get(HiringReadModel);
      const a = await w.tenant('甲公司');
      const b = await w.tenant('乙公司');
      const [active, withdrawn, hired, stranger] = await Promise.all([1, 2, 3, 4].map(() => w.seekerAccount()));
      const pa = await w.posting(a.tenantId, '客服专员');
      const activeApp = await w.application(pa, a.tenantId, active.seekerId, 'SCREENING');
      await w.application(pa, a.tenantId, withdrawn.seekerId, 'WITHDRAWN');
      const h = await w.hire(a.tenantId, hired.seekerId, '班组长');
      await w.hire(b.tenantId, stranger.seekerId);

      expect(await hiring.hasActiveApplication(active.seekerId, a.tenantId)).toBe(true);
      expect(await hiring.hasActiveApplication(withdrawn.seekerId, a.tenantId)).toBe(false); // withdrawn does not count
      expect(await hiring.hasActiveApplication(active.seekerId, b.tenantId)).toBe(false); // another tenant
      const everyone = [active, withdrawn, hired, stranger].map((s) => s.seekerId);
      expect([...(await hiring.applicantsAt(a.tenantId, everyone))].sort()).toEqual([active.seekerId, withdrawn.seekerId, hired.seekerId].sort());
      expect([...(await hiring.hiredAt(a.tenantId, everyone))]).toEqual([hired.seekerId]);
      expect([...(await hiring.hiredAt(b.tenantId, everyone))]).toEqual([stranger.seekerId]);
      expect(await hiring.hiredAt(a.tenantId, [])).toEqual(new Set());

      const sums = await hiring.applicationSummaries([activeApp, h.applicationId, randomUUID()]);
      expect(sums.size).toBe(2);
      expect(sums.get(activeApp)).toEqual({ applicationId: activeApp, tenantId: a.tenantId, company: '甲公司', postingTitle: '客服专员' });
      expect(await hiring.applicationStage(activeApp, a.tenantId)).toBe('SCREENING');
      expect(await hiring.applicationStage(activeApp, b.tenantId)).toBeNull(); // not that tenant's
      expect(await hiring.application('not-a-uuid')).toBeNull();
      expect(await hiring.latestOffer(active.seekerId, a.tenantId)).toBeNull();

      expect((await hiring.applicationsOf(hired.seekerId)).map((x) => [x.company, x.title, x.stage])).toEqual([['甲公司', '班组长', 'HIRED']]);
      expect((await hiring.hiresOf(hired.seekerId)).map((x) => [x.company, x.contract_months])).toEqual([['甲公司', 12]]);
    });

    it('is what talent’s EmployerDirectoryPort answers with (provided by the employers module when it starts)', async () => {
      const port = module.get(EmployerDirectoryPort);
      const t = await w.tenant('丙公司');
      const s = await w.seekerAccount();
      await w.application(await w.posting(t.tenantId), t.tenantId, s.seekerId, 'APPLIED');
      expect(await port.hasActiveApplication(s.seekerId, t.tenantId)).toBe(true);
      expect(await port.tenantNames([t.tenantId, randomUUID()])).toEqual(new Map([[t.tenantId, '丙公司']]));
      expect(await module.get(TenantDirectory).exists(t.tenantId)).toBe(true);
      expect(await module.get(TenantDirectory).exists(randomUUID())).toBe(false);
    });

    it("gives schools' order classes their promised vs actual hires (distinct students hired at the sponsor only)", async () => {
      const sponsor = await w.tenant('订单企业');
      const other = await w.tenant('其他企业');
      const schoolId = await w.school();
      const admin = await w.db.query(
        `INSERT INTO users (role, username, password_hash, display_name, school_id) VALUES ('SCHOOL_ADMIN', $1, 'x', '院校', $2) RETURNING id`,
        [`school_${randomUUID()}`, schoolId],
      );
      const students = await Promise.all([1, 2, 3].map(() => w.seekerAccount()));
      for (const s of students) await w.schoolLink(s.seekerId, schoolId, 'CONFIRMED');
      const actor = actorOf(admin[0].id, Role.SCHOOL_ADMIN, { schoolId });
      const orderClasses = module.get(OrderClassService);
      const oc = await orderClasses.create(actor, {
        tenantId: sponsor.tenantId,
        kind: 'ORDER',
        name: '订单班A',
        major: '现代服务',
        quota: 10,
        promisedHires: 2,
        startDate: w.today(-30),
        endDate: w.today(60),
      } as never);
      await orderClasses.addStudents(
        actor,
        oc.id,
        students.map((s) => s.seekerId),
      );
      await w.hire(sponsor.tenantId, students[0].seekerId);
      await w.hire(sponsor.tenantId, students[0].seekerId, '第二份合同'); // the same person twice: counts once
      await w.hire(other.tenantId, students[1].seekerId); // hired elsewhere: does not count
      let got = await orderClasses.get(actor, oc.id);
      expect({ tenantName: got.tenantName, enrolled: got.enrolled, actualHires: got.actualHires, promiseMet: got.promiseMet }).toEqual({
        tenantName: '订单企业',
        enrolled: 3,
        actualHires: 1,
        promiseMet: false,
      });
      await w.hire(sponsor.tenantId, students[2].seekerId);
      got = await orderClasses.get(actor, oc.id);
      expect({ actualHires: got.actualHires, promiseMet: got.promiseMet }).toEqual({ actualHires: 2, promiseMet: true });
    });
  });

  describe('SchoolMembershipRead', () => {
    it('only CONFIRMED links, every school of a person, with the school’s name', async () => {
      const read = module.get(SchoolMembershipRead);
      const s1 = await w.school('一号学院');
      const s2 = await w.school('二号学院');
      const [both, pending, declined, none] = await Promise.all([1, 2, 3, 4].map(() => w.seekerAccount()));
      await w.schoolLink(both.seekerId, s1, 'CONFIRMED');
      await w.schoolLink(both.seekerId, s2, 'CONFIRMED');
      await w.schoolLink(pending.seekerId, s1, 'PENDING');
      await w.schoolLink(declined.seekerId, s1, 'DECLINED');
      const links = await read.confirmedSchoolsOf([both, pending, declined, none].map((s) => s.seekerId));
      expect(links).toEqual([
        { seekerId: both.seekerId, schoolId: s1, schoolName: '一号学院' },
        { seekerId: both.seekerId, schoolId: s2, schoolName: '二号学院' },
      ]);
      expect(await read.isConfirmedStudent(s1, both.seekerId)).toBe(true);
      expect(await read.isConfirmedStudent(s1, pending.seekerId)).toBe(false);
      expect(await read.isConfirmedStudent(s1, declined.seekerId)).toBe(false);
      expect(await read.confirmedSchoolsOf([])).toEqual([]);
    });

    it("gives training's statistics their per-school figures (confirmed students only; withdrawn and completed counted apart)", async () => {
      const school = await w.school(`统计学院${randomUUID().slice(0, 4)}`);
      const cls = await w.trainingClass(30);
      const [a, b, c, pending] = await Promise.all([1, 2, 3, 4].map(() => w.seekerAccount()));
      for (const s of [a, b, c]) await w.schoolLink(s.seekerId, school, 'CONFIRMED');
      await w.schoolLink(pending.seekerId, school, 'PENDING');
      for (const s of [a, b, c, pending]) await w.enrol(cls, s.seekerId);
      await w.db.query(`UPDATE training_enrolments SET status = 'WITHDRAWN', withdrawn_at = now() WHERE class_id = $1 AND seeker_id = $2`, [cls, b.seekerId]);
      await w.db.query(`UPDATE training_enrolments SET status = 'COMPLETED', completed_at = now() WHERE class_id = $1 AND seeker_id = $2`, [cls, c.seekerId]);
      const stats = await module.get(TrainingStatsService).stats({});
      expect(stats.bySchool.find((r) => r.schoolId === school)).toEqual({
        schoolId: school,
        schoolName: expect.stringMatching(/^统计学院/),
        enrolled: 2,
        completed: 1,
        withdrawn: 1,
        trainees: 2,
      });
    });
  });
});
