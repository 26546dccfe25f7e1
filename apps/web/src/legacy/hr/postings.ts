import { $, $$, checks, html, mount, options } from '../../shared/html';
import { t } from '../../shared/i18n';
import { dateTime, EDUCATION, entries, label, MANDARIN, POSTING_STATUS, salary, SHIFT, toFen, yuan } from '../../shared/format';
import { ApiError } from '../../shared/gql';
import { ferr, onClick, onSubmit, toast } from '../../shared/ui';
import { api, load, needSignIn, page, pager, router, withQuery } from './core';

interface Posting {
  id: string;
  title: string;
  description: string;
  headcount: number;
  openingsLeft: number;
  salaryMinFen: number;
  salaryMaxFen: number;
  shifts: string[];
  minEducation: string | null;
  minMandarinLevel: string | null;
  minTypingSpeed: number | null;
  status: string;
  updatedAt: string;
}
const FIELDS = `id title description headcount openingsLeft salaryMinFen salaryMaxFen shifts minEducation minMandarinLevel minTypingSpeed status updatedAt`;
const FIRST = 20;

/** Which status buttons a posting gets (the API enforces the same rule). */
const MOVES: Record<string, Array<[string, string, string]>> = {
  DRAFT: [
    ['OPEN', '发布', 'Open'],
    ['CLOSED', '关闭', 'Close'],
  ],
  OPEN: [['CLOSED', '关闭', 'Close']],
  FILLED: [
    ['OPEN', '重新开放', 'Reopen'],
    ['CLOSED', '关闭', 'Close'],
  ],
  CLOSED: [['OPEN', '重新开放', 'Reopen']],
};

export function postingsScreen(_p: unknown, q: URLSearchParams): void {
  if (needSignIn()) return;
  const p = page(t('岗位管理', 'Postings'), '/postings');
  const status = q.get('status') || '';
  const text = q.get('q') || '';
  const offset = parseInt(q.get('o') || '0', 10) || 0;
  const run = () =>
    load(
      p,
      () =>
        api.request<{ postings: { total: number; items: Posting[] } }>(
          `query($f:PostingFilterInput,$n:Int!,$o:Int!){postings(filter:$f,first:$n,offset:$o){total items{${FIELDS}}}}`,
          { f: { status: status || null, text: text || null }, n: FIRST, o: offset },
        ),
      (d) => {
        mount(
          p.el,
          html`<div class="toolbar"><h1>${t('岗位管理', 'Postings')}</h1><a class="btn primary" href="#/postings/new">${t('新建岗位', 'New posting')}</a></div>
<form class="filters" id="pf"><input name="q" type="search" value="${text}" placeholder="${t('岗位名称', 'Title')}">
<select name="status" aria-label="${t('岗位状态', 'Status')}">${options(entries(POSTING_STATUS), status, t('全部状态', 'All statuses'))}</select><button class="btn" type="submit">${t('筛选', 'Filter')}</button></form>
${
  d.postings.items.length
    ? html`<table class="table"><thead><tr><th>${t('岗位', 'Title')}</th><th>${t('状态', 'Status')}</th><th>${t('月薪', 'Salary')}</th><th>${t('招聘 / 剩余', 'Headcount / left')}</th><th>${t('更新时间', 'Updated')}</th><th>${t('操作', 'Actions')}</th></tr></thead><tbody>
${d.postings.items.map(
  (x) => html`<tr data-id="${x.id}"><td><b>${x.title}</b><div class="sub">${x.shifts.map((s) => label(SHIFT, s)).join(' / ')}</div></td>
<td><span class="badge st-${x.status}">${label(POSTING_STATUS, x.status)}</span></td><td>${salary(x.salaryMinFen, x.salaryMaxFen)}</td>
<td>${x.headcount} / ${x.openingsLeft}</td><td>${dateTime(x.updatedAt)}</td>
<td class="acts"><a href="#/postings/${x.id}/match">${t('推荐人选', 'Candidates')}</a> <a href="#/applications?posting=${x.id}">${t('查看投递', 'Applications')}</a> <a href="#/postings/${x.id}/edit">${t('编辑', 'Edit')}</a>
${(MOVES[x.status] || []).map(([to, zh, en]) => html` <button type="button" class="btn small set-status" data-id="${x.id}" data-to="${to}">${t(zh, en)}</button>`)}</td></tr>`,
)}</tbody></table>`
    : html`<p class="empty">${t('还没有岗位，点击“新建岗位”发布第一个。', 'No postings yet.')}</p>`
}
${pager(d.postings.total, offset, FIRST, (o) => withQuery('/postings', { status, q: text, o }))}`,
        );
        onSubmit($<HTMLFormElement>('#pf', p.el)!, async (v) => router.go(withQuery('/postings', { status: v.str('status'), q: v.str('q') })));
        for (const b of $$('.set-status', p.el))
          onClick(b, async () => {
            await api.request(`mutation($id:ID!,$s:PostingStatus!){setPostingStatus(id:$id,status:$s){id status}}`, {
              id: b.getAttribute('data-id'),
              s: b.getAttribute('data-to'),
            });
            toast(t('状态已更新', 'Status updated'));
            void run();
          });
      },
    );
  void run();
}

export function postingFormScreen(params: { id?: string }): void {
  if (needSignIn()) return;
  const id = params.id;
  const p = page(id ? t('编辑岗位', 'Edit posting') : t('新建岗位', 'New posting'), '/postings');
  void load(
    p,
    async () => (id ? (await api.request<{ posting: Posting }>(`query($id:ID!){posting(id:$id){${FIELDS}}}`, { id })).posting : null),
    (x) => {
      mount(
        p.el,
        html`<form class="form card wide" id="posting" novalidate>
<div class="row-between"><h1>${id ? t('编辑岗位', 'Edit posting') : t('新建岗位', 'New posting')}</h1>${id ? html`<span><a href="#/postings/${id}/match">${t('推荐人选', 'Candidates')}</a> · <a href="#/applications?posting=${id}">${t('查看投递', 'Applications')}</a></span>` : ''}</div>
${!id ? html`<p class="hint">${t('新建的岗位是草稿，发布后求职者才能看到。', 'New postings are drafts until you open them.')}</p>` : ''}
<p class="form-err" hidden></p>
<label class="field"><span>${t('岗位名称', 'Title')} <b class="req">*</b></span><input name="title" maxlength="80" value="${x ? x.title : ''}"></label>${ferr('title')}
<div class="grid3">
<div><label class="field"><span>${t('招聘人数', 'Headcount')} <b class="req">*</b></span><input name="headcount" inputmode="numeric" value="${x ? x.headcount : ''}"></label>${ferr('headcount')}</div>
<div><label class="field"><span>${t('月薪下限（元）', 'Salary from (yuan/month)')} <b class="req">*</b></span><input name="salaryMin" inputmode="decimal" value="${x ? yuan(x.salaryMinFen).replace(/,/g, '') : ''}"></label>${ferr('salaryMinFen')}</div>
<div><label class="field"><span>${t('月薪上限（元）', 'Salary to (yuan/month)')} <b class="req">*</b></span><input name="salaryMax" inputmode="decimal" value="${x ? yuan(x.salaryMaxFen).replace(/,/g, '') : ''}"></label>${ferr('salaryMaxFen')}</div>
</div>
<div class="field"><span>${t('班次', 'Shifts')}</span>${checks('shifts', entries(SHIFT), x ? x.shifts : [])}</div>${ferr('shifts')}
<div class="grid3">
<div><label class="field"><span>${t('最低学历', 'Minimum education')}</span><select name="minEducation">${options(entries(EDUCATION), x && x.minEducation, t('不限', 'Any'))}</select></label></div>
<div><label class="field"><span>${t('普通话最低等级', 'Minimum Mandarin level')}</span><select name="minMandarinLevel">${options(entries(MANDARIN), x && x.minMandarinLevel, t('不限', 'Any'))}</select></label></div>
<div><label class="field"><span>${t('打字速度（字/分）不低于', 'Typing speed at least')}</span><input name="minTypingSpeed" inputmode="numeric" value="${x && x.minTypingSpeed != null ? x.minTypingSpeed : ''}"></label>${ferr('minTypingSpeed')}</div>
</div>
<label class="field"><span>${t('岗位介绍', 'Description')}</span><textarea name="description" rows="6" maxlength="4000">${x ? x.description : ''}</textarea></label>${ferr('description')}
<div class="row"><button type="submit" class="btn primary">${t('保存', 'Save')}</button> <a class="btn link" href="#/postings">${t('取消', 'Cancel')}</a></div></form>`,
      );
      onSubmit($<HTMLFormElement>('#posting', p.el)!, async (v) => {
        const fen = (name: string, field: string) => {
          const n = toFen(v.str(name));
          if (isNaN(n)) throw new ApiError(t('请填写金额（元），如 3500', 'Enter an amount in yuan, e.g. 3500'), 'BAD_USER_INPUT', field);
          return n;
        };
        const int = (name: string, required: boolean) => {
          const n = v.int(name);
          if ((required && n === undefined) || (n !== undefined && isNaN(n)))
            throw new ApiError(t('请填写整数', 'Enter a whole number'), 'BAD_USER_INPUT', name);
          return n === undefined ? null : n;
        };
        const input = {
          title: v.str('title'),
          description: v.str('description'),
          headcount: int('headcount', true),
          salaryMinFen: fen('salaryMin', 'salaryMinFen'),
          salaryMaxFen: fen('salaryMax', 'salaryMaxFen'),
          shifts: v.all('shifts'),
          minEducation: v.opt('minEducation') || null,
          minMandarinLevel: v.opt('minMandarinLevel') || null,
          minTypingSpeed: int('minTypingSpeed', false),
        };
        if (id) await api.request(`mutation($id:ID!,$i:PostingInput!){updatePosting(id:$id,input:$i){id}}`, { id, i: input });
        else await api.request(`mutation($i:PostingInput!){createPosting(input:$i){id}}`, { i: input });
        toast(t('已保存', 'Saved'));
        router.go('/postings');
      });
    },
  );
}
