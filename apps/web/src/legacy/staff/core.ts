import { Client } from '../../shared/gql';
import { $, $$, html, mount } from '../../shared/html';
import { lang, setLang, t } from '../../shared/i18n';
import { Router } from '../../shared/router';
import { load, loading, onClick, Page } from '../../shared/ui';

/** Staff app (院校就业办、培训运营): its own session, separate from the HR app's. */
export const api = new Client('tc.staff');
export const router: Router = new Router(() => router.go(home()));

export const SCHOOL_ADMIN = 'SCHOOL_ADMIN';
export const OPERATOR = 'OPERATOR';
/** Roles this app serves; the API decides what each may do (imports, order classes, internships: SCHOOL_ADMIN; check-in QR, training management: OPERATOR). */
export const STAFF_ROLES = [SCHOOL_ADMIN, OPERATOR];

const NAV: Array<[string, string, string, string]> = [
  ['/imports', SCHOOL_ADMIN, '毕业生名单导入', 'Graduate lists'],
  ['/order-classes', SCHOOL_ADMIN, '订单班', 'Order classes'],
  ['/internships', SCHOOL_ADMIN, '实习实训', 'Internships'],
  ['/checkin', OPERATOR, '课堂签到二维码', 'Check-in QR'],
  ['/training', OPERATOR, '培训管理', 'Training'],
];

export const role = (): string => (api.session ? api.session.role : '');
export const home = (): string => (role() === OPERATOR ? '/checkin' : role() === SCHOOL_ADMIN ? '/imports' : '/login');

export function shell(): void {
  mount(
    $('#app')!,
    html`<header class="hr-bar"><b class="brand">${t('乌兰察布云人才 · 工作人员', 'Ulanqab Talent Cloud · Staff')}</b>
<nav id="nav"></nav>
<span class="who"><span id="who"></span><button type="button" class="btn small" id="lang">${lang() === 'en' ? '中文' : 'English'}</button><button type="button" class="btn small" id="signout" hidden>${t('退出', 'Sign out')}</button></span></header>
<main id="view" class="hr-main"></main>`,
  );
  $('#lang')!.addEventListener('click', () => {
    setLang(lang() === 'en' ? 'zh' : 'en');
    shell();
    router.resolve();
  });
  onClick($('#signout'), async () => {
    await api.signOut();
    router.go('/login');
  });
}

export type { Page };
export { load };

export function page(title: string, nav?: string): Page {
  const seq = router.seq;
  document.title = `${title} · ${t('工作人员', 'Staff')}`;
  const signedIn = !!api.session;
  mount(
    $('#nav')!,
    html`${signedIn ? NAV.filter((n) => n[1] === role()).map(([href, , zh, en]) => html`<a href="#${href}" data-nav="${href}">${t(zh, en)}</a>`) : ''}`,
  );
  for (const a of $$('#nav a')) a.classList.toggle('on', a.getAttribute('data-nav') === nav);
  $('#signout')!.hidden = !signedIn;
  if (signedIn) loadWho();
  else $('#who')!.textContent = '';
  const el = $('#view')!;
  mount(el, loading());
  return { el, live: () => router.seq === seq };
}

/** The top bar's "who": the account's name, and for a school admin also the school's (fetched once per session). */
let who: { key: string; label: string } | null = null;
function loadWho(): void {
  const s = api.session!;
  const el = $('#who')!;
  const key = s.accessToken + s.role;
  if (who && who.key === key) {
    el.textContent = who.label;
    return;
  }
  el.textContent = s.name || '';
  if (s.role !== SCHOOL_ADMIN) return;
  who = { key, label: s.name || '' };
  api
    .request<{ me: { schoolId: string | null }; schools: Array<{ id: string; name: string }> }>(`{me{schoolId} schools{id name}}`)
    .then((d) => {
      const school = d.schools.find((x) => x.id === d.me.schoolId);
      if (!school || !who || who.key !== key) return;
      who.label = `${school.name} · ${s.name || ''}`;
      const now = $('#who');
      if (now) now.textContent = who.label;
    })
    .catch(() => {
      who = null;
    });
}

/** Sends to sign-in when signed out; shows a refusal when the account's role may not use this screen. */
export function needRole(need: string): boolean {
  const s = api.session;
  if (!s) {
    router.go('/login?next=' + encodeURIComponent(location.hash.replace(/^#/, '') || '/'));
    return true;
  }
  if (s.role === need) return false;
  if (STAFF_ROLES.includes(s.role)) {
    router.go(home());
    return true;
  }
  const p = page(t('无权访问', 'Not allowed'));
  mount(p.el, html`<div class="error-box" role="alert"><p>${roleRefusal(s.role)}</p></div>`);
  return true;
}

/** Why an account of `r` cannot use this app, and where to go instead. */
export function roleRefusal(r: string): string {
  if (r === 'HR') return t('企业HR账号请使用企业HR页面：/hr/', 'HR accounts use the HR app at /hr/');
  return t('该账号不能使用本页面（仅限院校管理员、培训运营人员）', 'This account cannot use these pages (school administrators and training operators only)');
}
