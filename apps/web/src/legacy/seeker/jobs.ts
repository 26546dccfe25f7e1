import { $, html, mount, Safe } from '../../shared/html';
import { t } from '../../shared/i18n';
import { date, EDUCATION, label, MANDARIN, salary, SHIFT, STAGE } from '../../shared/format';
import { ApiError } from '../../shared/gql';
import { errMsg, loading, onClick, onSubmit, showError, toast } from '../../shared/ui';
import { api, empty, load, page, router, signedIn } from './core';

interface Posting {
  id: string;
  title: string;
  description?: string;
  headcount?: number;
  openingsLeft: number;
  salaryMinFen: number;
  salaryMaxFen: number;
  shifts: string[];
  minEducation?: string | null;
  minMandarinLevel?: string | null;
  minTypingSpeed?: number | null;
  updatedAt: string;
  tenant: { name: string; seats?: number } | null;
}

const PAGE = 10;
const LIST = `query($f:PostingFilterInput,$n:Int!,$o:Int!){openPostings(filter:$f,first:$n,offset:$o){total hasMore items{id title openingsLeft salaryMinFen salaryMaxFen shifts updatedAt tenant{name}}}}`;

const tags = (shifts: string[]): Safe => html`${shifts.map((s) => html`<span class="tag">${label(SHIFT, s)}</span>`)}`;

type CardData = Pick<Posting, 'id' | 'title' | 'openingsLeft' | 'salaryMinFen' | 'salaryMaxFen' | 'shifts' | 'tenant'>;

/** A posting in a list; `extra` is appended inside the card (为你推荐 adds the fit line). */
function card(j: CardData, extra?: Safe): Safe {
  return html`<a class="card job" href="#/job/${j.id}">
<span class="row-between"><b class="title">${j.title}</b><span class="pay">${salary(j.salaryMinFen, j.salaryMaxFen)}</span></span>
<span class="sub">${j.tenant ? j.tenant.name : ''}</span>
<span class="row-between"><span>${tags(j.shifts)}</span><span class="sub">${t(`招 ${j.openingsLeft} 人`, `${j.openingsLeft} openings`)}</span></span>${extra}</a>`;
}

/** jobsForMe: open postings ranked for the signed-in seeker, with what they still lack. */
interface Match extends Omit<CardData, 'id' | 'tenant'> {
  postingId: string;
  tenantName: string | null;
  meetsAll: boolean;
  shiftMatch: boolean;
  missing: Array<{ message: string; messageEn: string }>;
}
const FOR_ME = `query($n:Int!,$o:Int!){jobsForMe(first:$n,offset:$o){total hasMore items{postingId title tenantName salaryMinFen salaryMaxFen shifts openingsLeft meetsAll shiftMatch missing{message messageEn}}}}`;

const fitCard = (m: Match): Safe =>
  card(
    { ...m, id: m.postingId, tenant: m.tenantName ? { name: m.tenantName } : null },
    html`<span class="fit">${
      m.meetsAll
        ? html`<b class="ok">✓ ${t('符合要求', 'You qualify')}</b>`
        : html`<span class="gap">${t('还差：', 'Missing: ')}${m.missing.map((g) => t(g.message, g.messageEn)).join(t('；', '; '))}</span>`
    }<span class="sm${m.shiftMatch ? ' on' : ''}">${m.shiftMatch ? t('班次合适', 'Shift fits') : t('班次不符', 'Other shifts')}</span></span>`,
  );

const TABS: Array<[string, string, string]> = [
  ['rec', '为你推荐', 'For you'],
  ['all', '全部岗位', 'All jobs'],
];
/** The board's tab last chosen (back from a job returns to it); 为你推荐 first for a signed-in seeker. */
let view = 'rec';

/**
 * The job board, 10 at a time with "load more" (one small request per page). Signed in: 为你推荐 (jobsForMe,
 * best fit first, each with what the seeker still lacks) and 全部岗位 (search + every open posting).
 */
export function jobsScreen(_p: unknown, q: URLSearchParams): void {
  const text = q.get('q') || '';
  const tab = q.get('tab');
  if (text) view = 'all';
  else if (tab) view = tab;
  const me = signedIn();
  const rec = me && view !== 'all';
  const p = page(t('招聘岗位', 'Jobs'), { tab: 'jobs' });
  mount(
    p.el,
    html`${
      me
        ? html`<nav class="jfm-tabs">${TABS.map(([k, zh, en]) => html`<a href="#/?tab=${k}"${(k === 'rec') === rec ? html` class="on" aria-current="page"` : ''}>${t(zh, en)}</a>`)}</nav>`
        : html`<p class="jfm-in">${t('登录后为您推荐合适的岗位', 'Sign in to see jobs picked for you')} <a href="#/login?next=%2F%3Ftab%3Drec">${t('登录', 'Sign in')}</a></p>`
    }
${rec ? '' : html`<form class="search" id="search" role="search"><input name="q" type="search" value="${text}" placeholder="${t('搜索岗位名称，如 客服', 'Search job titles')}" aria-label="${t('搜索', 'Search')}"><button class="btn" type="submit">${t('搜索', 'Search')}</button></form>`}
<p class="sub" id="total"></p><div id="jobs"${rec ? html` class="jfm"` : ''}></div><div id="more"></div>`,
  );
  const form = $<HTMLFormElement>('#search', p.el);
  if (form) onSubmit(form, async (v) => router.go(v.str('q') ? '/?q=' + encodeURIComponent(v.str('q')) : '/?tab=all'));
  const list = $('#jobs', p.el)!;
  const more = $('#more', p.el)!;
  let offset = 0;
  const next = async (): Promise<void> => {
    mount(more, loading());
    try {
      const pg = rec
        ? (await api.request(FOR_ME, { n: PAGE, o: offset })).jobsForMe
        : (await api.request(LIST, { f: text ? { text } : null, n: PAGE, o: offset })).openPostings;
      if (!p.live()) return;
      offset += pg.items.length;
      $('#total', p.el)!.textContent = rec
        ? t(`共 ${pg.total} 个岗位，最合适的在前`, `${pg.total} jobs, best fit first`)
        : t(`共 ${pg.total} 个岗位在招`, `${pg.total} open jobs`);
      list.insertAdjacentHTML('beforeend', html`${pg.items.map((j: Match & Posting) => (rec ? fitCard(j) : card(j)))}`.s);
      if (!pg.total) mount(list, empty(text ? t('没有找到相关岗位，换个关键词试试', 'No matching jobs') : t('暂时没有在招岗位', 'No open jobs right now')));
      mount(more, pg.hasMore ? html`<button type="button" class="btn block" id="next">${t('加载更多', 'Load more')}</button>` : html``);
      onClick($('#next', more), next);
    } catch (e) {
      if (!p.live()) return;
      if (rec && e instanceof ApiError && e.code === 'NO_PROFILE') {
        mount(more, html``);
        mount(
          list,
          html`<div class="card jfm-np"><p>${t('完善求职档案后，按您的条件推荐岗位，并提示还差什么。', 'Complete your profile to see jobs picked for you and what you still need.')}</p>
<a class="btn primary block" href="#/profile?first=1&amp;next=%2F%3Ftab%3Drec">${t('完善档案', 'Complete profile')}</a></div>`,
        );
      } else if (rec && !signedIn())
        router.resolve(); // the session ended: the public board
      else showError(more, e, () => void next());
    }
  };
  void next();
}

/** One posting; `#/job/<id>` is what a fair booth's QR code points to. */
export function jobScreen(params: { id: string }): void {
  const p = page(t('岗位详情', 'Job'), { back: '/', tab: 'jobs' });
  const id = params.id;
  void load(
    p,
    async () => {
      const [d, mine] = await Promise.all([
        api.request<{ openPosting: Posting }>(
          `query($id:ID!){openPosting(id:$id){id title description headcount openingsLeft salaryMinFen salaryMaxFen shifts minEducation minMandarinLevel minTypingSpeed updatedAt tenant{name seats}}}`,
          { id },
        ),
        signedIn()
          ? api.request<{ myApplications: Array<{ id: string; postingId: string; stage: string }> }>(`{myApplications{id postingId stage}}`).catch(() => null)
          : Promise.resolve(null),
      ]);
      const applied = mine ? mine.myApplications.find((a) => a.postingId === id && a.stage !== 'WITHDRAWN') : undefined;
      return { j: d.openPosting, applied };
    },
    ({ j, applied }) => {
      const req: Safe[] = [];
      if (j.minEducation) req.push(html`<li>${t('学历', 'Education')}：${label(EDUCATION, j.minEducation)}${t('及以上', ' or above')}</li>`);
      if (j.minMandarinLevel) req.push(html`<li>${t('普通话', 'Mandarin')}：${label(MANDARIN, j.minMandarinLevel)}${t('及以上', ' or above')}</li>`);
      if (j.minTypingSpeed) req.push(html`<li>${t('打字', 'Typing')}：${t(`每分钟 ${j.minTypingSpeed} 字以上`, `${j.minTypingSpeed}+ characters/min`)}</li>`);
      document.title = `${j.title} · ${j.tenant ? j.tenant.name : ''}`;
      mount(
        p.el,
        html`<article class="card detail">
<h2>${j.title}</h2><p class="pay big">${salary(j.salaryMinFen, j.salaryMaxFen)}</p>
<p><b>${j.tenant ? j.tenant.name : ''}</b>${j.tenant && j.tenant.seats ? html` <span class="sub">· ${t(`${j.tenant.seats} 个坐席`, `${j.tenant.seats} seats`)}</span>` : ''}</p>
<p>${tags(j.shifts)} <span class="sub">${t(`招 ${j.headcount} 人，剩余 ${j.openingsLeft} 个名额`, `${j.headcount} wanted, ${j.openingsLeft} left`)}</span></p>
${req.length ? html`<h3>${t('任职要求', 'Requirements')}</h3><ul class="plain">${req}</ul>` : ''}
${j.description ? html`<h3>${t('岗位介绍', 'About the job')}</h3><p class="pre">${j.description}</p>` : ''}
<p class="sub">${t('更新于', 'Updated')} ${date(j.updatedAt)}</p>
</article>
<div class="actions sticky" id="act"></div>`,
      );
      const act = $('#act', p.el)!;
      const drawAct = (stage?: string) => {
        mount(
          act,
          stage
            ? html`<p class="done">${t('您已投递此岗位，当前进度：', 'You applied. Stage: ')}<b>${label(STAGE, stage)}</b><br><a href="#/applications">${t('查看我的投递', 'My applications')}</a></p>`
            : html`<button type="button" class="btn primary block" id="apply">${t('投递简历', 'Apply')}</button>`,
        );
        onClick($('#apply', act), apply);
      };
      const apply = async () => {
        if (!signedIn()) {
          router.go('/login?next=' + encodeURIComponent('/job/' + id));
          return;
        }
        try {
          const r = await api.request(`mutation($p:ID!){apply(postingId:$p){id stage}}`, { p: id });
          toast(t('投递成功，企业会尽快联系您', 'Applied. The company will contact you soon.'));
          drawAct(r.apply.stage);
        } catch (e) {
          if (e instanceof ApiError && e.code === 'NO_PROFILE') {
            toast(errMsg(e));
            router.go('/profile?first=1&next=' + encodeURIComponent('/job/' + id));
          } else if (e instanceof ApiError && e.code === 'ALREADY_APPLIED') toast(errMsg(e));
          else throw e;
        }
      };
      drawAct(applied && applied.stage);
    },
  );
}
