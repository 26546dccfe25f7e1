import { Client } from '../../shared/gql';
import { $, html, mount, Safe } from '../../shared/html';
import { t } from '../../shared/i18n';
import { Router } from '../../shared/router';
import { load, loading, Page } from '../../shared/ui';

export const api = new Client('tc.seeker');
export const router: Router = new Router(() => router.go('/'));

/** Cached `myProfile` (undefined = not loaded yet). */
export const state: { profile?: ProfileLite | null } = {};
export interface ProfileLite {
  id: string;
  name: string;
  sharedWithTenants: boolean;
}

export const signedIn = (): boolean => !!api.session;

export async function loadProfile(force = false): Promise<ProfileLite | null> {
  if (state.profile !== undefined && !force) return state.profile;
  const d = await api.request<{ myProfile: ProfileLite | null }>(`{myProfile{id name sharedWithTenants}}`);
  state.profile = d.myProfile;
  return d.myProfile;
}

const TABS: Array<[string, string, string, string]> = [
  ['/', 'jobs', '岗位', 'Jobs'],
  ['/applications', 'apps', '投递', 'Applied'],
  ['/messages', 'msgs', '消息', 'Messages'],
  ['/me', 'me', '我的', 'Me'],
];

/** Draws the shell once: top bar, the view, the bottom tabs. */
export function shell(): void {
  const root = $('#app')!;
  mount(
    root,
    html`<header class="bar"><a class="back" id="back" href="#/" hidden aria-label="${t('返回', 'Back')}">‹</a><h1 id="title"></h1></header>
<main id="view"></main>
<nav class="tabs" id="tabs">${TABS.map(([href, id, zh, en]) => html`<a href="#${href}" data-tab="${id}"><i class="ic ic-${id}"></i><span>${t(zh, en)}</span></a>`)}</nav>`,
  );
}

export type { Page };
export { load };

/** Starts a screen: title, optional back link, the active tab. */
export function page(title: string, opts: { back?: string; tab?: string } = {}): Page {
  const seq = router.seq;
  document.title = `${title} · ${t('乌兰察布云人才', 'Ulanqab Talent Cloud')}`;
  $('#title')!.textContent = title;
  const back = $<HTMLAnchorElement>('#back')!;
  back.hidden = !opts.back;
  back.href = '#' + (opts.back || '/');
  for (const a of Array.from(document.querySelectorAll('#tabs a'))) a.classList.toggle('on', a.getAttribute('data-tab') === opts.tab);
  const el = $('#view')!;
  mount(el, loading());
  window.scrollTo(0, 0);
  return { el, live: () => router.seq === seq };
}

/** The current route with its query (`/check-in?s=…&c=…`): where to come back to after signing in. */
export const route = (): string => location.hash.replace(/^#/, '') || '/';

/** Sends signed-out users to the sign-in screen, then back here (query kept: a check-in link carries its code there). */
export function needSignIn(): boolean {
  if (signedIn()) return false;
  router.go('/login?next=' + encodeURIComponent(route()));
  return true;
}

export const nextOf = (q: URLSearchParams): string => {
  const n = q.get('next') || '/';
  return n.charAt(0) === '/' ? n : '/';
};

export const empty = (msg: string): Safe => html`<p class="empty">${msg}</p>`;
