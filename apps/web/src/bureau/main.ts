// The HR bureau's desk 人社局补贴审核 (issue 10 §4): Vue 3 + Element Plus, hash routes, zh-CN first.
import { createApp } from 'vue';
import App from './App.vue';
import { i18n } from './i18n';
import { router } from './router';
import '../shared/vue/console.css';
import './style.css';

createApp(App).use(i18n).use(router).mount('#app');
