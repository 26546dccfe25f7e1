import { ApiError } from '../../shared/gql';
import { $, html, mount } from '../../shared/html';
import { t } from '../../shared/i18n';
import { ferr, onClick, onSubmit, showFormError, toast } from '../../shared/ui';
import { api, loadProfile, nextOf, page, router, state } from './core';

const REQUEST = `mutation($p:String!){requestSmsCode(phone:$p){resendAfterSeconds}}`;
const SIGN_IN = `mutation($i:SignInWithSmsInput!){signInWithSms(input:$i){accessToken isNew user{role displayName}}}`;

export function loginScreen(_p: unknown, q: URLSearchParams): void {
  const p = page(t('登录', 'Sign in'));
  const next = nextOf(q);
  mount(
    p.el,
    html`<form class="form" id="login" novalidate>
<p class="lead">${t('用手机号登录，未注册的手机号验证后自动创建账号。', 'Sign in with your mobile number. New numbers get an account automatically.')}</p>
${next.indexOf('/check-in') === 0 ? html`<p class="status off">${t('登录后自动完成培训签到。签到码约1分钟内有效，过期请重新扫码。', 'After signing in you are checked in. The code is valid for about a minute; if it expires, scan again.')}</p>` : ''}
<p class="form-err" hidden></p>
<label class="field"><span>${t('手机号', 'Mobile number')}</span>
<input name="phone" type="tel" inputmode="numeric" autocomplete="tel" maxlength="11" placeholder="${t('11位手机号', '11-digit number')}"></label>${ferr('phone')}
<div class="field"><span>${t('验证码', 'SMS code')}</span><div class="row">
<input name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="6" placeholder="${t('6位数字', '6 digits')}">
<button type="button" class="btn" id="send">${t('获取验证码', 'Get code')}</button></div></div>${ferr('code')}
<button type="submit" class="btn primary block">${t('登录', 'Sign in')}</button>
<p class="hint">${t('登录即表示您同意平台按《个人信息保护法》处理您的手机号，用于登录和接收通知。', 'By signing in you agree that your number is used for sign-in and notifications under the PIPL.')}</p>
</form>`,
  );
  const form = $<HTMLFormElement>('#login', p.el)!;
  const send = $<HTMLButtonElement>('#send', form)!;
  const phoneOf = () => (form.elements.namedItem('phone') as HTMLInputElement).value.replace(/\s/g, '');
  let timer: ReturnType<typeof setInterval> | undefined;
  onClick(send, async () => {
    try {
      const d = await api.request(REQUEST, { p: phoneOf() });
      toast(t('验证码已发送', 'Code sent'));
      (form.elements.namedItem('code') as HTMLInputElement).focus();
      let left: number = d.requestSmsCode.resendAfterSeconds || 60;
      clearInterval(timer);
      const tick = () => {
        if (!p.live() || left <= 0) {
          clearInterval(timer);
          send.textContent = t('重新获取', 'Resend');
          send.classList.remove('wait');
          return;
        }
        send.classList.add('wait');
        send.textContent = t(`${left} 秒后重发`, `Resend in ${left}s`);
        left--;
      };
      tick();
      timer = setInterval(tick, 1000);
    } catch (e) {
      showFormError(form, e instanceof ApiError && !e.field ? new ApiError(e.message, e.code, 'phone') : e);
    }
  });
  onSubmit(form, async (v) => {
    try {
      const d = await api.request(SIGN_IN, { i: { phone: phoneOf(), code: v.str('code') } });
      api.signedIn(d.signInWithSms);
    } catch (e) {
      throw e instanceof ApiError && !e.field && e.code.indexOf('SMS_CODE') === 0 ? new ApiError(e.message, e.code, 'code') : e;
    }
    clearInterval(timer);
    state.profile = undefined;
    const profile = await loadProfile();
    if (!profile) router.go('/profile?first=1&next=' + encodeURIComponent(next));
    else router.go(next);
  });
}

export async function signOut(): Promise<void> {
  await api.signOut();
  state.profile = undefined;
  toast(t('已退出登录', 'Signed out'));
  router.go('/');
}
