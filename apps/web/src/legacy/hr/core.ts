import { Client } from '../../shared/gql';
import { $, $$, html, mount, Safe } from '../../shared/html';
import { t } from '../../shared/i18n';
import { Router } from '../../shared/router';
import { load, loading, Page } from '../../shared/ui';

export const api = new Client('tc.hr');
export const router: Router = new Router(() => router.go('/postings'));

const NAV: Array<[string, string, string]> = [
  ['/postings', '岗位管理', 'Postings'],
  ['/applications', '投递管理', 'Applications'],
  ['/hires', '录用与合同', 'Hires'],
  ['/talent', '人才库', 'Talent pool'],
];

export function shell(): void {
  mount(
    $('#app')!,
    html`<header class="hr-bar"><b class="brand">${t('乌兰察布云人才 · 企业HR', 'Ulanqab Talent Cloud · HR')}</b>
<nav id="nav">${NAV.map(([href, zh, en]) => html`<a href="#${href}" data-nav="${href}">${t(zh, en)}</a>`)}</nav>
<span class="who"><span id="company"></span> <button type="button" class="btn small" id="signout" hidden>${t('退出', 'Sign out')}</button></span></header>
<main id="view" class="hr-main"></main>`,
  );
}

export type { Page };
export { load };

export function page(title: string, nav?: string): Page {
  const seq = router.seq;
  document.title = `${title} · ${t('企业HR', 'HR')}`;
  for (const a of $$('#nav a')) a.classList.toggle('on', a.getAttribute('data-nav') === nav);
  $('#nav')!.hidden = !api.session;
  $('#signout')!.hidden = !api.session;
  if (api.session) void loadCompany();
  const el = $('#view')!;
  mount(el, loading());
  return { el, live: () => router.seq === seq };
}

export function needSignIn(): boolean {
  if (api.session) return false;
  router.go('/login?next=' + encodeURIComponent(location.hash.replace(/^#/, '') || '/postings'));
  return true;
}

/** Previous/next links; `href(offset)` makes the target. */
export function pager(total: number, offset: number, first: number, href: (o: number) => string): Safe {
  if (total <= first) return html``;
  const pages = Math.ceil(total / first);
  const cur = Math.floor(offset / first) + 1;
  return html`<nav class="pager">${offset > 0 ? html`<a href="#${href(Math.max(0, offset - first))}">${t('上一页', 'Previous')}</a>` : ''}
<span>${t(`第 ${cur} / ${pages} 页，共 ${total} 条`, `Page ${cur} of ${pages}, ${total} in all`)}</span>
${offset + first < total ? html`<a href="#${href(offset + first)}">${t('下一页', 'Next')}</a>` : ''}</nav>`;
}

/** `/path?a=1&b=2` without empty values. */
export function withQuery(path: string, q: Record<string, string | number | undefined | null>): string {
  const s = Object.keys(q)
    .filter((k) => q[k] !== undefined && q[k] !== null && q[k] !== '' && q[k] !== 0)
    .map((k) => `${k}=${encodeURIComponent(String(q[k]))}`)
    .join('&');
  return s ? `${path}?${s}` : path;
}

/** The company name in the top bar (myTenant), fetched once per sign-in. */
let companyReq: Promise<void> | null = null;
export function loadCompany(force = false): Promise<void> {
  const el = $('#company');
  if (!el || !api.session) return Promise.resolve();
  if (!companyReq || force) {
    companyReq = api
      .request<{ myTenant: { name: string } }>(`{myTenant{name}}`)
      .then((d) => {
        el.textContent = d.myTenant.name;
      })
      .catch(() => {
        el.textContent = '';
        companyReq = null;
      });
  }
  return companyReq;
}
