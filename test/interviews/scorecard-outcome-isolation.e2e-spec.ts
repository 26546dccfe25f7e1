import { Role } from '@app/core';
import { createTestApi, insertStaff, seekerWithProfile, signInStaff, tenantWithHr, TestApi } from '@app/testing';
import { at, candidate, Candidate, IV, scheduled } from './interviews.helpers';

const TEMPLATE = `mutation($i: CreateScorecardTemplateInput!) { createScorecardTemplate(input: $i) { id name scaleMin scaleMax criteria { name weight } } }`;
const SAVE = `mutation($i: SaveScorecardInput!) { saveInterviewScorecard(input: $i) { interviewId weightedScore templateName ratings { criterion weight score note } notes finalizedAt } }`;
const GET = `query($id: ID!) { interviewScorecard(interviewId: $id) { interviewId weightedScore notes finalizedAt } }`;
const OUTCOME = `mutation($i: RecordOutcomeInput!) { recordInterviewOutcome(input: $i) { ${IV} } }`;
const CALL_CENTRE = [
  { name: '普通话', weight: 40 },
  { name: '语速', weight: 20 },
  { name: '应变', weight: 30 },
  { name: '打字', weight: 10 },
];
const ratings = (scores: number[]) => CALL_CENTRE.map((c, i) => ({ criterion: c.name, score: scores[i], note: i === 0 ? '二级甲等水平' : undefined }));

describe('scorecards, outcome → application stage, and isolation', () => {
  let api: TestApi;
  let a: Candidate;
  let templateId: string;
  let ivId: string;

  beforeAll(async () => {
    api = await createTestApi();
    a = await candidate(api);
    templateId = (await api.ok(TEMPLATE, { i: { name: '客服初试', criteria: CALL_CENTRE } }, a.hrToken)).createScorecardTemplate.id;
    ivId = (await scheduled(api, a, 3 * 24 * 60)).id;
    await api.ok(SAVE, { i: { interviewId: ivId, templateId, ratings: ratings([5, 4, 3, 2]), notes: 'A公司内部评价' } }, a.hrToken);
  });
  afterAll(() => api.close());

  it('tenant templates: 1–5 scale with weights; names unique per tenant; another tenant sees none of them', async () => {
    const list = await api.ok(`{ scorecardTemplates { id name scaleMin scaleMax criteria { name weight } } }`, {}, a.hrToken);
    expect(list.scorecardTemplates).toEqual([{ id: templateId, name: '客服初试', scaleMin: 1, scaleMax: 5, criteria: CALL_CENTRE }]);
    const dup = await api.gql(TEMPLATE, { i: { name: '客服初试', criteria: CALL_CENTRE } }, a.hrToken);
    expect(dup.errors?.[0].extensions?.code).toBe('TEMPLATE_NAME_TAKEN');
    const b = await tenantWithHr(api);
    expect((await api.ok(`{ scorecardTemplates { id } }`, {}, b.hrToken)).scorecardTemplates).toEqual([]);
    // The same name is fine in another tenant.
    await api.ok(TEMPLATE, { i: { name: '客服初试', criteria: CALL_CENTRE } }, b.hrToken);
  });

  it("ratings: weighted score; every criterion exactly once on 1–5; another tenant's template is not found", async () => {
    const d = await api.ok(GET, { id: ivId }, a.hrToken);
    expect(d.interviewScorecard).toMatchObject({ interviewId: ivId, weightedScore: 3.9, notes: 'A公司内部评价', finalizedAt: null });
    const missing = await api.gql(SAVE, { i: { interviewId: ivId, templateId, ratings: ratings([5, 4, 3, 2]).slice(0, 2) } }, a.hrToken);
    expect(missing.errors?.[0]).toMatchObject({ extensions: { code: 'INVALID_RATINGS', field: 'ratings' } });
    expect(missing.errors?.[0].message).toContain('应变、打字');
    const outOfScale = await api.gql(SAVE, { i: { interviewId: ivId, templateId, ratings: ratings([6, 4, 3, 2]) } }, a.hrToken);
    expect(outOfScale.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const b = await tenantWithHr(api);
    const bTemplate = (await api.ok(TEMPLATE, { i: { name: 'B模板', criteria: CALL_CENTRE } }, b.hrToken)).createScorecardTemplate.id;
    const foreign = await api.gql(SAVE, { i: { interviewId: ivId, templateId: bTemplate, ratings: ratings([5, 5, 5, 5]) } }, a.hrToken);
    expect(foreign.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND', field: 'templateId' } });
  });

  it('PASS → interview COMPLETED, application OFFER, scorecard final (one transaction); needs a scorecard; not before the start', async () => {
    const c = await candidate(api, a);
    const iv = await scheduled(api, c, 10, 30);
    const early = await api.gql(OUTCOME, { i: { interviewId: iv.id, outcome: 'PASS' } }, c.hrToken);
    expect(early.errors?.[0].extensions?.code).toBe('OUTCOME_TOO_EARLY');
    api.clock.advance(11 * 60_000);
    const noCard = await api.gql(OUTCOME, { i: { interviewId: iv.id, outcome: 'PASS' } }, c.hrToken);
    expect(noCard.errors?.[0].extensions?.code).toBe('SCORECARD_REQUIRED');
    await api.ok(SAVE, { i: { interviewId: iv.id, templateId, ratings: ratings([5, 5, 4, 4]) } }, c.hrToken);
    const done = (await api.ok(OUTCOME, { i: { interviewId: iv.id, outcome: 'PASS' } }, c.hrToken)).recordInterviewOutcome;
    expect(done).toMatchObject({ status: 'COMPLETED', outcome: 'PASS' });
    const [app] = await api.db.query(`SELECT stage FROM applications WHERE id = $1`, [c.applicationId]);
    expect(app.stage).toBe('OFFER');
    const [ev] = await api.db.query(`SELECT from_stage, to_stage, reason FROM application_events WHERE application_id = $1 ORDER BY id DESC LIMIT 1`, [
      c.applicationId,
    ]);
    expect(ev).toEqual({ from_stage: 'INTERVIEW', to_stage: 'OFFER', reason: '视频面试通过' });
    expect((await api.ok(GET, { id: iv.id }, c.hrToken)).interviewScorecard.finalizedAt).not.toBeNull();
    const edit = await api.gql(SAVE, { i: { interviewId: iv.id, templateId, ratings: ratings([1, 1, 1, 1]) } }, c.hrToken);
    expect(edit.errors?.[0].extensions?.code).toBe('INTERVIEW_INVALID_STATUS');
    // The interviewer's hold is released.
    expect(await api.db.query(`SELECT 1 FROM interview_slots WHERE interview_id = $1 AND released_at IS NULL`, [iv.id])).toHaveLength(0);
  });

  it('FAIL → application REJECTED; NO_SHOW → interview NO_SHOW, application unchanged; a failed stage move rolls everything back', async () => {
    const f = await candidate(api, a);
    const ivF = await scheduled(api, f, 10, 30);
    const n = await candidate(api, a);
    const ivN = await scheduled(api, n, 50, 30);
    const w = await candidate(api, a);
    const ivW = await scheduled(api, w, 90, 30);
    api.clock.advance(91 * 60_000);
    // Access tokens live 15 minutes: sign the HR in again after the jump.
    const u = await insertStaff(api, Role.HR, { tenantId: a.tenantId });
    const hrToken = await signInStaff(api, u.username, u.password);

    await api.ok(SAVE, { i: { interviewId: ivF.id, templateId, ratings: ratings([2, 2, 1, 3]) } }, hrToken);
    expect((await api.ok(OUTCOME, { i: { interviewId: ivF.id, outcome: 'FAIL', reason: '普通话不达标' } }, hrToken)).recordInterviewOutcome.status).toBe(
      'COMPLETED',
    );
    expect((await api.db.query(`SELECT stage FROM applications WHERE id = $1`, [f.applicationId]))[0].stage).toBe('REJECTED');

    expect((await api.ok(OUTCOME, { i: { interviewId: ivN.id, outcome: 'NO_SHOW' } }, hrToken)).recordInterviewOutcome).toMatchObject({
      status: 'NO_SHOW',
      outcome: 'NO_SHOW',
    });
    expect((await api.db.query(`SELECT stage FROM applications WHERE id = $1`, [n.applicationId]))[0].stage).toBe('INTERVIEW');

    // Application moved elsewhere meanwhile (rejected by another path): PASS is refused and nothing changes.
    await api.ok(SAVE, { i: { interviewId: ivW.id, templateId, ratings: ratings([5, 5, 5, 5]) } }, hrToken);
    await api.db.query(`UPDATE applications SET stage = 'REJECTED' WHERE id = $1`, [w.applicationId]);
    const r = await api.gql(OUTCOME, { i: { interviewId: ivW.id, outcome: 'PASS' } }, hrToken);
    expect(r.errors?.[0].extensions?.code).toBe('APPLICATION_CLOSED');
    const [row] = await api.db.query(`SELECT status, outcome FROM interviews WHERE id = $1`, [ivW.id]);
    expect(row).toEqual({ status: 'SCHEDULED', outcome: null });
    expect((await api.db.query(`SELECT finalized_at FROM interview_scorecards WHERE interview_id = $1`, [ivW.id]))[0].finalized_at).toBeNull();
  });
});

/**
 * Tenant isolation for every interview operation (test/isolation.e2e-spec.ts lists them in EXTRA_CLASSIFIED).
 * Another tenant's HR gets NOT_FOUND; a seeker gets FORBIDDEN on HR-only operations and NOT_FOUND on another seeker's interview.
 */
describe('interview isolation', () => {
  let api: TestApi;
  let a: Candidate;
  let ivId: string;
  let slotId: string;
  let templateId: string;
  let b: { hrToken: string };
  let stranger: { token: string };

  beforeAll(async () => {
    api = await createTestApi();
    a = await candidate(api);
    const d = await api.ok(
      `mutation($i: ScheduleInterviewInput!) { scheduleInterview(input: $i) { id slots { id } } }`,
      { i: { applicationId: a.applicationId, slots: [{ startsAt: at(api, 5), durationMinutes: 30 }] } },
      a.hrToken,
    );
    ivId = d.scheduleInterview.id;
    slotId = d.scheduleInterview.slots[0].id;
    templateId = (await api.ok(TEMPLATE, { i: { name: '初试', criteria: CALL_CENTRE } }, a.hrToken)).createScorecardTemplate.id;
    b = await tenantWithHr(api);
    stranger = await seekerWithProfile(api);
  });
  afterAll(() => api.close());

  const hrOnly = () =>
    ({
      interviewScorecard: [GET, { id: ivId }],
      saveInterviewScorecard: [SAVE, { i: { interviewId: ivId, templateId, ratings: ratings([1, 1, 1, 1]) } }],
      recordInterviewOutcome: [OUTCOME, { i: { interviewId: ivId, outcome: 'FAIL' } }],
      rescheduleInterview: [
        `mutation($i: RescheduleInterviewInput!) { rescheduleInterview(input: $i) { id } }`,
        { i: { interviewId: ivId, slots: [{ startsAt: at(api, 600), durationMinutes: 30 }] } },
      ],
      cancelInterview: [`mutation($i: CancelInterviewInput!) { cancelInterview(input: $i) { id } }`, { i: { interviewId: ivId, reason: 'x' } }],
      scheduleInterview: [
        `mutation($i: ScheduleInterviewInput!) { scheduleInterview(input: $i) { id } }`,
        { i: { applicationId: a.applicationId, slots: [{ startsAt: at(api, 700), durationMinutes: 30 }] } },
      ],
    }) as Record<string, [string, Record<string, unknown>]>;
  const bothSides = () =>
    ({
      interview: [`query($id: ID!) { interview(id: $id) { id } }`, { id: ivId }],
      interviewJoinToken: [`mutation($id: ID!) { interviewJoinToken(interviewId: $id) { token } }`, { id: ivId }],
    }) as Record<string, [string, Record<string, unknown>]>;
  const seekerOnly = () =>
    ({
      chooseInterviewSlot: [`mutation($i: ChooseSlotInput!) { chooseInterviewSlot(input: $i) { id } }`, { i: { interviewId: ivId, slotId } }],
      requestOtherInterviewTimes: [
        `mutation($i: RequestOtherTimesInput!) { requestOtherInterviewTimes(input: $i) { id } }`,
        { i: { interviewId: ivId, note: 'x' } },
      ],
    }) as Record<string, [string, Record<string, unknown>]>;

  it.each(['interviewScorecard', 'saveInterviewScorecard', 'recordInterviewOutcome', 'rescheduleInterview', 'cancelInterview', 'scheduleInterview'])(
    "%s: another tenant's HR gets NOT_FOUND; a seeker (even the interviewee) gets FORBIDDEN",
    async (name) => {
      const [q, v] = hrOnly()[name];
      const other = await api.gql(q, v, b.hrToken);
      expect(other.data?.[name] ?? null).toBeNull();
      expect(other.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      for (const token of [a.seeker.token, stranger.token]) {
        const r = await api.gql(q, v, token);
        expect(r.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      }
    },
  );

  it.each(['interview', 'interviewJoinToken'])("%s: another tenant's HR and another seeker get NOT_FOUND", async (name) => {
    const [q, v] = bothSides()[name];
    for (const token of [b.hrToken, stranger.token]) {
      const r = await api.gql(q, v, token);
      expect(r.data?.[name] ?? null).toBeNull();
      expect(r.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    }
  });

  it.each(['chooseInterviewSlot', 'requestOtherInterviewTimes'])('%s: another seeker gets NOT_FOUND; HR gets FORBIDDEN', async (name) => {
    const [q, v] = seekerOnly()[name];
    expect((await api.gql(q, v, stranger.token)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await api.gql(q, v, b.hrToken)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await api.gql(q, v, a.hrToken)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it("lists: another tenant sees none of A's interviews or templates; seekers are refused; myInterviews is the seeker's own", async () => {
    expect((await api.ok(`{ interviews(first: 100) { items { id } } }`, {}, a.hrToken)).interviews.items.map((x: any) => x.id)).toContain(ivId);
    expect((await api.ok(`{ interviews(first: 100) { items { id } } }`, {}, b.hrToken)).interviews.items).toEqual([]);
    expect((await api.ok(`{ scorecardTemplates { id } }`, {}, b.hrToken)).scorecardTemplates).toEqual([]);
    for (const q of [`{ interviews(first: 10) { total } }`, `{ scorecardTemplates { id } }`]) {
      expect((await api.gql(q, {}, a.seeker.token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    expect((await api.ok(`{ myInterviews { id } }`, {}, stranger.token)).myInterviews).toEqual([]);
    expect((await api.gql(`{ myInterviews { id } }`, {}, b.hrToken)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('nothing was changed by the refused attempts', async () => {
    const [iv] = await api.db.query(`SELECT status, cancel_reason, reschedule_count, seeker_note FROM interviews WHERE id = $1`, [ivId]);
    expect(iv).toEqual({ status: 'PROPOSED', cancel_reason: null, reschedule_count: 0, seeker_note: null });
    expect(await api.db.query(`SELECT 1 FROM interview_scorecards WHERE interview_id = $1`, [ivId])).toHaveLength(0);
    expect(await api.db.query(`SELECT 1 FROM interviews WHERE application_id = $1`, [a.applicationId])).toHaveLength(1);
  });
});
