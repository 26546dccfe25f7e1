import { $, checks, html, mount, options, Safe } from '../../shared/html';
import { t } from '../../shared/i18n';
import { CATEGORY, EDUCATION, entries, km, MANDARIN, SHIFT } from '../../shared/format';
import { ApiError } from '../../shared/gql';
import { ferr, onClick, onSubmit, toast } from '../../shared/ui';
import { api, load, needSignIn, nextOf, page, router, state } from './core';

interface Region {
  code: string;
  name: string;
  fullName: string;
  distanceKm: number | null;
}
export interface Profile {
  id: string;
  name: string;
  idNumberMasked: string | null;
  phoneMasked: string | null;
  regionCode: string | null;
  regionName: string | null;
  distanceKm: number | null;
  education: string | null;
  schoolName: string | null;
  major: string | null;
  graduationYear: number | null;
  mandarinLevel: string | null;
  typingSpeed: number | null;
  callCenterMonths: number | null;
  languages: string[];
  shifts: string[];
  categories: string[];
  completeness: number;
  sharedWithTenants: boolean;
  sensitiveConsent: boolean;
}
export const PROFILE_FIELDS = `id name idNumberMasked phoneMasked regionCode regionName distanceKm education schoolName major graduationYear mandarinLevel typingSpeed callCenterMonths languages shifts categories completeness sharedWithTenants sensitiveConsent`;

/** An ID number that already has a profile waits for identity verification (issue 8): only the state and what to do. */
interface IdentityClaim {
  status: 'PENDING' | 'APPROVED' | 'REJECTED' | 'CANCELLED';
  message: string;
  messageEn: string;
}
const CLAIM_FIELDS = `status message messageEn`;

const REGIONS_KEY = 'tc.regions.300.v1';
const WEEK = 7 * 24 * 3600 * 1000;

/** Counties within 300 km; cached a week on the phone (they do not change, and 3G is slow). */
async function regions(): Promise<Region[]> {
  try {
    const c = JSON.parse(localStorage.getItem(REGIONS_KEY) || 'null');
    if (c && Date.now() - c.at < WEEK && c.list.length) return c.list;
  } catch {
    /* fetch below */
  }
  const d = await api.request<{ regionsNearBase: Region[] }>(`{regionsNearBase(withinKm:300){code name fullName distanceKm}}`);
  try {
    localStorage.setItem(REGIONS_KEY, JSON.stringify({ at: Date.now(), list: d.regionsNearBase }));
  } catch {
    /* quota: fine */
  }
  return d.regionsNearBase;
}

/** `<optgroup>` per province/prefecture (nearest first), counties by distance inside. */
function regionOptions(list: Region[], selected: string | null): Safe {
  const groups: Array<{ label: string; items: Region[] }> = [];
  const byKey: Record<string, { label: string; items: Region[] }> = {};
  for (const r of list) {
    const key = r.code.slice(0, 4);
    let g = byKey[key];
    if (!g) {
      const label = r.fullName.slice(0, Math.max(0, r.fullName.length - r.name.length)).trim() || r.fullName;
      g = byKey[key] = { label, items: [] };
      groups.push(g);
    }
    g.items.push(r);
  }
  return html`<option value="">${t('请选择区县', 'Choose your county')}</option>${groups.map(
    (g) =>
      html`<optgroup label="${g.label}">${g.items.map(
        (r) =>
          html`<option value="${r.code}"${r.code === selected ? html` selected` : ''}>${r.name}${r.distanceKm != null ? ` · ${km(r.distanceKm)}` : ''}</option>`,
      )}</optgroup>`,
  )}`;
}

const LANGS: Array<[string, string]> = [
  ['普通话', t('普通话', 'Mandarin')],
  ['蒙古语', t('蒙古语', 'Mongolian')],
  ['英语', t('英语', 'English')],
  ['晋语', t('晋语', 'Jin dialect')],
];

export function profileScreen(_p: unknown, q: URLSearchParams): void {
  if (needSignIn()) return;
  const first = q.get('first') === '1';
  const p = page(first ? t('建立求职档案', 'Create your profile') : t('我的资料', 'My profile'), { back: first ? undefined : '/me', tab: 'me' });
  void load(
    p,
    async () => {
      const [d, list] = await Promise.all([
        api.request<{ myProfile: Profile | null; myIdentityClaim: IdentityClaim | null }>(`{myProfile{${PROFILE_FIELDS}} myIdentityClaim{${CLAIM_FIELDS}}}`),
        regions(),
      ]);
      return { profile: d.myProfile, claim: d.myIdentityClaim, list };
    },
    ({ profile, claim, list }) => (!profile && claim?.status === 'PENDING' ? pending(claim, list) : draw(profile, list)),
  );

  /** The ID number belongs to an existing profile: nothing of it is shown until the person is verified. */
  function pending(claim: IdentityClaim, list: Region[]): void {
    mount(
      p.el,
      html`<section class="card claim" aria-labelledby="claim-h">
<h2 id="claim-h">${t('身份核验中', 'Identity verification pending')}</h2>
<p class="status off" role="status">${t(claim.message, claim.messageEn)}</p>
<ul class="plain">
<li>${t('携带本人身份证到乌兰察布人才服务中心（每周六上午招聘会现场也可办理）。', 'Bring your ID card to the Ulanqab talent service centre (also at the Saturday-morning job fair).')}</li>
<li>${t('在校生或毕业生也可以请学校老师向人才服务中心确认。', 'Students and graduates can also ask their school to confirm with the service centre.')}</li>
<li>${t('核验通过后，重新打开本页即可使用和完善档案。', 'Once verified, open this page again to use and complete your profile.')}</li>
</ul>
<button type="button" class="btn link block" id="cancel-claim">${t('身份证号填错了？撤销申请', 'Typed the wrong ID number? Cancel the request')}</button>
</section>`,
    );
    onClick($('#cancel-claim', p.el), async () => {
      await api.request(`mutation{cancelMyIdentityClaim{status}}`);
      toast(t('已撤销', 'Cancelled'));
      draw(null, list);
    });
  }

  function draw(pr: Profile | null, list: Region[]): void {
    const v = pr || ({ languages: ['普通话'], shifts: [], categories: [] } as unknown as Profile);
    const year = new Date().getFullYear();
    const otherLangs = v.languages.filter((l) => !LANGS.some(([k]) => k === l)).join('、');
    mount(
      p.el,
      html`<form class="form" id="profile" novalidate>
${!pr ? html`<p class="lead">${t('填写一次，基地内所有企业都能看到（需要您授权），不用来回跑。', 'Fill this in once; with your consent every company in the base can see it.')}</p>` : ''}
<p class="form-err" hidden></p>
<fieldset><legend>${t('基本信息', 'About you')}</legend>
${
  pr
    ? html`<div class="field"><span>${t('身份证号', 'ID number')}</span><p class="static">${pr.idNumberMasked || ''}</p></div>`
    : html`<label class="field"><span>${t('身份证号', 'Resident ID number')} <b class="req">*</b></span>
<input name="idNumber" maxlength="18" autocomplete="off" autocapitalize="characters" spellcheck="false" placeholder="${t('18位，末位可能是X', '18 characters, last may be X')}"></label>${ferr('idNumber')}
<p class="hint">${t('身份证号加密保存，企业只能看到部分号码。', 'Stored encrypted; companies only see it masked.')}</p>`
}
<label class="field"><span>${t('姓名', 'Name')} <b class="req">*</b></span><input name="name" maxlength="40" autocomplete="name" value="${v.name || ''}"></label>${ferr('name')}
<label class="field"><span>${t('居住地', 'Where you live')}</span><select name="regionCode">${regionOptions(list, v.regionCode)}</select></label>${ferr('regionCode')}
<p class="hint">${t('按离基地（乌兰察布）由近到远排列，括号内为直线距离。', 'Nearest to the base (Ulanqab) first, with straight-line distance.')}</p>
</fieldset>
<fieldset><legend>${t('教育经历', 'Education')}</legend>
<label class="field"><span>${t('学历', 'Education')}</span><select name="education">${options(entries(EDUCATION), v.education, t('请选择', 'Choose'))}</select></label>${ferr('education')}
<label class="field"><span>${t('学校', 'School')}</span><input name="schoolName" maxlength="80" value="${v.schoolName || ''}"></label>${ferr('schoolName')}
<label class="field"><span>${t('专业', 'Major')}</span><input name="major" maxlength="80" value="${v.major || ''}"></label>${ferr('major')}
<label class="field"><span>${t('毕业年份', 'Graduation year')}</span><input name="graduationYear" inputmode="numeric" maxlength="4" placeholder="${String(year)}" value="${v.graduationYear ?? ''}"></label>${ferr('graduationYear')}
</fieldset>
<fieldset><legend>${t('技能', 'Skills')}</legend>
<label class="field"><span>${t('普通话等级', 'Mandarin test level')}</span><select name="mandarinLevel">${options(entries(MANDARIN).reverse(), v.mandarinLevel, t('未测试 / 不清楚', 'Not tested'))}</select></label>${ferr('mandarinLevel')}
<label class="field"><span>${t('打字速度（字/分钟）', 'Typing speed (characters/min)')}</span><input name="typingSpeed" inputmode="numeric" maxlength="3" value="${v.typingSpeed ?? ''}"></label>${ferr('typingSpeed')}
<label class="field"><span>${t('呼叫中心工作经验（月）', 'Call-centre experience (months)')}</span><input name="callCenterMonths" inputmode="numeric" maxlength="3" value="${v.callCenterMonths ?? ''}"></label>${ferr('callCenterMonths')}
<div class="field"><span>${t('会说的语言', 'Languages')}</span>${checks('languages', LANGS, v.languages)}
<input name="otherLanguages" maxlength="60" placeholder="${t('其他语言，用顿号分隔', 'Other languages, comma-separated')}" value="${otherLangs}"></div>${ferr('languages')}
</fieldset>
<fieldset><legend>${t('求职意向', 'What you want')}</legend>
<div class="field"><span>${t('可接受的班次', 'Shifts you can work')}</span>${checks('shifts', entries(SHIFT), v.shifts)}</div>${ferr('shifts')}
<div class="field"><span>${t('人员类别（可多选，可享受相应政策）', 'Categories (for subsidies; optional)')}</span>${checks('categories', entries(CATEGORY), v.categories)}</div>${ferr('categories')}
<label class="check"><input type="checkbox" name="sensitiveConsent" value="1" aria-describedby="sensitive-hint"${v.sensitiveConsent ? html` checked` : ''}><span>${t('允许基地企业看到我的“贫困家庭”“残疾人”类别', 'Let companies in the base see my “poor household” / “disabled” categories')}</span></label>
<p class="hint" id="sensitive-hint">${t('这两项属于敏感个人信息，需要您单独同意才会向企业展示；不同意也不影响求职。享受相关补贴需由学校、人社局名单或人才服务中心核实，随时可撤回。', 'These are sensitive personal information and are shown to companies only with this separate consent; saying no does not affect your job search. Subsidies need the category verified by your school, the bureau’s list or the service centre. You can withdraw at any time.')}</p>
</fieldset>
<button type="submit" class="btn primary block sticky">${t('保存', 'Save')}</button>
</form>`,
    );
    const form = $<HTMLFormElement>('#profile', p.el)!;
    onSubmit(form, async (f) => {
      const nums: Record<string, number | undefined> = {};
      for (const k of ['graduationYear', 'typingSpeed', 'callCenterMonths']) {
        const n = f.int(k);
        if (n !== undefined && isNaN(n)) throw new ApiError(t('请填写整数', 'Enter a whole number'), 'BAD_USER_INPUT', k);
        nums[k] = n;
      }
      const other = f
        .str('otherLanguages')
        .split(/[、,，;；\s]+/)
        .filter(Boolean);
      const input: Record<string, unknown> = {
        name: f.str('name'),
        regionCode: f.opt('regionCode'),
        education: f.opt('education'),
        schoolName: f.str('schoolName'),
        major: f.str('major'),
        graduationYear: nums.graduationYear,
        mandarinLevel: f.opt('mandarinLevel'),
        typingSpeed: nums.typingSpeed,
        callCenterMonths: nums.callCenterMonths,
        languages: f.all('languages').concat(other.filter((l) => f.all('languages').indexOf(l) < 0)),
        shifts: f.all('shifts'),
        categories: f.all('categories'),
      };
      if (!pr) input.idNumber = f.str('idNumber').toUpperCase();
      for (const k of Object.keys(input)) if (input[k] === undefined) delete input[k];
      const d = await api.request<{ saveMyProfile: { id: string; name: string; sharedWithTenants: boolean; sensitiveConsent: boolean } | null }>(
        `mutation($i:ProfileInput!){saveMyProfile(input:$i){id name sharedWithTenants sensitiveConsent}}`,
        { i: input },
      );
      if (!d.saveMyProfile) {
        // The ID number already has a profile that this phone cannot prove is yours.
        const c = await api.request<{ myIdentityClaim: IdentityClaim | null }>(`{myIdentityClaim{${CLAIM_FIELDS}}}`);
        if (c.myIdentityClaim) pending(c.myIdentityClaim, list);
        return;
      }
      const wantSensitive = f.all('sensitiveConsent').length > 0;
      if (wantSensitive !== d.saveMyProfile.sensitiveConsent) {
        await api.request(wantSensitive ? `mutation{grantSensitiveConsent{id}}` : `mutation{withdrawSensitiveConsent{id}}`);
      }
      state.profile = d.saveMyProfile;
      toast(t('已保存', 'Saved'));
      if (!d.saveMyProfile.sharedWithTenants && !pr) router.go('/consent?first=1&next=' + encodeURIComponent(nextOf(q)));
      else router.go(first ? nextOf(q) : '/me');
    });
  }
}
