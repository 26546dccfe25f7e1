import { QueueName, SmsSender } from '@app/core';
import { InterviewReminderScheduler, InterviewReminderService, reminderJobId } from '@app/interviews';
import { CapturingSmsSender, createTestApi, TestApi, useIsolatedDatabase } from '@app/testing';
import { getQueueToken } from '@nestjs/bullmq';
import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Job, Queue } from 'bullmq';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { at, CANCEL, candidate, outboxFor, RESCHEDULE, scheduled, waitFor } from './interviews.helpers';

describe('interview reminders (real BullMQ delayed jobs + worker)', () => {
  let api: TestApi;
  let queue: Queue;
  let worker: INestApplicationContext;
  const workerSms = new CapturingSmsSender();
  let dropDatabase: () => Promise<void>;

  beforeAll(async () => {
    // Its own database: a whole worker relays every pending outbox row it can see, which would
    // take events other test files relay by hand (test/matching/outbox-index) off their queues.
    dropDatabase = await useIsolatedDatabase();
    api = await createTestApi();
    queue = api.app.get<Queue>(getQueueToken(QueueName.INTERVIEW_REMINDERS));
    const ref = await Test.createTestingModule({ imports: [WorkerModule] })
      .overrideProvider(SmsSender)
      .useValue(workerSms)
      .compile();
    worker = await ref.init();
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    await dropDatabase();
  });

  const jobsOf = async (interviewId: string): Promise<Job[]> =>
    (await queue.getJobs(['delayed', 'wait', 'active', 'completed', 'failed'])).filter((j) => j?.data?.interviewId === interviewId);

  it('a confirmed interview gets exactly two delayed jobs: 24 h and 15 min before the start; enqueuing again changes nothing', async () => {
    const c = await candidate(api);
    const before = api.clock.now().getTime();
    const iv = await scheduled(api, c, 3 * 24 * 60);
    const start = Date.parse(iv.startsAt);
    const jobs = await jobsOf(iv.id);
    expect(jobs.map((j) => j.id).sort()).toEqual([reminderJobId(iv.id, new Date(start), 'H24'), reminderJobId(iv.id, new Date(start), 'M15')].sort());
    for (const j of jobs) expect(await j.getState()).toBe('delayed');
    const byKind = Object.fromEntries(jobs.map((j) => [j.data.kind, j]));
    const after = api.clock.now().getTime();
    // delay = (start − offset) − now, with "now" somewhere between before and after.
    expect(byKind.H24.opts.delay).toBeGreaterThanOrEqual(start - 24 * 3600_000 - after);
    expect(byKind.H24.opts.delay).toBeLessThanOrEqual(start - 24 * 3600_000 - before);
    expect(byKind.M15.opts.delay).toBeGreaterThanOrEqual(start - 15 * 60_000 - after);
    expect(byKind.M15.opts.delay).toBeLessThanOrEqual(start - 15 * 60_000 - before);
    expect(byKind.M15.data).toEqual({ interviewId: iv.id, startsAt: new Date(start).toISOString(), kind: 'M15' });
    // Idempotent: the same ids again (a retry, the worker's sweep) add nothing.
    await api.app.get(InterviewReminderScheduler).ensure(iv.id, new Date(start));
    await api.app.get(InterviewReminderService).sweep();
    expect(await jobsOf(iv.id)).toHaveLength(2);
  });

  it('an interview less than 24 h away gets only the 15-minute reminder; a proposal gets none', async () => {
    const c = await candidate(api);
    const iv = await scheduled(api, c, 5 * 60);
    expect((await jobsOf(iv.id)).map((j) => j.data.kind)).toEqual(['M15']);
    const c2 = await candidate(api);
    const p = await api.ok(
      `mutation($i: ScheduleInterviewInput!) { scheduleInterview(input: $i) { id } }`,
      { i: { applicationId: c2.applicationId, slots: [{ startsAt: at(api, 3000), durationMinutes: 30 }] } },
      c2.hrToken,
    );
    expect(await jobsOf(p.scheduleInterview.id)).toHaveLength(0);
  });

  it('rescheduling replaces the two jobs; a stale reminder processed anyway sends nothing; cancelling removes them', async () => {
    const c = await candidate(api);
    const iv = await scheduled(api, c, 2 * 24 * 60);
    const oldStart = new Date(iv.startsAt);
    const moved = (
      await api.ok(RESCHEDULE, { i: { interviewId: iv.id, slots: [{ startsAt: at(api, 4 * 24 * 60), durationMinutes: 30 }], confirmed: true } }, c.hrToken)
    ).rescheduleInterview;
    const newStart = new Date(moved.startsAt);
    const jobs = await jobsOf(iv.id);
    expect(jobs.map((j) => j.id).sort()).toEqual([reminderJobId(iv.id, newStart, 'H24'), reminderJobId(iv.id, newStart, 'M15')].sort());
    expect(await queue.getJob(reminderJobId(iv.id, oldStart, 'M15'))).toBeUndefined();

    // Had the removal failed, the old job would still run: the processor drops it.
    const service = api.app.get(InterviewReminderService);
    expect(await service.deliver({ interviewId: iv.id, startsAt: oldStart.toISOString(), kind: 'M15' })).toBe('STALE');
    expect((await outboxFor(api, iv.id)).filter((e) => e.topic === 'notify.interview_reminder')).toHaveLength(0);
    // The current one is delivered once, however often it runs.
    expect(await service.deliver({ interviewId: iv.id, startsAt: newStart.toISOString(), kind: 'H24' })).toBe('SENT');
    expect(await service.deliver({ interviewId: iv.id, startsAt: newStart.toISOString(), kind: 'H24' })).toBe('DUPLICATE');
    const sent = (await outboxFor(api, iv.id)).filter((e) => e.topic === 'notify.interview_reminder');
    expect(sent.map((e) => e.payload.sms)).toEqual([true, false]); // seeker by SMS + in-app; interviewer in-app

    await api.ok(CANCEL, { i: { interviewId: iv.id, reason: '岗位取消' } }, c.hrToken);
    expect(await jobsOf(iv.id)).toHaveLength(0);
    expect(await service.deliver({ interviewId: iv.id, startsAt: newStart.toISOString(), kind: 'M15' })).toBe('STALE');
  });

  it('a stale job left in the real queue is processed by the worker and sends nothing', async () => {
    const c = await candidate(api);
    const iv = await scheduled(api, c, 2 * 24 * 60);
    await api.ok(RESCHEDULE, { i: { interviewId: iv.id, slots: [{ startsAt: at(api, 3 * 24 * 60), durationMinutes: 30 }], confirmed: true } }, c.hrToken);
    // Put the old reminder back as if its removal had been lost, due now.
    const stale = await queue.add(
      'interview.reminder',
      { interviewId: iv.id, startsAt: iv.startsAt, kind: 'M15' },
      { jobId: reminderJobId(iv.id, new Date(iv.startsAt), 'M15') },
    );
    await waitFor(async () => (await stale.getState()) === 'completed');
    expect((await queue.getJob(stale.id!))?.returnvalue).toBe('STALE');
    expect((await outboxFor(api, iv.id)).filter((e) => e.topic === 'notify.interview_reminder')).toHaveLength(0);
  });

  it('a due reminder goes through the worker: in-app message and SMS to the seeker', async () => {
    const c = await candidate(api);
    // Start on a whole minute, 15 min + 2 s after the API's clock: the M15 job is due in 2 s.
    const now = api.clock.now().getTime();
    const start = Math.ceil((now + 16 * 60_000) / 60_000) * 60_000;
    api.clock.advance(start - 15 * 60_000 - 2000 - now);
    const iv = (
      await api.ok(
        `mutation($i: ScheduleInterviewInput!) { scheduleInterview(input: $i) { id startsAt } }`,
        { i: { applicationId: c.applicationId, slots: [{ startsAt: new Date(start).toISOString(), durationMinutes: 30 }], confirmed: true } },
        c.hrToken,
      )
    ).scheduleInterview;
    expect((await jobsOf(iv.id)).map((j) => j.data.kind)).toEqual(['M15']);
    const list = await waitFor(async () => {
      const d = await api.ok(`{ myNotifications { kind title body } }`, {}, c.seeker.token);
      return d.myNotifications.find((n: any) => n.kind === 'INTERVIEW_REMINDER');
    }, 20000);
    expect(list).toMatchObject({ title: '面试提醒', body: expect.stringContaining('还有15分钟') });
    await waitFor(async () => workerSms.sent.some((m) => m.phone === c.seeker.phone && m.text.includes('面试提醒')));
  });
});
