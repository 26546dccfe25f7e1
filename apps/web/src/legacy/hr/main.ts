import { $ } from '../../shared/html';
import { onClick } from '../../shared/ui';
import { applicationScreen, applicationsScreen } from './applications';
import { api, router, shell } from './core';
import { hiresScreen } from './hires';
import { loginScreen } from './login';
import { matchScreen } from './matching';
import { postingFormScreen, postingsScreen } from './postings';
import { talentProfileScreen, talentScreen } from './talent';

shell();
api.onSignedOut = () => {
  $('#company')!.textContent = '';
  if (router.path !== '/login') router.go('/login');
};
onClick($('#signout'), async () => {
  await api.signOut();
  $('#company')!.textContent = '';
  router.go('/login');
});
router
  .on('/', postingsScreen)
  .on('/login', loginScreen)
  .on('/postings', postingsScreen)
  .on('/postings/new', postingFormScreen as never)
  .on('/postings/:id/edit', postingFormScreen as never)
  .on('/postings/:id/match', matchScreen as never)
  .on('/applications', applicationsScreen)
  .on('/application/:id', applicationScreen as never)
  .on('/hires', hiresScreen)
  .on('/talent', talentScreen)
  .on('/talent/:id', talentProfileScreen as never)
  .start();
