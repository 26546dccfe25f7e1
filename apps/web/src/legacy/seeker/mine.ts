import { $, $$, html, mount } from '../../shared/html';
import { lang, setLang, t } from '../../shared/i18n';
import { dateTime, km, label, salary, STAGE, today, VIEW_ACTION } from '../../shared/format';
import { download, onClick, onSubmit, toast } from '../../shared/ui';
import { ApiError } from '../../shared/gql';
import { signOut } from './auth';
import { api, empty, load, needSignIn, page, router, state } from './core';
import { Profile, PROFILE_FIELDS } from './profile';
import { SKILL } from './training';

const CAN_WITHDRAW = ['APPLIED', 'SCREENING', 'INTERVIEW', 'OFFER'];

interface Done {
  className: string;
  skillLevel: string | null;
  certificateNo: string | null;
}

interface MyApp {
  id: string;
  stage: string;
  createdAt: string;
  updatedAt: string;
  posting: { id: string; title: string; salaryMinFen: number; salaryMaxFen: number; tenant: { name: string } | null } | null;
}

export function applicationsScreen(): void {
  if (needSignIn()) return;
  const p = page(t('我的投递', 'My applications'), { tab: 'apps' });
  const run = () =>
    load(
      p,
      () => api.request<{ myApplications: MyApp[] }>(`{myApplications{id stage createdAt updatedAt posting{id title salaryMinFen salaryMaxFen tenant{name}}}}`),
      (d) => {
        mount(
          p.el,
          d.myApplications.length
            ? html`<ul class="cards" id="apps">${d.myApplications.map(
                (a) => html`<li class="card app" data-id="${a.id}">
<span class="row-between"><b class="title">${a.posting ? a.posting.title : ''}</b><span class="stage s-${a.stage}">${label(STAGE, a.stage)}</span></span>
<span class="sub">${a.posting && a.posting.tenant ? a.posting.tenant.name : ''}${a.posting ? ` · ${salary(a.posting.salaryMinFen, a.posting.salaryMaxFen)}` : ''}</span>
<span class="sub">${t('投递于', 'Applied')} ${dateTime(a.createdAt)} · ${t('更新于', 'updated')} ${dateTime(a.updatedAt)}</span>
<span class="row-between">${a.posting ? html`<a href="#/job/${a.posting.id}">${t('查看岗位', 'View job')}</a>` : html`<span></span>`}
${a.stage === 'INTERVIEW' ? html`<a href="#/interviews">${t('我的面试', 'My interviews')} ›</a>` : ''}
${CAN_WITHDRAW.indexOf(a.stage) >= 0 ? html`<button type="button" class="btn small withdraw" data-id="${a.id}">${t('撤回', 'Withdraw')}</button>` : ''}</span></li>`,
              )}</ul>`
            : html`${empty(t('您还没有投递过岗位', 'You have not applied to any job yet'))}<a class="btn primary block" href="#/">${t('去看看岗位', 'Browse jobs')}</a>`,
        );
        for (const b of $$('.withdraw', p.el))
          onClick(b, async () => {
            if (!confirm(t('撤回后企业将不再处理这份投递，确定撤回吗？', 'Withdraw this application?'))) return;
            await api.request(`mutation($id:ID!){withdrawApplication(id:$id){id stage}}`, { id: b.getAttribute('data-id') });
            toast(t('已撤回', 'Withdrawn'));
            void run();
          });
      },
    );
  void run();
}

export function messagesScreen(): void {
  if (needSignIn()) return;
  const p = page(t('我的消息', 'Messages'), { tab: 'msgs' });
  void load(
    p,
    () =>
      api.request<{ myNotifications: Array<{ id: string; kind: string; title: string; body: string; createdAt: string; readAt: string | null }> }>(
        `{myNotifications(first:50){id kind title body createdAt readAt}}`,
      ),
    (d) =>
      mount(
        p.el,
        d.myNotifications.length
          ? html`<ul class="cards">${d.myNotifications.map(
              (
                n,
              ) => html`<li class="card msg${n.readAt ? '' : ' unread'}"><b>${n.title}</b><p class="pre">${n.body}</p><span class="sub">${dateTime(n.createdAt)}</span>
${/^INTERVIEW_/.test(n.kind) ? html`<a class="btn small msg-iv" href="#/interviews">${t('去我的面试', 'Go to my interviews')} ›</a>` : ''}
${n.kind === 'SCHOOL_LINK_REQUESTED' ? html`<a class="btn small" href="#/school-links">${t('去确认', 'Answer')} ›</a>` : ''}</li>`,
            )}</ul>`
          : empty(t('暂无消息', 'No messages')),
      ),
  );
}

export function viewsScreen(): void {
  if (needSignIn()) return;
  const p = page(t('谁看过我', 'Who viewed me'), { back: '/me', tab: 'me' });
  void load(
    p,
    () => api.request<{ myProfileViews: Array<{ viewer: string; action: string; viewedAt: string }> }>(`{myProfileViews(first:50){viewer action viewedAt}}`),
    (d) =>
      mount(
        p.el,
        html`<p class="hint">${t('企业和工作人员每次查看您的档案都会记录在这里。', 'Every time a company or staff member opens your profile it shows here.')}</p>
${
  d.myProfileViews.length
    ? html`<ul class="cards">${d.myProfileViews.map(
        (v) => html`<li class="card"><b>${v.viewer}</b> <span>${label(VIEW_ACTION, v.action)}</span><span class="sub">${dateTime(v.viewedAt)}</span></li>`,
      )}</ul>`
    : empty(t('还没有企业查看过您的档案', 'Nobody has viewed your profile yet'))
}`,
      ),
  );
}

export function meScreen(): void {
  if (needSignIn()) return;
  const p = page(t('我的', 'Me'), { tab: 'me' });
  void load(
    p,
    () =>
      api.request<{ myProfile: (Profile & { completedTraining: Done[] }) | null }>(
        `{myProfile{${PROFILE_FIELDS} completedTraining{className skillLevel certificateNo}}}`,
      ),
    (d) => {
      const pr = d.myProfile;
      state.profile = pr;
      mount(
        p.el,
        html`<section class="card me">
${
  pr
    ? html`<p class="row-between"><b class="title">${pr.name}</b><span class="sub">${pr.phoneMasked || ''}</span></p>
<p class="sub">${pr.regionName || ''}${pr.distanceKm != null ? ` · ${t('离基地', 'to the base')} ${km(pr.distanceKm)}` : ''}</p>
<div class="meter" aria-hidden="true"><i style="width:${Math.max(0, Math.min(100, pr.completeness))}%"></i></div>
<p class="sub">${t('资料完整度', 'Profile completeness')} ${pr.completeness}%</p>
<p class="status ${pr.sharedWithTenants ? 'ok' : 'off'}">${pr.sharedWithTenants ? t('已授权基地企业查看', 'Shared with base companies') : t('未授权，企业看不到您', 'Not shared with companies')}</p>
${
  pr.completedTraining.length
    ? html`<div class="done-tr"><b>${t('已结业培训', 'Completed training')}</b><ul class="plain">${pr.completedTraining.map(
        (c) =>
          html`<li>${c.className}${c.skillLevel ? html` · <b>${label(SKILL, c.skillLevel)}</b>` : ''}${c.certificateNo ? html` <span class="sub">${t('证书', 'Cert.')} ${c.certificateNo}</span>` : ''}</li>`,
      )}</ul></div>`
    : ''
}`
    : html`<p>${t('您还没有求职档案。', 'You have no profile yet.')}</p><a class="btn primary block" href="#/profile?first=1">${t('建立档案', 'Create profile')}</a>`
}
</section>
<nav class="menu">
<a href="#/profile">${t('编辑资料', 'Edit profile')}</a>
<a href="#/interviews">${t('我的面试', 'My interviews')}</a>
<a href="#/training">${t('我的培训', 'My training')}</a>
<a href="#/school-links">${t('我的院校', 'My schools')}</a>
<a href="#/consent">${t('授权管理', 'Sharing consent')}</a>
<a href="#/views">${t('谁看过我', 'Who viewed me')}</a>
<a href="#/messages">${t('我的消息', 'Messages')}</a>
<button type="button" id="export">${t('导出我的数据', 'Export my data')}</button>
<button type="button" id="lang">${lang() === 'en' ? '中文' : 'English'}</button>
<button type="button" id="signout">${t('退出登录', 'Sign out')}</button>
<a href="#/delete" class="danger">${t('注销账号', 'Delete account')}</a>
</nav>`,
      );
      onClick($('#export', p.el), async () => {
        const r = await api.request(`{exportMyData}`);
        download(`my-data-${today()}.json`, r.exportMyData); // the Beijing date (a UTC date is yesterday's before 08:00)
        toast(t('已导出', 'Exported'));
      });
      onClick($('#lang', p.el), () => {
        setLang(lang() === 'en' ? 'zh' : 'en');
        location.reload();
      });
      onClick($('#signout', p.el), signOut);
    },
  );
}

export function deleteScreen(): void {
  if (needSignIn()) return;
  const p = page(t('注销账号', 'Delete account'), { back: '/me', tab: 'me' });
  const word = t('注销', 'DELETE');
  mount(
    p.el,
    html`<form class="form card" id="del" novalidate>
<p>${t('注销后：您的姓名、身份证号、手机号、居住地等个人信息会被删除；所有授权撤回；进行中的投递全部撤回。此操作无法恢复。', 'Deleting removes your name, ID number, phone and address, withdraws all consent and all open applications. This cannot be undone.')}</p>
<p class="hint">${t('建议先「导出我的数据」留存。', 'Consider exporting your data first.')}</p>
<p class="form-err" hidden></p>
<label class="field"><span>${t(`请输入“${word}”确认`, `Type “${word}” to confirm`)}</span><input name="confirm" autocomplete="off"></label>
<button type="submit" class="btn danger block">${t('确认注销', 'Delete my account')}</button></form>`,
  );
  onSubmit($<HTMLFormElement>('#del', p.el)!, async (v) => {
    if (v.str('confirm') !== word) throw new ApiError(t(`请输入“${word}”`, `Type “${word}”`), 'CONFIRM');
    await api.request(`mutation{deleteMyAccount}`);
    await api.signOut();
    state.profile = undefined;
    toast(t('账号已注销', 'Account deleted'));
    router.go('/');
  });
}
