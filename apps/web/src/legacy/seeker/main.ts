import { consentScreen } from './consent';
import { api, route, router, shell } from './core';
import { loginScreen } from './auth';
import { interviewsScreen } from './interviews';
import { jobScreen, jobsScreen } from './jobs';
import { applicationsScreen, deleteScreen, meScreen, messagesScreen, viewsScreen } from './mine';
import { profileScreen } from './profile';
import { schoolLinksScreen } from './school-links';
import { checkInScreen, trainingScreen } from './training';

shell();
api.onSignedOut = () => {
  const path = router.path;
  if (path !== '/login' && path !== '/' && path.indexOf('/job/') !== 0) router.go('/login?next=' + encodeURIComponent(route()));
};
router
  .on('/', jobsScreen)
  .on('/jobs', jobsScreen)
  .on('/job/:id', jobScreen as never)
  .on('/login', loginScreen)
  .on('/profile', profileScreen)
  .on('/consent', consentScreen)
  .on('/applications', applicationsScreen)
  .on('/interviews', interviewsScreen)
  .on('/messages', messagesScreen)
  .on('/views', viewsScreen)
  .on('/me', meScreen)
  .on('/delete', deleteScreen)
  .on('/training', trainingScreen)
  .on('/school-links', schoolLinksScreen)
  .on('/check-in', checkInScreen)
  .start();
