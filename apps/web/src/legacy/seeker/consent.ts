import { $, html, mount } from '../../shared/html';
import { t } from '../../shared/i18n';
import { dateTime } from '../../shared/format';
import { onClick, toast } from '../../shared/ui';
import { api, empty, load, needSignIn, nextOf, page, router, state } from './core';

interface Consent {
  scope: string;
  policyVersion: string;
  grantedAt: string;
  withdrawnAt: string | null;
}

/** PIPL consent (个人信息保护法): what is shared, with whom, and how to take it back. */
export function consentScreen(_p: unknown, q: URLSearchParams): void {
  if (needSignIn()) return;
  const first = q.get('first') === '1';
  const p = page(t('授权共享', 'Sharing consent'), { back: first ? undefined : '/me', tab: 'me' });
  const run = () =>
    load(
      p,
      () =>
        api.request<{ myProfile: { sharedWithTenants: boolean } | null; myConsents: Consent[] }>(
          `{myProfile{sharedWithTenants} myConsents{scope policyVersion grantedAt withdrawnAt}}`,
        ),
      (d) => {
        if (!d.myProfile) {
          router.go('/profile?first=1');
          return;
        }
        const on = d.myProfile.sharedWithTenants;
        mount(
          p.el,
          html`<section class="card consent">
<p class="status ${on ? 'ok' : 'off'}">${on ? t('您已授权：基地企业可以看到您的求职资料', 'Shared: companies in the base can see your profile') : t('您尚未授权：企业在人才库中看不到您', 'Not shared: companies cannot find you in the talent pool')}</p>
<h2>${t('授权后会怎样？', 'What sharing means')}</h2>
<ul class="plain">
<li>${t('乌兰察布呼叫中心基地内的入驻企业，可以在人才库里看到您的求职资料，主动邀请您面试。您只需填写一次，不用每家企业都跑一趟。', 'Companies in the Ulanqab call-centre base can find your profile and invite you to interviews. Fill it in once instead of visiting each company.')}</li>
<li>${t('企业能看到：姓名、性别、年龄、居住的区县和离基地的距离、学历、学校、专业、毕业年份、普通话等级、打字速度、呼叫中心经验、语言、可接受的班次。', 'Companies see: name, gender, age, county and distance to the base, education, school, major, graduation year, Mandarin level, typing speed, call-centre experience, languages and shifts.')}</li>
<li>${t('企业看不到：完整的身份证号和手机号（只显示部分数字）。只有您投递过的企业才能看到完整手机号，用来通知您面试。', 'Companies do not see your full ID number or phone number (only masked). Only companies you applied to see your full number, to invite you to an interview.')}</li>
<li>${t('企业每次查看您的档案都会留下记录，您可以在「谁看过我」里看到是哪家企业。', 'Every time a company opens your profile it is recorded; see “Who viewed me”.')}</li>
<li>${t('您可以随时撤回授权。撤回后，企业立刻无法在人才库中找到您；您已投递的企业仍能看到您投递的资料。', 'You can withdraw at any time. Companies then stop finding you in the pool at once; companies you applied to still see your application.')}</li>
<li>${t('您的资料只用于招聘和就业服务，不会卖给任何人。', 'Your data is used only for recruitment and employment services and is never sold.')}</li>
</ul>
${
  on
    ? html`<button type="button" class="btn danger block" id="withdraw">${t('撤回授权', 'Withdraw consent')}</button>`
    : html`<button type="button" class="btn primary block" id="grant">${t('同意授权', 'I agree to share')}</button>
${first ? html`<a class="btn link block" href="#${nextOf(q)}">${t('暂不授权，先看看岗位', 'Not now, show me jobs')}</a>` : ''}`
}
</section>
<section class="card"><h2>${t('授权记录', 'Consent history')}</h2>
${
  d.myConsents.length
    ? html`<ul class="list">${d.myConsents.map(
        (
          c,
        ) => html`<li><b>${c.scope === 'SENSITIVE_CATEGORIES' ? t('向企业展示敏感类别（贫困家庭、残疾人）', 'Sensitive categories shown to companies') : t('共享给基地企业', 'Shared with base companies')}</b>
<span class="sub">${t('同意于', 'Granted')} ${dateTime(c.grantedAt)}${c.withdrawnAt ? html` · ${t('撤回于', 'withdrawn')} ${dateTime(c.withdrawnAt)}` : html` · <em class="ok">${t('有效', 'active')}</em>`}</span>
<span class="sub">${t('协议版本', 'Policy version')} ${c.policyVersion}</span></li>`,
      )}</ul>`
    : empty(t('还没有授权记录', 'No consent yet'))
}
</section>`,
        );
        onClick($('#grant', p.el), async () => {
          const r = await api.request(`mutation{grantConsent{id name sharedWithTenants}}`);
          state.profile = r.grantConsent;
          toast(t('已授权', 'Consent granted'));
          if (first) router.go(nextOf(q));
          else void run();
        });
        onClick($('#withdraw', p.el), async () => {
          if (!confirm(t('撤回后企业将无法在人才库中找到您，确定撤回吗？', 'Companies will no longer find you. Withdraw?'))) return;
          const r = await api.request(`mutation{withdrawConsent{id name sharedWithTenants}}`);
          state.profile = r.withdrawConsent;
          toast(t('已撤回授权', 'Consent withdrawn'));
          void run();
        });
      },
    );
  void run();
}
