// The staff app's shell texts (zh-CN first, English); the screens' own texts sit beside them as t(zh, en).
import { createAppI18n } from '../shared/vue/i18n';

const zh = {
  brand: '乌兰察布云人才 · 工作人员',
  staff: '工作人员',
  nav: { imports: '毕业生名单导入', orderClasses: '订单班', internships: '实习实训', checkin: '课堂签到二维码', training: '培训管理' },
  navLabel: '主导航',
  lang: 'English',
  signOut: '退出',
  denied: '无权访问',
};
const en: typeof zh = {
  brand: 'Ulanqab Talent Cloud · Staff',
  staff: 'Staff',
  nav: { imports: 'Graduate lists', orderClasses: 'Order classes', internships: 'Internships', checkin: 'Check-in QR', training: 'Training' },
  navLabel: 'Main',
  lang: '中文',
  signOut: 'Sign out',
  denied: 'Not allowed',
};

export const i18n = createAppI18n({ 'zh-CN': zh, en });
