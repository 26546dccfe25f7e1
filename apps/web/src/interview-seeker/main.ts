// The seeker's video interview page (/interview/seeker.html, phone first): Vue 3 + Vant 4.
import { createApp } from 'vue';
import App from './App.vue';
import { i18n } from './i18n';

createApp(App).use(i18n).mount('#app');
