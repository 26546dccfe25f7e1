import { $, html, mount } from '../../shared/html';
import { t } from '../../shared/i18n';
import { ApiError } from '../../shared/gql';
import { ferr, onSubmit } from '../../shared/ui';
import { api, loadCompany, page, router } from './core';

export function loginScreen(_p: unknown, q: URLSearchParams): void {
  const p = page(t('登录', 'Sign in'));
  mount(
    p.el,
    html`<form class="form narrow card" id="login" novalidate>
<h1>${t('企业HR登录', 'HR sign-in')}</h1>
<p class="form-err" hidden></p>
<label class="field"><span>${t('用户名', 'Username')}</span><input name="username" autocomplete="username" autofocus></label>${ferr('username')}
<label class="field"><span>${t('密码', 'Password')}</span><input name="password" type="password" autocomplete="current-password"></label>${ferr('password')}
<button type="submit" class="btn primary block">${t('登录', 'Sign in')}</button>
<p class="hint">${t('账号由基地人才服务中心开通。', 'Accounts are issued by the base talent service centre.')}</p></form>`,
  );
  onSubmit($<HTMLFormElement>('#login', p.el)!, async (v) => {
    const d = await api.request(`mutation($i:SignInWithPasswordInput!){signInWithPassword(input:$i){accessToken user{role displayName}}}`, {
      i: { username: v.str('username'), password: v.str('password') },
    });
    if (d.signInWithPassword.user.role !== 'HR') {
      // Not kept: revoke the session (and its cookie) this sign-in just opened.
      api.signedIn(d.signInWithPassword);
      await api.signOut();
      throw new ApiError(t('该账号不是企业HR账号', 'This is not an HR account'), 'FORBIDDEN');
    }
    api.signedIn(d.signInWithPassword);
    await loadCompany(true);
    const next = q.get('next') || '/postings';
    router.go(next.charAt(0) === '/' && next !== '/login' ? next : '/postings');
  });
}
