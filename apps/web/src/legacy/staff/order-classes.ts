import { $, $$, html, mount, options, Safe } from '../../shared/html';
import { t } from '../../shared/i18n';
import { GENDER, label, today } from '../../shared/format';
import { ApiError } from '../../shared/gql';
import { ferr, onClick, onSubmit, showError, toast } from '../../shared/ui';
import { api, load, needRole, page, Page, router, SCHOOL_ADMIN } from './core';
import { companies, field, masked, need, tabs, whole } from './school';
import { lbl } from './training';

/**
 * 订单班 / 定向委培班 (school admin): the school's classes with promised vs actual hires at the
 * sponsor, 新建订单班, and a class's selected students with 选拔学生 (the school's own students,
 * searched by name/major/class/student number). Quota and who counts as a student are the API's rules.
 */
interface OC {
  id: string;
  tenantName: string;
  kind: string;
  name: string;
  major: string;
  quota: number;
  promisedHires: number;
  curriculum: string;
  startDate: string;
  endDate: string;
  enrolled: number;
  actualHires: number;
  promiseMet: boolean;
}
interface Student {
  id: string;
  name: string;
  gender: string | null;
  idNumberMasked: string | null;
  phoneMasked: string | null;
  major: string | null;
  graduationYear: number | null;
}
interface SchoolStudent {
  seekerId: string;
  name: string;
  gender: string | null;
  idNumberMasked: string | null;
  phoneMasked: string | null;
  major: string | null;
  className: string | null;
  studentNo: string | null;
  graduationYear: number | null;
  registered: boolean;
}

const OC_FIELDS = `id tenantName kind name major quota promisedHires curriculum startDate endDate enrolled actualHires promiseMet`;
const KIND: Record<string, [string, string]> = { ORDER: ['订单班', 'Order class'], DIRECTED: ['定向委培班', 'Directed-training class'] };
const PICK_FIRST = 50;

const ocTabs = (on: string): Safe =>
  tabs(on, [
    ['/order-classes', '订单班', 'Order classes'],
    ['/order-classes/new', '新建订单班', 'New class'],
  ]);

/** "2 / 3 已兑现": actual hires at the sponsor against the promise. */
const promise = (c: OC): Safe =>
  html`${c.actualHires} / ${c.promisedHires} <span class="badge pm-${c.promiseMet ? 'y' : 'n'}">${c.promiseMet ? t('已兑现', 'Kept') : t('未兑现', 'Not yet kept')}</span>`;

// ---------- list ----------

export function orderClassesScreen(): void {
  if (needRole(SCHOOL_ADMIN)) return;
  const p = page(t('订单班', 'Order classes'), '/order-classes');
  void load(
    p,
    () => api.request<{ orderClasses: OC[] }>(`{orderClasses{${OC_FIELDS}}}`),
    (d) =>
      mount(
        p.el,
        html`<div class="toolbar"><h1>${t('订单班', 'Order classes')}</h1><a class="btn primary" href="#/order-classes/new">${t('新建订单班', 'New class')}</a></div>
${ocTabs('/order-classes')}
<p class="hint">${t('订单班/定向委培班：院校与合作企业联合培养；实际录用为入选学生在该企业的录用人数。', 'Order and directed-training classes are trained with a sponsoring company; actual hires are selected students hired by the sponsor.')}</p>
${
  d.orderClasses.length
    ? html`<table class="table" id="ocs"><thead><tr><th>${t('班级', 'Class')}</th><th>${t('类型', 'Kind')}</th><th>${t('合作企业', 'Sponsor')}</th><th>${t('专业', 'Major')}</th><th>${t('日期', 'Dates')}</th><th>${t('已选/名额', 'Selected / quota')}</th><th>${t('实际/承诺录用', 'Hired / promised')}</th></tr></thead>
<tbody>${d.orderClasses.map(
        (
          c,
        ) => html`<tr data-id="${c.id}"><td><a href="#/order-classes/${c.id}">${c.name}</a></td><td>${lbl(KIND, c.kind)}</td><td>${c.tenantName}</td><td>${c.major}</td>
<td class="nw">${c.startDate} ~ ${c.endDate}</td><td class="enr">${c.enrolled} / ${c.quota}</td><td class="nw pm">${promise(c)}</td></tr>`,
      )}</tbody></table>`
    : html`<p class="empty">${t('还没有订单班', 'No order classes yet')}</p>`
}`,
      ),
  );
}

// ---------- new ----------

export function newOrderClassScreen(): void {
  if (needRole(SCHOOL_ADMIN)) return;
  const p = page(t('新建订单班', 'New order class'), '/order-classes');
  void load(p, companies, (list) => {
    mount(
      p.el,
      html`<div class="toolbar"><h1>${t('新建订单班', 'New order class')}</h1></div>
${ocTabs('/order-classes/new')}
<form class="form wide card" id="newoc" novalidate>
<p class="form-err" role="alert" hidden></p>
<div class="grid2">
${field('tenantId', '合作企业', 'Sponsoring company', html`<select name="tenantId">${options(list, null, t('请选择企业', 'Choose a company'))}</select>`)}
${field(
  'kind',
  '类型',
  'Kind',
  html`<select name="kind">${options(
    Object.keys(KIND).map((k) => [k, lbl(KIND, k)] as [string, string]),
    'ORDER',
  )}</select>`,
)}
</div>
${list.length ? '' : html`<p class="hint">${t('暂无可选企业（列出已有招聘岗位或已与本校合作的企业）', 'No companies to choose from (companies with open postings or already working with the school are listed)')}</p>`}
<div class="grid2">
${field('name', '班级名称', 'Class name', html`<input name="name" maxlength="60" placeholder="${t('例：2026级呼叫中心订单班', 'e.g. 2026 call-centre order class')}">`)}
${field('major', '专业', 'Major', html`<input name="major" maxlength="100">`)}
</div>
<div class="grid4">
${field('quota', '招生名额', 'Quota', html`<input name="quota" inputmode="numeric" value="40">`)}
${field('promisedHires', '企业承诺录用人数', 'Hires promised by the sponsor', html`<input name="promisedHires" inputmode="numeric">`)}
${field('startDate', '开班日期', 'Starts on', html`<input type="date" name="startDate" value="${today()}">`)}
${field('endDate', '结业日期', 'Ends on', html`<input type="date" name="endDate">`)}
</div>
${field('curriculum', '课程安排', 'Curriculum', html`<textarea name="curriculum" maxlength="10000" rows="4"></textarea>`)}
<p><button type="submit" class="btn primary">${t('创建订单班', 'Create the class')}</button> <a class="btn link" href="#/order-classes">${t('取消', 'Cancel')}</a></p></form>`,
    );
    onSubmit($<HTMLFormElement>('#newoc', p.el)!, async (v) => {
      const tenantId = need(v, 'tenantId', '请选择合作企业', 'Choose the sponsoring company');
      const name = v.str('name');
      if (name.length < 2) throw new ApiError(t('请填写班级名称（至少2个字）', 'Enter the class name (at least 2 characters)'), 'BAD_INPUT', 'name');
      const input = {
        tenantId,
        kind: v.str('kind'),
        name,
        major: need(v, 'major', '请填写专业', 'Enter the major'),
        quota: whole(v, 'quota', '名额须为正整数', 'The quota must be a whole number'),
        promisedHires: whole(v, 'promisedHires', '承诺录用人数须为整数', 'Promised hires must be a whole number'),
        startDate: need(v, 'startDate', '请选择开班日期', 'Choose the start date'),
        endDate: need(v, 'endDate', '请选择结业日期', 'Choose the end date'),
        curriculum: v.str('curriculum'),
      };
      const r = await api.request<{ createOrderClass: { id: string } }>(`mutation($i:CreateOrderClassInput!){createOrderClass(input:$i){id}}`, { i: input });
      router.go(`/order-classes/${r.createOrderClass.id}`);
    });
  });
}

// ---------- one class: students and 选拔学生 ----------

interface State {
  c: OC;
  students: Student[];
  text: string;
}

async function fetchClass(id: string): Promise<{ c: OC; students: Student[] }> {
  const d = await api.request<{ orderClass: OC; orderClassStudents: Student[] }>(
    `query($id:ID!){orderClass(id:$id){${OC_FIELDS}} orderClassStudents(orderClassId:$id){id name gender idNumberMasked phoneMasked major graduationYear}}`,
    { id },
  );
  return { c: d.orderClass, students: d.orderClassStudents };
}

export function orderClassScreen(params: { id: string }): void {
  if (needRole(SCHOOL_ADMIN)) return;
  const p = page(t('订单班', 'Order class'), '/order-classes');
  void load(
    p,
    () => fetchClass(params.id),
    (d) => draw(p, { ...d, text: '' }),
  );
}

function draw(p: Page, st: State): void {
  const { c, students } = st;
  document.title = `${c.name} · ${t('订单班', 'Order classes')}`;
  const left = Math.max(0, c.quota - c.enrolled);
  mount(
    p.el,
    html`<div class="toolbar"><h1 id="ocname">${c.name}</h1><a class="btn small" href="#/order-classes">${t('返回订单班列表', 'Back to order classes')}</a></div>
<section class="card"><table class="kv tr-info"><tbody>
<tr><th>${t('类型', 'Kind')}</th><td>${lbl(KIND, c.kind)}</td><th>${t('合作企业', 'Sponsor')}</th><td>${c.tenantName}</td></tr>
<tr><th>${t('专业', 'Major')}</th><td>${c.major}</td><th>${t('日期', 'Dates')}</th><td>${c.startDate} ~ ${c.endDate}</td></tr>
<tr><th>${t('已选/名额', 'Selected / quota')}</th><td id="enrolled">${c.enrolled} / ${c.quota}</td><th>${t('实际/承诺录用', 'Hired / promised')}</th><td>${promise(c)}</td></tr>
${c.curriculum ? html`<tr><th>${t('课程安排', 'Curriculum')}</th><td colspan="3" class="pre">${c.curriculum}</td></tr>` : ''}
</tbody></table></section>

<section class="card" id="students"><h2>${t(`已选学生（${students.length}）`, `Selected students (${students.length})`)}</h2>
${
  students.length
    ? html`<table class="table"><thead><tr><th>${t('姓名', 'Name')}</th><th>${t('性别', 'Gender')}</th><th>${t('身份证号 · 手机（脱敏）', 'ID · phone (masked)')}</th><th>${t('专业', 'Major')}</th><th>${t('毕业年份', 'Graduation')}</th><th></th></tr></thead><tbody>${students.map(
        (
          s,
        ) => html`<tr data-seeker="${s.id}"><td><b>${s.name}</b></td><td>${label(GENDER, s.gender)}</td><td>${masked(s)}</td><td>${s.major || ''}</td><td>${s.graduationYear || ''}</td>
<td><button type="button" class="btn small link rm" data-seeker="${s.id}">${t('移出', 'Remove')}</button></td></tr>`,
      )}</tbody></table>`
    : html`<p class="empty">${t('尚未选拔学生', 'No students selected yet')}</p>`
}</section>

<section class="card" id="pick"><h2>${t('选拔学生', 'Select students')}</h2>
<p class="hint">${t(`从本校学生/毕业生（毕业生名单导入）中勾选；剩余名额 ${left} 人。`, `Tick students or graduates of the school (from the graduate lists); ${left} places left.`)}</p>
<form class="filters" id="search"><input name="text" maxlength="40" value="${st.text}" placeholder="${t('姓名/专业/班级/学号', 'Name, major, class or student no.')}" aria-label="${t('搜索学生', 'Search students')}"><button type="submit" class="btn">${t('搜索', 'Search')}</button></form>
<form class="form" id="pickform" novalidate><p class="form-err" role="alert" hidden></p><div id="results"></div>${ferr('seekerIds')}
<p><button type="submit" class="btn primary">${t('加入订单班', 'Add to the class')}</button></p></form></section>`,
  );
  const chosen = new Set(students.map((s) => s.id));
  const results = $('#results', p.el)!;
  const search = async (text: string) => {
    st.text = text;
    mount(results, html`<p class="loading">${t('加载中…', 'Loading…')}</p>`);
    try {
      const d = await api.request<{ schoolStudents: { total: number; items: SchoolStudent[] } }>(
        `query($f:SchoolStudentFilterInput){schoolStudents(filter:$f,first:${PICK_FIRST}){total items{seekerId name gender idNumberMasked phoneMasked major className studentNo graduationYear registered}}}`,
        { f: text ? { text } : null },
      );
      if (p.live() && st.text === text) drawResults(results, d.schoolStudents, chosen);
    } catch (e) {
      if (p.live()) showError(results, e, () => void search(text));
    }
  };
  void search(st.text);
  $<HTMLFormElement>('#search', p.el)!.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void search($<HTMLInputElement>('input[name=text]', p.el)!.value.trim());
  });
  const redraw = async () => {
    const d = await fetchClass(c.id);
    if (p.live()) draw(p, { ...d, text: st.text });
  };
  onSubmit($<HTMLFormElement>('#pickform', p.el)!, async (v) => {
    const ids = v.all('seekerIds');
    if (!ids.length) throw new ApiError(t('请勾选要加入的学生', 'Tick the students to add'), 'BAD_INPUT', 'seekerIds');
    await api.request(`mutation($i:OrderClassStudentsInput!){addOrderClassStudents(input:$i){id}}`, { i: { orderClassId: c.id, seekerIds: ids } });
    toast(t(`已加入 ${ids.length} 人`, `${ids.length} added`));
    await redraw();
  });
  for (const b of $$('button.rm', p.el)) {
    const s = students.find((x) => x.id === b.getAttribute('data-seeker'))!;
    onClick(b, async () => {
      if (!confirm(t(`将 ${s.name} 移出订单班？`, `Remove ${s.name} from the class?`))) return;
      await api.request(`mutation($c:ID!,$s:ID!){removeOrderClassStudent(orderClassId:$c,seekerId:$s){id}}`, { c: c.id, s: s.id });
      await redraw();
    });
  }
}

function drawResults(el: HTMLElement, d: { total: number; items: SchoolStudent[] }, chosen: Set<string>): void {
  if (!d.items.length)
    return mount(el, html`<p class="empty">${t('没有符合条件的学生（请先导入毕业生名单）', 'No matching students (import a graduate list first)')}</p>`);
  mount(
    el,
    html`<table class="table pick" id="candidates"><thead><tr><th></th><th>${t('姓名', 'Name')}</th><th>${t('性别', 'Gender')}</th><th>${t('身份证号 · 手机（脱敏）', 'ID · phone (masked)')}</th><th>${t('专业', 'Major')}</th><th>${t('班级', 'Class')}</th><th>${t('学号', 'Student no.')}</th><th>${t('毕业年份', 'Graduation')}</th></tr></thead>
<tbody>${d.items.map(
      (
        s,
      ) => html`<tr data-seeker="${s.seekerId}"><td>${chosen.has(s.seekerId) ? html`<span class="badge pm-y">${t('已入选', 'Selected')}</span>` : html`<input type="checkbox" name="seekerIds" value="${s.seekerId}" aria-label="${s.name}">`}</td>
<td><b>${s.name}</b>${s.registered ? '' : html` <span class="sub">${t('未注册', 'not signed up')}</span>`}</td><td>${label(GENDER, s.gender)}</td><td>${masked(s)}</td><td>${s.major || ''}</td><td>${s.className || ''}</td><td>${s.studentNo || ''}</td><td>${s.graduationYear || ''}</td></tr>`,
    )}</tbody></table>
${d.total > d.items.length ? html`<p class="sub">${t(`共 ${d.total} 人，显示前 ${d.items.length} 人，请用关键词缩小范围`, `${d.total} found; the first ${d.items.length} are shown — narrow the search`)}</p>` : ''}`,
  );
}
