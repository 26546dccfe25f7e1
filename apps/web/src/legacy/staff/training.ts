import { $, html, mount, options, Safe } from '../../shared/html';
import { t } from '../../shared/i18n';
import { today } from '../../shared/format';
import { ApiError } from '../../shared/gql';
import { ferr, onSubmit } from '../../shared/ui';
import { api, load, needRole, OPERATOR, page, router } from './core';

/**
 * 培训管理 (operator): the list of classes, 新建培训班, and the figures per class.
 * A class's sessions, attendance matrix and assessments are in training-class.ts.
 */

/** A session as the staff screens read it (times are instants; *Local in Asia/Shanghai). */
export interface Session {
  id: string;
  title: string | null;
  room: string | null;
  courseId: string | null;
  startsAt: string;
  endsAt: string;
  startsAtLocal: string;
  endsAtLocal: string;
}
/** What every staff screen reads of a class; the class page reads more. */
export interface ClassBase {
  id: string;
  name: string;
  typeZh: string;
  startsOn: string;
  endsOn: string;
  enrolledCount: number;
  institution: { name: string } | null;
  courses: Array<{ id: string; name: string }>;
  sessions: Session[];
}
export const SESSION_FIELDS = `id title room courseId startsAt endsAt startsAtLocal endsAtLocal`;

type Labels = Record<string, [string, string]>;
export const lbl = (m: Labels, k: string | null | undefined): string => (k && m[k] ? t(m[k][0], m[k][1]) : k || '');

/** Class types as the plan names them (the API's typeZh). */
export const TYPES: Labels = {
  NEW_HIRE: ['新员工入职课程', 'New-hire course'],
  PROMOTION: ['晋升/储备干部课程', 'Promotion / reserve managers'],
  GRASSROOTS_MANAGER: ['基层管理者培训', 'Front-line managers'],
  GRADUATE_SHORT: ['毕业生短训班', 'Graduate short course'],
  CUSTOM_FOR_UNEMPLOYED: ['先面试后培训定制班', 'Interview-first custom class'],
  PLACEMENT: ['贫困/残疾人员安置培训班', 'Placement class (poor households, disabled)'],
};
export const CLASS_STATUS: Labels = { OPEN: ['报名中', 'Open'], CLOSED: ['已截止报名', 'Enrolment closed'] };
export const ENROLMENT: Labels = { ENROLLED: ['在读', 'Enrolled'], COMPLETED: ['已结业', 'Completed'], WITHDRAWN: ['已退出', 'Withdrawn'] };
export const SKILL: Labels = {
  ADVANCED_WORKER: ['高级工', 'Advanced worker'],
  TECHNICIAN: ['技师', 'Technician'],
  SENIOR_TECHNICIAN: ['高级技师', 'Senior technician'],
};
const CUSTOM = 'CUSTOM_FOR_UNEMPLOYED';

/** The class's type: the API's Chinese name, or ours in English. */
export const typeName = (type: string, typeZh?: string): string => t(typeZh || lbl(TYPES, type), lbl(TYPES, type));

interface Row {
  id: string;
  name: string;
  type: string;
  typeZh: string;
  startsOn: string;
  endsOn: string;
  capacity: number;
  enrolledCount: number;
  status: string;
  institution: { name: string } | null;
  sessions: Array<{ id: string }>;
}
const FIRST = 50;

export function trainingTabs(on: string): Safe {
  const tab = (href: string, zh: string, en: string) => html`<a class="btn small${href === on ? html` on` : ''}" href="#${href}">${t(zh, en)}</a>`;
  return html`<div class="tr-tabs">${tab('/training', '培训班', 'Classes')}${tab('/training/new', '新建培训班', 'New class')}${tab('/training/stats', '培训统计', 'Figures')}</div>`;
}

// ---------- list ----------

export function trainingListScreen(_p: unknown, q: URLSearchParams): void {
  if (needRole(OPERATOR)) return;
  const p = page(t('培训管理', 'Training'), '/training');
  const offset = Math.max(0, parseInt(q.get('o') || '0', 10) || 0);
  const f = { institutionId: q.get('i') || undefined, type: q.get('t') || undefined, status: q.get('s') || undefined };
  /** The list's address with the current filters (and `o`). */
  const href = (o: number) => {
    const u = new URLSearchParams();
    if (f.institutionId) u.set('i', f.institutionId);
    if (f.type) u.set('t', f.type);
    if (f.status) u.set('s', f.status);
    if (o) u.set('o', String(o));
    const qs = u.toString();
    return '#/training' + (qs ? '?' + qs : '');
  };
  void load(
    p,
    () =>
      api.request<{ trainingInstitutions: Array<{ id: string; name: string }>; trainingClasses: { total: number; hasMore: boolean; items: Row[] } }>(
        `query($o:Int!,$f:ClassFilterInput){trainingInstitutions{id name} trainingClasses(first:${FIRST},offset:$o,filter:$f){total hasMore items{id name type typeZh startsOn endsOn capacity enrolledCount status institution{name} sessions{id}}}}`,
        { o: offset, f },
      ),
    (d) => {
      const { items, total, hasMore } = d.trainingClasses;
      mount(
        p.el,
        html`<div class="toolbar"><h1>${t('培训管理', 'Training management')}</h1><a class="btn primary" href="#/training/new">${t('新建培训班', 'New class')}</a></div>
${trainingTabs('/training')}
<form class="filters" id="cf"><select name="i" aria-label="${t('培训机构', 'Institution')}">${options(
          d.trainingInstitutions.map((x) => [x.id, x.name] as [string, string]),
          f.institutionId,
          t('全部机构', 'All institutions'),
        )}</select>
<select name="t" aria-label="${t('类型', 'Type')}">${options(
          Object.keys(TYPES).map((k) => [k, lbl(TYPES, k)] as [string, string]),
          f.type,
          t('全部类型', 'All types'),
        )}</select>
<select name="s" aria-label="${t('状态', 'Status')}">${options(
          Object.keys(CLASS_STATUS).map((k) => [k, lbl(CLASS_STATUS, k)] as [string, string]),
          f.status,
          t('全部状态', 'Any status'),
        )}</select></form>
${
  items.length
    ? html`<table class="table" id="classes"><thead><tr><th>${t('培训班', 'Class')}</th><th>${t('类型', 'Type')}</th><th>${t('培训机构', 'Institution')}</th><th>${t('日期', 'Dates')}</th><th>${t('报名/名额', 'Enrolled / seats')}</th><th>${t('课次', 'Sessions')}</th><th>${t('状态', 'Status')}</th></tr></thead>
<tbody>${items.map(
        (
          c,
        ) => html`<tr data-id="${c.id}"><td><a href="#/training/${c.id}">${c.name}</a></td><td>${typeName(c.type, c.typeZh)}</td><td>${c.institution ? c.institution.name : ''}</td>
<td class="nw">${c.startsOn} ~ ${c.endsOn}</td><td>${c.enrolledCount} / ${c.capacity}</td><td>${c.sessions.length}</td><td><span class="badge st-${c.status}">${lbl(CLASS_STATUS, c.status)}</span></td></tr>`,
      )}</tbody></table>
<div class="pager">${offset > 0 ? html`<a href="${href(Math.max(0, offset - FIRST))}">${t('上一页', 'Previous')}</a>` : ''}<span class="sub">${t(`共 ${total} 个培训班`, `${total} classes`)}</span>${hasMore ? html`<a href="${href(offset + FIRST)}">${t('下一页', 'Next')}</a>` : ''}</div>`
    : html`<p class="empty">${t('没有培训班', 'No training classes')}</p>`
}`,
      );
      $('#cf', p.el)!.addEventListener('change', (ev) => {
        const el = ev.target as HTMLSelectElement;
        (f as Record<string, string | undefined>)[el.name === 'i' ? 'institutionId' : el.name === 't' ? 'type' : 'status'] = el.value || undefined;
        router.go(href(0).slice(1));
      });
    },
  );
}

// ---------- new class ----------

interface Course {
  id: string;
  name: string;
  module: string | null;
  audience: string | null;
  fromPlan: boolean;
}

export function newClassScreen(): void {
  if (needRole(OPERATOR)) return;
  const p = page(t('新建培训班', 'New training class'), '/training');
  void load(
    p,
    () =>
      api.request<{ trainingInstitutions: Array<{ id: string; name: string; kind: string }>; trainingCourses: Course[] }>(
        `{trainingInstitutions{id name kind} trainingCourses{id name module audience fromPlan}}`,
      ),
    (d) => {
      const inst = d.trainingInstitutions;
      const base = inst.find((i) => i.kind === 'BASE_CENTRE');
      const field = (name: string, zh: string, en: string, input: Safe) =>
        html`<div><label class="field"><span>${t(zh, en)}</span>${input}</label>${ferr(name)}</div>`;
      mount(
        p.el,
        html`<div class="toolbar"><h1>${t('新建培训班', 'New training class')}</h1></div>
${trainingTabs('/training/new')}
<form class="form wide card" id="newclass" novalidate>
<p class="form-err" role="alert" hidden></p>
<div class="grid2">
${field(
  'institutionId',
  '培训机构',
  'Institution',
  html`<select name="institutionId">${options(
    inst.map((i) => [i.id, i.name] as [string, string]),
    base ? base.id : null,
    inst.length ? undefined : t('（无）', '(none)'),
  )}</select>`,
)}
${field(
  'type',
  '培训班类型',
  'Class type',
  html`<select name="type">${options(
    Object.keys(TYPES).map((k) => [k, lbl(TYPES, k)] as [string, string]),
    'NEW_HIRE',
  )}</select>`,
)}
</div>
<div id="sponsor" hidden>${field('sponsorTenantId', '用人企业（先面试后培训定制班必填）', 'Sponsoring company (required for custom classes)', html`<select name="sponsorTenantId"></select>`)}</div>
${field('name', '培训班名称', 'Class name', html`<input name="name" maxlength="100" placeholder="${t('例：2026年第3期新员工入职培训班', 'e.g. New-hire class 2026/3')}">`)}
<div class="field"><span>${t('课程（按授课顺序依次勾选）', 'Courses (tick them in teaching order)')}</span><div id="courses"></div></div>${ferr('courseIds')}
<div class="grid4">
${field('startsOn', '开班日期', 'Starts on', html`<input type="date" name="startsOn" value="${today()}">`)}
${field('endsOn', '结业日期', 'Ends on', html`<input type="date" name="endsOn">`)}
${field('capacity', '名额', 'Seats', html`<input name="capacity" inputmode="numeric" value="30">`)}
${field('minAttendancePercent', '结业最低出勤率（%）', 'Minimum attendance (%)', html`<input name="minAttendancePercent" inputmode="numeric" value="80">`)}
</div>
<div class="grid4">
<label class="field check-line"><input type="checkbox" name="requiresAssessment" checked> <span>${t('结业须考核合格', 'Completion needs a passed assessment')}</span></label>
${field('passScore', '考核及格分', 'Pass mark', html`<input name="passScore" inputmode="numeric" value="60">`)}
</div>
<p><button type="submit" class="btn primary">${t('创建培训班', 'Create the class')}</button> <a class="btn link" href="#/training">${t('取消', 'Cancel')}</a></p></form>`,
      );
      const form = $<HTMLFormElement>('#newclass', p.el)!;
      const typeSel = $<HTMLSelectElement>('select[name=type]', form)!;
      const sponsorSel = $<HTMLSelectElement>('select[name=sponsorTenantId]', form)!;
      let tenantsLoaded = false;
      /** Ticked courses in the order ticked: the class's teaching order. */
      const picked: string[] = [];
      const coursesEl = $('#courses', form)!;
      const drawCourses = () => {
        const type = typeSel.value;
        // Courses meant for this type of class first, then general ones, then the rest.
        const rank = (c: Course) => (c.audience === type ? 0 : c.audience == null ? 1 : 2);
        const list = d.trainingCourses.map((c, i) => ({ c, i })).sort((a, b) => rank(a.c) - rank(b.c) || a.i - b.i);
        mount(
          coursesEl,
          html`<div class="checks">${list.map(({ c }) => {
            const n = picked.indexOf(c.id) + 1;
            return html`<label class="check${rank(c) === 2 ? html` other` : ''}"><input type="checkbox" name="courseIds" value="${c.id}"${n ? html` checked` : ''}>${n ? html`<i class="ord">${n}</i>` : ''}<span>${c.name}${c.module ? html` <small class="sub">${c.module}</small>` : ''}</span></label>`;
          })}</div>`,
        );
      };
      coursesEl.addEventListener('change', (ev) => {
        const box = ev.target as HTMLInputElement;
        const at = picked.indexOf(box.value);
        if (box.checked && at < 0) picked.push(box.value);
        if (!box.checked && at >= 0) picked.splice(at, 1);
        drawCourses();
      });
      const onType = () => {
        drawCourses();
        const custom = typeSel.value === CUSTOM;
        $('#sponsor', form)!.hidden = !custom;
        if (custom && !tenantsLoaded) {
          tenantsLoaded = true;
          api
            .request<{ tenants: { items: Array<{ id: string; name: string }> } }>(`{tenants(first:100){items{id name}}}`)
            .then((r) =>
              mount(
                sponsorSel,
                options(
                  r.tenants.items.map((x) => [x.id, x.name] as [string, string]),
                  null,
                  t('请选择企业', 'Choose a company'),
                ),
              ),
            )
            .catch(() => (tenantsLoaded = false));
        }
      };
      onType();
      typeSel.addEventListener('change', onType);
      onSubmit(form, async (v) => {
        const num = (name: string, zh: string, en: string): number => {
          const n = v.int(name);
          if (n === undefined || isNaN(n)) throw new ApiError(t(zh, en), 'BAD_INPUT', name);
          return n;
        };
        const name = v.str('name');
        if (name.length < 2) throw new ApiError(t('请填写培训班名称（至少2个字）', 'Enter the class name (at least 2 characters)'), 'BAD_INPUT', 'name');
        const courseIds = picked.slice();
        if (!courseIds.length) throw new ApiError(t('请至少选择一门课程', 'Choose at least one course'), 'BAD_INPUT', 'courseIds');
        if (!v.str('startsOn')) throw new ApiError(t('请选择开班日期', 'Choose the start date'), 'BAD_INPUT', 'startsOn');
        if (!v.str('endsOn')) throw new ApiError(t('请选择结业日期', 'Choose the end date'), 'BAD_INPUT', 'endsOn');
        const custom = v.str('type') === CUSTOM;
        const input = {
          institutionId: v.str('institutionId'),
          type: v.str('type'),
          name,
          courseIds,
          sponsorTenantId: custom ? v.opt('sponsorTenantId') : undefined,
          capacity: num('capacity', '名额须为正整数', 'Seats must be a whole number'),
          startsOn: v.str('startsOn'),
          endsOn: v.str('endsOn'),
          minAttendancePercent: num('minAttendancePercent', '最低出勤率须为 1–100 的整数', 'Minimum attendance must be a whole number 1–100'),
          requiresAssessment: $<HTMLInputElement>('input[name=requiresAssessment]', form)!.checked,
          passScore: num('passScore', '及格分须为 0–100 的整数', 'The pass mark must be a whole number 0–100'),
        };
        const r = await api.request<{ createTrainingClass: { id: string } }>(`mutation($i:CreateClassInput!){createTrainingClass(input:$i){id}}`, { i: input });
        router.go(`/training/${r.createTrainingClass.id}`);
      });
    },
  );
}

// ---------- figures ----------

interface Figures {
  enrolled: number;
  completed: number;
  withdrawn: number;
  trainees: number;
}
interface ClassFigures extends Figures {
  classId: string;
  className: string;
  type: string;
  capacity: number;
  institutionName: string;
}

const rate = (f: Figures): string => (f.enrolled ? `${Math.floor((f.completed * 100) / f.enrolled)}%` : '–');

export function trainingStatsScreen(): void {
  if (needRole(OPERATOR)) return;
  const p = page(t('培训统计', 'Training figures'), '/training');
  void load(
    p,
    () =>
      api.request<{ trainingStats: { total: Figures; byClass: ClassFigures[] } }>(
        `{trainingStats{total{enrolled completed withdrawn trainees} byClass{classId className type capacity institutionName enrolled completed withdrawn trainees}}}`,
      ),
    (d) => {
      const s = d.trainingStats;
      const tile = (k: string, zh: string, en: string, n: number | string) => html`<div class="tile" data-k="${k}">${t(zh, en)}<b>${n}</b></div>`;
      mount(
        p.el,
        html`<div class="toolbar"><h1>${t('培训统计', 'Training figures')}</h1></div>
${trainingTabs('/training/stats')}
<div class="tiles">${tile('trainees', '学员人数', 'Trainees', s.total.trainees)}${tile('enrolled', '有效报名人次', 'Live enrolments', s.total.enrolled)}${tile('completed', '结业人次', 'Completions', s.total.completed)}${tile('withdrawn', '退出人次', 'Withdrawals', s.total.withdrawn)}</div>
${
  s.byClass.length
    ? html`<table class="table" id="stats"><thead><tr><th>${t('培训班', 'Class')}</th><th>${t('类型', 'Type')}</th><th>${t('培训机构', 'Institution')}</th><th>${t('名额', 'Seats')}</th><th>${t('报名', 'Enrolled')}</th><th>${t('结业', 'Completed')}</th><th>${t('结业率', 'Completion rate')}</th><th>${t('退出', 'Withdrawn')}</th></tr></thead>
<tbody>${s.byClass.map(
        (c) =>
          html`<tr data-id="${c.classId}"><td><a href="#/training/${c.classId}">${c.className}</a></td><td>${typeName(c.type)}</td><td>${c.institutionName}</td><td>${c.capacity}</td><td>${c.enrolled}</td><td>${c.completed}</td><td>${rate(c)}</td><td>${c.withdrawn}</td></tr>`,
      )}</tbody></table>`
    : html`<p class="empty">${t('暂无数据', 'No figures yet')}</p>`
}`,
      );
    },
  );
}
