// Hash routes (the API serves one index.html), each screen loaded when first opened. `auth`: signed-out visitors
// go to 登录 first and come back (with the query: a check-in link keeps its code). `title`: the header's;
// `tab`: the bottom tab lit; `back`: the header's back link.
import { createRouter, createWebHashHistory, type RouteLocationNormalized } from 'vue-router';
import { t } from '../shared/i18n';
import { session, syncSession } from './api';
// The board is where almost every visit starts (and what a fair's QR poster leads back to): it comes with the entry,
// one round trip less on 3G than a lazy chunk. It uses no Vant component, so the entry still has no stylesheet.
import Jobs from './views/JobsView.vue';

type Title = readonly [string, string] | ((r: RouteLocationNormalized) => readonly [string, string]);
/** The seeker screens' route meta (under its own key: RouteMeta is one interface for every app type-checked together). */
export interface SeekerMeta {
  title?: Title;
  tab?: 'jobs' | 'apps' | 'msgs' | 'me';
  back?: string | ((r: RouteLocationNormalized) => string | undefined);
  auth?: boolean;
}
declare module 'vue-router' {
  interface RouteMeta {
    seeker?: SeekerMeta;
  }
}

const first = (r: RouteLocationNormalized) => r.query.first === '1';

export const router = createRouter({
  history: createWebHashHistory(),
  scrollBehavior: () => ({ top: 0 }),
  routes: [
    { path: '/', component: Jobs, meta: { seeker: { title: ['招聘岗位', 'Jobs'], tab: 'jobs' } } },
    { path: '/jobs', redirect: (r) => ({ path: '/', query: r.query }) },
    { path: '/job/:id', component: () => import('./views/JobView.vue'), meta: { seeker: { title: ['岗位详情', 'Job'], tab: 'jobs', back: '/' } } },
    { path: '/login', component: () => import('./views/LoginView.vue'), meta: { seeker: { title: ['登录', 'Sign in'] } } },
    {
      path: '/profile',
      component: () => import('./views/ProfileView.vue'),
      meta: {
        seeker: {
          auth: true,
          tab: 'me',
          title: (r) => (first(r) ? ['建立求职档案', 'Create your profile'] : ['我的资料', 'My profile']),
          back: (r) => (first(r) ? undefined : '/me'),
        },
      },
    },
    {
      path: '/consent',
      component: () => import('./views/ConsentView.vue'),
      meta: { seeker: { auth: true, tab: 'me', title: ['授权共享', 'Sharing consent'], back: (r) => (first(r) ? undefined : '/me') } },
    },
    {
      path: '/applications',
      component: () => import('./views/ApplicationsView.vue'),
      meta: { seeker: { auth: true, tab: 'apps', title: ['我的投递', 'My applications'] } },
    },
    {
      path: '/interviews',
      component: () => import('./views/InterviewsView.vue'),
      meta: { seeker: { auth: true, tab: 'me', title: ['我的面试', 'My interviews'], back: '/me' } },
    },
    { path: '/messages', component: () => import('./views/MessagesView.vue'), meta: { seeker: { auth: true, tab: 'msgs', title: ['我的消息', 'Messages'] } } },
    {
      path: '/views',
      component: () => import('./views/ViewsView.vue'),
      meta: { seeker: { auth: true, tab: 'me', title: ['谁看过我', 'Who viewed me'], back: '/me' } },
    },
    { path: '/me', component: () => import('./views/MeView.vue'), meta: { seeker: { auth: true, tab: 'me', title: ['我的', 'Me'] } } },
    {
      path: '/delete',
      component: () => import('./views/DeleteView.vue'),
      meta: { seeker: { auth: true, tab: 'me', title: ['注销账号', 'Delete account'], back: '/me' } },
    },
    {
      path: '/training',
      component: () => import('./views/TrainingView.vue'),
      meta: { seeker: { auth: true, tab: 'me', title: ['我的培训', 'My training'], back: '/me' } },
    },
    {
      path: '/school-links',
      component: () => import('./views/SchoolLinksView.vue'),
      meta: { seeker: { auth: true, tab: 'me', title: ['我的院校', 'My schools'], back: '/me' } },
    },
    {
      path: '/check-in',
      component: () => import('./views/CheckInView.vue'),
      meta: { seeker: { auth: true, tab: 'me', title: ['培训签到', 'Training check-in'], back: '/training' } },
    },
    {
      path: '/fair',
      component: () => import('./views/SaturdayFairView.vue'),
      meta: { seeker: { auth: true, tab: 'jobs', title: ['本周六招聘会', 'This Saturday’s fair'], back: '/' } },
    },
    {
      path: '/queue/:boothId',
      component: () => import('./views/BoothQueueView.vue'),
      meta: { seeker: { auth: true, tab: 'jobs', title: ['线上展位排队', 'Online booth queue'], back: '/fair' } },
    },
    { path: '/:rest(.*)*', redirect: '/' },
  ],
});

router.beforeEach((to) => {
  // The session may have changed in another tab (or by a test) since the last screen: read it again.
  syncSession();
  if (to.meta.seeker?.auth && !session.signedIn) return { path: '/login', query: { next: to.fullPath } };
});

/** The header's title of a route, in the current language. */
export function titleOf(r: RouteLocationNormalized): string {
  const m = r.meta.seeker?.title;
  const pair = typeof m === 'function' ? m(r) : m;
  return pair ? t(pair[0], pair[1]) : '';
}
export function backOf(r: RouteLocationNormalized): string | undefined {
  const b = r.meta.seeker?.back;
  return typeof b === 'function' ? b(r) : b;
}
