// Hash routes (the API serves one HTML per app at /bureau/); every screen but the sign-in needs an AUDITOR session.
import { createRouter, createWebHashHistory } from 'vue-router';
import { signedIn } from './api';

export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', redirect: '/claims' },
    { path: '/login', name: 'login', component: () => import('./views/SignInView.vue'), meta: { public: true, title: 'login.title' } },
    { path: '/claims', name: 'claims', component: () => import('./views/ClaimsView.vue'), meta: { title: 'claims.title' } },
    { path: '/claims/:id', name: 'claim', component: () => import('./views/ClaimView.vue'), meta: { title: 'claims.title' } },
    { path: '/publicity', name: 'publicity', component: () => import('./views/PublicityView.vue'), meta: { title: 'publicity.title' } },
    { path: '/double-dipping', name: 'dip', component: () => import('./views/DoubleDippingView.vue'), meta: { title: 'dip.title' } },
    { path: '/dashboard', name: 'dashboard', component: () => import('./views/DashboardView.vue'), meta: { title: 'dash.title' } },
    { path: '/batches', name: 'batches', component: () => import('./views/BatchesView.vue'), meta: { title: 'batches.title' } },
    { path: '/batches/:id', name: 'batch', component: () => import('./views/BatchView.vue'), meta: { title: 'batches.title' } },
    { path: '/recoveries', name: 'recoveries', component: () => import('./views/RecoveriesView.vue'), meta: { title: 'recoveries.title' } },
    { path: '/retention', name: 'retention', component: () => import('./views/RetentionView.vue'), meta: { title: 'retention.title' } },
    { path: '/category-lists', name: 'lists', component: () => import('./views/CategoryListsView.vue'), meta: { title: 'lists.title' } },
    { path: '/figures', name: 'figures', component: () => import('./views/FiguresView.vue'), meta: { title: 'figures.title' } },
    { path: '/:rest(.*)*', redirect: '/' },
  ],
});

router.beforeEach((to) => {
  if (!to.meta.public && !signedIn()) return { name: 'login', query: to.fullPath !== '/' ? { next: to.fullPath } : {} };
  if (to.name === 'login' && signedIn()) return '/';
  return true;
});
