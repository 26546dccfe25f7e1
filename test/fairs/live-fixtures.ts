import { Role } from '@app/core';
import { applyTo, insertStaff, moveTo, signInStaff, TestApi, uniqueName } from '@app/testing';
import { randomBytes } from 'crypto';

/**
 * Set-up for the tests of a fair's live part (info wall, wall subscriptions, booth queues): a fair in a given state,
 * booths and the postings companies brought, written straight into the fairs tables — the fair's own life cycle
 * (publishing, booth applications, approval) is tested with the fairs core (test/fairs/*, FAIR-A).
 */
export async function insertFair(
  api: TestApi,
  opts: { status?: string; kind?: string; mode?: 'ONSITE' | 'ONLINE' | 'HYBRID'; regionCode?: string; startsAt?: Date; endsAt?: Date; title?: string } = {},
): Promise<string> {
  const now = api.clock.now();
  const startsAt = opts.startsAt ?? new Date(now.getTime() - 30 * 60_000);
  const endsAt = opts.endsAt ?? new Date(startsAt.getTime() + 3 * 3600_000);
  const [row] = await api.db.query(
    `INSERT INTO fairs (title, kind, level, region_code, mode, starts_at, ends_at, status, created_at, updated_at)
     VALUES ($1, $2, 'CITY', $3, $8, $4, $5, $6, $7, $7) RETURNING id`,
    [opts.title ?? '周六常态招聘会', opts.kind ?? 'WEEKLY', opts.regionCode ?? '150902', startsAt, endsAt, opts.status ?? 'LIVE', now, opts.mode ?? 'HYBRID'],
  );
  return row.id;
}

/** A booth held by the tenant, with its approved booth application. */
export async function insertBooth(api: TestApi, fairId: string, tenantId: string, number: string): Promise<{ boothId: string; applicationId: string }> {
  const now = api.clock.now();
  const [b] = await api.db.query(`INSERT INTO fair_booths (fair_id, number, zone, tenant_id, assigned_at) VALUES ($1, $2, 'A区', $3, $4) RETURNING id`, [
    fairId,
    number,
    tenantId,
    now,
  ]);
  const [a] = await api.db.query(
    `INSERT INTO fair_booth_applications (fair_id, tenant_id, status, booth_id, created_at, updated_at) VALUES ($1, $2, 'APPROVED', $3, $4, $4) RETURNING id`,
    [fairId, tenantId, b.id, now],
  );
  return { boothId: b.id, applicationId: a.id };
}

/** A posting the company brings to the fair with `headcount` places. */
export async function insertFairPosting(
  api: TestApi,
  fairId: string,
  tenantId: string,
  booth: { boothId: string; applicationId: string },
  postingId: string,
  headcount: number,
): Promise<string> {
  const [row] = await api.db.query(
    `INSERT INTO fair_postings (fair_id, booth_application_id, tenant_id, booth_id, posting_id, headcount, code, status, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'ACTIVE', $8) RETURNING id`,
    [fairId, booth.applicationId, tenantId, booth.boothId, postingId, headcount, randomBytes(12).toString('base64url'), api.clock.now()],
  );
  return row.id;
}

/** A posting with the given attributes, opened by the tenant's HR. */
export async function postingWith(api: TestApi, hrToken: string, attrs: Record<string, unknown>): Promise<string> {
  const p = await api.ok(
    `mutation($i: PostingInput!) { createPosting(input: $i) { id } }`,
    { i: { title: '呼入客服专员', description: '负责电话咨询', headcount: 5, salaryMinFen: 350000, salaryMaxFen: 500000, shifts: ['TWO_SHIFT'], ...attrs } },
    hrToken,
  );
  await api.ok(`mutation($id: ID!) { setPostingStatus(id: $id, status: OPEN) { id } }`, { id: p.createPosting.id }, hrToken);
  return p.createPosting.id;
}

/** Takes one place of the posting through the real hire flow (apply → offer → hire). */
export async function hireOne(api: TestApi, hrToken: string, seekerToken: string, postingId: string): Promise<void> {
  const appId = await applyTo(api, seekerToken, postingId);
  await moveTo(api, hrToken, appId, 'SCREENING');
  await moveTo(api, hrToken, appId, 'OFFER');
  await api.ok(
    `mutation($i: HireInput!) { hire(input: $i) { id } }`,
    { i: { applicationId: appId, contractStart: '2027-01-04', contractMonths: 12 } },
    hrToken,
  );
}

/** A school and a signed-in admin of it. */
export async function schoolAdmin(api: TestApi, opToken: string): Promise<{ schoolId: string; token: string; name: string }> {
  const name = uniqueName('测试职业学院');
  const d = await api.ok(`mutation($i: CreateSchoolInput!) { createSchool(input: $i) { id } }`, { i: { name, kind: 'VOCATIONAL' } }, opToken);
  const u = await insertStaff(api, Role.SCHOOL_ADMIN, { schoolId: d.createSchool.id });
  return { schoolId: d.createSchool.id, token: await signInStaff(api, u.username, u.password), name };
}
