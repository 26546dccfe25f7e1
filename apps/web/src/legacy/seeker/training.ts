import { $, $$, html, mount, Safe } from '../../shared/html';
import { t } from '../../shared/i18n';
import { date, dateTime, label, timeSpan } from '../../shared/format';
import { ApiError } from '../../shared/gql';
import { errMsg, onClick, toast } from '../../shared/ui';
import { api, empty, load, needSignIn, page, Page, router } from './core';

/** Class types the base plan names (libs/training class-type.ts). */
const CLASS_TYPE: Record<string, [string, string]> = {
  NEW_HIRE: ['新员工入职课程', 'New-hire induction'],
  PROMOTION: ['晋升/储备干部课程', 'Promotion / reserve cadre'],
  GRASSROOTS_MANAGER: ['基层管理者培训', 'Front-line manager training'],
  GRADUATE_SHORT: ['毕业生短训班', 'Graduate short course'],
  CUSTOM_FOR_UNEMPLOYED: ['先面试后培训定制班', 'Interview-first custom class'],
  PLACEMENT: ['贫困/残疾人员安置培训班', 'Placement class'],
};
/** 职业技能等级. */
export const SKILL: Record<string, [string, string]> = {
  ADVANCED_WORKER: ['高级工', 'Advanced worker'],
  TECHNICIAN: ['技师', 'Technician'],
  SENIOR_TECHNICIAN: ['高级技师', 'Senior technician'],
};
const STATUS: Record<string, [string, string]> = { ENROLLED: ['在读', 'Enrolled'], COMPLETED: ['已结业', 'Completed'], WITHDRAWN: ['已退出', 'Withdrawn'] };

interface Session {
  id: string;
  title: string | null;
  startsAt: string;
  endsAt: string;
  room: string | null;
  courseId: string | null;
}
interface Cls {
  id: string;
  name: string;
  type: string;
  startsOn: string;
  endsOn: string;
  minAttendancePercent: number;
  requiresAssessment: boolean;
  passScore: number;
  seatsLeft?: number;
  institution: { name: string } | null;
  courses: Array<{ id: string; name: string }>;
  sessions: Session[];
}
interface Mine {
  enrolmentId: string;
  status: string;
  completedAt: string | null;
  attendedSessions: number;
  totalSessions: number;
  attendancePercent: number;
  attendedSessionIds: string[];
  trainingClass: Cls;
  assessments: Array<{ score: number; passed: boolean; skillLevel: string | null; assessedOn: string }>;
  certificate: { certificateNo: string; skillLevel: string | null; issuedAt: string } | null;
}
interface CheckIn {
  sessionId: string;
  checkedInAt: string;
  alreadyCheckedIn: boolean;
}

const CLS = `id name type startsOn endsOn minAttendancePercent requiresAssessment passScore institution{name} courses{id name} sessions{id title startsAt endsAt room courseId}`;
const MY = `{myTraining{enrolmentId status completedAt attendedSessions totalSessions attendancePercent attendedSessionIds trainingClass{${CLS}} assessments{score passed skillLevel assessedOn} certificate{certificateNo skillLevel issuedAt}}}`;
const OPEN = `{trainingClasses(first:20){items{${CLS} seatsLeft}}}`;
const CHECK_IN = `mutation($i:CheckInInput!){checkIn(input:$i){sessionId checkedInAt alreadyCheckedIn}}`;

const myTraining = () => api.request<{ myTraining: Mine[] }>(MY).then((d) => d.myTraining);

/** "2026-03-01 14:00–16:00", Beijing time (shared/format.ts). */
const when = (s: Session): string => timeSpan(s.startsAt, s.endsAt);
function sessionTitle(c: Cls, s: Session): string {
  const course = s.courseId ? c.courses.find((x) => x.id === s.courseId) : undefined;
  return s.title || (course ? course.name : c.name);
}

// ---------- 扫码签到: the room's QR opens #/check-in?s=<session>&c=<code> ----------

const HINT: Record<string, [string, string]> = {
  CHECKIN_CODE_EXPIRED: [
    '现场屏幕上的二维码每30秒更新一次，请重新扫描屏幕上当前的二维码。',
    'The QR code in the room changes every 30 seconds. Scan the code on the screen now.',
  ],
  CHECKIN_CODE_INVALID: [
    '请扫描本课次现场屏幕上当前的二维码，不要使用截图或转发的链接。',
    'Scan the code on the screen in this session’s room, not a screenshot or a forwarded link.',
  ],
  NOT_ENROLLED: [
    '只有报名本培训班的学员才能签到。请联系讲师或工作人员。',
    'Only trainees enrolled in this class can check in. Please ask the instructor or staff.',
  ],
  ATTENDANCE_OVERLAP: ['同一时间只能出席一场培训。如有疑问请联系讲师。', 'You can attend only one session at a time. Ask the instructor if this is wrong.'],
  NO_PROFILE: ['请先建立求职档案，再重新扫码签到。', 'Create your profile, then scan the code again.'],
  NOT_FOUND: ['请确认扫描的是培训现场的签到二维码。', 'Make sure you scanned the check-in code shown in the training room.'],
};

export function checkInScreen(_p: unknown, q: URLSearchParams): void {
  if (needSignIn()) return;
  const p = page(t('培训签到', 'Training check-in'), { back: '/training', tab: 'me' });
  const sessionId = (q.get('s') || '').trim();
  const code = (q.get('c') || '').trim();
  if (!/^[0-9a-f-]{36}$/i.test(sessionId) || !code) {
    fail(p, new ApiError(t('二维码内容不完整', 'The QR link is incomplete'), 'CHECKIN_CODE_INVALID'));
    return;
  }
  const run = async (): Promise<void> => {
    mount(p.el, html`<p class="loading big" role="status">${t('正在签到…', 'Checking in…')}</p>`);
    try {
      const d = await api.request<{ checkIn: CheckIn }>(CHECK_IN, { i: { sessionId, code } });
      if (!p.live()) return;
      // Say it at once (3G is slow), then add the session's title, time and the class's count.
      success(p, d.checkIn, null);
      const info = await findSession(sessionId).catch(() => null);
      if (info && p.live()) success(p, d.checkIn, info);
    } catch (e) {
      if (!p.live()) return;
      const c = e instanceof ApiError ? e.code : '';
      if (c === 'INVALID_TOKEN' || c === 'UNAUTHENTICATED') return; // api.onSignedOut is taking them to sign-in, code kept
      // A reload or a second scan of an old code after a successful check-in: say so, not "expired".
      if (c === 'CHECKIN_CODE_EXPIRED') {
        const info = await findSession(sessionId).catch(() => null);
        if (!p.live()) return;
        if (info && info.m.attendedSessionIds.indexOf(sessionId) >= 0) return success(p, null, info);
      }
      fail(p, e, c === 'NETWORK' ? run : undefined);
    }
  };
  void run();
}

/** My enrolment holding the session, with the session itself. */
async function findSession(sessionId: string): Promise<{ m: Mine; s: Session } | null> {
  for (const m of await myTraining()) {
    const s = m.trainingClass.sessions.find((x) => x.id === sessionId);
    if (s) return { m, s };
  }
  return null;
}

function success(p: Page, r: CheckIn | null, info: { m: Mine; s: Session } | null): void {
  const already = !r || r.alreadyCheckedIn;
  const m = info && info.m;
  mount(
    p.el,
    html`<section class="card checkin ok" role="status" id="checkin-result">
<div class="mark" aria-hidden="true">✓</div>
<h2>${t('签到成功', 'Checked in')}</h2>
${already ? html`<p class="note">${t('您之前已签到，本次不重复记录', 'You were already checked in; nothing new was recorded')}</p>` : ''}
${
  info && m
    ? html`<p class="big">${sessionTitle(m.trainingClass, info.s)}</p>
<p>${when(info.s)}${info.s.room ? ` · ${info.s.room}` : ''}</p>
<p class="sub">${m.trainingClass.name}</p>`
    : ''
}
${r ? html`<p class="sub">${t('签到时间', 'Checked in at')} ${dateTime(r.checkedInAt)}</p>` : ''}
${m ? html`<p>${t(`本班已出勤 ${m.attendedSessions}/${m.totalSessions} 节`, `Attended ${m.attendedSessions} of ${m.totalSessions} sessions`)}</p>` : ''}
</section>
<a class="btn primary block" href="#/training">${t('查看我的培训', 'My training')}</a>`,
  );
}

function fail(p: Page, e: unknown, retry?: () => void): void {
  const code = e instanceof ApiError ? e.code : '';
  const hint = HINT[code];
  mount(
    p.el,
    html`<section class="card checkin bad" role="alert" id="checkin-result" data-code="${code}">
<div class="mark" aria-hidden="true">!</div>
<h2>${t('签到未成功', 'Not checked in')}</h2>
<p class="big">${errMsg(e)}</p>
${hint ? html`<p>${t(hint[0], hint[1])}</p>` : ''}
</section>
${retry ? html`<button type="button" class="btn primary block" id="retry">${t('重试', 'Retry')}</button>` : ''}
${code === 'NO_PROFILE' ? html`<a class="btn primary block" href="#/profile?first=1&amp;next=%2Ftraining">${t('建立档案', 'Create profile')}</a>` : ''}
<a class="btn block" href="#/training">${t('查看我的培训', 'My training')}</a>`,
  );
  const b = $('#retry', p.el);
  if (b && retry) b.addEventListener('click', retry);
}

// ---------- 我的培训 ----------

function card(m: Mine): Safe {
  const c = m.trainingClass;
  const pct = Math.max(0, Math.min(100, m.attendancePercent));
  const met = m.totalSessions > 0 && m.attendancePercent >= c.minAttendancePercent;
  const last = m.assessments.length ? m.assessments[m.assessments.length - 1] : null;
  const now = Date.now();
  return html`<li class="card tc" data-id="${m.enrolmentId}">
<span class="row-between"><b class="title">${c.name}</b><span class="stage e-${m.status}">${label(STATUS, m.status)}</span></span>
<span class="sub">${label(CLASS_TYPE, c.type)}${c.institution ? ` · ${c.institution.name}` : ''}</span>
<span class="sub">${c.startsOn} ${t('至', 'to')} ${c.endsOn}</span>
<p class="att"><b>${t('出勤', 'Attendance')} ${m.attendedSessions}/${m.totalSessions} ${t('节', 'sessions')} · ${m.attendancePercent}%</b>
<span class="${met ? 'ok' : 'warn'}">${t(`结业要求 ≥${c.minAttendancePercent}%`, `needs ≥${c.minAttendancePercent}%`)}${met ? ' ✓' : ''}</span></p>
<div class="meter"><i style="width:${pct}%"></i><b style="left:${c.minAttendancePercent}%"></b></div>
<p>${t('考核', 'Assessment')}：${
    last
      ? html`${t(`${last.score} 分（及格 ${c.passScore}）`, `${last.score} points (pass mark ${c.passScore}) `)}<b class="${last.passed ? 'ok' : 'bad'}">${last.passed ? t('通过', 'passed') : t('未通过', 'not passed')}</b>${last.skillLevel ? ` · ${label(SKILL, last.skillLevel)}` : ''} <span class="sub">${last.assessedOn}</span>`
      : c.requiresAssessment
        ? t('待考核', 'not yet assessed')
        : t('本班无需考核', 'none required')
  }</p>
${m.status === 'COMPLETED' ? html`<p class="status ok">${t('已结业', 'Completed')}${m.completedAt ? ` · ${date(m.completedAt)}` : ''}</p>` : ''}
${
  m.certificate
    ? html`<p class="cert">${t('结业证书', 'Certificate')} <b>${m.certificate.certificateNo}</b>${m.certificate.skillLevel ? html` · ${t('技能等级', 'Skill level')} <b>${label(SKILL, m.certificate.skillLevel)}</b>` : ''}<span class="sub">${t('发证日期', 'Issued')} ${date(m.certificate.issuedAt)}</span></p>`
    : ''
}
${
  c.sessions.length
    ? html`<details><summary>${t(`课次安排（${c.sessions.length}）`, `Sessions (${c.sessions.length})`)}</summary><ul class="list">${c.sessions.map((s) => {
        const here = m.attendedSessionIds.indexOf(s.id) >= 0;
        const past = new Date(s.endsAt).getTime() < now;
        return html`<li><b>${sessionTitle(c, s)}</b><span class="sub">${when(s)}${s.room ? ` · ${s.room}` : ''}</span>
<span class="${here ? 'ok' : past ? 'bad' : 'sub'}">${here ? t('✓ 已签到', '✓ present') : past ? t('未出勤', 'absent') : t('未开始', 'upcoming')}</span></li>`;
      })}</ul></details>`
    : ''
}
</li>`;
}

function openCard(c: Cls): Safe {
  return html`<li class="card">
<span class="row-between"><b class="title">${c.name}</b><span class="sub">${t(`剩余 ${c.seatsLeft} 个名额`, `${c.seatsLeft} seats left`)}</span></span>
<span class="sub">${label(CLASS_TYPE, c.type)}${c.institution ? ` · ${c.institution.name}` : ''}</span>
<span class="sub">${c.startsOn} ${t('至', 'to')} ${c.endsOn} · ${t(`${c.sessions.length} 节课`, `${c.sessions.length} sessions`)}</span>
${c.courses.length ? html`<span class="sub">${c.courses.map((x) => x.name).join(' ')}</span>` : ''}
${c.seatsLeft ? html`<button type="button" class="btn primary small enrol" data-id="${c.id}">${t('报名', 'Enrol')}</button>` : ''}</li>`;
}

export function trainingScreen(): void {
  if (needSignIn()) return;
  const p = page(t('我的培训', 'My training'), { back: '/me', tab: 'me' });
  const run = () =>
    load(
      p,
      () =>
        Promise.all([
          myTraining(),
          // The open classes are extra: the page works without them.
          api.request<{ trainingClasses: { items: Cls[] } }>(OPEN).then(
            (d) => d.trainingClasses.items,
            () => null,
          ),
        ]),
      ([mine, open]) => {
        const taken = mine.filter((m) => m.status !== 'WITHDRAWN').map((m) => m.trainingClass.id);
        const canJoin = open ? open.filter((c) => taken.indexOf(c.id) < 0) : [];
        mount(
          p.el,
          html`<p class="hint">${t('上课时扫描教室屏幕上的签到二维码即可签到。', 'In class, scan the check-in QR code on the room’s screen.')}</p>
${mine.length ? html`<ul class="cards" id="mine">${mine.map(card)}</ul>` : empty(t('您还没有参加培训', 'You have not joined any training yet'))}
${canJoin.length ? html`<h2>${t('可报名的培训班', 'Open classes')}</h2><ul class="cards" id="open">${canJoin.map(openCard)}</ul>` : ''}`,
        );
        for (const b of $$('.enrol', p.el))
          onClick(b, async () => {
            try {
              await api.request(`mutation($c:ID!){enrolInTrainingClass(classId:$c){id status}}`, { c: b.getAttribute('data-id') });
            } catch (e) {
              if (e instanceof ApiError && e.code === 'NO_PROFILE') {
                toast(errMsg(e));
                router.go('/profile?first=1&next=%2Ftraining');
                return;
              }
              throw e;
            }
            toast(t('报名成功', 'Enrolled'));
            void run();
          });
      },
    );
  void run();
}
