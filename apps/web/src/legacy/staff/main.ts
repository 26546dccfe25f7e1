import { checkinScreen, displayScreen } from './checkin';
import { api, home, router, shell } from './core';
import { importScreen, importsScreen } from './imports';
import { internshipScreen, internshipsScreen, internshipStatsScreen, newInternshipScreen } from './internships';
import { loginScreen } from './login';
import { newOrderClassScreen, orderClassesScreen, orderClassScreen } from './order-classes';
import { newClassScreen, trainingListScreen, trainingStatsScreen } from './training';
import { trainingClassScreen } from './training-class';

/** 工作人员页面 /staff/: school admins import graduate lists and run order classes (订单班) and internships (实习实训); training operators show the room's check-in QR and run classes (培训管理). */
shell();
api.onSignedOut = () => {
  if (router.path !== '/login') router.go('/login');
};
router
  .on('/', () => router.go(home()))
  .on('/login', loginScreen)
  .on('/imports', importsScreen)
  .on('/imports/:id', importScreen as never)
  .on('/order-classes', orderClassesScreen)
  .on('/order-classes/new', newOrderClassScreen)
  .on('/order-classes/:id', orderClassScreen as never)
  .on('/internships', internshipsScreen)
  .on('/internships/new', newInternshipScreen)
  .on('/internships/stats', internshipStatsScreen)
  .on('/internships/:id', internshipScreen as never)
  .on('/checkin', checkinScreen)
  .on('/checkin/:classId/:sessionId', displayScreen as never)
  .on('/training', trainingListScreen)
  .on('/training/new', newClassScreen)
  .on('/training/stats', trainingStatsScreen)
  .on('/training/:id', trainingClassScreen as never)
  .start();
