// The fair pages 招聘会 (issue 11): info wall, check-in, online booths. Vue 3 + Element Plus, hash routes, zh-CN first.
import { createApp } from 'vue';
import App from './App.vue';
import { i18n } from './i18n';
import { router } from './router';
import '../shared/vue/console.css';
import './style.css';

createApp(App).use(i18n).use(router).mount('#app');
