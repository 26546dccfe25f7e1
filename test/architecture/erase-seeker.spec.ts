/**
 * Service-level (no HTTP): "delete my account" across contexts through EraseSeekerUseCase and the contexts'
 * PersonalDataContributors, against the real test database. Every context's rows about the person are erased or
 * pseudonymised as that context decides; another person's rows are untouched; one transaction (a failing contributor
 * leaves everything as it was).
 */
import { Clock, CryptoService, Role } from '@app/core';
import { EmployersModule } from '@app/employers';
import { InterviewsModule } from '@app/interviews';
import { SchoolsModule } from '@app/schools';
import { EraseSeekerUseCase, PersonalDataExportRegistry, PersonalDataExportService, TalentModule } from '@app/talent';
import { actorOf, createServiceModule } from '@app/testing';
import { TrainingModule } from '@app/training';
import { TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { World } from './world';

describe('EraseSeekerUseCase (service level, real database)', () => {
  let module: TestingModule;
  let db: DataSource;
  let w: World;

  beforeAll(async () => {
    ({ module, db } = await createServiceModule([TalentModule, EmployersModule, SchoolsModule, TrainingModule, InterviewsModule]));
    w = new World(db, module.get(CryptoService), module.get(Clock));
  });
  afterAll(() => module?.close());

  /** One person known to every context, and a bystander with the same kinds of rows. */
  async function person() {
    const me = await w.seekerAccount({ name: '注销对象' });
    const t = await w.tenant();
    const postingId = await w.posting(t.tenantId);
    const openApp = await w.application(postingId, t.tenantId, me.seekerId, 'INTERVIEW');
    const hired = await w.hire(t.tenantId, me.seekerId);
    const schoolId = await w.school();
    await w.schoolLink(me.seekerId, schoolId, 'CONFIRMED');
    const runningClass = await w.trainingClass(20);
    const endedClass = await w.trainingClass(-5);
    const liveEnrolment = await w.enrol(runningClass, me.seekerId);
    const pastEnrolment = await w.enrol(endedClass, me.seekerId);
    const iv = await w.proposedInterview(t.tenantId, t.hrUserId, openApp, me.seekerId);
    await w.sessionAndNotification(me.userId!);
    await w.consent(me.seekerId);
    const imported = await w.seekerAccount({ withUser: false });
    const claimId = await w.pendingClaim(me.userId!, me.phone, imported.seekerId);
    return { ...me, t, openApp, hired, schoolId, runningClass, liveEnrolment, pastEnrolment, iv, claimId };
  }

  const count = async (sql: string, params: unknown[]) => (await db.query(`SELECT count(*)::int AS n FROM ${sql}`, params))[0].n as number;

  it('every registered context erases its own rows; audited records stay, pointing to a pseudonymised profile', async () => {
    const registry = module.get(PersonalDataExportRegistry);
    expect(registry.keys()).toEqual(['employment', 'interviews', 'schools', 'training']);
    const p = await person();
    const other = await person();

    await module.get(EraseSeekerUseCase).execute(actorOf(p.userId!, Role.SEEKER));

    // talent: the profile is pseudonymised, consents withdrawn, the claim cancelled without the phone
    const [s] = await db.query(`SELECT to_jsonb(s)::text AS everything, user_id, name, id_number_hash, phone_hash, erased_at FROM seekers s WHERE id = $1`, [
      p.seekerId,
    ]);
    expect({ userId: s.user_id, name: s.name, idHash: s.id_number_hash, phoneHash: s.phone_hash, erased: !!s.erased_at }).toEqual({
      userId: null,
      name: '已注销用户',
      idHash: null,
      phoneHash: null,
      erased: true,
    });
    expect(s.everything).not.toContain('注销对象');
    expect(await count(`consents WHERE seeker_id = $1 AND withdrawn_at IS NULL`, [p.seekerId])).toBe(0);
    const [claim] = await db.query(`SELECT status, claimant_phone_enc, claimant_phone_hash FROM identity_claims WHERE id = $1`, [p.claimId]);
    expect(claim).toEqual({ status: 'CANCELLED', claimant_phone_enc: null, claimant_phone_hash: null });
    // core: account, sessions and notifications gone
    expect(await count(`users WHERE id = $1`, [p.userId])).toBe(0);
    expect(await count(`refresh_tokens WHERE user_id = $1`, [p.userId])).toBe(0);
    expect(await count(`notifications WHERE user_id = $1`, [p.userId])).toBe(0);
    // employers: the open application withdrawn; the hire (and its application) stay
    const stages = await db.query(`SELECT id, stage FROM applications WHERE seeker_id = $1 ORDER BY stage`, [p.seekerId]);
    expect(stages).toEqual(
      expect.arrayContaining([
        { id: p.openApp, stage: 'WITHDRAWN' },
        { id: p.hired.applicationId, stage: 'HIRED' },
      ]),
    );
    expect(await count(`hires WHERE id = $1`, [p.hired.hireId])).toBe(1);
    // schools: the school link deleted
    expect(await count(`seeker_schools WHERE seeker_id = $1`, [p.seekerId])).toBe(0);
    // training: the live enrolment in a running class withdrawn and its seat freed; the ended class's record stays
    const enr = await db.query(`SELECT id, status FROM training_enrolments WHERE seeker_id = $1`, [p.seekerId]);
    expect(enr).toEqual(
      expect.arrayContaining([
        { id: p.liveEnrolment, status: 'WITHDRAWN' },
        { id: p.pastEnrolment, status: 'ENROLLED' },
      ]),
    );
    expect((await db.query(`SELECT enrolled_count FROM training_classes WHERE id = $1`, [p.runningClass]))[0].enrolled_count).toBe(0);
    // interviews: the open interview cancelled, the interviewer's held time released, the seeker's note removed
    const [iv] = await db.query(`SELECT status, seeker_note, cancel_reason FROM interviews WHERE id = $1`, [p.iv.interviewId]);
    expect(iv.status).toBe('CANCELLED');
    expect(iv.seeker_note).toBeNull();
    expect(iv.cancel_reason).toMatch(/注销/);
    const [slot] = await db.query(`SELECT state, released_at FROM interview_slots WHERE id = $1`, [p.iv.slotId]);
    expect(slot.state).toBe('SUPERSEDED');
    expect(slot.released_at).not.toBeNull();

    // the bystander: nothing changed in any context
    expect(await count(`users WHERE id = $1`, [other.userId])).toBe(1);
    expect(await count(`refresh_tokens WHERE user_id = $1`, [other.userId])).toBe(1);
    expect(await count(`notifications WHERE user_id = $1`, [other.userId])).toBe(1);
    expect(await count(`seekers WHERE id = $1 AND erased_at IS NULL AND name = '注销对象'`, [other.seekerId])).toBe(1);
    expect(await count(`applications WHERE id = $1 AND stage = 'INTERVIEW'`, [other.openApp])).toBe(1);
    expect(await count(`seeker_schools WHERE seeker_id = $1`, [other.seekerId])).toBe(1);
    expect(await count(`training_enrolments WHERE id = $1 AND status = 'ENROLLED'`, [other.liveEnrolment])).toBe(1);
    expect(await count(`interviews WHERE id = $1 AND status = 'PROPOSED' AND seeker_note IS NOT NULL`, [other.iv.interviewId])).toBe(1);
    expect(await count(`identity_claims WHERE id = $1 AND status = 'PENDING'`, [other.claimId])).toBe(1);
  });

  it('runs in one transaction: a context that fails to erase leaves every context as it was', async () => {
    const p = await person();
    const registry = module.get(PersonalDataExportRegistry);
    registry.register({
      key: 'zz-failing',
      title: 'fails',
      collect: async () => null,
      erase: async () => {
        throw new Error('contributor failed');
      },
    });
    try {
      await expect(module.get(EraseSeekerUseCase).execute(actorOf(p.userId!, Role.SEEKER))).rejects.toThrow('contributor failed');
    } finally {
      (registry as unknown as { sections: Map<string, unknown> }).sections.delete('zz-failing');
    }
    expect(await count(`applications WHERE id = $1 AND stage = 'INTERVIEW'`, [p.openApp])).toBe(1);
    expect(await count(`seeker_schools WHERE seeker_id = $1`, [p.seekerId])).toBe(1);
    expect(await count(`training_enrolments WHERE id = $1 AND status = 'ENROLLED'`, [p.liveEnrolment])).toBe(1);
    expect(await count(`interviews WHERE id = $1 AND status = 'PROPOSED'`, [p.iv.interviewId])).toBe(1);
    expect(await count(`users WHERE id = $1`, [p.userId])).toBe(1);
    expect(await count(`seekers WHERE id = $1 AND erased_at IS NULL`, [p.seekerId])).toBe(1);
  });

  it("the export gathers every context's section, employers' inline as applications and hires", async () => {
    const p = await person();
    const exp = await module.get(PersonalDataExportService).exportMyData(actorOf(p.userId!, Role.SEEKER));
    expect((exp.profile as { name: string }).name).toBe('注销对象');
    expect((exp.applications as Array<{ id: string; company: string }>).map((a) => a.id).sort()).toEqual([p.openApp, p.hired.applicationId].sort());
    expect(exp.hires as unknown[]).toHaveLength(1);
    expect((exp.hires as Array<{ company: string }>)[0].company).toBe(p.t.name);
    expect(Object.keys(exp)).toEqual(expect.arrayContaining(['schools', 'training', 'interviews']));
    const iv = (exp.interviews as { records: Array<{ company: string; posting: string }> }).records;
    expect(iv).toEqual([expect.objectContaining({ company: p.t.name, posting: '呼叫中心客服' })]);
  });
});
