// HR's video interview page (/interview/hr.html, PC): Vue 3 + Element Plus, the scorecard beside the video.
import { createApp } from 'vue';
import App from './App.vue';
import { i18n } from './i18n';
import '../shared/vue/console.css';

createApp(App).use(i18n).mount('#app');
