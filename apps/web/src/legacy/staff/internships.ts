import { $, $$, html, mount, options, Safe } from '../../shared/html';
import { t } from '../../shared/i18n';
import { today } from '../../shared/format';
import { errMsg, ferr, onSubmit, toast } from '../../shared/ui';
import { api, load, needRole, page, Page, router, SCHOOL_ADMIN } from './core';
import { companies, field, need, Pair, tabs, whole } from './school';
import { lbl } from './training';

/**
 * 实习实训 (school admin): placements of the school's students at companies, each with its monthly
 * attendance and evaluation (recorded or corrected here, or by the host company's HR), and the
 * year's interns per company against the base's target (5,000 a year). Overlaps, months outside the
 * placement and impossible day counts are refused by the API; the page shows what it says.
 */
interface Month {
  month: string;
  attendanceDays: number;
  evaluation: string;
  comment: string;
  recordedRole: string;
}
interface It {
  id: string;
  tenantName: string;
  seekerId: string;
  studentName: string;
  position: string;
  startDate: string;
  endDate: string;
  months: Month[];
}
const IT_FIELDS = `id tenantName seekerId studentName position startDate endDate months{month attendanceDays evaluation comment recordedRole}`;
const EVAL: Record<string, [string, string]> = { EXCELLENT: ['优秀', 'Excellent'], GOOD: ['良好', 'Good'], PASS: ['合格', 'Pass'], FAIL: ['不合格', 'Fail'] };
const BY: Record<string, [string, string]> = { SCHOOL_ADMIN: ['院校', 'School'], HR: ['企业', 'Company'] };

const itTabs = (on: string): Safe =>
  tabs(on, [
    ['/internships', '实习学生', 'Placements'],
    ['/internships/new', '安排实习', 'New placement'],
    ['/internships/stats', '实习统计', 'Figures'],
  ]);
const thisYear = (): number => +today().slice(0, 4);
/** This year, next year and the three before. */
const years = (): Pair[] => [1, 0, -1, -2, -3].map((d) => String(thisYear() + d)).map((y) => [y, t(`${y}年`, y)] as Pair);
const daysIn = (ym: string): number => new Date(Date.UTC(+ym.slice(0, 4), +ym.slice(5, 7), 0)).getUTCDate();

// ---------- list ----------

export function internshipsScreen(_p: unknown, q: URLSearchParams): void {
  if (needRole(SCHOOL_ADMIN)) return;
  const p = page(t('实习实训', 'Internships'), '/internships');
  const year = q.get('y') || '';
  void load(
    p,
    () => api.request<{ internships: It[] }>(`query($y:Int){internships(year:$y){${IT_FIELDS}}}`, { y: year ? +year : null }),
    (d) => {
      mount(
        p.el,
        html`<div class="toolbar"><h1>${t('实习实训', 'Internships')}</h1><a class="btn primary" href="#/internships/new">${t('安排实习', 'New placement')}</a></div>
${itTabs('/internships')}
<form class="filters" id="yf"><select name="y" aria-label="${t('年度', 'Year')}">${options(years(), year, t('全部年份', 'All years'))}</select></form>
${
  d.internships.length
    ? html`<table class="table" id="its"><thead><tr><th>${t('学生', 'Student')}</th><th>${t('实习企业', 'Company')}</th><th>${t('岗位', 'Position')}</th><th>${t('实习期', 'Dates')}</th><th>${t('月度记录', 'Monthly records')}</th></tr></thead>
<tbody>${d.internships.map((x) => {
        const last = x.months[x.months.length - 1];
        return html`<tr data-id="${x.id}"><td><a href="#/internships/${x.id}">${x.studentName}</a></td><td>${x.tenantName}</td><td>${x.position}</td><td class="nw">${x.startDate} ~ ${x.endDate}</td>
<td>${x.months.length ? html`${t(`${x.months.length} 个月`, `${x.months.length} months`)} <span class="sub">${t('最近', 'latest')} ${last.month} ${lbl(EVAL, last.evaluation)}</span>` : html`<span class="sub">${t('未登记', 'none yet')}</span>`}</td></tr>`;
      })}</tbody></table>${d.internships.length >= 500 ? html`<p class="sub">${t('只显示最近500条，请按年度查看', 'Only the latest 500 are shown; choose a year')}</p>` : ''}`
    : html`<p class="empty">${t('没有实习记录', 'No internships')}</p>`
}`,
      );
      $('#yf', p.el)!.addEventListener('change', (ev) => {
        const y = (ev.target as HTMLSelectElement).value;
        router.go('/internships' + (y ? '?y=' + y : ''));
      });
    },
  );
}

// ---------- new placement ----------

interface Stu {
  seekerId: string;
  name: string;
  major: string | null;
  className: string | null;
  idNumberMasked: string | null;
}

export function newInternshipScreen(): void {
  if (needRole(SCHOOL_ADMIN)) return;
  const p = page(t('安排实习', 'New placement'), '/internships');
  void load(p, companies, (list) => {
    mount(
      p.el,
      html`<div class="toolbar"><h1>${t('安排实习', 'New placement')}</h1></div>
${itTabs('/internships/new')}
<form class="form wide card" id="newit" novalidate>
<p class="form-err" role="alert" hidden></p>
<div class="field"><span>${t('学生（本校学生/毕业生）', 'Student (of the school)')}</span>
<div class="tr-line"><input name="q" maxlength="40" placeholder="${t('姓名/专业/班级/学号', 'Name, major, class or student no.')}" aria-label="${t('搜索学生', 'Search students')}"><button type="button" class="btn" id="find">${t('搜索', 'Search')}</button></div>
<select name="seekerId" aria-label="${t('学生', 'Student')}"></select></div>${ferr('seekerId')}${ferr('seekerIds')}
<div class="grid2">
${field('tenantId', '实习企业', 'Host company', html`<select name="tenantId">${options(list, null, t('请选择企业', 'Choose a company'))}</select>`)}
${field('position', '实习岗位', 'Position', html`<input name="position" maxlength="100" placeholder="${t('例：呼入客服', 'e.g. inbound agent')}">`)}
</div>
<div class="grid4">
${field('startDate', '开始日期', 'Starts on', html`<input type="date" name="startDate" value="${today()}">`)}
${field('endDate', '结束日期', 'Ends on', html`<input type="date" name="endDate">`)}
</div>
<p><button type="submit" class="btn primary">${t('保存实习安排', 'Save the placement')}</button> <a class="btn link" href="#/internships">${t('取消', 'Cancel')}</a></p></form>`,
    );
    const form = $<HTMLFormElement>('#newit', p.el)!;
    const sel = $<HTMLSelectElement>('select[name=seekerId]', form)!;
    const qIn = $<HTMLInputElement>('input[name=q]', form)!;
    const find = async () => {
      const text = qIn.value.trim();
      const d = await api.request<{ schoolStudents: { total: number; items: Stu[] } }>(
        `query($f:SchoolStudentFilterInput){schoolStudents(filter:$f,first:100){total items{seekerId name major className idNumberMasked}}}`,
        { f: text ? { text } : null },
      );
      if (!p.live()) return;
      const s = d.schoolStudents;
      mount(
        sel,
        options(
          s.items.map((x) => [x.seekerId, [x.name, x.major, x.className, x.idNumberMasked].filter(Boolean).join(' · ')] as Pair),
          null,
          s.items.length
            ? t(`请选择学生（找到 ${s.total} 人${s.total > s.items.length ? '，显示前100人' : ''}）`, `Choose a student (${s.total} found)`)
            : t('没有符合条件的学生', 'No matching students'),
        ),
      );
    };
    const run = () => find().catch((e) => toast(errMsg(e)));
    void run();
    $('#find', form)!.addEventListener('click', run);
    qIn.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        void run();
      }
    });
    onSubmit(form, async (v) => {
      const input = {
        seekerId: need(v, 'seekerId', '请选择学生', 'Choose the student'),
        tenantId: need(v, 'tenantId', '请选择实习企业', 'Choose the host company'),
        position: v.str('position'),
        startDate: need(v, 'startDate', '请选择开始日期', 'Choose the start date'),
        endDate: need(v, 'endDate', '请选择结束日期', 'Choose the end date'),
      };
      const r = await api.request<{ createInternship: { id: string } }>(`mutation($i:CreateInternshipInput!){createInternship(input:$i){id}}`, { i: input });
      router.go(`/internships/${r.createInternship.id}`);
    });
  });
}

// ---------- one placement: monthly records ----------

export function internshipScreen(params: { id: string }): void {
  if (needRole(SCHOOL_ADMIN)) return;
  const p = page(t('实习记录', 'Internship'), '/internships');
  // The API has no single-internship query: the school's list (latest 500) holds it.
  void load(
    p,
    () => api.request<{ internships: It[] }>(`{internships{${IT_FIELDS}}}`),
    (d) => {
      const it = d.internships.find((x) => x.id === params.id);
      if (!it) return mount(p.el, html`<div class="error-box" role="alert"><p>${t('实习记录不存在', 'Internship not found')}</p></div>`);
      drawIt(p, it);
    },
  );
}

function drawIt(p: Page, it: It): void {
  document.title = `${it.studentName} · ${t('实习实训', 'Internships')}`;
  const from = it.startDate.slice(0, 7);
  const to = it.endDate.slice(0, 7);
  const now = today().slice(0, 7);
  const month = now < from ? from : now > to ? to : now;
  mount(
    p.el,
    html`<div class="toolbar"><h1 id="itname">${it.studentName} · ${it.tenantName}</h1><a class="btn small" href="#/internships">${t('返回实习列表', 'Back to placements')}</a></div>
<section class="card"><table class="kv tr-info"><tbody>
<tr><th>${t('学生', 'Student')}</th><td>${it.studentName}</td><th>${t('实习企业', 'Company')}</th><td>${it.tenantName}</td></tr>
<tr><th>${t('岗位', 'Position')}</th><td>${it.position}</td><th>${t('实习期', 'Dates')}</th><td>${it.startDate} ~ ${it.endDate}</td></tr>
</tbody></table></section>
<section class="card"><h2>${t('月度出勤与评价', 'Monthly attendance and evaluation')}</h2>
${
  it.months.length
    ? html`<table class="table" id="months"><thead><tr><th>${t('月份', 'Month')}</th><th>${t('出勤天数', 'Days attended')}</th><th>${t('评价', 'Evaluation')}</th><th>${t('评语', 'Comment')}</th><th>${t('登记方', 'Recorded by')}</th><th></th></tr></thead><tbody>${it.months.map(
        (
          m,
        ) => html`<tr data-month="${m.month}"><td>${m.month}</td><td class="days">${m.attendanceDays} <span class="sub">/ ${daysIn(m.month)}</span></td><td class="ev"><span class="badge ev-${m.evaluation}">${lbl(EVAL, m.evaluation)}</span></td>
<td class="pre">${m.comment}</td><td>${lbl(BY, m.recordedRole)}</td><td><button type="button" class="btn small link edit" data-month="${m.month}">${t('修改', 'Correct')}</button></td></tr>`,
      )}</tbody></table>`
    : html`<p class="empty">${t('尚未登记', 'Nothing recorded yet')}</p>`
}
<form class="form" id="monthform" novalidate><h3>${t('登记或更正某月', 'Record or correct a month')}</h3>
<p class="form-err" role="alert" hidden></p>
<div class="grid4">
${field('month', '月份', 'Month', html`<input type="month" name="month" value="${month}" min="${from}" max="${to}">`)}
${field('attendanceDays', '出勤天数', 'Days attended', html`<input name="attendanceDays" inputmode="numeric">`)}
${field(
  'evaluation',
  '评价',
  'Evaluation',
  html`<select name="evaluation">${options(
    Object.keys(EVAL).map((k) => [k, lbl(EVAL, k)] as Pair),
    'GOOD',
  )}</select>`,
)}
</div>
${field('comment', '评语', 'Comment', html`<textarea name="comment" maxlength="2000" rows="2"></textarea>`)}
<p><button type="submit" class="btn primary">${t('保存', 'Save')}</button></p></form></section>`,
  );
  const form = $<HTMLFormElement>('#monthform', p.el)!;
  const set = (name: string, v: string) => ((form.elements.namedItem(name) as HTMLInputElement).value = v);
  for (const b of $$('button.edit', p.el)) {
    b.addEventListener('click', () => {
      const m = it.months.find((x) => x.month === b.getAttribute('data-month'))!;
      set('month', m.month);
      set('attendanceDays', String(m.attendanceDays));
      set('evaluation', m.evaluation);
      set('comment', m.comment);
      form.scrollIntoView({ block: 'center' });
    });
  }
  onSubmit(form, async (v) => {
    const m = need(v, 'month', '请选择月份', 'Choose the month');
    const n = whole(v, 'attendanceDays', '出勤天数须为整数', 'Days attended must be a whole number');
    const r = await api.request<{ recordInternshipMonth: It }>(`mutation($i:InternshipMonthInput!){recordInternshipMonth(input:$i){${IT_FIELDS}}}`, {
      i: { internshipId: it.id, month: m, attendanceDays: n, evaluation: v.str('evaluation'), comment: v.str('comment') },
    });
    toast(t(`已保存 ${m}`, `${m} saved`));
    if (p.live()) drawIt(p, r.recordInternshipMonth);
  });
}

// ---------- figures ----------

export function internshipStatsScreen(_p: unknown, q: URLSearchParams): void {
  if (needRole(SCHOOL_ADMIN)) return;
  const p = page(t('实习统计', 'Internship figures'), '/internships');
  const year = +(q.get('y') || thisYear());
  void load(
    p,
    () =>
      api.request<{ internshipStats: { target: number; total: number; bySchoolAndTenant: Array<{ tenantId: string; tenantName: string; interns: number }> } }>(
        `query($y:Int!){internshipStats(year:$y){target total bySchoolAndTenant{tenantId tenantName interns}}}`,
        { y: year },
      ),
    (d) => {
      const s = d.internshipStats;
      const pct = s.target ? Math.min(100, Math.floor((s.total * 1000) / s.target) / 10) : 0;
      mount(
        p.el,
        html`<div class="toolbar"><h1>${t('实习统计', 'Internship figures')}</h1></div>
${itTabs('/internships/stats')}
<form class="filters" id="yf"><select name="y" aria-label="${t('年度', 'Year')}">${options(years(), String(year))}</select></form>
<div class="tiles"><div class="tile" data-k="total">${t(`${year}年本校实习人数`, `Interns from the school in ${year}`)}<b>${s.total}</b></div>
<div class="tile" data-k="target">${t('基地年度目标（各院校合计）', 'The base’s yearly target (all schools)')}<b>${s.target.toLocaleString('en-US')}</b></div>
<div class="tile" data-k="pct">${t('本校贡献', 'This school’s share')}<b>${pct}%</b></div></div>
<div class="meter" role="progressbar" aria-label="${t('本校贡献', 'This school’s share')}" aria-valuemin="0" aria-valuemax="100" aria-valuenow="${pct}"><i style="width:${pct}%"></i></div>
<p class="hint">${t('与该年有交集的实习安排计入，同一学生只计一次。', 'Placements overlapping the year count; each student once.')}</p>
${
  s.bySchoolAndTenant.length
    ? html`<table class="table" id="itstats"><thead><tr><th>${t('实习企业', 'Company')}</th><th>${t('实习人数', 'Interns')}</th></tr></thead>
<tbody>${s.bySchoolAndTenant.map((r) => html`<tr data-id="${r.tenantId}"><td>${r.tenantName}</td><td>${r.interns}</td></tr>`)}</tbody></table>`
    : html`<p class="empty">${t('该年没有实习记录', 'No internships that year')}</p>`
}`,
      );
      $('#yf', p.el)!.addEventListener('change', (ev) => router.go('/internships/stats?y=' + (ev.target as HTMLSelectElement).value));
    },
  );
}
