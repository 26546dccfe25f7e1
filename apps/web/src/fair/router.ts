// Hash routes of the fair app (served at /fair/): the hall's info wall, the entrance's check-in scanner, and the
// online booths (HR at a PC, the seeker on a phone).
import { createRouter, createWebHashHistory } from 'vue-router';
import { signedInAs } from './api';

export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/wall/:fairId', name: 'wall', component: () => import('./views/InfoWall.vue'), meta: { public: true, bare: true, title: 'wall.title' } },
    { path: '/login', name: 'login', component: () => import('./views/SignIn.vue'), meta: { public: true, title: 'login.title' } },
    { path: '/checkin/:fairId', name: 'checkin', component: () => import('./views/CheckIn.vue'), meta: { roles: ['OPERATOR'], title: 'checkin.title' } },
    { path: '/:rest(.*)*', name: 'none', component: () => import('./views/NotFound.vue'), meta: { public: true } },
  ],
});

router.beforeEach((to) => {
  const roles = to.meta.roles as string[] | undefined;
  if (roles && !signedInAs(...roles)) return { name: 'login', query: { next: to.fullPath, role: roles[0] } };
  return true;
});
