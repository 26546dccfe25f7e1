import { $, $$, html, mount, options, Safe } from '../../shared/html';
import { t } from '../../shared/i18n';
import { timeSpan, today } from '../../shared/format';
import { ApiError } from '../../shared/gql';
import { errMsg, ferr, onClick, onSubmit, toast } from '../../shared/ui';
import { api, load, needRole, OPERATOR, page, Page, router } from './core';
import { ClassBase, CLASS_STATUS, ENROLMENT, lbl, Session, SESSION_FIELDS, SKILL, typeName } from './training';

/**
 * A class as the operator runs it: its sessions (Beijing time; add more, open a
 * session's check-in QR), the attendance matrix (trainees × sessions, QR or
 * marked by the instructor, with each trainee's attendance against the class
 * minimum) and the assessments that complete the class and issue certificates.
 * Every rule (check-in window, overlaps, completion) is the API's; the page
 * shows what it says.
 */
interface Klass extends ClassBase {
  type: string;
  capacity: number;
  status: string;
  minAttendancePercent: number;
  requiresAssessment: boolean;
  passScore: number;
}
interface Trainee {
  id: string;
  seekerId: string;
  status: string;
  attendedSessions: number;
  passedAssessment: boolean;
  seeker: {
    name: string;
    idNumberMasked: string | null;
    completedTraining: Array<{ classId: string; certificateNo: string | null; skillLevel: string | null }>;
  } | null;
}
interface Result {
  assessment: { score: number; passed: boolean; skillLevel: string | null; assessedOn: string };
  enrolment: { status: string };
  completion: { complete: boolean; attendanceMet: boolean; assessmentMet: boolean; attendancePercent: number; attendedSessions: number; totalSessions: number };
  certificate: { certificateNo: string; skillLevel: string | null } | null;
}
interface State {
  c: Klass;
  trainees: Trainee[];
  /** sessionId → seekerId → method (QR | MANUAL) */
  att: Map<string, Map<string, string>>;
}

const CLASS_FIELDS = `id name type typeZh startsOn endsOn capacity enrolledCount status minAttendancePercent requiresAssessment passScore institution{name} courses{id name} sessions{${SESSION_FIELDS}}`;
const TRAINEE_FIELDS = `id seekerId status attendedSessions passedAssessment seeker{name idNumberMasked completedTraining{classId certificateNo skillLevel}}`;
const RESULT_FIELDS = `assessment{score passed skillLevel assessedOn} enrolment{status} completion{complete attendanceMet assessmentMet attendancePercent attendedSessions totalSessions} certificate{certificateNo skillLevel}`;
/** The API takes attendance from 30 minutes before a session starts. */
const OPENS_BEFORE_MS = 30 * 60_000;

/** Assessment results recorded from this page, by enrolment: the verdict stays shown when the page redraws. */
const results = new Map<string, Result>();

const span = (s: Session): string => timeSpan(s.startsAtLocal, s.endsAtLocal);
const courseOf = (c: Klass, s: Session): string => {
  const x = s.courseId ? c.courses.find((k) => k.id === s.courseId) : undefined;
  return [s.title, x && x.name].filter(Boolean).join(' · ');
};
const pct = (c: Klass, tr: Trainee): number =>
  c.sessions.length ? Math.floor((Math.min(tr.attendedSessions, c.sessions.length) * 100) / c.sessions.length) : 0;

async function fetchState(id: string): Promise<State> {
  const d = await api.request<{ trainingClass: Klass; trainingClassTrainees: { hasMore: boolean; items: Trainee[] } }>(
    `query($id:ID!){trainingClass(id:$id){${CLASS_FIELDS}} trainingClassTrainees(classId:$id,first:100){hasMore items{${TRAINEE_FIELDS}}}}`,
    { id },
  );
  const c = d.trainingClass;
  const trainees = d.trainingClassTrainees.items;
  for (let more = d.trainingClassTrainees.hasMore; more;) {
    const n = await api.request<{ trainingClassTrainees: { hasMore: boolean; items: Trainee[] } }>(
      `query($id:ID!,$o:Int!){trainingClassTrainees(classId:$id,first:100,offset:$o){hasMore items{${TRAINEE_FIELDS}}}}`,
      { id, o: trainees.length },
    );
    trainees.push(...n.trainingClassTrainees.items);
    more = n.trainingClassTrainees.hasMore && n.trainingClassTrainees.items.length > 0;
  }
  const att = new Map<string, Map<string, string>>();
  if (c.sessions.length) {
    // Sessions' attendance, up to 10 sessions a request (aliases; the API caps root fields per document).
    for (let from = 0; from < c.sessions.length; from += 10) {
      const batch = c.sessions.slice(from, from + 10);
      const vars: Record<string, string> = {};
      batch.forEach((s, i) => (vars['s' + i] = s.id));
      const q = `query(${batch.map((_, i) => `$s${i}:ID!`).join(',')}){${batch.map((_, i) => `a${i}:sessionAttendance(sessionId:$s${i}){seekerId method}`).join(' ')}}`;
      const r = await api.request<Record<string, Array<{ seekerId: string; method: string }>>>(q, vars);
      batch.forEach((s, i) => att.set(s.id, new Map(r['a' + i].map((a) => [a.seekerId, a.method]))));
    }
  }
  return { c, trainees, att };
}

export function trainingClassScreen(params: { id: string }): void {
  if (needRole(OPERATOR)) return;
  const p = page(t('培训班', 'Training class'), '/training');
  void load(
    p,
    () => fetchState(params.id),
    (st) => draw(p, st),
  );
}

function draw(p: Page, st: State): void {
  const { c } = st;
  document.title = `${c.name} · ${t('培训管理', 'Training')}`;
  const firstDay = today() < c.startsOn || today() > c.endsOn ? c.startsOn : today();
  mount(
    p.el,
    html`<div class="toolbar"><h1 id="cname">${c.name}</h1><span><button type="button" class="btn small" id="reload">${t('刷新', 'Refresh')}</button> <a class="btn small" href="#/training">${t('返回培训班列表', 'Back to classes')}</a></span></div>
<section class="card"><table class="kv tr-info"><tbody>
<tr><th>${t('类型', 'Type')}</th><td>${typeName(c.type, c.typeZh)}</td><th>${t('培训机构', 'Institution')}</th><td>${c.institution ? c.institution.name : ''}</td></tr>
<tr><th>${t('日期', 'Dates')}</th><td>${c.startsOn} ~ ${c.endsOn}</td><th>${t('报名/名额', 'Enrolled / seats')}</th><td>${c.enrolledCount} / ${c.capacity} · <span class="badge st-${c.status}">${lbl(CLASS_STATUS, c.status)}</span></td></tr>
<tr><th>${t('结业条件', 'Completion')}</th><td colspan="3">${t(`出勤率不低于 ${c.minAttendancePercent}%`, `attendance at least ${c.minAttendancePercent}%`)}${c.requiresAssessment ? t(`，且考核合格（及格分 ${c.passScore}）`, `, and a passed assessment (pass mark ${c.passScore})`) : t('（无需考核）', ' (no assessment needed)')}</td></tr>
<tr><th>${t('课程', 'Courses')}</th><td colspan="3">${c.courses.map((x, i) => html`${i ? '、' : ''}${x.name}`)}</td></tr>
</tbody></table></section>

<section class="card" id="sessions"><h2>${t('课次（北京时间）', 'Sessions (Beijing time)')}</h2>
${
  c.sessions.length
    ? html`<table class="table"><thead><tr><th>#</th><th>${t('时间', 'Time')}</th><th>${t('课程', 'Course')}</th><th>${t('教室', 'Room')}</th><th></th></tr></thead><tbody>${c.sessions.map(
        (s, i) =>
          html`<tr data-session="${s.id}"><td>${i + 1}</td><td class="nw">${span(s)}</td><td>${courseOf(c, s)}</td><td>${s.room || ''}</td><td><a href="#/checkin/${c.id}/${s.id}">${t('签到二维码', 'Check-in QR')}</a></td></tr>`,
      )}</tbody></table>`
    : html`<p class="empty">${t('尚未排课', 'No sessions yet')}</p>`
}
<form class="form" id="addsession" novalidate><h3>${t('添加课次', 'Add a session')}</h3>
<p class="form-err" role="alert" hidden></p>
<div class="tr-line">
<label class="field"><span>${t('日期', 'Date')}</span><input type="date" name="date" value="${firstDay}" min="${c.startsOn}" max="${c.endsOn}"></label>
<label class="field"><span>${t('开始', 'Starts')}</span><input type="time" name="sessions.0.startsAt" value="09:00"></label>
<label class="field"><span>${t('结束', 'Ends')}</span><input type="time" name="sessions.0.endsAt" value="11:30"></label>
<label class="field"><span>${t('教室', 'Room')}</span><input name="room" maxlength="50"></label>
<label class="field"><span>${t('课程', 'Course')}</span><select name="sessions.0.courseId">${options(
      c.courses.map((x) => [x.id, x.name] as [string, string]),
      null,
      t('（不指定）', '(none)'),
    )}</select></label>
<button type="submit" class="btn primary">${t('添加', 'Add')}</button></div>
${ferr('sessions.0.startsAt')}${ferr('sessions.0.endsAt')}${ferr('sessions.0.courseId')}${ferr('sessions')}</form></section>

<section class="card"><h2>${t('出勤登记', 'Attendance')}</h2>
<p class="hint">${t('✓ 扫码：学员扫描教室二维码签到；✓ 教员登记：手机无法签到时由教员登记（记录登记人）。开课前30分钟起可登记。', '✓ QR: the trainee scanned the room’s QR; ✓ marked: marked present by the instructor (who is recorded). Marking opens 30 minutes before a session.')}</p>
<p class="form-err" id="att-err" role="alert" hidden></p><div id="matrix"></div></section>

<section class="card"><h2>${t('考核与结业', 'Assessment and completion')}</h2>
<p class="hint">${t(`成绩 0–100，及格分 ${c.passScore}；合格时可认定技能等级。出勤与考核均达标即结业并发证。`, `Score 0–100, pass mark ${c.passScore}; a skill level only with a pass. Meeting attendance and the assessment completes the class and issues a certificate.`)}</p>
<div id="assess"></div></section>`,
  );
  onClick($('#reload', p.el), () => router.resolve());
  drawMatrix(p, st);
  drawAssess(p, st);
  onSubmit($<HTMLFormElement>('#addsession', p.el)!, async (v) => {
    const date = v.str('date');
    const from = v.str('sessions.0.startsAt');
    const to = v.str('sessions.0.endsAt');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(from))
      throw new ApiError(t('请填写日期和开始时间', 'Enter the date and start time'), 'BAD_INPUT', 'sessions.0.startsAt');
    if (!/^\d{2}:\d{2}$/.test(to)) throw new ApiError(t('请填写结束时间', 'Enter the end time'), 'BAD_INPUT', 'sessions.0.endsAt');
    // Beijing wall-clock time (UTC+8 all year).
    const at = (hm: string) => `${date}T${hm}:00+08:00`;
    await api.request(`mutation($i:AddSessionsInput!){addTrainingSessions(input:$i){id}}`, {
      i: { classId: c.id, sessions: [{ startsAt: at(from), endsAt: at(to), room: v.opt('room'), courseId: v.opt('sessions.0.courseId') }] },
    });
    toast(t('已添加课次', 'Session added'));
    const next = await fetchState(c.id);
    if (p.live()) draw(p, next);
  });
}

function traineeName(tr: Trainee): Safe {
  return html`<b>${tr.seeker ? tr.seeker.name : t('（档案不可见）', '(profile hidden)')}</b>${tr.seeker && tr.seeker.idNumberMasked ? html`<div class="sub">${tr.seeker.idNumberMasked}</div>` : ''}`;
}

function drawMatrix(p: Page, st: State): void {
  const { c, trainees, att } = st;
  const el = $('#matrix', p.el)!;
  if (!trainees.length) return mount(el, html`<p class="empty">${t('还没有学员报名', 'No one has enrolled yet')}</p>`);
  const now = Date.now();
  const cell = (tr: Trainee, s: Session): Safe => {
    const m = att.get(s.id)!.get(tr.seekerId);
    const inner =
      m === 'QR'
        ? html`<span class="att-qr">${t('✓ 扫码', '✓ QR')}</span>`
        : m
          ? html`<span class="att-man">${t('✓ 教员登记', '✓ marked')}</span>`
          : tr.status !== 'WITHDRAWN' && now >= Date.parse(s.startsAt) - OPENS_BEFORE_MS
            ? html`<button type="button" class="btn small mark" data-session="${s.id}" data-seeker="${tr.seekerId}">${t('登记出勤', 'Mark present')}</button>`
            : html`<span class="sub">—</span>`;
    return html`<td class="c" data-session="${s.id}">${inner}</td>`;
  };
  mount(
    el,
    html`<div class="tr-scroll"><table class="table matrix" id="att"><thead><tr><th>${t('学员', 'Trainee')}</th><th>${t('状态', 'Status')}</th>${c.sessions.map(
      (s, i) => html`<th class="c" title="${courseOf(c, s)}">${t(`第${i + 1}次`, `#${i + 1}`)}<div class="sub">${s.startsAtLocal.slice(5)}</div></th>`,
    )}<th>${t('出勤率', 'Attendance')}</th></tr></thead>
<tbody>${trainees.map((tr) => {
      const n = pct(c, tr);
      const ok = c.sessions.length > 0 && Math.min(tr.attendedSessions, c.sessions.length) * 100 >= c.minAttendancePercent * c.sessions.length;
      return html`<tr data-seeker="${tr.seekerId}" data-enrolment="${tr.id}"><td>${traineeName(tr)}</td><td><span class="badge e-${tr.status}">${lbl(ENROLMENT, tr.status)}</span></td>${c.sessions.map((s) => cell(tr, s))}
<td class="pct ${ok ? 'ok' : 'bad'}"><b>${n}%</b> <span class="sub">${tr.attendedSessions}/${c.sessions.length} · ${t(`需 ≥${c.minAttendancePercent}%`, `min ${c.minAttendancePercent}%`)}</span></td></tr>`;
    })}</tbody></table></div>`,
  );
  const errEl = $('#att-err', p.el)!;
  for (const b of $$<HTMLButtonElement>('button.mark', el)) {
    b.addEventListener('click', async () => {
      if (b.disabled) return;
      b.disabled = true;
      errEl.hidden = true;
      const sessionId = b.getAttribute('data-session')!;
      const seekerId = b.getAttribute('data-seeker')!;
      try {
        const r = await api.request<{ markAttendance: { method: string; alreadyCheckedIn: boolean } }>(
          `mutation($i:MarkAttendanceInput!){markAttendance(input:$i){method alreadyCheckedIn}}`,
          { i: { sessionId, seekerId } },
        );
        if (!p.live()) return;
        const tr = trainees.find((x) => x.seekerId === seekerId)!;
        if (!att.get(sessionId)!.has(seekerId)) tr.attendedSessions++;
        att.get(sessionId)!.set(seekerId, r.markAttendance.method);
        drawMatrix(p, st);
        // The assessment forms keep what was typed: only the percentages change there.
        for (const x of trainees) {
          const td = $(`#assessments tr[data-enrolment="${x.id}"] td.pct`, p.el);
          if (td) td.textContent = `${pct(c, x)}%`;
        }
      } catch (e) {
        if (!p.live()) return;
        b.disabled = false;
        const tr = trainees.find((x) => x.seekerId === seekerId);
        errEl.textContent = `${tr && tr.seeker ? tr.seeker.name + '：' : ''}${errMsg(e)}`;
        errEl.hidden = false;
      }
    });
  }
}

function verdict(c: Klass, tr: Trainee): Safe {
  const r = results.get(tr.id);
  if (r) {
    const a = r.assessment;
    const score = html`<div class="sub">${t(`${a.assessedOn} 考核 ${a.score} 分，${a.passed ? '合格' : '不合格'}`, `${a.assessedOn}: ${a.score}, ${a.passed ? 'passed' : 'failed'}`)}</div>`;
    if (r.certificate)
      return html`<b class="ok">${t('已结业', 'Completed')}</b> · ${t('证书编号', 'Certificate')} <b class="cert-no">${r.certificate.certificateNo}</b>${r.certificate.skillLevel ? html` · ${lbl(SKILL, r.certificate.skillLevel)}` : ''}${score}`;
    if (r.completion.complete) return html`<b class="ok">${t('已结业', 'Completed')}</b>${score}`;
    const why: string[] = [];
    if (!r.completion.attendanceMet)
      why.push(
        t(
          `出勤率 ${r.completion.attendancePercent}%，未达 ${c.minAttendancePercent}%`,
          `attendance ${r.completion.attendancePercent}%, below ${c.minAttendancePercent}%`,
        ),
      );
    if (!r.completion.assessmentMet) why.push(t('考核未合格', 'assessment not passed'));
    return html`<b class="bad">${t('未结业', 'Not completed')}</b>${why.length ? html`<div class="sub">${why.join(t('；', '; '))}</div>` : ''}${score}`;
  }
  if (tr.status === 'COMPLETED') {
    const cert = tr.seeker ? tr.seeker.completedTraining.find((x) => x.classId === c.id) : undefined;
    return html`<b class="ok">${t('已结业', 'Completed')}</b>${cert && cert.certificateNo ? html` · ${t('证书编号', 'Certificate')} <b class="cert-no">${cert.certificateNo}</b>${cert.skillLevel ? html` · ${lbl(SKILL, cert.skillLevel)}` : ''}` : ''}`;
  }
  if (tr.status === 'WITHDRAWN') return html`<span class="sub">${t('已退出', 'Withdrawn')}</span>`;
  return tr.passedAssessment
    ? html`<span>${t('考核已合格，未结业', 'Passed; not completed')}</span>`
    : html`<span class="sub">${t('未考核', 'Not assessed')}</span>`;
}

function drawAssess(p: Page, st: State): void {
  const { c, trainees } = st;
  const el = $('#assess', p.el)!;
  if (!trainees.length) return mount(el, html`<p class="empty">${t('还没有学员报名', 'No one has enrolled yet')}</p>`);
  const d = today();
  mount(
    el,
    html`<table class="table" id="assessments"><thead><tr><th>${t('学员', 'Trainee')}</th><th>${t('出勤率', 'Attendance')}</th><th>${t('登记考核', 'Record an assessment')}</th><th>${t('结业', 'Completion')}</th></tr></thead><tbody>${trainees.map(
      (tr) =>
        html`<tr data-enrolment="${tr.id}"><td>${traineeName(tr)}</td><td class="pct">${pct(c, tr)}%</td><td class="af-cell">${
          tr.status === 'ENROLLED'
            ? html`<form class="form af" data-enrolment="${tr.id}" novalidate><div class="tr-line">
<label class="field"><span>${t('成绩', 'Score')}</span><input name="score" inputmode="numeric" size="4" placeholder="0–100"></label>
<label class="field"><span>${t('考核日期', 'Date')}</span><input type="date" name="assessedOn" value="${d}" min="${c.startsOn}" max="${d}"></label>
<label class="field"><span>${t('技能等级（合格时）', 'Skill level (if passed)')}</span><select name="skillLevel">${options(
                Object.keys(SKILL).map((k) => [k, lbl(SKILL, k)] as [string, string]),
                null,
                t('（不认定）', '(none)'),
              )}</select></label>
<label class="field"><span>${t('备注', 'Note')}</span><input name="note" maxlength="500"></label>
<button type="submit" class="btn primary small">${t('登记', 'Record')}</button></div>
<p class="form-err" hidden></p>${ferr('score')}${ferr('assessedOn')}${ferr('skillLevel')}${ferr('note')}</form>`
            : ''
        }</td><td class="verdict">${verdict(c, tr)}</td></tr>`,
    )}</tbody></table>`,
  );
  for (const form of $$<HTMLFormElement>('form.af', el)) {
    const id = form.getAttribute('data-enrolment')!;
    onSubmit(form, async (v) => {
      const score = v.int('score');
      if (score === undefined || isNaN(score) || score > 100)
        throw new ApiError(t('成绩须为 0–100 的整数', 'The score must be a whole number 0–100'), 'BAD_INPUT', 'score');
      const r = await api.request<{ recordAssessment: Result }>(`mutation($i:RecordAssessmentInput!){recordAssessment(input:$i){${RESULT_FIELDS}}}`, {
        i: { enrolmentId: id, score, assessedOn: v.str('assessedOn'), skillLevel: v.opt('skillLevel'), note: v.opt('note') },
      });
      if (!p.live()) return;
      const res = r.recordAssessment;
      results.set(id, res);
      const tr = trainees.find((x) => x.id === id)!;
      tr.status = res.enrolment.status;
      if (res.assessment.passed) tr.passedAssessment = true;
      drawMatrix(p, st);
      const row = form.closest('tr')!;
      mount($('td.verdict', row)!, verdict(c, tr));
      if (tr.status !== 'ENROLLED') form.remove();
      else form.reset();
    });
  }
}
