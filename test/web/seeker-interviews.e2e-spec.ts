import { NotificationService } from '@app/core';
import { applyTo, idNumber, moveTo, openPosting, tenantWithHr, TestApi, uniquePhone } from '@app/testing';
import { join } from 'path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { hourMinute, monthDay } from '../../apps/web/src/shared/format';
import { at, CANCEL, SCHEDULE } from '../interviews/interviews.helpers';
import { browserContext, openWebHarness, PHONE, webBase } from './serve-web';

/**
 * 我的面试 in the seeker app, in Debian's headless chromium against the real
 * API and database: HR's invitation reaches 消息 with a link; the seeker
 * picks one of the proposed times, asks for other times with a note, sees a
 * cancellation made meanwhile with the API's message, and joins the video
 * room from 10 minutes before the start (before that the button is disabled
 * and says when it opens).
 */
jest.setTimeout(60_000);

const SHOTS = process.env.WEB_SHOTS_DIR ?? '/tmp';
const MIN = 60;

let api: TestApi;
let browser: Browser;
let web: Awaited<ReturnType<typeof webBase>>;
let base: string;
let hr: { tenantId: string; hrToken: string; hrUserId: string };
let ctx: BrowserContext;
let s: Page;
let seekerToken: string;
const apps: string[] = [];
const errors: string[] = [];

/** Beijing "5月2日（周六）" and "09:30" of an instant, by the page's own formatter (shared/format.ts). */
function beijing(iso: string): { day: string; hm: string } {
  return { day: monthDay(iso), hm: hourMinute(iso) };
}
/** "今天 " / "明天 " or the date, as the page writes it: relative to the API's clock, which the browser's follows (serve-web.ts). */
const dayOrRel = (iso: string): string => monthDay(iso, api.clock.now().getTime(), true);
const plus = (iso: string, minutes: number) => new Date(new Date(iso).getTime() + minutes * 60_000).toISOString();

/** HR invites the seeker (application k) with these slots: [start minutes from now, length]. */
async function invite(k: number, slots: Array<[number, number]>, confirmed = false) {
  const d = await api.ok(
    SCHEDULE,
    { i: { applicationId: apps[k], confirmed, slots: slots.map(([m, len]) => ({ startsAt: at(api, m), durationMinutes: len })) } },
    hr.hrToken,
  );
  return d.scheduleInterview as { id: string; slots: Array<{ id: string; startsAt: string; endsAt: string }>; startsAt: string | null };
}
const flat = (text: string) => text.replace(/\s+/g, ' ');
const cardOf = (id: string) => s.locator(`.iv[data-id="${id}"]`);
const row = async (id: string) => (await api.db.query(`SELECT status, starts_at, seeker_note FROM interviews WHERE id = $1`, [id]))[0];
const shot = (name: string) => s.screenshot({ path: join(SHOTS, `web-interviews-${name}.png`), fullPage: true });

beforeAll(async () => {
  ({ api, browser, web, base } = await openWebHarness());
  hr = await tenantWithHr(api);
  const postings = await Promise.all([1, 2, 3, 4, 5].map(() => openPosting(api, hr.hrToken, 5)));

  // The seeker signs in on the phone (straight to 我的面试 from an SMS), then the test fills in the profile with that session.
  ctx = await browserContext(browser, PHONE, errors);
  s = await ctx.newPage();
  const phone = uniquePhone();
  await s.goto(`${base}/#/interviews`);
  await s.locator('input[name=phone]').fill(phone);
  await s.getByRole('button', { name: '获取验证码' }).click();
  await s.getByRole('button', { name: /秒后重发/ }).waitFor();
  await s.locator('input[name=code]').fill(api.sms.lastCode(phone));
  await s.getByRole('button', { name: '登录', exact: true }).click();
  await s.waitForURL(/#\/profile\?first=1/);
  seekerToken = await s.evaluate(() => JSON.parse(localStorage.getItem('tc.seeker') || '{}').accessToken);
  await api.ok(
    `mutation($i: ProfileInput!) { saveMyProfile(input: $i) { id } }`,
    {
      i: {
        idNumber: idNumber(),
        name: '乌云其其格',
        regionCode: '150902',
        education: 'JUNIOR_COLLEGE',
        mandarinLevel: 'L2A',
        typingSpeed: 60,
        shifts: ['TWO_SHIFT'],
      },
    },
    seekerToken,
  );
  await api.ok(`mutation { grantConsent { id } }`, {}, seekerToken);
  for (const p of postings) apps.push(await applyTo(api, seekerToken, p));
  await Promise.all(apps.map((a) => moveTo(api, hr.hrToken, a, 'SCREENING')));
});

afterAll(async () => {
  await ctx?.close();
  await browser?.close();
  await web?.close();
  await api?.close();
});

afterEach(() => {
  expect(errors.splice(0)).toEqual([]);
});

describe('我的面试 on a 360 px phone', () => {
  it('from the invitation in 消息, picks the second proposed time: the page confirms it and the interview is SCHEDULED at that start', async () => {
    const iv = await invite(0, [
      [48 * 60, 30],
      [50 * 60, 45],
    ]);
    // Deliver the invitation as the worker would (in-app message; kind INTERVIEW_PROPOSED).
    const [ev] = await api.db.query(`SELECT id, topic, payload FROM outbox_events WHERE aggregate_id = $1 AND topic = 'notify.interview_proposed'`, [iv.id]);
    await api.app.get(NotificationService).deliver({ eventId: String(ev.id), topic: ev.topic, aggregateId: iv.id, payload: ev.payload });

    await s.goto(`${base}/#/messages`);
    await s
      .locator('.msg', { hasText: '视频面试邀请' })
      .getByRole('link', { name: /去我的面试/ })
      .click();
    const card = cardOf(iv.id);
    await card.waitFor();
    expect(await s.evaluate(() => location.hash)).toBe('#/interviews');
    const text = flat(await card.innerText());
    expect(text).toContain('待确认时间');
    expect(text).toContain('呼入客服专员');
    expect(text).toContain('测试呼叫中心');
    const [a, b] = iv.slots.map((x) => ({ ...beijing(x.startsAt), end: beijing(x.endsAt).hm }));
    expect(text).toContain(`${a.day} ${a.hm}–${a.end}`);
    expect(text).toContain(`${b.day} ${b.hm}–${b.end}`);
    expect(text).toContain('（45分钟）');
    await shot('01-proposed');

    await card.locator('.iv-slot').nth(1).click();
    await card.getByRole('button', { name: '确认这个时间' }).click();
    await card.getByText('面试时间已确认').waitFor();
    const after = flat(await card.innerText());
    expect(after).toContain('已安排');
    expect(after).toContain(`${b.day} ${b.hm}–${b.end}`);
    expect(after).not.toContain(`${a.hm}–${a.end}`);
    // Two days ahead: the room is not open yet.
    expect(await card.getByRole('button', { name: '进入面试' }).isDisabled()).toBe(true);
    await shot('02-chosen');

    const r = await row(iv.id);
    expect(r.status).toBe('SCHEDULED');
    expect(new Date(r.starts_at).toISOString()).toBe(iv.slots[1].startsAt);
  });

  it('asks for other times with a note (HR is told), and a cancellation made meanwhile shows the API’s message and the reason', async () => {
    const iv = await invite(1, [
      [72 * 60, 30],
      [74 * 60, 30],
    ]);
    const gone = await invite(2, [[96 * 60, 30]]);
    await s.goto(`${base}/#/me`);
    await s.getByRole('link', { name: '我的面试' }).click();
    const card = cardOf(iv.id);
    await card.waitFor();

    // Sending without a note is stopped on the page.
    await card.getByText('都不方便，请求其他时间').click();
    await card.getByRole('button', { name: '发送给企业HR' }).click();
    await card.locator('.form-err', { hasText: '请写下您方便的时间' }).waitFor();
    // The note form stays open under the message (the old page redrew the card and it had to be opened again).
    expect(await card.locator('textarea[name=note]').isVisible()).toBe(true);
    const note = '工作日晚上7点以后都可以，周六全天有空';
    await card.locator('textarea[name=note]').fill(note);
    await card.getByRole('button', { name: '发送给企业HR' }).click();
    await card.getByText('已告知企业HR您需要其他时间').waitFor();
    expect(await card.innerText()).toContain(note);
    expect(await card.locator('.iv-slot').count()).toBe(0);
    await shot('03-other-times');

    const r = await row(iv.id);
    expect(r).toEqual({ status: 'PROPOSED', starts_at: null, seeker_note: note });
    const held = await api.db.query(`SELECT 1 FROM interview_slots WHERE interview_id = $1 AND released_at IS NULL`, [iv.id]);
    expect(held).toHaveLength(0);
    const mine = await api.ok(`{ myInterviews { id slots { id } } }`, {}, seekerToken);
    expect(mine.myInterviews.find((x: { id: string }) => x.id === iv.id).slots).toEqual([]);

    // HR cancels while the page is open; choosing then shows the API's message and the card turns into 已取消 with the reason.
    await api.ok(CANCEL, { i: { interviewId: gone.id, reason: '岗位已招满' } }, hr.hrToken);
    const g = cardOf(gone.id);
    await g.locator('.iv-slot').first().click();
    await g.getByRole('button', { name: '确认这个时间' }).click();
    await g.locator('.form-err', { hasText: '面试「已取消」，不能选择时间' }).waitFor();
    const gt = await g.innerText();
    expect(gt).toContain('已取消');
    expect(gt).toContain('取消原因：岗位已招满');
    expect(await g.locator('.iv-slot').count()).toBe(0);
    await shot('04-cancelled');
    expect((await row(gone.id)).status).toBe('CANCELLED');
  });

  it('进入面试: enabled from 10 minutes before the start and navigates to the join page with a token; 2 hours ahead it is disabled and says when it opens', async () => {
    const soon = await invite(3, [[5, 30]], true);
    const later = await invite(4, [[2 * MIN, 30]], true);
    await s.goto('about:blank');
    await s.goto(`${base}/#/interviews`);

    const lc = cardOf(later.id);
    await lc.waitFor();
    const join = lc.getByRole('button', { name: '进入面试' });
    expect(await join.isDisabled()).toBe(true);
    const opensAt = plus(later.startsAt!, -10);
    const opens = beijing(opensAt);
    expect(await lc.locator('.iv-opens').innerText()).toBe(`开始前10分钟可进入 · ${dayOrRel(opensAt)}${opens.hm} 开放`);
    // The weak-connection tips: on the next interview's card only, open once its room is.
    expect(await lc.locator('.iv-tips').count()).toBe(0);

    const sc = cardOf(soon.id);
    // Upcoming first: the one starting in 5 minutes is above the one in 2 hours.
    expect(await s.locator('#iv-up .iv').first().getAttribute('data-id')).toBe(soon.id);
    const go = sc.getByRole('button', { name: '进入面试' });
    expect(await go.isEnabled()).toBe(true);
    expect(await sc.locator('.iv-tips').innerText()).toMatch(/Wi-Fi[\s\S]*摄像头和麦克风/);
    await shot('05-join');

    await go.click();
    await s.waitForURL(/\/interview\/seeker\.html\?/, { waitUntil: 'commit' });
    const url = new URL(s.url());
    expect(url.pathname).toBe('/interview/seeker.html');
    expect(url.searchParams.get('room')).toBe(soon.id);
    expect(url.searchParams.get('token')).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    // The first token marks the interview LIVE.
    expect((await row(soon.id)).status).toBe('LIVE');
    expect((await row(later.id)).status).toBe('SCHEDULED');
  });
});
