import { $, html, mount, Safe } from '../../shared/html';
import { t } from '../../shared/i18n';
import { dateTime } from '../../shared/format';
import { ApiError } from '../../shared/gql';
import { errMsg, onClick, showError, toast } from '../../shared/ui';
import { api, load, needRole, page, Page, router, SCHOOL_ADMIN } from './core';
import { downloadFile, upload } from './http';

/** 毕业生名单导入: upload (REST, multipart `file`), progress and report (GraphQL graduateImport, polled). */
const BASE = '/schools/graduate-imports';
const MAX_BYTES = 20 * 1024 * 1024; // the API's limit; checked here too so nobody waits for a 200 MB upload to be refused
const POLL_MS = 800;
const FIRST = 20;
const REJ_PAGE = 100;

interface Import {
  id: string;
  fileName: string;
  format: string;
  encoding: string | null;
  sheetName: string | null;
  headerRow: number | null;
  status: string;
  rowsProcessed: number;
  rowsTotal: number | null;
  progressPercent: number;
  accepted: number;
  rejected: number;
  warnings: number;
  errorMessage: string | null;
  errorMessageEn: string | null;
  createdAt: string;
  finishedAt: string | null;
}
const FIELDS = `id fileName format encoding sheetName headerRow status rowsProcessed rowsTotal progressPercent accepted rejected warnings errorMessage errorMessageEn createdAt finishedAt`;

interface Rejection {
  row: number;
  errors: Array<{ column: string; header: string; code: string; reason: string; reasonEn: string }>;
}

const STATUS: Record<string, [string, string]> = {
  QUEUED: ['排队中', 'Queued'],
  PROCESSING: ['处理中', 'Processing'],
  DONE: ['已完成', 'Done'],
  FAILED: ['失败', 'Failed'],
};
const running = (s: string): boolean => s === 'QUEUED' || s === 'PROCESSING';
const badge = (s: string): Safe => html`<span class="badge st-${s}">${STATUS[s] ? t(STATUS[s][0], STATUS[s][1]) : s}</span>`;
/** Primary text in the UI language, the other language below it. */
const both = (zh: string, en: string): Safe => html`${t(zh, en)}<div class="sub" lang="${t('en', 'zh-CN')}">${t(en, zh)}</div>`;

// ---------- upload + history ----------

export function importsScreen(_p: unknown, q: URLSearchParams): void {
  if (needRole(SCHOOL_ADMIN)) return;
  const p = page(t('毕业生名单导入', 'Graduate lists'), '/imports');
  const offset = Math.max(0, parseInt(q.get('o') || '0', 10) || 0);
  mount(
    p.el,
    html`<div class="toolbar"><h1>${t('毕业生名单导入', 'Graduate list import')}</h1></div>
<section class="card"><h2>${t('上传名单', 'Upload a list')}</h2>
<p class="hint">${t(
      '支持 Excel / WPS 导出的 .xlsx 和 .csv（UTF-8 或 GBK），不超过 20 MB。必需列：姓名、身份证号、专业、毕业年份；表头可在前几行，列的顺序不限。',
      'Excel / WPS .xlsx or .csv (UTF-8 or GBK), up to 20 MB. Required columns: name, ID number, major, graduation year; the header may sit in one of the first rows, in any column order.',
    )}</p>
<p><button type="button" class="btn small" id="tpl">${t('下载导入模板', 'Download the template')}</button></p>
<form id="up" class="form" novalidate>
<div class="upload"><input type="file" name="file" accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv" aria-label="${t('选择文件', 'Choose a file')}">
<button type="submit" class="btn primary">${t('上传并导入', 'Upload and import')}</button></div>
<p class="sub" id="upst" hidden></p>
<div class="form-err" id="uperr" role="alert" hidden></div></form></section>
<section><h2>${t('导入记录', 'Past imports')}</h2><div id="hist">${''}</div></section>`,
  );
  onClick($('#tpl', p.el), async () => {
    await downloadFile(`${BASE}/template.xlsx`, t('毕业生名单导入模板.xlsx', 'graduate-template.xlsx'));
  });
  wireUpload(p);
  void history(p, offset);
}

function wireUpload(p: Page): void {
  const form = $<HTMLFormElement>('#up', p.el)!;
  const input = $<HTMLInputElement>('input[type=file]', form)!;
  const btn = $<HTMLButtonElement>('button[type=submit]', form)!;
  const st = $('#upst', form)!;
  const err = $('#uperr', form)!;
  const fail = (e: unknown) => {
    st.hidden = true;
    const refused = e instanceof ApiError && ['GRADUATE_FILE_INVALID', 'FILE_TOO_LARGE', 'FILE_REQUIRED'].includes(e.code) && !!input.value;
    mount(err, html`${refused ? html`<b>${t('文件未导入：', 'File not imported: ')}</b>` : ''}${errMsg(e)}`);
    err.hidden = false;
    input.setAttribute('aria-invalid', 'true');
  };
  input.addEventListener('change', () => {
    err.hidden = true;
    input.removeAttribute('aria-invalid');
  });
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (btn.disabled) return;
    err.hidden = true;
    input.removeAttribute('aria-invalid');
    const file = input.files && input.files[0];
    if (!file) return fail(new ApiError(t('请先选择要上传的文件', 'Choose a file first'), 'FILE_REQUIRED', 'file'));
    if (file.size > MAX_BYTES)
      return fail(new ApiError(t('文件超过 20 MB，请拆分后分批上传', 'The file is larger than 20 MB; split it and upload in parts'), 'FILE_TOO_LARGE', 'file'));
    const fd = new FormData();
    fd.append('file', file, file.name);
    btn.disabled = true;
    st.hidden = false;
    st.textContent = t('正在上传…', 'Uploading…');
    try {
      const imp = await upload<Import>(BASE, fd, (pct) => {
        st.textContent = pct < 100 ? t(`正在上传… ${pct}%`, `Uploading… ${pct}%`) : t('正在检查文件格式和表头…', 'Checking the format and header…');
      });
      if (p.live()) router.go(`/imports/${imp.id}`);
    } catch (e) {
      if (p.live()) fail(e);
    } finally {
      btn.disabled = false;
    }
  });
}

async function history(p: Page, offset: number): Promise<void> {
  const el = $('#hist', p.el)!;
  const sub: Page = { el, live: p.live };
  await load(
    sub,
    () =>
      api.request<{ graduateImports: { total: number; items: Import[] } }>(
        `query($n:Int!,$o:Int!){graduateImports(first:$n,offset:$o){total items{${FIELDS}}}}`,
        { n: FIRST, o: offset },
      ),
    (d) => {
      const { total, items } = d.graduateImports;
      if (!items.length) return mount(el, html`<p class="empty">${t('还没有导入记录', 'No imports yet')}</p>`);
      mount(
        el,
        html`<table class="table" id="imports"><thead><tr><th>${t('文件', 'File')}</th><th>${t('上传时间', 'Uploaded')}</th><th>${t('状态', 'Status')}</th><th>${t('行数', 'Rows')}</th>
<th>${t('已接收', 'Accepted')}</th><th>${t('问题行', 'Rejected')}</th><th></th></tr></thead><tbody>
${items.map(
  (x) => html`<tr data-id="${x.id}"><td><b>${x.fileName}</b></td><td>${dateTime(x.createdAt)}</td><td>${badge(x.status)}</td>
<td>${running(x.status) ? `${x.rowsProcessed} / ${x.rowsTotal == null ? '?' : x.rowsTotal}` : x.rowsProcessed}</td>
<td>${x.accepted}</td><td>${x.rejected ? html`<b class="ferr">${x.rejected}</b>` : '0'}</td>
<td><a class="btn small" href="#/imports/${x.id}">${running(x.status) ? t('查看进度', 'Progress') : t('查看报告', 'Report')}</a></td></tr>`,
)}</tbody></table>
${
  total > FIRST
    ? html`<nav class="pager">${offset > 0 ? html`<a href="#/imports?o=${Math.max(0, offset - FIRST)}">${t('上一页', 'Previous')}</a>` : ''}
<span>${t(`第 ${offset + 1}–${Math.min(total, offset + FIRST)} 条，共 ${total} 条`, `${offset + 1}–${Math.min(total, offset + FIRST)} of ${total}`)}</span>
${offset + FIRST < total ? html`<a href="#/imports?o=${offset + FIRST}">${t('下一页', 'Next')}</a>` : ''}</nav>`
    : ''
}`,
      );
    },
  );
}

// ---------- one import: progress, then the report ----------

export function importScreen(params: { id: string }): void {
  if (needRole(SCHOOL_ADMIN)) return;
  const p = page(t('导入进度', 'Import progress'), '/imports');
  const q = `query($id:ID!){graduateImport(id:$id){${FIELDS}}}`;
  let failures = 0;
  const poll = async (): Promise<void> => {
    let imp: Import;
    try {
      imp = (await api.request<{ graduateImport: Import }>(q, { id: params.id })).graduateImport;
      failures = 0;
    } catch (e) {
      if (!p.live()) return;
      // A blip on the network while polling: keep what is shown and try again; give up with a retry button after a few.
      if (e instanceof ApiError && e.network && ++failures < 5 && $('#imp', p.el)) {
        setTimeout(() => void poll(), POLL_MS * 3);
        return;
      }
      return showError(p.el, e, () => void poll());
    }
    if (!p.live()) return;
    draw(p, imp);
    if (running(imp.status)) setTimeout(() => p.live() && void poll(), POLL_MS);
    else if (imp.rejected > 0) void rejections(p, imp.id, 0);
  };
  void poll();
}

function draw(p: Page, x: Import): void {
  const pct = x.status === 'DONE' ? 100 : x.progressPercent;
  const known = x.rowsTotal != null && x.rowsTotal > 0;
  const meta = [
    x.format.toUpperCase(),
    x.encoding ? x.encoding.toUpperCase() : '',
    x.sheetName ? t(`工作表「${x.sheetName}」`, `sheet “${x.sheetName}”`) : '',
    x.headerRow ? t(`表头在第 ${x.headerRow} 行`, `header in row ${x.headerRow}`) : '',
  ]
    .filter(Boolean)
    .join(' · ');
  mount(
    p.el,
    html`<div id="imp" data-status="${x.status}"><div class="toolbar"><h1>${x.fileName}</h1><a class="btn" href="#/imports">${t('返回导入记录 / 再上传', 'Back to imports / upload another')}</a></div>
<p class="sub">${t('上传于', 'Uploaded')} ${dateTime(x.createdAt)} · ${meta} · ${badge(x.status)}</p>
${
  running(x.status)
    ? html`<section class="card" id="progress" aria-live="polite"><h2>${x.status === 'QUEUED' ? t('排队等待处理…', 'Waiting in the queue…') : t('正在导入…', 'Importing…')}</h2>
<div class="meter${known ? '' : ' busy'}" role="progressbar" aria-label="${t('导入进度', 'Import progress')}" aria-valuemin="0" aria-valuemax="100" aria-valuenow="${pct}"><i style="width:${pct}%"></i></div>
<p><b id="rows">${known ? t(`已处理 ${x.rowsProcessed} / ${x.rowsTotal} 行`, `${x.rowsProcessed} of ${x.rowsTotal} rows processed`) : t(`已处理 ${x.rowsProcessed} 行`, `${x.rowsProcessed} rows processed`)}</b>
${known ? html` · <b id="pct">${pct}%</b>` : ''}</p>
<p class="hint">${t('可以离开本页，导入在后台继续；稍后在导入记录中查看结果。', 'You may leave this page: the import continues in the background; see the result under past imports.')}</p></section>`
    : ''
}
${
  x.status === 'FAILED'
    ? html`<div class="error-box" role="alert"><p><b>${t('导入失败', 'The import failed')}</b></p><p>${x.errorMessage ? both(x.errorMessage, x.errorMessageEn || x.errorMessage) : ''}</p></div>`
    : ''
}
${
  x.status === 'DONE' || x.status === 'FAILED'
    ? html`<section id="report"><h2>${t('导入结果', 'Result')}</h2>
<p>${t(`共处理 ${x.rowsProcessed} 行`, `${x.rowsProcessed} rows processed`)}${x.finishedAt ? html`<span class="sub"> · ${t('完成于', 'finished')} ${dateTime(x.finishedAt)}</span>` : ''}</p>
<div class="tiles"><div class="tile good" data-k="accepted"><b>${x.accepted}</b>${t('已接收', 'accepted')}</div>
<div class="tile${x.rejected ? ' bad' : ''}" data-k="rejected"><b>${x.rejected}</b>${t('问题行（未导入）', 'rejected rows (not imported)')}</div></div>
<p class="hint" id="consent-note">${t('已在平台上有档案的人，需本人在手机上确认后才会出现在本校学生中；确认前学校看不到其任何信息。', 'People who already have a profile on the platform appear among your students only after they confirm on their phone; until then the school sees nothing about them.')}</p>
${x.warnings ? html`<p class="hint">${t(`另有 ${x.warnings} 条提示（如性别与身份证号不一致），不影响导入。`, `${x.warnings} warnings (e.g. gender not matching the ID number); the rows were imported.`)}</p>` : ''}
${
  x.rejected
    ? html`<div class="toolbar"><h2>${t('问题行', 'Rejected rows')}</h2><button type="button" class="btn primary" id="dl">${t('下载问题行表格（修改后可重新上传）', 'Download the rejected rows (fix and upload again)')}</button></div>
<div id="rej">${''}</div>`
    : x.status === 'DONE'
      ? html`<p class="status ok">${t('全部行均已导入。', 'Every row was imported.')}</p>`
      : ''
}</section>`
    : ''
}</div>`,
  );
  onClick($('#dl', p.el), async () => {
    const name = await downloadFile(`${BASE}/${x.id}/rejected.xlsx`, t('问题行.xlsx', 'rejected-rows.xlsx'));
    toast(t(`已下载：${name}`, `Downloaded: ${name}`));
  });
}

async function rejections(p: Page, id: string, offset: number): Promise<void> {
  const box = $('#rej', p.el);
  if (!box) return;
  let more = $('#more', box);
  if (more) more.remove();
  const d = await api
    .request<{ graduateImportRejections: { total: number; hasMore: boolean; items: Rejection[] } }>(
      `query($id:ID!,$n:Int!,$o:Int!){graduateImportRejections(importId:$id,first:$n,offset:$o){total hasMore items{row errors{column header code reason reasonEn}}}}`,
      { id, n: REJ_PAGE, o: offset },
    )
    .catch((e) => {
      if (p.live()) showError(box, e, () => void rejections(p, id, offset));
      return null;
    });
  if (!d || !p.live()) return;
  const r = d.graduateImportRejections;
  const rows = html`${r.items.map((x) =>
    x.errors.map(
      (
        e,
        i,
      ) => html`<tr data-row="${x.row}"${i ? '' : html` class="first"`}>${i ? '' : html`<td class="rn" rowspan="${x.errors.length}"><b>${t(`第 ${x.row} 行`, `Row ${x.row}`)}</b></td>`}
<td class="col">${e.column || '—'}</td><td class="hd">${e.header}</td><td>${both(e.reason, e.reasonEn)}</td></tr>`,
    ),
  )}`;
  let body = $('tbody', box);
  if (!body) {
    mount(
      box,
      html`<p class="sub">${t(`共 ${r.total} 行有问题，按文件中的行号排列；列为 Excel 列字母。`, `Rows with problems: ${r.total}, by row number in the file; columns are Excel column letters.`)}</p>
<table class="table" id="rejected"><thead><tr><th>${t('行号', 'Row')}</th><th>${t('列', 'Column')}</th><th>${t('表头', 'Header')}</th><th>${t('原因', 'Reason')}</th></tr></thead><tbody></tbody></table>`,
    );
    body = $('tbody', box)!;
  }
  body.insertAdjacentHTML('beforeend', rows.s);
  if (r.hasMore) {
    box.insertAdjacentHTML(
      'beforeend',
      html`<p id="more"><button type="button" class="btn">${t(`显示更多（已显示 ${offset + r.items.length} / ${r.total} 行）`, `Show more (${offset + r.items.length} of ${r.total})`)}</button></p>`
        .s,
    );
    more = $('#more', box);
    onClick($('button', more!), () => rejections(p, id, offset + REJ_PAGE));
  }
}
