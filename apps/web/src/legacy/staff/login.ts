import { $, html, mount } from '../../shared/html';
import { t } from '../../shared/i18n';
import { ApiError } from '../../shared/gql';
import { ferr, onSubmit } from '../../shared/ui';
import { api, home, page, roleRefusal, router, STAFF_ROLES } from './core';

interface SignedIn {
  accessToken: string;
  user: { role: string; displayName: string };
}

export function loginScreen(_p: unknown, q: URLSearchParams): void {
  const p = page(t('登录', 'Sign in'));
  mount(
    p.el,
    html`<form class="form narrow card" id="login" novalidate>
<h1>${t('工作人员登录', 'Staff sign-in')}</h1>
<p class="hint">${t('院校就业办（毕业生名单导入）、培训运营（培训班、出勤、考核与课堂签到二维码）', 'School employment offices (graduate lists) and training staff (classes, attendance, assessments, check-in QR)')}</p>
<p class="form-err" role="alert" hidden></p>
<label class="field"><span>${t('用户名', 'Username')}</span><input name="username" autocomplete="username" autofocus></label>${ferr('username')}
<label class="field"><span>${t('密码', 'Password')}</span><input name="password" type="password" autocomplete="current-password"></label>${ferr('password')}
<button type="submit" class="btn primary block">${t('登录', 'Sign in')}</button>
<p class="hint">${t('企业HR请使用', 'Company HR: use')} <a href="../hr/">${t('企业HR页面', 'the HR app')}</a>${t('。账号由基地人才服务中心开通。', '. Accounts are issued by the base talent service centre.')}</p></form>`,
  );
  onSubmit($<HTMLFormElement>('#login', p.el)!, async (v) => {
    const d = await api.request<{ signInWithPassword: SignedIn }>(
      `mutation($i:SignInWithPasswordInput!){signInWithPassword(input:$i){accessToken user{role displayName}}}`,
      { i: { username: v.str('username'), password: v.str('password') } },
    );
    const s = d.signInWithPassword;
    if (!STAFF_ROLES.includes(s.user.role)) {
      // Not kept: revoke the session this sign-in just opened.
      api.signedIn(s);
      await api.signOut();
      throw new ApiError(roleRefusal(s.user.role), 'FORBIDDEN');
    }
    api.signedIn(s);
    const next = q.get('next') || '';
    router.go(next.charAt(0) === '/' && next !== '/login' && next !== '/' ? next : home());
  });
}
