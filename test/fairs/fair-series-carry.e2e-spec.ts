import { Role, shanghaiDate, shanghaiDateTime } from '@app/core';
import { FairService, shanghaiInstant, weeklyOccurrences } from '@app/fairs';
import { applyTo, createTestApi, insertStaff, moveTo, openPosting, operator, seekerWithProfile, signInStaff, tenantWithHr, TestApi } from '@app/testing';
import { CHECK_IN, FAIR, registeredSeeker } from './fairs.helpers';

const SERIES = `mutation($i: CreateFairSeriesInput!) { createFairSeries(input: $i) { id fairsCreated } }`;
const SERIES_FAIRS = `query($s: ID!) { fairs(filter: { seriesId: $s }, first: 50) { total items { ${FAIR} } } }`;
const HIRE_AT_FAIR = `mutation($i: HireAtFairInput!) { hireAtFair(input: $i) { kind } }`;

function isoWeekday(d: Date): number {
  const w = new Date(`${shanghaiDate(d)}T00:00:00Z`).getUTCDay();
  return w === 0 ? 7 : w;
}

jest.setTimeout(180_000);

describe('fair series: the Saturday scheduler, cancellation notices, close with results and carry-over (issue 11 §1, §5)', () => {
  let api: TestApi;
  let op: string;
  beforeAll(async () => {
    api = await createTestApi();
    op = await operator(api);
  });
  afterAll(() => api.close());

  async function series(weeksAhead: number) {
    const d = await api.ok(
      SERIES,
      {
        i: {
          name: '每周六招聘会',
          weekday: 6,
          startLocal: '09:00',
          endLocal: '12:00',
          weeksAhead,
          level: 'COUNTY',
          regionCode: '150902',
          mode: 'ONSITE',
          boothCount: 3,
          autoPublish: true,
        },
      },
      op,
    );
    const fairs = (await api.ok(SERIES_FAIRS, { s: d.createFairSeries.id })).fairs;
    return {
      id: d.createFairSeries.id as string,
      created: d.createFairSeries.fairsCreated as number,
      fairs: fairs.items as Array<{ id: string; startsAt: string; whenLocal: string; status: string; boothCount: number; title: string }>,
    };
  }

  it('creates the Saturday 09:00–12:00 fairs ahead in Asia/Shanghai, each with its booths; a repeated or concurrent run creates nothing twice', async () => {
    const s = await series(8);
    expect(s.created).toBe(8);
    expect(s.fairs).toHaveLength(8);
    const expected = weeklyOccurrences(api.clock.now(), 6, '09:00', '12:00', 8);
    expect(s.fairs.map((f) => f.whenLocal)).toEqual(expected.map((o) => `${shanghaiDateTime(o.startsAt)}–12:00`));
    for (const f of s.fairs) {
      expect(isoWeekday(new Date(f.startsAt))).toBe(6);
      expect(shanghaiDateTime(new Date(f.startsAt)).slice(11)).toBe('09:00');
      expect(f).toMatchObject({ status: 'PUBLISHED', boothCount: 3 });
    }
    const svc = api.app.get(FairService);
    const again = await Promise.all([svc.ensureOccurrences(s.id), svc.ensureOccurrences(s.id), svc.ensureOccurrences(s.id)]);
    expect(again.reduce((a, b) => a + b, 0)).toBe(0);
    const [{ n }] = await api.db.query(`SELECT count(*)::int AS n FROM fairs WHERE series_id = $1`, [s.id]);
    expect(n).toBe(8);
  });

  it('a holiday cancels one occurrence with a reason and a notice to everyone registered; the others stay', async () => {
    const s = await series(2);
    const [first, second] = s.fairs;
    const a = await registeredSeeker(api, first.id);
    const b = await registeredSeeker(api, first.id);
    await registeredSeeker(api, second.id);
    const d = await api.ok(
      `mutation($i: CancelFairInput!) { cancelFair(input: $i) { status cancelReason } }`,
      { i: { fairId: first.id, reason: '元旦假期' } },
      op,
    );
    expect(d.cancelFair).toEqual({ status: 'CANCELLED', cancelReason: '元旦假期' });
    const events: Array<{ payload: { userId: string; body: string; sms: boolean } }> = await api.db.query(
      `SELECT payload FROM outbox_events WHERE topic = 'notify.fair_cancelled' AND aggregate_id = $1`,
      [first.id],
    );
    expect(events).toHaveLength(2);
    expect(events.every((e) => e.payload.sms && e.payload.body.includes('元旦假期'))).toBe(true);
    const users: Array<{ user_id: string }> = await api.db.query(`SELECT user_id FROM seekers WHERE id = ANY($1::uuid[])`, [[a.seekerId, b.seekerId]]);
    expect(events.map((e) => e.payload.userId).sort()).toEqual(users.map((u) => u.user_id).sort());
    const again = await api.gql(`mutation($i: CancelFairInput!) { cancelFair(input: $i) { status } }`, { i: { fairId: first.id, reason: '重复取消' } }, op);
    expect(again.errors?.[0].extensions?.code).toBe('INVALID_TRANSITION');
    const reg = await api.gql(`mutation($f: ID!) { registerForFair(fairId: $f) { id } }`, { f: first.id }, (await seekerWithProfile(api)).token);
    expect(reg.errors?.[0].extensions?.code).toBe('NOT_OPEN_FOR_SEEKERS');
    expect((await api.ok(`query($id: ID!) { fair(id: $id) { status } }`, { id: second.id })).fair.status).toBe('PUBLISHED');
  });

  it('close: 3 of 5 places filled → the next fair offers 2; a posting filled in between is not carried; the report shows filled after 1 fair', async () => {
    const s = await series(2);
    const [f1, f2] = s.fairs;
    const hr = await tenantWithHr(api, op);
    const postingA = await openPosting(api, hr.hrToken, 10);
    const postingB = await openPosting(api, hr.hrToken, 2);
    const applied = await api.ok(
      `mutation($i: ApplyForBoothInput!) { applyForBooth(input: $i) { id postings { id postingId code } } }`,
      {
        i: {
          fairId: f1.id,
          postings: [
            { postingId: postingA, headcount: 5 },
            { postingId: postingB, headcount: 2 },
          ],
        },
      },
      hr.hrToken,
    );
    await api.ok(
      `mutation($i: DecideBoothApplicationInput!) { decideBoothApplication(input: $i) { id } }`,
      { i: { applicationId: applied.applyForBooth.id, approve: true } },
      op,
    );
    const fpA = applied.applyForBooth.postings.find((p: { postingId: string }) => p.postingId === postingA);
    await api.ok(`mutation($id: ID!) { setFairStatus(fairId: $id, status: LIVE) { id } }`, { id: f1.id }, op);
    for (let i = 0; i < 3; i++) {
      const sk = await registeredSeeker(api, f1.id);
      await api.ok(CHECK_IN, { i: { fairId: f1.id, token: sk.ticket.token } }, op);
      await api.ok(`mutation($c: String!) { fairPostingScanned(code: $c) { postingId } }`, { c: fpA.code }, sk.token);
      await applyTo(api, sk.token, postingA);
      const h = await api.ok(
        HIRE_AT_FAIR,
        { i: { fairPostingId: fpA.id, token: sk.ticket.token, contractStart: '2030-01-01', contractMonths: 12 } },
        hr.hrToken,
      );
      expect(h.hireAtFair.kind).toBe('HIRED');
    }
    const closed = await api.ok(`mutation($id: ID!) { closeFair(fairId: $id) { status } }`, { id: f1.id }, op);
    expect(closed.closeFair.status).toBe('CLOSED');
    const twice = await api.gql(`mutation($id: ID!) { closeFair(fairId: $id) { status } }`, { id: f1.id }, op);
    expect(twice.errors?.[0].extensions?.code).toBe('INVALID_TRANSITION');

    const r1 = await api.ok(
      `query($f: ID!) { fairReport(fairId: $f) { hires headcountOffered fillRatePercent checkins filledAfter { fairs places } rows { postingId hired placesLeft fairNumber } } }`,
      { f: f1.id },
      op,
    );
    expect(r1.fairReport).toMatchObject({ hires: 3, headcountOffered: 7, fillRatePercent: 42.9, checkins: 3, filledAfter: [{ fairs: 1, places: 3 }] });
    const [{ n: results }] = await api.db.query(`SELECT count(*)::int AS n FROM fair_results WHERE fair_id = $1`, [f1.id]);
    expect(results).toBe(2);

    const carry = (await api.ok(`query($f: ID!) { myFairCarryOvers(fairId: $f) { id postingId headcount status toFairId } }`, { f: f2.id }, hr.hrToken))
      .myFairCarryOvers;
    expect(carry.map((c: { postingId: string; headcount: number }) => [c.postingId, c.headcount]).sort()).toEqual(
      [
        [postingA, 2],
        [postingB, 2],
      ].sort(),
    );

    // Posting B fills in between (two hires through the ordinary flow).
    for (let i = 0; i < 2; i++) {
      const sk = await seekerWithProfile(api);
      const appId = await applyTo(api, sk.token, postingB);
      await moveTo(api, hr.hrToken, appId, 'SCREENING');
      await moveTo(api, hr.hrToken, appId, 'OFFER');
      await api.ok(
        `mutation($i: HireInput!) { hire(input: $i) { id } }`,
        { i: { applicationId: appId, contractStart: '2030-01-01', contractMonths: 12 } },
        hr.hrToken,
      );
    }
    const DECIDE = `mutation($id: ID!) { decideFairCarryOver(carryOverId: $id, confirm: true) { status headcount } }`;
    const a = carry.find((c: { postingId: string }) => c.postingId === postingA);
    const b = carry.find((c: { postingId: string }) => c.postingId === postingB);
    expect((await api.ok(DECIDE, { id: a.id }, hr.hrToken)).decideFairCarryOver).toEqual({ status: 'CONFIRMED', headcount: 2 });
    expect((await api.ok(DECIDE, { id: b.id }, hr.hrToken)).decideFairCarryOver.status).toBe('FILLED');
    const other = await tenantWithHr(api, op);
    expect((await api.gql(DECIDE, { id: a.id }, other.hrToken)).errors?.[0].extensions?.code).toBe('NOT_FOUND');

    const r2 = await api.ok(
      `query($f: ID!) { fairReport(fairId: $f) { headcountOffered rows { postingId headcount placesLeft fairNumber } } }`,
      { f: f2.id },
      op,
    );
    expect(r2.fairReport.rows).toEqual([{ postingId: postingA, headcount: 2, placesLeft: 2, fairNumber: 2 }]);
    expect(r2.fairReport.headcountOffered).toBe(2);
    // History: the carried fair posting points back to the one at the first fair.
    const [chain] = await api.db.query(`SELECT fp.carried_from_id FROM fair_postings fp WHERE fp.fair_id = $1 AND fp.posting_id = $2`, [f2.id, postingA]);
    expect(chain.carried_from_id).toBe(fpA.id);
  });

  it('at a fixed clock on Friday 23:59 in Beijing the next fair is the next morning; past Saturday 09:00 the scheduler adds the week after', async () => {
    const s = await series(3);
    const svc = api.app.get(FairService);
    // A company approved at the second fair that will not show up.
    const hr = await tenantWithHr(api, op);
    const posting = await openPosting(api, hr.hrToken, 3);
    const APPLY = `mutation($i: ApplyForBoothInput!) { applyForBooth(input: $i) { id } }`;
    const booked = await api.ok(APPLY, { i: { fairId: s.fairs[1].id, postings: [{ postingId: posting, headcount: 1 }] } }, hr.hrToken);
    await api.ok(
      `mutation($i: DecideBoothApplicationInput!) { decideBoothApplication(input: $i) { id } }`,
      { i: { applicationId: booked.applyForBooth.id, approve: true } },
      op,
    );
    // The API's clock moves (no real waiting) to 23:59 Beijing on the Friday before the series' second fair: always ahead of now.
    const second = new Date(s.fairs[1].startsAt);
    const friday = shanghaiInstant(shanghaiDate(new Date(second.getTime() - 86_400_000)), '23:59');
    api.clock.advance(friday.getTime() - api.clock.now().getTime());
    const now = api.clock.now();
    expect(isoWeekday(now)).toBe(5);
    expect(shanghaiDateTime(now).slice(11)).toBe('23:59');
    expect(await svc.ensureOccurrences(s.id)).toBe(1);
    const ahead = (await api.ok(SERIES_FAIRS, { s: s.id })).fairs.items.filter((f: { startsAt: string }) => new Date(f.startsAt) > now);
    expect(ahead.map((f: { startsAt: string }) => f.startsAt)).toEqual(weeklyOccurrences(now, 6, '09:00', '12:00', 3).map((o) => o.startsAt.toISOString()));
    expect(ahead[0].id).toBe(s.fairs[1].id);
    expect(shanghaiDate(new Date(ahead[0].startsAt))).toBe(shanghaiDate(new Date(now.getTime() + 60_000)));
    // Saturday 09:01: that fair has begun, so the scheduler adds one more week.
    api.clock.advance(second.getTime() + 60_000 - api.clock.now().getTime());
    expect(await svc.ensureOccurrences(s.id)).toBe(1);
    const all = (await api.ok(SERIES_FAIRS, { s: s.id })).fairs.items;
    expect(all).toHaveLength(5);
    expect(new Date(all[4].startsAt).getTime() - new Date(all[3].startsAt).getTime()).toBe(7 * 86_400_000);

    // The operator records the no-show: the company loses the next fair of the series, not the one after.
    // Days passed on the clock: the access tokens have expired, so both sign in again.
    const op2 = await operator(api);
    const hrUser = await insertStaff(api, Role.HR, { tenantId: hr.tenantId });
    const hrToken = await signInStaff(api, hrUser.username, hrUser.password);
    const ns = await api.ok(`mutation($id: ID!) { markBoothNoShow(applicationId: $id) { noShow } }`, { id: booked.applyForBooth.id }, op2);
    expect(ns.markBoothNoShow.noShow).toBe(true);
    const banned = await api.gql(APPLY, { i: { fairId: all[2].id, postings: [{ postingId: posting, headcount: 1 }] } }, hrToken);
    expect(banned.errors?.[0].extensions?.code).toBe('BANNED_FOR_LATE_CANCEL');
    await api.ok(APPLY, { i: { fairId: all[3].id, postings: [{ postingId: posting, headcount: 1 }] } }, hrToken);
  });
});
