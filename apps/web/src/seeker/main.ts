// The seeker phone app (Vue 3 + Vant 4). The entry carries no stylesheet link: the page's own CSS is injected from
// here, and Vant's comes with the lazily loaded screens, so the shell in index.html paints as soon as the HTML is in
// (nothing render-blocking on a slow 3G link) and the app replaces it when it mounts.
import { createApp } from 'vue';
import { Locale } from 'vant/es/locale'; // not the 'vant' barrel: that would pull every component used anywhere into the entry
import enUS from 'vant/es/locale/lang/en-US';
import { lang } from '../shared/i18n';
import App from './App.vue';
import { api, syncSession } from './api';
import { i18n } from './i18n';
import { router } from './router';
import css from './seeker.css?inline';

const style = document.createElement('style');
style.textContent = css;
document.head.appendChild(style);
if (lang() === 'en') Locale.use('en-US', enUS);

// The API ended the session (expired refresh token, account deleted elsewhere): screens that need it go to 登录.
api.onSignedOut = () => {
  syncSession();
  const r = router.currentRoute.value;
  if (r.meta.seeker?.auth) void router.push({ path: '/login', query: { next: r.fullPath } });
};

createApp(App).use(router).use(i18n).mount('#app');
