import { $$, html, mount } from '../../shared/html';
import { t } from '../../shared/i18n';
import { dateTime, EDUCATION, label } from '../../shared/format';
import { onClick, toast } from '../../shared/ui';
import { api, empty, load, needSignIn, page } from './core';

interface SchoolLink {
  id: string;
  schoolName: string;
  status: string;
  major: string | null;
  education: string | null;
  graduationYear: number | null;
  className: string | null;
  studentNo: string | null;
  requestedAt: string;
  decidedAt: string | null;
}
const LINK: Record<string, [string, string]> = { PENDING: ['待确认', 'Waiting for you'], CONFIRMED: ['已确认', 'Confirmed'], DECLINED: ['已拒绝', 'Declined'] };
const CLS: Record<string, string> = { PENDING: '', CONFIRMED: ' s-HIRED', DECLINED: ' s-REJECTED' };

/** 我的院校: schools that listed me; a school treats me as its student only after I confirm here (issue 8 §3). */
export function schoolLinksScreen(): void {
  if (needSignIn()) return;
  const p = page(t('我的院校', 'My schools'), { back: '/me', tab: 'me' });
  const run = () =>
    load(
      p,
      () =>
        api.request<{ mySchoolLinks: SchoolLink[] }>(
          `{mySchoolLinks{id schoolName status major education graduationYear className studentNo requestedAt decidedAt}}`,
        ),
      (d) => {
        mount(
          p.el,
          html`<p class="hint">${t('学校在毕业生名单中登记了您。确认前学校看不到您的任何信息，也不能安排您实习或进订单班。', 'A school listed you. Until you confirm it sees nothing about you and cannot place you.')}</p>
${
  d.mySchoolLinks.length
    ? html`<ul class="cards" id="links">${d.mySchoolLinks.map(
        (l) => html`<li class="card link" data-id="${l.id}" data-status="${l.status}">
<span class="row-between"><b class="title">${l.schoolName}</b><span class="stage${CLS[l.status] || ''}">${label(LINK, l.status)}</span></span>
<span class="sub">${[l.major, l.education ? label(EDUCATION, l.education) : '', l.graduationYear ? t(`${l.graduationYear} 届`, `class of ${l.graduationYear}`) : '', l.className, l.studentNo ? t(`学号 ${l.studentNo}`, `student no. ${l.studentNo}`) : ''].filter(Boolean).join(' · ')}</span>
<span class="sub">${t('登记于', 'Listed')} ${dateTime(l.requestedAt)}${l.decidedAt ? ` · ${t('处理于', 'answered')} ${dateTime(l.decidedAt)}` : ''}</span>
${
  l.status === 'PENDING'
    ? html`<span class="row-between"><button type="button" class="btn small danger answer" data-id="${l.id}" data-accept="0">${t('不是我', 'Not me')}</button>
<button type="button" class="btn small primary answer" data-id="${l.id}" data-accept="1">${t('是我，确认', 'Yes, confirm')}</button></span>`
    : ''
}</li>`,
      )}</ul>`
    : empty(t('还没有学校登记过您', 'No school has listed you'))
}`,
        );
        for (const b of $$('.answer', p.el))
          onClick(b, async () => {
            const accept = b.getAttribute('data-accept') === '1';
            await api.request(`mutation($id:ID!,$a:Boolean!){answerSchoolLink(id:$id,accept:$a){id status}}`, { id: b.getAttribute('data-id'), a: accept });
            toast(accept ? t('已确认', 'Confirmed') : t('已拒绝', 'Declined'));
            void run();
          });
      },
    );
  void run();
}
