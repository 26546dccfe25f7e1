import { applyTo, createTestApi, moveTo, openPosting, seekerWithProfile, tenantWithHr, TestApi } from '@app/testing';

const HIRE = `mutation($i: HireInput!) { hire(input: $i) { id contractStart contractMonths contractEnd socialInsuranceStart } }`;

describe('hiring pipeline (real PostgreSQL)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(() => api.close());

  it('moves an application through the allowed stages, recording actor and time', async () => {
    const { hrToken } = await tenantWithHr(api);
    const postingId = await openPosting(api, hrToken, 2);
    const seeker = await seekerWithProfile(api);
    const appId = await applyTo(api, seeker.token, postingId);
    const dup = await api.gql(`mutation($p: ID!) { apply(postingId: $p) { id } }`, { p: postingId }, seeker.token);
    expect(dup.errors?.[0].extensions?.code).toBe('ALREADY_APPLIED');

    await moveTo(api, hrToken, appId, 'SCREENING');
    const skip = await api.gql(
      `mutation($i: MoveApplicationInput!) { moveApplication(input: $i) { id } }`,
      { i: { applicationId: appId, to: 'HIRED' } },
      hrToken,
    );
    expect(skip.errors?.[0].extensions?.code).toBe('INVALID_TRANSITION');
    expect(skip.errors?.[0].message).toContain('不能从「筛选中」变为「已录用」');
    await moveTo(api, hrToken, appId, 'INTERVIEW');
    await moveTo(api, hrToken, appId, 'OFFER');
    const hired = await api.ok(
      HIRE,
      { i: { applicationId: appId, contractStart: '2026-12-01', contractMonths: 12, socialInsuranceStart: '2026-12-01' } },
      hrToken,
    );
    expect(hired.hire).toMatchObject({ contractStart: '2026-12-01', contractMonths: 12, contractEnd: '2027-11-30' });
    // A retried hire (same terms) returns the same hire and takes no second opening (checked below: openingsLeft 1).
    const retried = await api.ok(
      HIRE,
      { i: { applicationId: appId, contractStart: '2026-12-01', contractMonths: 12, socialInsuranceStart: '2026-12-01' } },
      hrToken,
    );
    expect(retried.hire.id).toBe(hired.hire.id);

    const app = await api.ok(
      `query($id: ID!) { application(id: $id) { stage events { fromStage toStage actorRole createdAt } posting { openingsLeft status } } }`,
      { id: appId },
      hrToken,
    );
    expect(app.application.stage).toBe('HIRED');
    expect(app.application.events.map((e: any) => `${e.fromStage}>${e.toStage}:${e.actorRole}`)).toEqual([
      'null>APPLIED:SEEKER',
      'APPLIED>SCREENING:HR',
      'SCREENING>INTERVIEW:HR',
      'INTERVIEW>OFFER:HR',
      'OFFER>HIRED:HR',
    ]);
    expect(app.application.posting).toEqual({ openingsLeft: 1, status: 'OPEN' });

    // Early termination is recorded on the contract.
    const t = await api.ok(
      `mutation($i: TerminateContractInput!) { terminateContract(input: $i) { terminatedOn terminationReason } }`,
      { i: { hireId: hired.hire.id, terminatedOn: '2027-03-15', reason: '个人原因离职' } },
      hrToken,
    );
    expect(t.terminateContract).toEqual({ terminatedOn: '2027-03-15', terminationReason: '个人原因离职' });
    const again = await api.gql(
      `mutation($i: TerminateContractInput!) { terminateContract(input: $i) { id } }`,
      { i: { hireId: hired.hire.id, terminatedOn: '2027-03-16', reason: 'x' } },
      hrToken,
    );
    expect(again.errors?.[0].extensions?.code).toBe('ALREADY_TERMINATED');
  });

  it('the seeker may withdraw, then nobody can move the application', async () => {
    const { hrToken } = await tenantWithHr(api);
    const postingId = await openPosting(api, hrToken, 1);
    const seeker = await seekerWithProfile(api);
    const appId = await applyTo(api, seeker.token, postingId);
    await api.ok(`mutation($id: ID!) { withdrawApplication(id: $id) { stage } }`, { id: appId }, seeker.token);
    const r = await api.gql(
      `mutation($i: MoveApplicationInput!) { moveApplication(input: $i) { id } }`,
      { i: { applicationId: appId, to: 'SCREENING' } },
      hrToken,
    );
    expect(r.errors?.[0].extensions?.code).toBe('INVALID_TRANSITION');
  });

  it('20 parallel hires on a posting with 5 openings hire exactly 5', async () => {
    const { hrToken } = await tenantWithHr(api);
    const postingId = await openPosting(api, hrToken, 5);
    const apps: string[] = [];
    for (let i = 0; i < 20; i++) {
      const s = await seekerWithProfile(api);
      const id = await applyTo(api, s.token, postingId);
      await moveTo(api, hrToken, id, 'SCREENING');
      await moveTo(api, hrToken, id, 'OFFER');
      apps.push(id);
    }
    const results = await Promise.all(
      apps.map((applicationId) => api.gql(HIRE, { i: { applicationId, contractStart: '2026-12-01', contractMonths: 12 } }, hrToken)),
    );
    const ok = results.filter((r) => !r.errors);
    const full = results.filter((r) => r.errors?.[0].extensions?.code === 'POSTING_FULL');
    expect(ok).toHaveLength(5);
    expect(full).toHaveLength(15);
    const [row] = await api.db.query(
      `SELECT openings_left, status, (SELECT count(*)::int FROM hires WHERE posting_id = $1) AS hires FROM job_postings WHERE id = $1`,
      [postingId],
    );
    expect(row).toEqual({ openings_left: 0, status: 'FILLED', hires: 5 });
    // The 15 not hired are still at OFFER, not half-moved.
    const [{ n }] = await api.db.query(`SELECT count(*)::int AS n FROM applications WHERE posting_id = $1 AND stage = 'OFFER'`, [postingId]);
    expect(n).toBe(15);
  });

  it('headcount cannot drop below those already hired', async () => {
    const { hrToken } = await tenantWithHr(api);
    const postingId = await openPosting(api, hrToken, 2);
    const s = await seekerWithProfile(api);
    const appId = await applyTo(api, s.token, postingId);
    await moveTo(api, hrToken, appId, 'SCREENING');
    await moveTo(api, hrToken, appId, 'OFFER');
    await api.ok(HIRE, { i: { applicationId: appId, contractStart: '2026-12-01', contractMonths: 24 } }, hrToken);
    const input = { title: '呼入客服专员', description: '', headcount: 0, salaryMinFen: 1, salaryMaxFen: 2, shifts: [] };
    const zero = await api.gql(`mutation($id: ID!, $i: PostingInput!) { updatePosting(id: $id, input: $i) { id } }`, { id: postingId, i: input }, hrToken);
    expect(zero.errors?.[0].extensions?.field).toBe('headcount');
    const three = await api.ok(
      `mutation($id: ID!, $i: PostingInput!) { updatePosting(id: $id, input: $i) { headcount openingsLeft } }`,
      { id: postingId, i: { ...input, headcount: 3 } },
      hrToken,
    );
    expect(three.updatePosting).toEqual({ headcount: 3, openingsLeft: 2 });
  });
});
