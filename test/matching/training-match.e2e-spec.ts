import { CandidateIndexer } from '@app/matching';
import { createTestApi, operator, seekerWithProfile, tenantWithHr, TestApi } from '@app/testing';
import { ASSESS, DAY, day, enrol, MARK, sessions, trainingClass } from '../training/training.helpers';

const MATCH = `query($p: ID!, $first: Int, $offset: Int) { matchCandidates(postingId: $p, first: $first, offset: $offset) {
  hasMore items { score explanation reasons seeker { id } } } }`;

/** Completed training counts in matching (issue 3: soft factor "training completed"; issue 5: "counts in matching"). */
describe('completed training in candidate matching', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(() => api.close());

  it('of two otherwise identical people, the one who completed a class ranks higher, and HR is told why', async () => {
    const op = await operator(api);
    const hr = await tenantWithHr(api, op);
    const p = await api.ok(
      `mutation($i: PostingInput!) { createPosting(input: $i) { id } }`,
      {
        i: {
          title: '呼出客服（培训优先）',
          description: '',
          headcount: 3,
          salaryMinFen: 380000,
          salaryMaxFen: 500000,
          shifts: ['DAY'],
          minMandarinLevel: 'L2B',
          minTypingSpeed: 40,
        },
      },
      hr.hrToken,
    );
    const postingId = p.createPosting.id;
    await api.ok(`mutation($id: ID!) { setPostingStatus(id: $id, status: OPEN) { id } }`, { id: postingId }, hr.hrToken);
    const profile = { mandarinLevel: 'L2B', typingSpeed: 47, callCenterMonths: 0, shifts: ['NIGHT'], regionCode: '150921' };
    const trainee = await seekerWithProfile(api, { profile: { name: '培训学员甲', ...profile } });
    const other = await seekerWithProfile(api, { profile: { name: '对照学员乙', ...profile } });

    // The trainee attends 4 of 5 sessions and passes: the class is completed, with a technician certificate.
    const classId = await trainingClass(api, op, { startsOn: day(api, -10) });
    const sessionIds = await sessions(
      api,
      op,
      classId,
      [1, 2, 3, 4, 5].map((k) => [-(6 - k) * DAY, 2 * 3600_000] as [number, number]),
    );
    const enrolmentId = (await enrol(api, trainee.token, classId)).data.enrolInTrainingClass.id;
    for (const s of sessionIds.slice(0, 4)) await api.ok(MARK, { i: { sessionId: s, seekerId: trainee.seekerId } }, op);
    const done = await api.ok(ASSESS, { i: { enrolmentId, score: 88, assessedOn: day(api, 0), skillLevel: 'TECHNICIAN' } }, op);
    expect(done.recordAssessment.enrolment.status).toBe('COMPLETED');

    const indexer = api.app.get(CandidateIndexer);
    await indexer.syncSeeker(trainee.seekerId);
    await indexer.syncSeeker(other.seekerId);
    const docs = await api.db.query(`SELECT seeker_id, training_completed FROM candidate_documents WHERE seeker_id = ANY($1::uuid[])`, [
      [trainee.seekerId, other.seekerId],
    ]);
    expect(Object.fromEntries(docs.map((d: any) => [d.seeker_id, d.training_completed]))).toEqual({ [trainee.seekerId]: 1, [other.seekerId]: 0 });

    const items: any[] = [];
    for (let offset = 0; ; offset += 100) {
      const d = await api.ok(MATCH, { p: postingId, first: 100, offset }, hr.hrToken);
      items.push(...d.matchCandidates.items);
      if (!d.matchCandidates.hasMore) break;
    }
    const at = (id: string) => items.findIndex((i) => i.seeker.id === id);
    expect(at(trainee.seekerId)).toBeGreaterThanOrEqual(0);
    expect(at(other.seekerId)).toBeGreaterThan(at(trainee.seekerId));
    const t = items[at(trainee.seekerId)];
    const o = items[at(other.seekerId)];
    expect(t.score - o.score).toBeCloseTo(5, 0); // 5 points for one completed class; the rest of the profile is the same
    expect(t.reasons).toContain('已完成新员工入职课程（技师）');
    expect(o.explanation).not.toContain('已完成');

    // A consistency check agrees with the database, training included.
    const check = await indexer.checkConsistency(100_000);
    expect(check.stale.filter((s) => s.id === trainee.seekerId)).toEqual([]);
  });
});
