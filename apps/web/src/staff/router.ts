// The staff app's screens (hash history: the API serves one page at /staff/). Each screen names the role that may
// use it; signed out → sign-in (and back after), the other staff role → its own home, any other role → a refusal.
import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router';
import { t } from '../shared/i18n';
import { api, home, OPERATOR, SCHOOL_ADMIN, STAFF_ROLES } from './api';

/** What a staff screen says about itself (namespaced: the Vue apps are type-checked together). */
export interface StaffMeta {
  role?: string;
  title: [zh: string, en: string];
  /** The nav entry to mark. */
  nav?: string;
}
declare module 'vue-router' {
  interface RouteMeta {
    staff?: StaffMeta;
  }
}

const school = (path: string, component: RouteRecordRaw['component'], title: [string, string], nav: string): RouteRecordRaw =>
  ({ path, component, meta: { staff: { role: SCHOOL_ADMIN, title, nav } } }) as RouteRecordRaw;
const operator = (path: string, component: RouteRecordRaw['component'], title: [string, string], nav: string): RouteRecordRaw =>
  ({ path, component, meta: { staff: { role: OPERATOR, title, nav } } }) as RouteRecordRaw;

const routes: RouteRecordRaw[] = [
  { path: '/', redirect: () => home() },
  { path: '/login', component: () => import('./views/StaffLogin.vue'), meta: { staff: { title: ['登录', 'Sign in'] } } },
  { path: '/denied', component: () => import('./views/NotAllowed.vue'), meta: { staff: { title: ['无权访问', 'Not allowed'] } } },
  school('/imports', () => import('./views/ImportList.vue'), ['毕业生名单导入', 'Graduate lists'], '/imports'),
  school('/imports/:id', () => import('./views/ImportReport.vue'), ['导入进度', 'Import progress'], '/imports'),
  school('/order-classes', () => import('./views/OrderClasses.vue'), ['订单班', 'Order classes'], '/order-classes'),
  school('/order-classes/new', () => import('./views/NewOrderClass.vue'), ['新建订单班', 'New order class'], '/order-classes'),
  school('/order-classes/:id', () => import('./views/OrderClass.vue'), ['订单班', 'Order class'], '/order-classes'),
  school('/internships', () => import('./views/InternshipList.vue'), ['实习实训', 'Internships'], '/internships'),
  school('/internships/new', () => import('./views/NewInternship.vue'), ['安排实习', 'New placement'], '/internships'),
  school('/internships/stats', () => import('./views/InternshipStats.vue'), ['实习统计', 'Internship figures'], '/internships'),
  school('/internships/:id', () => import('./views/InternshipMonths.vue'), ['实习记录', 'Internship'], '/internships'),
  operator('/checkin', () => import('./views/CheckinPick.vue'), ['课堂签到二维码', 'Check-in QR'], '/checkin'),
  operator('/checkin/:classId/:sessionId', () => import('./views/CheckinRoom.vue'), ['签到二维码', 'Check-in QR'], '/checkin'),
  operator('/training', () => import('./views/TrainingList.vue'), ['培训管理', 'Training'], '/training'),
  operator('/training/new', () => import('./views/NewClass.vue'), ['新建培训班', 'New training class'], '/training'),
  operator('/training/stats', () => import('./views/TrainingStats.vue'), ['培训统计', 'Training figures'], '/training'),
  operator('/training/:id', () => import('./views/TrainingClass.vue'), ['培训班', 'Training class'], '/training'),
  { path: '/:rest(.*)*', redirect: () => home() },
];

export const router = createRouter({ history: createWebHashHistory(), routes });

router.beforeEach((to) => {
  const need = to.meta.staff?.role;
  if (!need) return true;
  const s = api.session;
  if (!s) return { path: '/login', query: { next: to.fullPath } };
  if (s.role === need) return true;
  if (STAFF_ROLES.includes(s.role)) return home();
  return { path: '/denied', replace: true };
});

router.afterEach((to) => {
  const [zh, en] = to.meta.staff?.title ?? ['工作人员', 'Staff'];
  document.title = `${t(zh, en)} · ${t('工作人员', 'Staff')}`;
});

api.onSignedOut = () => {
  if (router.currentRoute.value.path !== '/login') void router.push('/login');
};
