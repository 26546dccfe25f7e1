import { $, html, mount, options } from '../../shared/html';
import { t } from '../../shared/i18n';
import { timeSpan, today } from '../../shared/format';
import { ApiError } from '../../shared/gql';
import { errMsg, load, Page } from '../../shared/ui';
import { api, needRole, OPERATOR, page, router } from './core';
import { ClassBase as Klass, Session, SESSION_FIELDS } from './training';

/**
 * 课堂签到二维码: the operator picks a class and a session, then the room's
 * screen shows the rotating QR (sessionCheckInCode), fetching the next code
 * when the API says (refreshAfterSeconds), with the number checked in.
 */
interface Code {
  code: string;
  qrDataUrl: string;
  expiresAt: string;
  refreshAfterSeconds: number;
}
const CLASS_FIELDS = `id name typeZh startsOn endsOn enrolledCount institution{name} courses{id name} sessions{${SESSION_FIELDS}}`;

const ended = (s: Session, now: number): boolean => Date.parse(s.endsAt) <= now;
const isToday = (s: Session): boolean => s.startsAtLocal.slice(0, 10) === today();

/** Today's first session still to come or running; else today's first; else the next one; else the last. */
export function defaultSession(sessions: Session[], now = Date.now()): Session | undefined {
  const todays = sessions.filter(isToday);
  return todays.find((s) => !ended(s, now)) || todays[0] || sessions.find((s) => !ended(s, now)) || sessions[sessions.length - 1];
}

function defaultClass(classes: Klass[], now = Date.now()): Klass | undefined {
  const d = today();
  return (
    classes.find((c) => c.sessions.some((s) => isToday(s) && !ended(s, now))) ||
    classes.find((c) => c.sessions.some(isToday)) ||
    classes.find((c) => c.startsOn <= d && d <= c.endsOn) ||
    classes[0]
  );
}

function sessionTitle(c: Klass, s: Session): string {
  if (s.title) return s.title;
  const course = s.courseId ? c.courses.find((x) => x.id === s.courseId) : undefined;
  if (course) return course.name;
  const n = c.sessions.findIndex((x) => x.id === s.id) + 1;
  return t(`第 ${n} 次课`, `Session ${n}`);
}

/** "2026-03-02 09:00–11:30" in Beijing time (the API's *Local fields). */
const span = (s: Session): string => timeSpan(s.startsAtLocal, s.endsAtLocal);

// ---------- pick a class and a session ----------

export function checkinScreen(_p: unknown, q: URLSearchParams): void {
  if (needRole(OPERATOR)) return;
  const p = page(t('课堂签到二维码', 'Check-in QR'), '/checkin');
  void load(
    p,
    () => api.request<{ trainingClasses: { total: number; items: Klass[] } }>(`{trainingClasses(first:50){total items{${CLASS_FIELDS}}}}`),
    (d) => {
      const classes = d.trainingClasses.items;
      if (!classes.length)
        return mount(p.el, html`<h1>${t('课堂签到二维码', 'Check-in QR')}</h1><p class="empty">${t('还没有培训班', 'No training classes yet')}</p>`);
      const chosen = classes.find((c) => c.id === q.get('c')) || defaultClass(classes)!;
      mount(
        p.el,
        html`<form class="form card picker" id="pick" novalidate><h1>${t('课堂签到二维码', 'Check-in QR for the training room')}</h1>
<p class="hint">${t('选择培训班和课次，在教室屏幕上全屏显示签到二维码；二维码每30秒自动更换，学员用手机扫码签到。开课前30分钟开放签到。', 'Pick a class and a session and show the check-in QR full screen in the room; the code changes every 30 s and trainees scan it with their phones. Check-in opens 30 minutes before the session.')}</p>
<label class="field"><span>${t('培训班', 'Class')}</span><select name="classId">${options(
          classes.map((c) => [c.id, `${c.name}（${c.typeZh}，${c.startsOn} ~ ${c.endsOn}）`] as [string, string]),
          chosen.id,
        )}</select></label>
<label class="field"><span>${t('课次（北京时间）', 'Session (Beijing time)')}</span><select name="sessionId"></select></label>
<p class="form-err" hidden></p>
<button type="submit" class="btn primary">${t('显示签到二维码', 'Show the check-in QR')}</button></form>`,
      );
      const form = $<HTMLFormElement>('#pick', p.el)!;
      const classSel = $<HTMLSelectElement>('select[name=classId]', form)!;
      const sessionSel = $<HTMLSelectElement>('select[name=sessionId]', form)!;
      const fill = () => {
        const c = classes.find((x) => x.id === classSel.value)!;
        const pick = defaultSession(c.sessions);
        mount(
          sessionSel,
          c.sessions.length
            ? options(
                c.sessions.map(
                  (s) =>
                    [s.id, `${isToday(s) ? t('【今天】', '[today] ') : ''}${span(s)} · ${sessionTitle(c, s)}${s.room ? ' · ' + s.room : ''}`] as [
                      string,
                      string,
                    ],
                ),
                pick ? pick.id : null,
              )
            : options([], null, t('该班尚未排课', 'No sessions scheduled')),
        );
      };
      fill();
      classSel.addEventListener('change', fill);
      form.addEventListener('submit', (ev) => {
        ev.preventDefault();
        const err = $('.form-err', form)!;
        if (!sessionSel.value) {
          err.textContent = t('请选择课次', 'Choose a session');
          err.hidden = false;
          return;
        }
        router.go(`/checkin/${classSel.value}/${sessionSel.value}`);
      });
    },
  );
}

// ---------- the room's screen ----------

const ATTENDANCE_EVERY_MS = 10_000;
const RETRY_MS = 5_000;
const NOT_OPEN_RETRY_MS = 15_000;
/** A code stays valid one full rotation step (30 s) after its refresh time; stop showing it a little before that if no new one came. */
const GRACE_MS = 25_000;

export function displayScreen(params: { classId: string; sessionId: string }): void {
  if (needRole(OPERATOR)) return;
  const p = page(t('签到二维码', 'Check-in QR'), '/checkin');
  void load(
    p,
    () => api.request<{ trainingClass: Klass }>(`query($id:ID!){trainingClass(id:$id){${CLASS_FIELDS}}}`, { id: params.classId }),
    (d) => {
      const c = d.trainingClass;
      const s = c.sessions.find((x) => x.id === params.sessionId);
      if (!s) {
        mount(
          p.el,
          html`<div class="error-box" role="alert"><p>${t('培训课次不存在', 'Training session not found')}</p><a class="btn" href="#/checkin?c=${c.id}">${t('返回', 'Back')}</a></div>`,
        );
        return;
      }
      room(p, c, s);
    },
  );
}

function room(p: Page, c: Klass, s: Session): void {
  document.title = `${sessionTitle(c, s)} · ${t('签到二维码', 'Check-in QR')}`;
  mount(
    p.el,
    html`<div class="qr-screen" id="qrs" data-session="${s.id}">
<div class="tools"><button type="button" class="btn small" id="fs">${t('全屏', 'Full screen')}</button><a class="btn small" href="#/checkin?c=${c.id}">${t('返回', 'Back')}</a></div>
<p class="cls">${c.name}${c.institution ? ` · ${c.institution.name}` : ''}</p>
<h1>${sessionTitle(c, s)}</h1>
<p class="when">${span(s)}${t('（北京时间）', ' (Beijing time)')}${s.room ? ` · ${t('教室', 'Room')} ${s.room}` : ''}</p>
<img class="qr" id="qr" alt="${t('签到二维码', 'Check-in QR code')}" hidden>
<p class="wait" id="wait">${t('正在获取签到二维码…', 'Fetching the check-in QR…')}</p>
<p class="scan" id="scan" hidden>${t('请用手机扫码签到', 'Scan with your phone to check in')}</p>
<p class="meta"><span id="att">${t('已签到', 'Checked in')} <b id="count">–</b> / ${c.enrolledCount} ${t('人', '')}</span><span id="cd" hidden></span></p>
<p class="sub" id="net" hidden></p></div>`,
  );
  const img = $<HTMLImageElement>('#qr', p.el)!;
  const wait = $('#wait', p.el)!;
  const scan = $('#scan', p.el)!;
  const cd = $('#cd', p.el)!;
  const net = $('#net', p.el)!;
  $('#fs', p.el)!.addEventListener('click', () => {
    const el = document.documentElement;
    if (document.fullscreenElement) void document.exitFullscreen();
    else if (el.requestFullscreen) void el.requestFullscreen().catch(() => undefined);
  });
  keepAwake(p);

  let refreshAt = 0; // local time to fetch the next code
  let showUntil = 0; // local time after which the shown code may no longer be valid
  let nextCount = 0;
  let fetchingCode = false;
  let fetchingCount = false;
  let closed = false;

  const showWait = (msg: string) => {
    img.hidden = true;
    scan.hidden = true;
    cd.hidden = true;
    wait.textContent = msg;
    wait.hidden = false;
  };
  const fetchCode = async () => {
    fetchingCode = true;
    try {
      const r = await api.request<{ sessionCheckInCode: Code }>(
        `query($s:ID!){sessionCheckInCode(sessionId:$s){code qrDataUrl expiresAt refreshAfterSeconds}}`,
        { s: s.id },
      );
      if (!p.live()) return;
      const x = r.sessionCheckInCode;
      const now = Date.now();
      refreshAt = now + Math.max(1, x.refreshAfterSeconds) * 1000;
      showUntil = refreshAt + GRACE_MS;
      img.src = x.qrDataUrl;
      img.setAttribute('data-expires', x.expiresAt);
      img.hidden = false;
      scan.hidden = false;
      wait.hidden = true;
      net.hidden = true;
      nextCount = 0; // a new code: refresh the count with it
    } catch (e) {
      if (!p.live()) return;
      const code = e instanceof ApiError ? e.code : '';
      if (code === 'CHECKIN_NOT_OPEN') {
        showWait(`${errMsg(e)} ${t('— 开放后自动显示二维码', '— the QR appears by itself when it opens')}`);
        refreshAt = Date.now() + NOT_OPEN_RETRY_MS;
      } else if (code === 'CHECKIN_CLOSED' || code === 'NOT_FOUND' || code === 'FORBIDDEN') {
        showWait(errMsg(e));
        closed = true;
      } else {
        // Network trouble: keep the current code while it is still valid, try again soon.
        net.textContent = `${errMsg(e)} ${t('正在重试…', 'Retrying…')}`;
        net.hidden = false;
        refreshAt = Date.now() + RETRY_MS;
      }
    } finally {
      fetchingCode = false;
      tick();
    }
  };
  const fetchCount = async () => {
    fetchingCount = true;
    nextCount = Date.now() + ATTENDANCE_EVERY_MS;
    try {
      const r = await api.request<{ sessionAttendance: Array<{ id: string }> }>(`query($s:ID!){sessionAttendance(sessionId:$s){id}}`, { s: s.id });
      if (p.live()) $('#count', p.el)!.textContent = String(r.sessionAttendance.length);
    } catch {
      /* the count is a nicety: the next round tries again */
    } finally {
      fetchingCount = false;
    }
  };
  const tick = () => {
    if (!p.live()) return void clearInterval(timer);
    const now = Date.now();
    if (!closed && !fetchingCode && now >= refreshAt) void fetchCode();
    if (!fetchingCount && now >= nextCount) void fetchCount();
    if (!img.hidden && now >= showUntil) showWait(t('正在获取新的签到二维码…', 'Fetching a new check-in QR…'));
    if (!img.hidden) {
      const left = Math.max(0, Math.ceil((refreshAt - now) / 1000));
      mount(cd, html`${t('二维码', 'New code in')} <b id="secs">${left}</b> ${t('秒后更新', 's')}`);
      cd.hidden = false;
    }
  };
  const timer = setInterval(tick, 1000);
  tick();
}

/** Asks the browser not to dim the room's screen while the QR is shown (where supported). */
function keepAwake(p: Page): void {
  const nav = navigator as Navigator & { wakeLock?: { request(type: 'screen'): Promise<{ release(): Promise<void> }> } };
  if (!nav.wakeLock) return;
  nav.wakeLock
    .request('screen')
    .then((lock) => {
      const stop = setInterval(() => {
        if (p.live()) return;
        clearInterval(stop);
        void lock.release().catch(() => undefined);
      }, 2000);
    })
    .catch(() => undefined);
}
