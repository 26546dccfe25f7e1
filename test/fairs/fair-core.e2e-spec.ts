import { applyTo, createTestApi, idNumber, openPosting, operator, seekerWithProfile, tenantWithHr, TestApi, uniquePhone } from '@app/testing';
import { Workbook } from 'exceljs';
import { at, BOOTH_APP, CHECK_IN, companyAtFair, createPublishedFair, decodeQr, registeredSeeker } from './fairs.helpers';

jest.setTimeout(180_000);

describe('fairs core: booths, posting QR, tickets, check-in, two-way selection (issue 11 §2, §3, §5)', () => {
  let api: TestApi;
  let op: string;
  beforeAll(async () => {
    api = await createTestApi();
    op = await operator(api);
  });
  afterAll(() => api.close());

  it('booth applications: approve with a booth; a taken booth is a clear CONFLICT; rejecting needs a reason; another company sees NOT_FOUND', async () => {
    const fair = await createPublishedFair(api, op, { boothCount: 2 });
    const a = await companyAtFair(api, op, fair.id, 3);
    expect(a.booth.number).toBe('A01');
    expect(a.fairPosting).toMatchObject({ headcount: 3, placesLeft: 3, boothNumber: 'A01', status: 'ACTIVE' });

    const b = await tenantWithHr(api, op);
    const posting = (await api.ok(`{ myBoothApplications { id } }`, {}, b.hrToken)).myBoothApplications;
    expect(posting).toEqual([]);
    const bPosting = await openPosting(api, b.hrToken, 2);
    const tooMany = await api.gql(
      `mutation($i: ApplyForBoothInput!) { applyForBooth(input: $i) { id } }`,
      { i: { fairId: fair.id, postings: [{ postingId: bPosting, headcount: 3 }] } },
      b.hrToken,
    );
    expect(tooMany.errors?.[0].extensions?.code).toBe('HEADCOUNT_TOO_HIGH');
    const applied = await api.ok(
      `mutation($i: ApplyForBoothInput!) { applyForBooth(input: $i) { ${BOOTH_APP} } }`,
      { i: { fairId: fair.id, postings: [{ postingId: bPosting, headcount: 2 }] } },
      b.hrToken,
    );
    const again = await api.gql(
      `mutation($i: ApplyForBoothInput!) { applyForBooth(input: $i) { id } }`,
      { i: { fairId: fair.id, postings: [{ postingId: bPosting, headcount: 1 }] } },
      b.hrToken,
    );
    expect(again.errors?.[0].extensions?.code).toBe('BOOTH_APPLICATION_EXISTS');
    // B picks A's booth: CONFLICT; then the free one.
    const taken = await api.gql(
      `mutation($i: AssignBoothInput!) { assignBooth(input: $i) { id } }`,
      { i: { applicationId: applied.applyForBooth.id, boothId: a.booth.id } },
      b.hrToken,
    );
    expect(taken.errors?.[0].extensions?.code).toBe('BOOTH_TAKEN');
    const free = await api.ok(`query($f: ID!) { fairBooths(fairId: $f, onlyFree: true) { id number } }`, { f: fair.id });
    expect(free.fairBooths.map((x: { number: string }) => x.number)).toEqual(['A02']);
    const picked = await api.ok(
      `mutation($i: AssignBoothInput!) { assignBooth(input: $i) { booth { number } } }`,
      { i: { applicationId: applied.applyForBooth.id, boothId: free.fairBooths[0].id } },
      b.hrToken,
    );
    expect(picked.assignBooth.booth.number).toBe('A02');
    // A's HR cannot touch B's application.
    const foreign = await api.gql(`mutation($id: ID!) { cancelBoothApplication(applicationId: $id) { id } }`, { id: applied.applyForBooth.id }, a.hrToken);
    expect(foreign.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const noReason = await api.gql(
      `mutation($i: DecideBoothApplicationInput!) { decideBoothApplication(input: $i) { id } }`,
      { i: { applicationId: applied.applyForBooth.id, approve: false } },
      op,
    );
    expect(noReason.errors?.[0].extensions?.code).toBe('REASON_REQUIRED');
    const rejected = await api.ok(
      `mutation($i: DecideBoothApplicationInput!) { decideBoothApplication(input: $i) { status reason booth { id } } }`,
      { i: { applicationId: applied.applyForBooth.id, approve: false, reason: '岗位与本场主题不符' } },
      op,
    );
    expect(rejected.decideBoothApplication).toEqual({ status: 'REJECTED', reason: '岗位与本场主题不符', booth: null });
  });

  it('late cancellation (within 48 h) is recorded', async () => {
    const fair = await createPublishedFair(api, op, { boothCount: 1, startInMinutes: 24 * 60 });
    const a = await companyAtFair(api, op, fair.id, 1);
    const d = await api.ok(
      `mutation($id: ID!) { cancelBoothApplication(applicationId: $id) { status lateCancel booth { id } } }`,
      { id: a.applicationId },
      a.hrToken,
    );
    expect(d.cancelBoothApplication).toEqual({ status: 'CANCELLED', lateCancel: true, booth: null });
  });

  it('posting QR: the PNG decodes to the job page with the fair code; a scan is recorded and the application is attributed to the fair and booth', async () => {
    const fair = await createPublishedFair(api, op);
    const a = await companyAtFair(api, op, fair.id, 5);
    const text = await decodeQr(api, `/fairs/qr/${encodeURIComponent(a.fairPosting.code)}.png`);
    expect(text).toBe(a.fairPosting.link);
    expect(text).toMatch(new RegExp(`/#/job/${a.postingId}\\?fair=${encodeURIComponent(a.fairPosting.code)}$`));
    const code = new URL(text.replace('/#/', '/')).searchParams.get('fair')!;

    const s = await seekerWithProfile(api);
    const scan = await api.ok(`mutation($c: String!) { fairPostingScanned(code: $c) { postingId fairId boothNumber } }`, { c: code }, s.token);
    expect(scan.fairPostingScanned).toEqual({ postingId: a.postingId, fairId: fair.id, boothNumber: a.booth.number });
    // Anonymous scans count as visits but belong to nobody.
    await api.ok(`mutation($c: String!) { fairPostingScanned(code: $c) { postingId } }`, { c: code });
    await applyTo(api, s.token, a.postingId);
    const forged = await api.gql(`mutation($c: String!) { fairPostingScanned(code: $c) { postingId } }`, { c: 'forged-code' });
    expect(forged.errors?.[0].extensions?.code).toBe('NOT_FOUND');

    const r = await api.ok(
      `query($f: ID!) { fairReport(fairId: $f) { applications visits uniqueVisitors rows { boothNumber applications } } }`,
      { f: fair.id },
      op,
    );
    expect(r.fairReport).toMatchObject({ applications: 1, visits: 2, uniqueVisitors: 1, rows: [{ boothNumber: a.booth.number, applications: 1 }] });
    // The printable A4 poster shows the company's posting with its QR.
    const poster = await fetch(`${api.url}/fairs/${fair.id}/posters/${a.applicationId}`);
    expect(poster.status).toBe(200);
    const html = await poster.text();
    expect(html).toContain('呼入客服专员');
    expect(html).toContain('3,500–5,000 元/月');
    expect(html).toContain(`展位 ${a.booth.number}`);
    expect(html).toMatch(/<img src="data:image\/png;base64,/);
  });

  it('check-in: the same ticket scanned 20 times at once gives one check-in; forged and foreign tickets are refused; the visit is in my history', async () => {
    const fair = await createPublishedFair(api, op);
    const other = await createPublishedFair(api, op);
    const s = await registeredSeeker(api, fair.id);
    expect(s.ticket.token).not.toContain(s.phone);
    expect(await decodeQr(api, `/fairs/tickets/${encodeURIComponent(s.ticket.token)}.png`)).toBe(s.ticket.token);

    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => api.gql(CHECK_IN, { i: { fairId: fair.id, token: s.ticket.token, idempotencyKey: `scan-${i}` } }, op)),
    );
    expect(results.filter((r) => r.errors)).toEqual([]);
    const ids = new Set(results.map((r) => r.data.checkInFairTicket.id));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => !r.data.checkInFairTicket.repeated)).toHaveLength(1);
    expect(results[0].data.checkInFairTicket.nameMasked).toBe('王*燕');
    const [{ n }] = await api.db.query(`SELECT count(*)::int AS n FROM fair_checkins WHERE fair_id = $1`, [fair.id]);
    expect(n).toBe(1);

    const forged = await api.gql(CHECK_IN, { i: { fairId: fair.id, token: 'forged-token-000000' } }, op);
    expect(forged.errors?.[0].extensions?.code).toBe('TICKET_INVALID');
    const foreign = await api.gql(CHECK_IN, { i: { fairId: other.id, token: s.ticket.token } }, op);
    expect(foreign.errors?.[0].extensions?.code).toBe('TICKET_OTHER_FAIR');

    const visits = await api.ok(`{ myFairVisits { fairId fairTitle method } }`, {}, s.token);
    expect(visits.myFairVisits).toEqual([{ fairId: fair.id, fairTitle: fair.title, method: 'SCAN' }]);
    const ticket = await api.ok(`query($f: ID!) { myFairTicket(fairId: $f) { token checkedInAt } }`, { f: fair.id }, s.token);
    expect(ticket.myFairTicket.checkedInAt).not.toBeNull();
  });

  it('check-in by ID number and walk-ins: the desk learns nothing; the walk-in gets a sign-in link by SMS', async () => {
    const fair = await createPublishedFair(api, op);
    const s = await registeredSeeker(api, fair.id);
    const byId = await api.ok(
      `mutation($i: CheckInByIdNumberInput!) { checkInByIdNumber(input: $i) { method repeated } }`,
      { i: { fairId: fair.id, idNumber: s.idNumber } },
      op,
    );
    expect(byId.checkInByIdNumber).toEqual({ method: 'ID_NUMBER', repeated: false });
    // Unknown ID number and known-but-not-registered give the same answer.
    const stranger = await seekerWithProfile(api);
    const a = await api.gql(
      `mutation($i: CheckInByIdNumberInput!) { checkInByIdNumber(input: $i) { id } }`,
      { i: { fairId: fair.id, idNumber: idNumber() } },
      op,
    );
    const b = await api.gql(
      `mutation($i: CheckInByIdNumberInput!) { checkInByIdNumber(input: $i) { id } }`,
      { i: { fairId: fair.id, idNumber: stranger.idNumber } },
      op,
    );
    expect(a.errors?.[0]).toEqual(b.errors?.[0]);
    expect(a.errors?.[0].extensions?.code).toBe('NOT_REGISTERED');

    // A walk-in with an existing profile (the stranger) and a brand-new person: the same response shape, nothing personal echoed.
    const phone = uniquePhone();
    const WALK = `mutation($i: RegisterWalkInInput!) { registerFairWalkIn(input: $i) { method repeated nameMasked ticketToken } }`;
    const existing = await api.ok(WALK, { i: { fairId: fair.id, idNumber: stranger.idNumber, name: '张三', phone } }, op);
    const newId = idNumber();
    const fresh = await api.ok(WALK, { i: { fairId: fair.id, idNumber: newId, name: '李明', phone: uniquePhone() } }, op);
    expect(Object.keys(existing.registerFairWalkIn)).toEqual(Object.keys(fresh.registerFairWalkIn));
    expect(existing.registerFairWalkIn.nameMasked).toBe('王*燕'); // the profile's own (masked) name, not what the desk typed
    expect(JSON.stringify(existing)).not.toContain(stranger.idNumber);
    expect(api.sms.sent.find((m) => m.phone === phone)?.text).toContain('/#/login');
    // Retried at the desk: the same check-in.
    const retry = await api.ok(WALK, { i: { fairId: fair.id, idNumber: newId, name: '李明', phone: uniquePhone() } }, op);
    expect(retry.registerFairWalkIn).toMatchObject({ repeated: true, ticketToken: fresh.registerFairWalkIn.ticketToken });
    const [{ n }] = await api.db.query(`SELECT count(*)::int AS n FROM fair_checkins WHERE fair_id = $1`, [fair.id]);
    expect(n).toBe(3);
    const bad = await api.gql(WALK, { i: { fairId: fair.id, idNumber: '150902199901011234', name: '李明', phone: uniquePhone() } }, op);
    expect(bad.errors?.[0].extensions?.code).toBe('WALK_IN_FAILED');
  });

  it('two-way selection: intent + interest is a mutual selection both sides see; another company sees NOT_FOUND', async () => {
    const fair = await createPublishedFair(api, op);
    const a = await companyAtFair(api, op, fair.id, 2);
    const b = await companyAtFair(api, op, fair.id, 2);
    await api.ok(`mutation($id: ID!) { setFairStatus(fairId: $id, status: LIVE) { id } }`, { id: fair.id }, op);
    const late = await api.gql(
      `mutation($i: ApplyForBoothInput!) { applyForBooth(input: $i) { id } }`,
      { i: { fairId: fair.id, postings: [{ postingId: a.postingId, headcount: 1 }] } },
      a.hrToken,
    );
    expect(late.errors?.[0].extensions?.code).toBe('NOT_OPEN_FOR_COMPANIES');
    const s = await registeredSeeker(api, fair.id);
    await api.ok(CHECK_IN, { i: { fairId: fair.id, token: s.ticket.token } }, op);
    await api.ok(`mutation($c: String!) { fairPostingScanned(code: $c) { postingId } }`, { c: a.fairPosting.code }, s.token);
    await applyTo(api, s.token, a.postingId);

    const visitors = await api.ok(
      `query($f: ID!) { fairBoothVisitors(fairId: $f) { seeker { id name idNumberMasked phone } postingTitle stage seekerInterested } }`,
      { f: fair.id },
      a.hrToken,
    );
    expect(visitors.fairBoothVisitors).toHaveLength(1);
    expect(visitors.fairBoothVisitors[0]).toMatchObject({ seeker: { id: s.seekerId, phone: null }, stage: 'APPLIED', seekerInterested: false });
    expect(visitors.fairBoothVisitors[0].seeker.idNumberMasked).not.toBe(s.idNumber);
    expect((await api.ok(`query($f: ID!) { fairBoothVisitors(fairId: $f) { applicationId } }`, { f: fair.id }, b.hrToken)).fairBoothVisitors).toEqual([]);

    const conv = await api.ok(
      `mutation($i: BoothSeekerInput!) { recordFairConversation(input: $i) { kind mutual } }`,
      { i: { fairPostingId: a.fairPosting.id, token: s.ticket.token, note: '普通话好' } },
      a.hrToken,
    );
    expect(conv.recordFairConversation).toEqual({ kind: 'CONVERSATION', mutual: false });
    const intent = await api.ok(
      `mutation($i: BoothSeekerInput!) { markFairIntent(input: $i) { kind mutual } }`,
      { i: { fairPostingId: a.fairPosting.id, token: s.ticket.token } },
      a.hrToken,
    );
    expect(intent.markFairIntent).toEqual({ kind: 'INTENT', mutual: false });
    const interest = await api.ok(`mutation($id: ID!) { markFairInterest(fairPostingId: $id) { kind mutual } }`, { id: a.fairPosting.id }, s.token);
    expect(interest.markFairInterest).toEqual({ kind: 'INTEREST', mutual: true });

    const MATCHES = `query($f: ID!) { fairMatches(fairId: $f) { fairPostingId companyName seeker { id } } }`;
    expect((await api.ok(MATCHES, { f: fair.id }, s.token)).fairMatches).toEqual([
      { fairPostingId: a.fairPosting.id, companyName: expect.any(String), seeker: null },
    ]);
    expect((await api.ok(MATCHES, { f: fair.id }, a.hrToken)).fairMatches).toEqual([
      { fairPostingId: a.fairPosting.id, companyName: expect.any(String), seeker: { id: s.seekerId } },
    ]);
    expect((await api.ok(MATCHES, { f: fair.id }, b.hrToken)).fairMatches).toEqual([]);
    const ONE = `query($p: ID!, $s: ID!) { fairMatch(fairPostingId: $p, seekerId: $s) { fairPostingId } }`;
    expect((await api.ok(ONE, { p: a.fairPosting.id, s: s.seekerId }, a.hrToken)).fairMatch.fairPostingId).toBe(a.fairPosting.id);
    const other = await api.gql(ONE, { p: a.fairPosting.id, s: s.seekerId }, b.hrToken);
    expect(other.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const seeker2 = await seekerWithProfile(api);
    const other2 = await api.gql(ONE, { p: a.fairPosting.id, s: s.seekerId }, seeker2.token);
    expect(other2.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    // B's HR cannot mark A's fair posting, and a ticket of another fair is refused.
    const bMarks = await api.gql(
      `mutation($i: BoothSeekerInput!) { markFairIntent(input: $i) { id } }`,
      { i: { fairPostingId: a.fairPosting.id, token: s.ticket.token } },
      b.hrToken,
    );
    expect(bMarks.errors?.[0].extensions?.code).toBe('NOT_FOUND');

    // A follow-up video interview through the interviews context.
    const iv = await api.ok(
      `mutation($i: ScheduleFairInterviewInput!) { scheduleFairInterview(input: $i) { kind } }`,
      { i: { fairPostingId: a.fairPosting.id, token: s.ticket.token, startsAt: at(api, 3 * 24 * 60), durationMinutes: 30 } },
      a.hrToken,
    );
    expect(iv.scheduleFairInterview.kind).toBe('INTERVIEW');
    const mine = await api.ok(`{ myInterviews { status postingTitle } }`, {}, s.token);
    expect(mine.myInterviews).toEqual([{ status: 'SCHEDULED', postingTitle: '呼入客服专员' }]);

    const report = await api.ok(
      `query($f: ID!) { fairReport(fairId: $f) { checkins intents interviews applications companies postings headcountOffered } }`,
      { f: fair.id },
      op,
    );
    expect(report.fairReport).toEqual({ checkins: 1, intents: 1, interviews: 1, applications: 1, companies: 2, postings: 2, headcountOffered: 4 });

    // The same report as xlsx, with the bureau's figures; staff only.
    const xlsx = await fetch(`${api.url}/fairs/${fair.id}/report.xlsx`, { headers: { authorization: `Bearer ${op}` } });
    expect(xlsx.status).toBe(200);
    const wb = new Workbook();
    await wb.xlsx.load((await xlsx.arrayBuffer()) as never);
    const rows = wb.getWorksheet('汇总')!.getSheetValues().slice(2) as unknown[][];
    const summary = Object.fromEntries(rows.map((r) => [r[1], r[2]]));
    expect(summary).toMatchObject({ 进场人数: 1, 达成意向人数: 1, 岗位数: 2, 招聘人数: 4 });
    expect((await fetch(`${api.url}/fairs/${fair.id}/report.xlsx`, { headers: { authorization: `Bearer ${a.hrToken}` } })).status).toBe(403);
  });
});
