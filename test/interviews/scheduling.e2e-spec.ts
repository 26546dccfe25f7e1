import { createTestApi, seekerWithProfile, TestApi } from '@app/testing';
import { at, CANCEL, candidate, CHOOSE, IV, OTHER_TIMES, outboxFor, RESCHEDULE, SCHEDULE, scheduled } from './interviews.helpers';

describe('interview scheduling', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(() => api.close());

  it('HR proposes slots; the application moves to INTERVIEW; the seeker is invited in-app and picks one; times shown in Asia/Shanghai', async () => {
    const c = await candidate(api);
    const s1 = at(api, 48 * 60);
    const s2 = at(api, 49 * 60);
    const d = await api.ok(
      SCHEDULE,
      {
        i: {
          applicationId: c.applicationId,
          slots: [
            { startsAt: s1, durationMinutes: 30 },
            { startsAt: s2, durationMinutes: 45 },
          ],
        },
      },
      c.hrToken,
    );
    const iv = d.scheduleInterview;
    expect(iv).toMatchObject({
      status: 'PROPOSED',
      startsAt: null,
      joinOpensAt: null,
      joinClosesAt: null,
      companyName: expect.stringContaining('测试呼叫中心'),
      postingTitle: '呼入客服专员',
    });
    expect(iv.slots).toHaveLength(2);
    expect(iv.slots[1]).toMatchObject({ state: 'OPEN', durationMinutes: 45 });
    const local = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' }).format(new Date(s1));
    expect(iv.slots[0].startsAtLocal).toBe(local);
    const [app] = await api.db.query(`SELECT stage FROM applications WHERE id = $1`, [c.applicationId]);
    expect(app.stage).toBe('INTERVIEW');
    // The invitation (in-app, no SMS) replaces the stage message.
    const events = await outboxFor(api, iv.id);
    expect(events.map((e) => e.topic)).toEqual(['notify.interview_proposed']);
    expect(events[0].payload).toMatchObject({ kind: 'INTERVIEW_PROPOSED', sms: false });
    expect(
      await api.db.query(`SELECT 1 FROM outbox_events WHERE aggregate_id = $1 AND topic = 'notify.application_stage' AND payload->>'title' LIKE '%面试'`, [
        c.applicationId,
      ]),
    ).toHaveLength(0);

    // The seeker sees it and picks the second slot.
    const mine = await api.ok(`{ myInterviews { ${IV} } }`, {}, c.seeker.token);
    expect(mine.myInterviews.map((x: any) => x.id)).toContain(iv.id);
    const picked = (await api.ok(CHOOSE, { i: { interviewId: iv.id, slotId: iv.slots[1].id } }, c.seeker.token)).chooseInterviewSlot;
    expect(picked).toMatchObject({ status: 'SCHEDULED', startsAt: new Date(s2).toISOString(), durationMinutes: 45 });
    // The room's window, as join tokens are issued: from 10 minutes before the start to 30 minutes after the end.
    expect(picked.joinOpensAt).toBe(new Date(Date.parse(s2) - 10 * 60_000).toISOString());
    expect(picked.joinClosesAt).toBe(new Date(Date.parse(s2) + 45 * 60_000 + 30 * 60_000).toISOString());
    expect(picked.slots).toEqual([expect.objectContaining({ id: iv.slots[1].id, state: 'CHOSEN' })]);
    const after = await outboxFor(api, iv.id);
    expect(after.map((e) => e.topic)).toEqual(['notify.interview_proposed', 'notify.interview_scheduled', 'notify.interview_scheduled']);
    expect(after[1].payload).toMatchObject({ kind: 'INTERVIEW_SCHEDULED', sms: true });
    expect(after[2].payload).toMatchObject({ userId: c.hrUserId, sms: false });
    // The other slot is released: the interviewer can use that time again.
    const other = await candidate(api, c);
    await api.ok(SCHEDULE, { i: { applicationId: other.applicationId, slots: [{ startsAt: s1, durationMinutes: 30 }] } }, c.hrToken);
    // A slot cannot be picked twice.
    const again = await api.gql(CHOOSE, { i: { interviewId: iv.id, slotId: iv.slots[0].id } }, c.seeker.token);
    expect(again.errors?.[0].extensions?.code).toBe('INTERVIEW_INVALID_STATUS');
  });

  it('refuses bad slots with clear errors: past, more than 5, too short, overlapping each other, confirmed with two', async () => {
    const c = await candidate(api);
    const bad = async (slots: unknown[], confirmed = false) =>
      (await api.gql(SCHEDULE, { i: { applicationId: c.applicationId, slots, confirmed } }, c.hrToken)).errors?.[0];
    expect((await bad([{ startsAt: at(api, -5), durationMinutes: 30 }]))?.extensions?.code).toBe('SLOT_IN_PAST');
    const six = Array.from({ length: 6 }, (_, i) => ({ startsAt: at(api, 60 * (i + 1)), durationMinutes: 30 }));
    expect((await bad(six))?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await bad([{ startsAt: at(api, 60), durationMinutes: 5 }]))?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await bad([{ startsAt: at(api, 60), durationMinutes: 121 }]))?.extensions?.code).toBe('BAD_USER_INPUT');
    const e = await bad([
      { startsAt: at(api, 60), durationMinutes: 30 },
      { startsAt: at(api, 80), durationMinutes: 30 },
    ]);
    expect(e).toMatchObject({ extensions: { code: 'SLOTS_OVERLAP_EACH_OTHER', field: 'slots.1.startsAt' } });
    expect(e?.message).toContain('重叠');
    expect(
      (
        await bad(
          [
            { startsAt: at(api, 60), durationMinutes: 30 },
            { startsAt: at(api, 120), durationMinutes: 30 },
          ],
          true,
        )
      )?.extensions?.code,
    ).toBe('CONFIRM_NEEDS_ONE_SLOT');
    // Nothing was stored and the application did not move.
    expect(await api.db.query(`SELECT 1 FROM interviews WHERE application_id = $1`, [c.applicationId])).toHaveLength(0);
    const [app] = await api.db.query(`SELECT stage FROM applications WHERE id = $1`, [c.applicationId]);
    expect(app.stage).toBe('SCREENING');
  });

  it('only SCREENING or INTERVIEW applications; one open interview per application', async () => {
    const c = await candidate(api);
    await api.ok(
      `mutation($i: MoveApplicationInput!) { moveApplication(input: $i) { id } }`,
      { i: { applicationId: c.applicationId, to: 'REJECTED' } },
      c.hrToken,
    );
    const r = await api.gql(SCHEDULE, { i: { applicationId: c.applicationId, slots: [{ startsAt: at(api, 60), durationMinutes: 30 }] } }, c.hrToken);
    expect(r.errors?.[0].extensions?.code).toBe('APPLICATION_STAGE');
    expect(r.errors?.[0].message).toContain('未通过');
    const c2 = await candidate(api);
    await scheduled(api, c2, 120);
    const twice = await api.gql(SCHEDULE, { i: { applicationId: c2.applicationId, slots: [{ startsAt: at(api, 300), durationMinutes: 30 }] } }, c2.hrToken);
    expect(twice.errors?.[0].extensions?.code).toBe('INTERVIEW_ALREADY_OPEN');
  });

  it('an interviewer cannot hold overlapping times, proposed or confirmed, across interviews; other HR users can', async () => {
    const a = await candidate(api);
    const b = await candidate(api, a);
    const c = await candidate(api, a);
    await scheduled(api, a, 600, 60); // confirmed 10:00–11:00 from now
    // A proposal overlapping the confirmed interview.
    const r1 = await api.gql(
      SCHEDULE,
      {
        i: {
          applicationId: b.applicationId,
          slots: [
            { startsAt: at(api, 2000), durationMinutes: 30 },
            { startsAt: at(api, 630), durationMinutes: 60 },
          ],
        },
      },
      a.hrToken,
    );
    expect(r1.errors?.[0]).toMatchObject({ extensions: { code: 'INTERVIEWER_BUSY' } });
    expect(r1.errors?.[0].message).toMatch(/面试官在该时段已有其他面试安排（\d{4}-\d\d-\d\d \d\d:\d\d）/);
    expect(r1.errors?.[0].extensions?.messageEn).toContain('overlapping');
    // A proposal in a free time, then a confirmed time overlapping that proposal.
    await api.ok(SCHEDULE, { i: { applicationId: b.applicationId, slots: [{ startsAt: at(api, 900), durationMinutes: 30 }] } }, a.hrToken);
    const r2 = await api.gql(
      SCHEDULE,
      { i: { applicationId: c.applicationId, slots: [{ startsAt: at(api, 910), durationMinutes: 30 }], confirmed: true } },
      a.hrToken,
    );
    expect(r2.errors?.[0].extensions?.code).toBe('INTERVIEWER_BUSY');
    // Back to back is fine.
    await api.ok(SCHEDULE, { i: { applicationId: c.applicationId, slots: [{ startsAt: at(api, 930), durationMinutes: 30 }] } }, a.hrToken);
    // Another tenant's HR at the same time: their own calendar.
    const other = await candidate(api);
    await scheduled(api, other, 600, 60);
  });

  it('concurrent requests for one interviewer: exactly one overlapping request wins', async () => {
    const first = await candidate(api);
    const cs = [first, ...(await Promise.all(Array.from({ length: 7 }, () => candidate(api, first))))];
    const start = at(api, 24 * 60 * 3);
    const results = await Promise.all(
      cs.map((c, i) =>
        api.gql(
          SCHEDULE,
          {
            i: {
              applicationId: c.applicationId,
              slots: [{ startsAt: new Date(Date.parse(start) + i * 60_000).toISOString(), durationMinutes: 30 }],
              confirmed: i % 2 === 0,
            },
          },
          c.hrToken,
        ),
      ),
    );
    const ok = results.filter((r) => !r.errors);
    expect(ok).toHaveLength(1);
    for (const r of results.filter((x) => x.errors)) expect(r.errors?.[0].extensions?.code).toBe('INTERVIEWER_BUSY');
    const [{ n }] = await api.db.query(`SELECT count(*)::int AS n FROM interview_slots WHERE hr_user_id = $1 AND released_at IS NULL`, [first.hrUserId]);
    expect(n).toBe(1);
  });

  it('the database itself refuses an overlapping hold (exclusion constraints), whatever the service does', async () => {
    const c = await candidate(api);
    const iv = await scheduled(api, c, 3000, 60);
    const [{ tenant_id, hr_user_id }] = await api.db.query(`SELECT tenant_id, hr_user_id FROM interviews WHERE id = $1`, [iv.id]);
    await expect(
      api.db.query(
        `INSERT INTO interview_slots (interview_id, tenant_id, hr_user_id, starts_at, ends_at, state, created_at) VALUES ($1,$2,$3,$4,$5,'OPEN',now())`,
        [iv.id, tenant_id, hr_user_id, new Date(Date.parse(iv.startsAt) + 10 * 60_000), new Date(Date.parse(iv.startsAt) + 20 * 60_000)],
      ),
    ).rejects.toThrow(/interview_slots_hr_no_overlap/);
    const c2 = await candidate(api, c);
    await expect(
      api.db.query(
        `INSERT INTO interviews (tenant_id, application_id, seeker_id, hr_user_id, status, starts_at, ends_at, created_at, updated_at)
       SELECT tenant_id, $1, seeker_id, $2, 'SCHEDULED', $3, $4, now(), now() FROM applications WHERE id = $1`,
        [c2.applicationId, hr_user_id, iv.startsAt, iv.endsAt],
      ),
    ).rejects.toThrow(/interviews_hr_no_overlap/);
  });

  it('a seeker cannot confirm two interviews at the same time (different companies)', async () => {
    const a = await candidate(api);
    await scheduled(api, a, 4000, 60);
    const b = await candidate(api);
    // Same seeker applies to tenant b's posting.
    const postingId = (await api.db.query(`SELECT posting_id FROM applications WHERE id = $1`, [b.applicationId]))[0].posting_id;
    const appId = (await api.ok(`mutation($p: ID!) { apply(postingId: $p) { id } }`, { p: postingId }, a.seeker.token)).apply.id;
    await api.ok(`mutation($i: MoveApplicationInput!) { moveApplication(input: $i) { id } }`, { i: { applicationId: appId, to: 'SCREENING' } }, b.hrToken);
    const iv = (await api.ok(SCHEDULE, { i: { applicationId: appId, slots: [{ startsAt: at(api, 4030), durationMinutes: 30 }] } }, b.hrToken))
      .scheduleInterview;
    const r = await api.gql(CHOOSE, { i: { interviewId: iv.id, slotId: iv.slots[0].id } }, a.seeker.token);
    expect(r.errors?.[0].extensions?.code).toBe('SEEKER_BUSY');
  });

  it('the seeker asks for other times with a note: holds released, HR told; HR reschedules (SMS); HR cancels (SMS)', async () => {
    const c = await candidate(api);
    const iv = (await api.ok(SCHEDULE, { i: { applicationId: c.applicationId, slots: [{ startsAt: at(api, 5000), durationMinutes: 30 }] } }, c.hrToken))
      .scheduleInterview;
    const asked = (await api.ok(OTHER_TIMES, { i: { interviewId: iv.id, note: '周六上午方便' } }, c.seeker.token)).requestOtherInterviewTimes;
    expect(asked).toMatchObject({ status: 'PROPOSED', seekerNote: '周六上午方便', slots: [] });
    let events = await outboxFor(api, iv.id);
    expect(events.at(-1)).toMatchObject({
      topic: 'notify.interview_other_times_requested',
      payload: { userId: c.hrUserId, body: expect.stringContaining('周六上午方便') },
    });
    // The old time is free again.
    const c2 = await candidate(api, c);
    await scheduled(api, c2, 5000);

    const re = (
      await api.ok(
        RESCHEDULE,
        { i: { interviewId: iv.id, slots: [{ startsAt: at(api, 6000), durationMinutes: 20 }], confirmed: true, reason: '按求职者要求' } },
        c.hrToken,
      )
    ).rescheduleInterview;
    expect(re).toMatchObject({ status: 'SCHEDULED', rescheduleCount: 1, seekerNote: null, durationMinutes: 20 });
    events = await outboxFor(api, iv.id);
    expect(events.at(-1)).toMatchObject({ topic: 'notify.interview_rescheduled', payload: { sms: true, body: expect.stringContaining('按求职者要求') } });
    // Reschedule into proposals again, then cancel.
    const re2 = (
      await api.ok(
        RESCHEDULE,
        {
          i: {
            interviewId: iv.id,
            slots: [
              { startsAt: at(api, 7000), durationMinutes: 20 },
              { startsAt: at(api, 7100), durationMinutes: 20 },
            ],
          },
        },
        c.hrToken,
      )
    ).rescheduleInterview;
    expect(re2).toMatchObject({ status: 'PROPOSED', startsAt: null, rescheduleCount: 2 });
    expect(re2.slots).toHaveLength(2);
    const cancelled = (await api.ok(CANCEL, { i: { interviewId: iv.id, reason: '岗位已招满' } }, c.hrToken)).cancelInterview;
    expect(cancelled).toMatchObject({ status: 'CANCELLED', cancelReason: '岗位已招满' });
    events = await outboxFor(api, iv.id);
    expect(events.at(-1)).toMatchObject({ topic: 'notify.interview_cancelled', payload: { sms: true, kind: 'INTERVIEW_CANCELLED' } });
    expect(await api.db.query(`SELECT 1 FROM interview_slots WHERE interview_id = $1 AND released_at IS NULL`, [iv.id])).toHaveLength(0);
    const r = await api.gql(CANCEL, { i: { interviewId: iv.id, reason: 'again' } }, c.hrToken);
    expect(r.errors?.[0]).toMatchObject({ extensions: { code: 'INTERVIEW_INVALID_STATUS' } });
    expect(r.errors?.[0].message).toContain('已取消');
    // After cancelling, a new interview can be scheduled for the application.
    const next = await scheduled(api, c, 8000);

    // The seeker's own data export (PIPL) lists both interviews, with the note they wrote and the reason given.
    const exp = (await api.ok(`{ exportMyData }`, {}, c.seeker.token)).exportMyData;
    expect(exp.interviews.records).toEqual([
      expect.objectContaining({ status: 'CANCELLED', statusZh: '已取消', cancelReason: '岗位已招满', startsAt: null, outcome: null }),
      expect.objectContaining({ status: 'SCHEDULED', statusZh: '已安排', startsAt: next.startsAt }),
    ]);
    expect(exp.interviews.records[0].company).toBeTruthy();
    expect(JSON.stringify(exp.interviews)).not.toMatch(/rating|scorecard/i); // the tenant's scorecard stays with the tenant
  });

  it("a seeker cannot act on another seeker's interview; HR cannot pick for the seeker", async () => {
    const c = await candidate(api);
    const iv = (await api.ok(SCHEDULE, { i: { applicationId: c.applicationId, slots: [{ startsAt: at(api, 9000), durationMinutes: 30 }] } }, c.hrToken))
      .scheduleInterview;
    const stranger = await seekerWithProfile(api);
    const r = await api.gql(CHOOSE, { i: { interviewId: iv.id, slotId: iv.slots[0].id } }, stranger.token);
    expect(r.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const asHr = await api.gql(CHOOSE, { i: { interviewId: iv.id, slotId: iv.slots[0].id } }, c.hrToken);
    expect(asHr.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
