import { createRouter, createWebHashHistory, type RouteLocationNormalized } from 'vue-router';
import { api } from './api';

/** Hash routes, the same paths as the legacy HR app (links in notifications and tests point at them). */
export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', redirect: '/postings' },
    { path: '/login', component: () => import('./views/LoginView.vue'), meta: { public: true } },
    { path: '/postings', component: () => import('./views/PostingsView.vue'), meta: { nav: '/postings' } },
    { path: '/postings/new', component: () => import('./views/PostingFormView.vue'), meta: { nav: '/postings' } },
    { path: '/postings/:id/edit', component: () => import('./views/PostingFormView.vue'), meta: { nav: '/postings' } },
    { path: '/postings/:id/match', component: () => import('./views/MatchView.vue'), meta: { nav: '/postings' } },
    { path: '/applications', component: () => import('./views/ApplicationsView.vue'), meta: { nav: '/applications' } },
    { path: '/application/:id', component: () => import('./views/ApplicationView.vue'), meta: { nav: '/applications' } },
    { path: '/hires', component: () => import('./views/HiresView.vue'), meta: { nav: '/hires' } },
    { path: '/talent', component: () => import('./views/TalentView.vue'), meta: { nav: '/talent' } },
    { path: '/talent/:id', component: () => import('./views/TalentProfileView.vue'), meta: { nav: '/talent' } },
    { path: '/fairs', component: () => import('./views/FairBoothsView.vue'), meta: { nav: '/fairs' } },
    { path: '/booth/:boothId', component: () => import('./views/BoothQueueView.vue'), meta: { nav: '/fairs' } },
    { path: '/subsidies', component: () => import('./views/SubsidiesView.vue'), meta: { nav: '/subsidies' } },
    { path: '/:rest(.*)*', redirect: '/postings' },
  ],
});

router.beforeEach((to: RouteLocationNormalized) => {
  // Already signed in (a bookmarked or stale sign-in link): go where the link meant to go, not to the form again.
  if (to.path === '/login' && api.session) {
    const next = q(to, 'next');
    return next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/postings';
  }
  if (to.meta.public || api.session) return true;
  return { path: '/login', query: { next: to.fullPath } };
});

/** A query parameter as one string ('' when missing). */
export const q = (route: RouteLocationNormalized, name: string): string => {
  const v = route.query[name];
  return typeof v === 'string' ? v : '';
};

/** A query parameter as a non-negative offset. */
export const offsetOf = (route: RouteLocationNormalized): number => Math.max(0, parseInt(q(route, 'o'), 10) || 0);

/** `/path?a=1&b=2` without empty values (and without o=0). */
export function withQuery(path: string, query: Record<string, string | number | undefined | null>): string {
  const s = Object.keys(query)
    .filter((k) => query[k] !== undefined && query[k] !== null && query[k] !== '' && query[k] !== 0)
    .map((k) => `${k}=${encodeURIComponent(String(query[k]))}`)
    .join('&');
  return s ? `${path}?${s}` : path;
}
