// 工作人员页面 /staff/: school admins import graduate lists and run order classes (订单班) and internships (实习实训);
// training operators show the room's check-in QR and run classes (培训管理).
import { createApp } from 'vue';
import App from './App.vue';
import { i18n } from './i18n';
import { router } from './router';
import './staff.css';

createApp(App).use(i18n).use(router).mount('#app');
