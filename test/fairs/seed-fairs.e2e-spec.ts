import { Role } from '@app/core';
import { createTestApi, insertStaff, openPosting, operator, seekerWithProfile, tenantWithHr, TestApi } from '@app/testing';
import { seedFairs } from '../../tools/seed/seed-fairs';

jest.setTimeout(120_000);

describe('demo seed: job fairs (tools/seed/seed-fairs.ts)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(() => api.close());

  it('creates the Saturday fairs ahead and a first fair with companies, postings and tickets that the API serves', async () => {
    const op = await operator(api);
    const t = await tenantWithHr(api, op);
    await openPosting(api, t.hrToken, 3);
    await openPosting(api, t.hrToken, 1);
    await seekerWithProfile(api);
    const opRow = await insertStaff(api, Role.OPERATOR);
    const sum = await api.db.transaction((m) =>
      seedFairs(m, {
        rand: () => 0.5,
        now: api.clock.now(),
        scale: 1,
        operatorId: opRow.id,
        schoolIds: [],
        schoolAdminBySchool: new Map(),
        tenantIds: [t.tenantId],
        hrByTenant: new Map([[t.tenantId, t.hrUserId]]),
      }),
    );
    expect(sum).toMatchObject({ fairs: 8, booths: 96, companies: 1, fairPostings: 2 });
    expect(sum.tickets).toBeGreaterThan(0);
    // Other test files of this run share the database: read the seeded series' fairs only.
    const [series] = await api.db.query(`SELECT id FROM fair_series WHERE name = '集宁区每周六招聘会' AND created_by = $1`, [opRow.id]);
    const listed = await api.ok(
      `query($s: ID!) { fairs(filter: { seriesId: $s }, first: 20) { total items { id status boothCount companyCount whenLocal } } }`,
      {
        s: series.id,
      },
    );
    expect(listed.fairs.total).toBe(8);
    const first = listed.fairs.items[0];
    expect(first).toMatchObject({ status: 'PUBLISHED', boothCount: 12, companyCount: 1 });
    expect(first.whenLocal).toMatch(/ 09:00–12:00$/);
    const r = await api.ok(`query($f: ID!) { fairReport(fairId: $f) { postings headcountOffered rows { placesLeft boothNumber } } }`, { f: first.id }, op);
    expect(r.fairReport.postings).toBe(2);
    expect(r.fairReport.rows.map((x: { boothNumber: string }) => x.boothNumber)).toEqual(['A01', 'A01']);
    expect(r.fairReport.headcountOffered).toBe(3 + 1);
  });
});
