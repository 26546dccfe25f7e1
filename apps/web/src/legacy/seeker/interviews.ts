import { $, html, mount, Safe } from '../../shared/html';
import { t } from '../../shared/i18n';
import { hourMinute, label, monthDay } from '../../shared/format';
import { ApiError } from '../../shared/gql';
import { errMsg, toast } from '../../shared/ui';
import { api, empty, load, needSignIn, page } from './core';

/** The API's status names (libs/interviews STATUS_ZH); the schema gives only the enum. */
const STATUS: Record<string, [string, string]> = {
  PROPOSED: ['待确认时间', 'Choose a time'],
  SCHEDULED: ['已安排', 'Scheduled'],
  LIVE: ['进行中', 'In progress'],
  COMPLETED: ['已完成', 'Completed'],
  NO_SHOW: ['未到场', 'Missed'],
  CANCELLED: ['已取消', 'Cancelled'],
};
/** The join rule of interview-join.service.ts: from 10 min before the start until 30 min after the end. */
/** Errors meaning the interview changed meanwhile (HR cancelled or rescheduled it, the slot went): reload it. */
const STALE = ['SLOT_NOT_AVAILABLE', 'INTERVIEW_INVALID_STATUS', 'APPLICATION_CLOSED', 'NOT_FOUND'];

interface Slot {
  id: string;
  startsAt: string;
  endsAt: string;
  durationMinutes: number;
}
interface Iv {
  id: string;
  status: string;
  startsAt: string | null;
  endsAt: string | null;
  durationMinutes: number | null;
  /** When the room opens and closes, as the API decides it (10 min before the start, 30 min after the end). */
  joinOpensAt: string | null;
  joinClosesAt: string | null;
  seekerNote: string | null;
  cancelReason: string | null;
  rescheduleCount: number;
  companyName: string;
  postingTitle: string;
  updatedAt: string;
  slots: Slot[];
}

const F = `id status startsAt endsAt durationMinutes joinOpensAt joinClosesAt seekerNote cancelReason rescheduleCount companyName postingTitle updatedAt slots{id startsAt endsAt durationMinutes}`;
const MINE = `{myInterviews{${F}}}`;
const CHOOSE = `mutation($i:ChooseSlotInput!){chooseInterviewSlot(input:$i){${F}}}`;
const OTHER = `mutation($i:RequestOtherTimesInput!){requestOtherInterviewTimes(input:$i){${F}}}`;
const JOIN = `mutation($id:ID!){interviewJoinToken(interviewId:$id){joinUrl}}`;

/** Server time minus this phone's clock, when the phone is clearly off (cheap phones drift; the API decides by its clock). */
let skew = 0;
const now = (): number => Date.now() + skew;
const ms = (v: string | null): number => (v ? new Date(v).getTime() : NaN);

async function measureSkew(): Promise<boolean> {
  const sent = Date.now();
  const r = await fetch(location.pathname, { method: 'HEAD', cache: 'no-store' });
  const d = Date.parse(r.headers.get('date') || '');
  if (isNaN(d)) return false;
  const off = d + 500 - (sent + Date.now()) / 2; // Date has whole seconds
  const was = skew;
  skew = Math.abs(off) > 60_000 ? off : 0;
  return skew !== was;
}

const hm = (v: string | number): string => hourMinute(v);

/** "今天 5月2日（周六）" in Beijing time; `short`: just "今天" when it is today or tomorrow (shared/format.ts). */
const day = (v: string | number, short = false): string => monthDay(v, now(), short);

/** "5月2日（周六） 09:30–10:00（30分钟）" */
function span(start: string, end: string, minutes: number | null): Safe {
  return html`<span class="iv-day">${day(start)}</span> <b class="iv-hm">${hm(start)}–${hm(end)}</b> <span class="iv-len">${t(`（${minutes}分钟）`, `(${minutes} min)`)}</span>`;
}

/** The next interview to join: the weak-connection tips go on its card only. */
let nextId = '';

/** Still ahead of the seeker (or under way), as opposed to history. */
function upcoming(iv: Iv): boolean {
  if (iv.status === 'PROPOSED') return true;
  if (iv.status === 'SCHEDULED' || iv.status === 'LIVE') return now() < ms(iv.joinClosesAt);
  return false;
}
const sortKey = (iv: Iv): number => ms(iv.startsAt) || (iv.slots.length ? ms(iv.slots[0].startsAt) : Infinity);

// ---------- pieces of a card ----------

/** Where the room is for this phone's (corrected) clock: not yet open, open, closed. */
function phase(iv: Iv): 'wait' | 'open' | 'closed' {
  const n = now();
  return n < ms(iv.joinOpensAt) ? 'wait' : n < ms(iv.joinClosesAt) ? 'open' : 'closed';
}

function joinBlock(iv: Iv): Safe {
  const ph = phase(iv);
  const opens = ms(iv.joinOpensAt);
  return html`<div class="iv-joinbox" data-phase="${ph}"><button type="button" class="btn primary block iv-join" data-act="join"${ph === 'open' ? '' : html` disabled`}>${t('进入面试', 'Join the interview')}</button>
${
  ph === 'wait'
    ? html`<p class="iv-opens">${t('开始前10分钟可进入', 'Opens 10 minutes before the start')} · ${t(`${day(opens, true)}${hm(opens)} 开放`, `from ${day(opens, true)}${hm(opens)}`)}</p>`
    : ph === 'closed'
      ? html`<p class="sub">${t('面试间已关闭', 'The room has closed')}</p>`
      : html`<p class="sub">${t('面试间已开放。掉线后再点「进入面试」即可回来。', 'The room is open. If you drop out, press Join again.')}</p>`
}</div>`;
}

const tips = (
  open: boolean,
): Safe => html`<details class="iv-tips"${open ? html` open` : ''}><summary>${t('面试小贴士（信号不好时必看）', 'Tips (read if your signal is weak)')}</summary><ul class="plain">
<li>${t('找安静、光线好的地方，手机充好电。', 'Find a quiet, well-lit place; charge your phone.')}</li>
<li>${t('尽量连 Wi-Fi；用流量时找信号好的位置，关掉其他视频和下载。', 'Use Wi-Fi if you can; on mobile data find a good signal and stop other videos and downloads.')}</li>
<li>${t('浏览器询问时，请「允许」使用摄像头和麦克风。', 'When asked, allow the camera and microphone.')}</li>
<li>${t('提前10分钟进入试一试声音和画面。', 'Join 10 minutes early to test sound and picture.')}</li>
</ul></details>`;

/** "都不方便" / "时间有变": a short note for HR. */
function otherTimes(iv: Iv, summary: string): Safe {
  return html`<details class="iv-other"><summary>${summary}</summary>
<form class="form" data-act="other" novalidate>
<label class="field"><span>${t('请写下您方便的时间', 'When would suit you?')}</span>
<textarea name="note" rows="3" maxlength="500" placeholder="${t('例如：工作日晚上7点后，或周六全天', 'e.g. weekday evenings after 7 pm, or any time on Saturday')}"></textarea></label>
<button type="submit" class="btn block">${iv.status === 'PROPOSED' ? t('发送给企业HR', 'Send to HR') : t('申请改时间', 'Ask to change the time')}</button>
</form></details>`;
}

const RESULT = html`<p class="sub">${t('面试结果见', 'Results are in')} <a href="#/applications">${t('我的投递', 'My applications')}</a></p>`;

function body(iv: Iv, flash: string): Safe {
  switch (iv.status) {
    case 'PROPOSED': {
      if (!iv.slots.length)
        return html`<p class="status off" role="status">${t('已告知企业HR您需要其他时间，重新安排后会短信通知您。', 'HR has been told you need other times; you will get an SMS with new ones.')}</p>
${iv.seekerNote ? html`<p class="sub">${t('您的说明：', 'Your note: ')}${iv.seekerNote}</p>` : ''}`;
      const n = now();
      const live = iv.slots.filter((s) => ms(s.startsAt) > n);
      return html`${iv.rescheduleCount ? html`<p class="status off">${t('企业调整了时间，请重新选择。', 'The times changed: please choose again.')}</p>` : ''}
<form data-act="choose" novalidate><p><b>${t('请选择方便的面试时间', 'Choose a time that suits you')}</b></p>
<div class="iv-slots" role="radiogroup">${iv.slots.map((s) => {
        const past = ms(s.startsAt) <= n;
        return html`<label class="iv-slot${past ? ' past' : ''}"><input type="radio" name="slot" value="${s.id}"${past ? html` disabled` : ''}><span>${span(s.startsAt, s.endsAt, s.durationMinutes)}${past ? html` <span class="iv-len">${t('已过期', 'passed')}</span>` : ''}</span></label>`;
      })}</div>
<button type="submit" class="btn primary block"${live.length ? '' : html` disabled`}>${t('确认这个时间', 'Confirm this time')}</button></form>
${otherTimes(iv, t('都不方便，请求其他时间', 'None suit me: ask for other times'))}`;
    }
    case 'SCHEDULED':
    case 'LIVE':
      return html`${flash === 'chosen' ? html`<p class="status ok" role="status">${t('面试时间已确认，已通知企业HR。', 'Time confirmed; HR has been told.')}</p>` : ''}
<p class="iv-time">${span(iv.startsAt!, iv.endsAt!, iv.durationMinutes)}</p>
${
  upcoming(iv)
    ? html`${joinBlock(iv)}${iv.id === nextId ? tips(phase(iv) === 'open') : ''}${iv.status === 'SCHEDULED' && phase(iv) === 'wait' ? otherTimes(iv, t('时间有变？申请改时间', 'Can’t make it? Ask for another time')) : ''}`
    : RESULT
}`;
    case 'CANCELLED':
      return html`${iv.startsAt ? html`<p class="sub"><s>${span(iv.startsAt, iv.endsAt!, iv.durationMinutes)}</s></p>` : ''}
<p class="iv-reason">${t('取消原因：', 'Reason: ')}${iv.cancelReason || t('未说明', 'not given')}</p>`;
    default:
      return html`${iv.startsAt ? html`<p class="sub">${span(iv.startsAt, iv.endsAt!, iv.durationMinutes)}</p>` : ''}${RESULT}`;
  }
}

function card(iv: Iv, flash: string, err: string): Safe {
  return html`<b class="title">${iv.postingTitle}</b> <span class="stage v-${iv.status}">${label(STATUS, iv.status)}</span>
<span class="sub">${iv.companyName} · ${t('视频面试', 'Video interview')}</span>
${err ? html`<p class="form-err" role="alert">${err}</p>` : ''}
${body(iv, flash)}`;
}

// ---------- the screen ----------

export function interviewsScreen(): void {
  if (needSignIn()) return;
  const p = page(t('我的面试', 'My interviews'), { back: '/me', tab: 'me' });
  let list: Iv[] = [];
  const flash: Record<string, string> = {};
  const errs: Record<string, string> = {};

  const fetchAll = () => api.request<{ myInterviews: Iv[] }>(MINE).then((d) => (list = d.myInterviews));

  const draw = (): void => {
    const up = list.filter(upcoming).sort((a, b) => sortKey(a) - sortKey(b));
    const next = up.filter((x) => x.status !== 'PROPOSED')[0];
    nextId = next ? next.id : '';
    const past = list.filter((x) => !upcoming(x)).sort((a, b) => (ms(b.startsAt) || ms(b.updatedAt)) - (ms(a.startsAt) || ms(a.updatedAt)));
    const li = (iv: Iv) => html`<li class="card iv" data-id="${iv.id}">${card(iv, flash[iv.id] || '', errs[iv.id] || '')}</li>`;
    mount(
      p.el,
      html`<div id="ivs">${
        list.length
          ? html`<p class="hint">${t('用手机视频面试，不用跑去基地。', 'Interviews are by video on your phone: no need to travel.')}</p>
${up.length ? html`<h2>${t('待参加', 'Upcoming')}</h2><ul class="cards" id="iv-up">${up.map(li)}</ul>` : ''}
${past.length ? html`<h2>${t('已结束', 'Past')}</h2><ul class="cards past" id="iv-past">${past.map(li)}</ul>` : ''}`
          : html`${empty(t('暂无面试。收到面试邀请后，在这里选时间、进入面试。', 'No interviews yet. When invited, choose the time and join here.'))}<a class="btn primary block" href="#/">${t('去看看岗位', 'Browse jobs')}</a>`
      }</div>`,
    );
    const root = $('#ivs', p.el)!;
    root.addEventListener('submit', onSubmitAny);
    root.addEventListener('click', onJoin);
  };

  const redrawCard = (id: string, focus = false): void => {
    const el = $(`.iv[data-id="${id}"]`, p.el);
    const iv = list.find((x) => x.id === id);
    if (!el || !iv) return draw();
    mount(el, card(iv, flash[id] || '', errs[id] || ''));
    if (focus) el.scrollIntoView({ block: 'nearest' });
  };

  /** Shows the API's message on the card; reloads first when the interview changed meanwhile. */
  const failed = async (id: string, e: unknown): Promise<void> => {
    const code = e instanceof ApiError ? e.code : '';
    if (code === 'INVALID_TOKEN' || code === 'UNAUTHENTICATED') return; // on the way to sign-in
    errs[id] = errMsg(e);
    if (STALE.indexOf(code) >= 0) {
      delete flash[id];
      await fetchAll().catch(() => undefined);
      if (!p.live()) return;
      draw();
      if (!$(`.iv[data-id="${id}"]`, p.el)) toast(errs[id]);
    } else redrawCard(id, true);
  };

  const replace = (iv: Iv): void => {
    list = list.map((x) => (x.id === iv.id ? iv : x));
  };

  async function onSubmitAny(ev: Event): Promise<void> {
    const form = ev.target as HTMLFormElement;
    ev.preventDefault();
    const el = form.closest('.iv');
    const id = el && el.getAttribute('data-id');
    const btn = $<HTMLButtonElement>('button[type=submit]', form);
    if (!id || !btn || btn.disabled) return;
    const act = form.getAttribute('data-act');
    const val = (n: string): string => {
      const x = form.elements.namedItem(n) as HTMLInputElement | RadioNodeList | null;
      return x ? String(x.value).trim() : '';
    };
    const iv = list.find((x) => x.id === id);
    if (
      act === 'other' &&
      iv &&
      iv.status === 'SCHEDULED' &&
      !confirm(t('已确定的时间将取消，等企业HR重新安排。确定吗？', 'Your confirmed time will be released. Continue?'))
    )
      return;
    const input = act === 'choose' ? { interviewId: id, slotId: val('slot') } : { interviewId: id, note: val('note') };
    if (act === 'choose' ? !input.slotId : !input.note) {
      errs[id] = act === 'choose' ? t('请先选择一个时间', 'Choose a time first') : t('请写下您方便的时间', 'Say when would suit you');
      return redrawCard(id);
    }
    btn.disabled = true;
    try {
      const d = await api.request(act === 'choose' ? CHOOSE : OTHER, { i: input });
      if (!p.live()) return;
      delete errs[id];
      if (act === 'choose') flash[id] = 'chosen';
      replace(act === 'choose' ? d.chooseInterviewSlot : d.requestOtherInterviewTimes);
      draw();
      const c = $(`.iv[data-id="${id}"]`, p.el);
      if (c) c.scrollIntoView({ block: 'nearest' });
    } catch (e) {
      btn.disabled = false;
      if (p.live()) await failed(id, e);
    }
  }

  async function onJoin(ev: Event): Promise<void> {
    const btn = (ev.target as Element).closest<HTMLButtonElement>('[data-act=join]');
    const el = btn && btn.closest('.iv');
    const id = el && el.getAttribute('data-id');
    if (!btn || !id || btn.disabled) return;
    btn.disabled = true;
    btn.setAttribute('data-busy', '1');
    btn.textContent = t('正在进入…', 'Joining…');
    try {
      const d = await api.request<{ interviewJoinToken: { joinUrl: string } }>(JOIN, { id });
      // Same tab: phones handle one page better, and Back returns here.
      location.assign(d.interviewJoinToken.joinUrl);
      // Back from the room (page restored from the back-forward cache): the button works again.
      window.addEventListener('pageshow', () => p.live() && redrawCard(id), { once: true });
    } catch (e) {
      if (p.live()) await failed(id, e);
    }
  }

  void load(p, fetchAll, () => {
    draw();
    const timed = () => list.some((x) => (x.status === 'SCHEDULED' || x.status === 'LIVE') && upcoming(x));
    if (!timed()) return;
    // The phone's clock decides when 进入面试 is enabled: check it against the server's once.
    measureSkew().then(
      (changed) => changed && p.live() && draw(),
      () => undefined,
    );
    // The button enables itself when the room opens (and the card moves to 已结束 when it closes), without a reload.
    const timer = setInterval(() => {
      if (!p.live()) return clearInterval(timer);
      for (const iv of list) {
        const box = $(`.iv[data-id="${iv.id}"] .iv-joinbox`, p.el);
        if (!box || $('[data-busy]', box) || box.getAttribute('data-phase') === phase(iv)) continue;
        if (phase(iv) === 'closed') return draw();
        box.outerHTML = joinBlock(iv).s;
      }
    }, 15_000);
  });
}
