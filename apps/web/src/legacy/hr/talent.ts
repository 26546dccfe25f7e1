import { $, html, mount, options, Safe } from '../../shared/html';
import { t } from '../../shared/i18n';
import { CATEGORY, dateTime, EDUCATION, entries, GENDER, km, label, MANDARIN, SHIFT } from '../../shared/format';
import { load, needSignIn, page, pager, router, withQuery, api } from './core';
import { onSubmit } from '../../shared/ui';

export interface Seeker {
  id: string;
  name: string;
  age?: number | null;
  gender?: string | null;
  idNumberMasked?: string | null;
  phoneMasked?: string | null;
  phone?: string | null;
  regionName?: string | null;
  distanceKm?: number | null;
  education?: string | null;
  schoolName?: string | null;
  major?: string | null;
  graduationYear?: number | null;
  mandarinLevel?: string | null;
  typingSpeed?: number | null;
  callCenterMonths?: number | null;
  languages?: string[];
  shifts?: string[];
  categories?: string[];
  completeness?: number;
  updatedAt?: string;
}
export const SEEKER_FIELDS = `id name age gender idNumberMasked phoneMasked phone regionName distanceKm education schoolName major graduationYear mandarinLevel typingSpeed callCenterMonths languages shifts categories completeness updatedAt`;

const row = (k: string, v: unknown): Safe => (v === null || v === undefined || v === '' ? html`` : html`<tr><th>${k}</th><td>${v}</td></tr>`);

/** A masked profile; the full phone appears only when the API returns it. */
export function profileCard(s: Seeker, footer?: Safe): Safe {
  return html`<section class="card profile"><h2>${s.name} <small class="sub">${[label(GENDER, s.gender), s.age ? t(`${s.age}岁`, `${s.age} y`) : ''].filter(Boolean).join(' · ')}</small></h2>
<table class="kv">
${row(t('手机号', 'Phone'), s.phone || s.phoneMasked)}
${row(t('身份证号', 'ID number'), s.idNumberMasked)}
${row(t('居住地', 'Lives in'), s.regionName)}
${row(t('离基地', 'To the base'), s.distanceKm != null ? km(s.distanceKm) : null)}
${row(t('学历', 'Education'), s.education ? label(EDUCATION, s.education) : null)}
${row(t('学校 / 专业', 'School / major'), [s.schoolName, s.major].filter(Boolean).join(' / '))}
${row(t('毕业年份', 'Graduated'), s.graduationYear)}
${row(t('普通话', 'Mandarin'), s.mandarinLevel ? label(MANDARIN, s.mandarinLevel) : null)}
${row(t('打字速度', 'Typing'), s.typingSpeed != null ? t(`${s.typingSpeed} 字/分`, `${s.typingSpeed} chars/min`) : null)}
${row(t('呼叫中心经验', 'Call-centre experience'), s.callCenterMonths != null ? t(`${s.callCenterMonths} 个月`, `${s.callCenterMonths} months`) : null)}
${row(t('语言', 'Languages'), (s.languages || []).join('、'))}
${row(t('班次', 'Shifts'), (s.shifts || []).map((x) => label(SHIFT, x)).join('、'))}
${row(t('类别', 'Categories'), (s.categories || []).map((x) => label(CATEGORY, x)).join('、'))}
${row(t('资料完整度', 'Completeness'), s.completeness != null ? `${s.completeness}%` : null)}
${row(t('更新于', 'Updated'), s.updatedAt ? dateTime(s.updatedAt) : null)}
</table>${footer || ''}</section>`;
}

const FIRST = 20;

export function talentScreen(_p: unknown, q: URLSearchParams): void {
  if (needSignIn()) return;
  const p = page(t('人才库', 'Talent pool'), '/talent');
  const f = {
    text: q.get('text') || '',
    maxDistanceKm: q.get('km') || '',
    minMandarinLevel: q.get('mandarin') || '',
    minTypingSpeed: q.get('typing') || '',
    category: q.get('cat') || '',
    graduationYear: q.get('year') || '',
  };
  const offset = parseInt(q.get('o') || '0', 10) || 0;
  const num = (s: string) => (/^\d+$/.test(s) ? parseInt(s, 10) : null);
  const link = (o: number) =>
    withQuery('/talent', {
      text: f.text,
      km: f.maxDistanceKm,
      mandarin: f.minMandarinLevel,
      typing: f.minTypingSpeed,
      cat: f.category,
      year: f.graduationYear,
      o,
    });
  void load(
    p,
    () =>
      api.request<{ talentPool: { total: number; items: Seeker[] } }>(
        `query($f:TalentFilterInput,$n:Int!,$o:Int!){talentPool(filter:$f,first:$n,offset:$o){total items{id name age gender regionName distanceKm education schoolName major graduationYear mandarinLevel typingSpeed shifts}}}`,
        {
          f: {
            text: f.text || null,
            maxDistanceKm: num(f.maxDistanceKm),
            minMandarinLevel: f.minMandarinLevel || null,
            minTypingSpeed: num(f.minTypingSpeed),
            category: f.category || null,
            graduationYear: num(f.graduationYear),
          },
          n: FIRST,
          o: offset,
        },
      ),
    (d) => {
      mount(
        p.el,
        html`<div class="toolbar"><h1>${t('人才库', 'Talent pool')}</h1><span class="sub">${t('仅显示已授权共享的求职者，信息已脱敏', 'Consenting seekers only, masked')}</span></div>
<form class="filters" id="tf"><input name="text" type="search" value="${f.text}" placeholder="${t('姓名 / 学校 / 专业', 'Name / school / major')}">
<select name="km" aria-label="${t('距离', 'Distance')}">${options(
          [
            ['50', t('50 公里内', 'within 50 km')],
            ['100', t('100 公里内', 'within 100 km')],
            ['200', t('200 公里内', 'within 200 km')],
            ['300', t('300 公里内', 'within 300 km')],
          ],
          f.maxDistanceKm,
          t('距离不限', 'Any distance'),
        )}</select>
<select name="mandarin" aria-label="${t('普通话等级', 'Mandarin level')}">${options(
          entries(MANDARIN).map(([k, v]) => [k, t(`普通话${v}及以上`, `Mandarin ${v}+`)] as [string, string]),
          f.minMandarinLevel,
          t('普通话不限', 'Any Mandarin'),
        )}</select>
<input name="typing" inputmode="numeric" size="6" value="${f.minTypingSpeed}" placeholder="${t('打字≥', 'Typing ≥')}">
<select name="cat" aria-label="${t('人员类别', 'Category')}">${options(entries(CATEGORY), f.category, t('类别不限', 'Any category'))}</select>
<input name="year" inputmode="numeric" size="6" value="${f.graduationYear}" placeholder="${t('毕业年份', 'Grad. year')}">
<button class="btn" type="submit">${t('搜索', 'Search')}</button></form>
${
  d.talentPool.items.length
    ? html`<table class="table"><thead><tr><th>${t('姓名', 'Name')}</th><th>${t('居住地', 'Lives in')}</th><th>${t('学历 / 学校', 'Education')}</th><th>${t('普通话', 'Mandarin')}</th><th>${t('打字', 'Typing')}</th><th>${t('班次', 'Shifts')}</th><th></th></tr></thead><tbody>
${d.talentPool.items.map(
  (
    s,
  ) => html`<tr><td><b>${s.name}</b><div class="sub">${[label(GENDER, s.gender), s.age ? t(`${s.age}岁`, `${s.age} y`) : ''].filter(Boolean).join(' · ')}</div></td>
<td>${s.regionName || ''}<div class="sub">${s.distanceKm != null ? km(s.distanceKm) : ''}</div></td>
<td>${s.education ? label(EDUCATION, s.education) : ''}<div class="sub">${[s.schoolName, s.major].filter(Boolean).join(' · ')}${s.graduationYear ? ` · ${s.graduationYear}` : ''}</div></td>
<td>${s.mandarinLevel ? label(MANDARIN, s.mandarinLevel) : ''}</td><td>${s.typingSpeed != null ? s.typingSpeed : ''}</td><td>${(s.shifts || []).map((x) => label(SHIFT, x)).join('、')}</td>
<td><a class="btn small" href="#/talent/${s.id}">${t('查看档案', 'View')}</a></td></tr>`,
)}</tbody></table>`
    : html`<p class="empty">${t('没有符合条件的人才', 'Nobody matches')}</p>`
}
${pager(d.talentPool.total, offset, FIRST, link)}`,
      );
      onSubmit($<HTMLFormElement>('#tf', p.el)!, async (v) =>
        router.go(
          withQuery('/talent', {
            text: v.str('text'),
            km: v.str('km'),
            mandarin: v.str('mandarin'),
            typing: v.str('typing'),
            cat: v.str('cat'),
            year: v.str('year'),
          }),
        ),
      );
    },
  );
}

/** Where a profile opened from 推荐人选 goes back to (only that list: `?back=/postings/<id>/match?o=20`). */
const MATCH_BACK = /^\/postings\/[0-9a-f-]{36}\/match(\?o=\d+)?$/;

export function talentProfileScreen(params: { id: string }, q?: URLSearchParams): void {
  if (needSignIn()) return;
  const back = q && q.get('back');
  const fromMatch = !!back && MATCH_BACK.test(back);
  const p = page(t('人才档案', 'Profile'), fromMatch ? '/postings' : '/talent');
  void load(
    p,
    () => api.request<{ talentProfile: Seeker }>(`query($id:ID!){talentProfile(id:$id){${SEEKER_FIELDS}}}`, { id: params.id }),
    (d) =>
      mount(
        p.el,
        html`<div class="toolbar">${fromMatch ? html`<a href="#${back}">‹ ${t('返回推荐人选', 'Back to the candidates')}</a>` : html`<a href="#/talent">‹ ${t('返回人才库', 'Back to the pool')}</a>`}</div>${profileCard(d.talentProfile, d.talentProfile.phone ? undefined : html`<p class="hint">${t('完整手机号仅在求职者投递本企业且已授权共享时显示。', 'The full phone shows only for consenting applicants to your company.')}</p>`)}<p class="hint">${t('查看记录会告知求职者本人。', 'The seeker is told that your company viewed this profile.')}</p>`,
      ),
  );
}
