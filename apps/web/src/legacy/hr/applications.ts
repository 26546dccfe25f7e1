import { $, $$, html, mount, options, Safe } from '../../shared/html';
import { t } from '../../shared/i18n';
import { dateTime, entries, label, STAGE, today } from '../../shared/format';
import { onClick, onSubmit, toast } from '../../shared/ui';
import { ApiError } from '../../shared/gql';
import { api, load, needSignIn, page, pager, router, withQuery } from './core';
import { profileCard, SEEKER_FIELDS, Seeker } from './talent';

const FIRST = 20;
/** Stage moves HR may make (HIRED goes through the hire form; the API enforces the same). */
const HR_MOVES: Record<string, string[]> = {
  APPLIED: ['SCREENING', 'INTERVIEW', 'REJECTED'],
  SCREENING: ['INTERVIEW', 'OFFER', 'REJECTED'],
  INTERVIEW: ['OFFER', 'REJECTED'],
  OFFER: ['REJECTED'],
};

interface App {
  id: string;
  stage: string;
  createdAt: string;
  updatedAt: string;
  posting: { id: string; title: string } | null;
  seeker: Seeker | null;
  events?: Array<{ actorRole: string; createdAt: string; fromStage: string | null; toStage: string; reason: string | null }>;
  notes?: Array<{ id: string; body: string; createdAt: string }>;
}

interface Iv {
  id: string;
  status: string;
  startsAtLocal: string | null;
  durationMinutes: number | null;
}
/** Interviews still ahead or in progress (a room can be joined from 10 minutes before the start). */
const OPEN_IV = ['PROPOSED', 'SCHEDULED', 'LIVE'];
const IV_STATUS: Record<string, [string, string]> = {
  PROPOSED: ['待求职者确认时间', 'Waiting for the seeker to pick a time'],
  SCHEDULED: ['已安排', 'Scheduled'],
  LIVE: ['进行中', 'In progress'],
};

export const stageBadge = (s: string): Safe => html`<span class="badge sg-${s}">${label(STAGE, s)}</span>`;

export function applicationsScreen(_p: unknown, q: URLSearchParams): void {
  if (needSignIn()) return;
  const p = page(t('投递管理', 'Applications'), '/applications');
  const posting = q.get('posting') || '';
  const stage = q.get('stage') || '';
  const offset = parseInt(q.get('o') || '0', 10) || 0;
  void load(
    p,
    () =>
      api.request<{ applications: { total: number; items: App[] }; postings: { items: Array<{ id: string; title: string; status: string }> } }>(
        `query($f:ApplicationFilterInput,$n:Int!,$o:Int!){applications(filter:$f,first:$n,offset:$o){total items{id stage createdAt updatedAt posting{id title} seeker{id name age gender education distanceKm mandarinLevel typingSpeed}}}
postings(first:100){items{id title status}}}`,
        { f: { postingId: posting || null, stage: stage || null }, n: FIRST, o: offset },
      ),
    (d) => {
      mount(
        p.el,
        html`<div class="toolbar"><h1>${t('投递管理', 'Applications')}</h1></div>
<form class="filters" id="af"><select name="posting" aria-label="${t('岗位', 'Posting')}">${options(
          d.postings.items.map((x) => [x.id, x.title] as [string, string]),
          posting,
          t('全部岗位', 'All postings'),
        )}</select>
<select name="stage" aria-label="${t('阶段', 'Stage')}">${options(entries(STAGE), stage, t('全部阶段', 'All stages'))}</select><button class="btn" type="submit">${t('筛选', 'Filter')}</button></form>
${
  d.applications.items.length
    ? html`<table class="table"><thead><tr><th>${t('求职者', 'Applicant')}</th><th>${t('岗位', 'Posting')}</th><th>${t('阶段', 'Stage')}</th><th>${t('投递时间', 'Applied')}</th><th></th></tr></thead><tbody>
${d.applications.items.map(
  (
    a,
  ) => html`<tr data-id="${a.id}"><td><b>${a.seeker ? a.seeker.name : ''}</b><div class="sub">${a.seeker ? [a.seeker.age ? t(`${a.seeker.age}岁`, `${a.seeker.age} y`) : '', a.seeker.distanceKm != null ? t(`${Math.round(a.seeker.distanceKm)}公里`, `${Math.round(a.seeker.distanceKm)} km`) : ''].filter(Boolean).join(' · ') : ''}</div></td>
<td>${a.posting ? a.posting.title : ''}</td><td>${stageBadge(a.stage)}</td><td>${dateTime(a.createdAt)}</td><td><a class="btn small" href="#/application/${a.id}">${t('处理', 'Open')}</a></td></tr>`,
)}</tbody></table>`
    : html`<p class="empty">${t('暂无投递', 'No applications')}</p>`
}
${pager(d.applications.total, offset, FIRST, (o) => withQuery('/applications', { posting, stage, o }))}`,
      );
      onSubmit($<HTMLFormElement>('#af', p.el)!, async (v) => router.go(withQuery('/applications', { posting: v.str('posting'), stage: v.str('stage') })));
    },
  );
}

export function applicationScreen(params: { id: string }): void {
  if (needSignIn()) return;
  const p = page(t('投递详情', 'Application'), '/applications');
  const run = () =>
    load(
      p,
      () =>
        api.request<{ application: App; interviews: { items: Iv[] } }>(
          `query($id:ID!){application(id:$id){id stage createdAt updatedAt posting{id title} seeker{${SEEKER_FIELDS}} events{actorRole createdAt fromStage toStage reason} notes{id body createdAt}}
interviews(filter:{applicationId:$id},first:10){items{id status startsAtLocal durationMinutes}}}`,
          { id: params.id },
        ),
      ({ application: a, interviews }: { application: App; interviews: { items: Iv[] } }) => {
        const ivs = interviews.items.filter((i) => OPEN_IV.includes(i.status));
        const moves = HR_MOVES[a.stage] || [];
        mount(
          p.el,
          html`<div class="toolbar"><h1>${a.seeker ? a.seeker.name : ''} · ${a.posting ? a.posting.title : ''}</h1><span id="stage">${stageBadge(a.stage)}</span></div>
<div class="cols"><div>${a.seeker ? profileCard(a.seeker, a.seeker.phone ? undefined : html`<p><a class="btn small" href="#/talent/${a.seeker.id}">${t('查看完整档案与联系方式（留痕）', 'Full profile and contact (logged)')}</a></p>`) : ''}</div><div>
<section class="card"><h2>${t('推进阶段', 'Move stage')}</h2>
${
  moves.length || a.stage === 'OFFER'
    ? html`<form id="move" class="form" novalidate><p class="form-err" hidden></p><input name="reason" maxlength="200" placeholder="${t('原因（可选，未通过时建议填写）', 'Reason (optional)')}">
<div class="row">${moves.map((m) => html`<button type="button" class="btn${m === 'REJECTED' ? ' danger' : ''} move" data-to="${m}">${t('改为', 'To')}「${label(STAGE, m)}」</button>`)}</div></form>`
    : html`<p class="sub">${t('该投递已结束', 'This application is closed')}</p>`
}
${
  a.stage === 'OFFER'
    ? html`<form id="hire" class="form" novalidate><h3>${t('录用并登记劳动合同', 'Hire and record the contract')}</h3><p class="form-err" hidden></p>
<div class="grid3"><label class="field"><span>${t('合同开始日期', 'Contract start')}</span><input type="date" name="contractStart" value="${today()}"></label>
<label class="field"><span>${t('合同期限（月）', 'Term (months)')}</span><input name="contractMonths" inputmode="numeric" value="36"></label>
<label class="field"><span>${t('社保缴纳开始日期', 'Social insurance from')}</span><input type="date" name="socialInsuranceStart" value="${today()}"></label></div>
<p class="ferr" data-err="contractStart" hidden></p><p class="ferr" data-err="contractMonths" hidden></p><p class="ferr" data-err="socialInsuranceStart" hidden></p>
<button type="submit" class="btn primary">${t('确认录用', 'Hire')}</button></form>`
    : ''
}
</section>
${
  ivs.length || a.stage === 'SCREENING' || a.stage === 'INTERVIEW'
    ? html`<section class="card" id="interviews"><h2>${t('视频面试', 'Video interview')}</h2>
${ivs.map(
  (
    i,
  ) => html`<p data-interview="${i.id}">${i.startsAtLocal || ''}${i.durationMinutes ? t(`（${i.durationMinutes}分钟）`, ` (${i.durationMinutes} min)`) : ''} · ${IV_STATUS[i.status] ? t(IV_STATUS[i.status][0], IV_STATUS[i.status][1]) : i.status}
${i.status !== 'PROPOSED' ? html` <button type="button" class="btn small primary join-iv" data-id="${i.id}">${t('进入面试', 'Join interview')}</button>` : ''}</p>`,
)}
${
  ivs.length
    ? ''
    : html`<form id="schedule" class="form" novalidate><p class="form-err" hidden></p><div class="grid3"><label class="field"><span>${t('面试时间（已与求职者约定）', 'Time (agreed with the seeker)')}</span><input type="datetime-local" name="startsAt"></label>
<label class="field"><span>${t('时长（分钟）', 'Minutes')}</span><input name="durationMinutes" inputmode="numeric" value="30"></label></div>
<p class="ferr" data-err="slots" hidden></p><p class="ferr" data-err="slots.0.startsAt" hidden></p><p class="ferr" data-err="applicationId" hidden></p>
<button type="submit" class="btn">${t('安排面试', 'Schedule interview')}</button></form>`
}</section>`
    : ''
}
<section class="card"><h2>${t('内部备注', 'Internal notes')} <small class="sub">${t('仅本企业HR可见', 'only your company sees these')}</small></h2>
<ul class="list" id="notes">${(a.notes || []).map((n) => html`<li><p class="pre">${n.body}</p><span class="sub">${dateTime(n.createdAt)}</span></li>`)}</ul>
<form id="note" class="form" novalidate><p class="form-err" hidden></p><textarea name="body" rows="3" maxlength="2000" placeholder="${t('例如：电话沟通，普通话流利，可上夜班', 'e.g. phoned, fluent, can work nights')}"></textarea>
<button type="submit" class="btn">${t('添加备注', 'Add note')}</button></form></section>
<section class="card"><h2>${t('进度记录', 'History')}</h2><ul class="list">${(a.events || []).map(
            (e) =>
              html`<li>${e.fromStage ? html`${label(STAGE, e.fromStage)} → ` : ''}<b>${label(STAGE, e.toStage)}</b>${e.reason ? html` · ${e.reason}` : ''}<span class="sub">${dateTime(e.createdAt)}</span></li>`,
          )}</ul></section>
</div></div>`,
        );
        const move = $<HTMLFormElement>('#move', p.el);
        if (move)
          for (const b of $$('.move', move))
            onClick(b, async () => {
              const reason = (move.elements.namedItem('reason') as HTMLInputElement).value.trim();
              await api.request(`mutation($i:MoveApplicationInput!){moveApplication(input:$i){id stage}}`, {
                i: { applicationId: a.id, to: b.getAttribute('data-to'), reason: reason || null },
              });
              toast(t('已更新阶段', 'Stage updated'));
              void run();
            });
        for (const b of $$('.join-iv', p.el))
          onClick(b, async () => {
            // Opened before the request, inside the click, so popup blockers let it through.
            const w = window.open('', '_blank');
            try {
              const d = await api.request<{ interviewJoinToken: { joinUrl: string } }>(`mutation($id:ID!){interviewJoinToken(interviewId:$id){joinUrl}}`, {
                id: b.getAttribute('data-id'),
              });
              if (w) w.location.href = d.interviewJoinToken.joinUrl;
              else location.href = d.interviewJoinToken.joinUrl;
            } catch (e) {
              if (w) w.close();
              throw e;
            }
          });
        const schedule = $<HTMLFormElement>('#schedule', p.el);
        if (schedule)
          onSubmit(schedule, async (v) => {
            const when = v.str('startsAt');
            const minutes = v.int('durationMinutes');
            if (!when || isNaN(new Date(when).getTime())) throw new ApiError(t('请选择面试时间', 'Choose a time'), 'BAD_USER_INPUT', 'slots.0.startsAt');
            if (!minutes) throw new ApiError(t('请填写时长（分钟）', 'Enter the length in minutes'), 'BAD_USER_INPUT', 'slots');
            await api.request(`mutation($i:ScheduleInterviewInput!){scheduleInterview(input:$i){id}}`, {
              i: { applicationId: a.id, confirmed: true, slots: [{ startsAt: new Date(when).toISOString(), durationMinutes: minutes }] },
            });
            toast(t('已安排面试', 'Interview scheduled'));
            void run();
          });
        const note = $<HTMLFormElement>('#note', p.el)!;
        onSubmit(note, async (v) => {
          if (!v.str('body')) return;
          await api.request(`mutation($i:AddNoteInput!){addApplicationNote(input:$i){id}}`, { i: { applicationId: a.id, body: v.str('body') } });
          toast(t('备注已添加', 'Note added'));
          void run();
        });
        const hire = $<HTMLFormElement>('#hire', p.el);
        if (hire)
          onSubmit(hire, async (v) => {
            const months = v.int('contractMonths');
            if (!months) throw new ApiError(t('请填写合同期限（月）', 'Enter the term in months'), 'BAD_USER_INPUT', 'contractMonths');
            await api.request(`mutation($i:HireInput!){hire(input:$i){id}}`, {
              i: {
                applicationId: a.id,
                contractStart: v.str('contractStart'),
                contractMonths: months,
                socialInsuranceStart: v.opt('socialInsuranceStart') || null,
              },
            });
            toast(t('已录用', 'Hired'));
            router.go('/hires');
          });
      },
    );
  void run();
}
