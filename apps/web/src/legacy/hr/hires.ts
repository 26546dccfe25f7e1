import { $$, html, mount } from '../../shared/html';
import { t } from '../../shared/i18n';
import { date, today } from '../../shared/format';
import { onSubmit, toast } from '../../shared/ui';
import { api, load, needSignIn, page, pager, withQuery } from './core';

const FIRST = 20;
interface Hire {
  id: string;
  contractStart: string;
  contractMonths: number;
  contractEnd: string;
  socialInsuranceStart: string | null;
  terminatedOn: string | null;
  terminationReason: string | null;
  posting: { title: string } | null;
  seeker: { id: string; name: string; phone: string | null; phoneMasked: string | null } | null;
}

export function hiresScreen(_p: unknown, q: URLSearchParams): void {
  if (needSignIn()) return;
  const p = page(t('录用与合同', 'Hires'), '/hires');
  const offset = parseInt(q.get('o') || '0', 10) || 0;
  const run = () =>
    load(
      p,
      () =>
        api.request<{ hires: { total: number; items: Hire[] } }>(
          `query($n:Int!,$o:Int!){hires(first:$n,offset:$o){total items{id contractStart contractMonths contractEnd socialInsuranceStart terminatedOn terminationReason posting{title} seeker{id name phone phoneMasked}}}}`,
          { n: FIRST, o: offset },
        ),
      (d) => {
        mount(
          p.el,
          html`<div class="toolbar"><h1>${t('录用与合同', 'Hires and contracts')}</h1></div>
${
  d.hires.items.length
    ? html`<table class="table"><thead><tr><th>${t('员工', 'Employee')}</th><th>${t('岗位', 'Posting')}</th><th>${t('合同期', 'Contract')}</th><th>${t('社保开始', 'Social insurance')}</th><th>${t('状态', 'Status')}</th></tr></thead><tbody>
${d.hires.items.map(
  (
    h,
  ) => html`<tr data-id="${h.id}"><td><b>${h.seeker ? h.seeker.name : ''}</b><div class="sub">${h.seeker ? h.seeker.phone || h.seeker.phoneMasked || '' : ''}</div></td>
<td>${h.posting ? h.posting.title : ''}</td><td>${date(h.contractStart)} ~ ${date(h.contractEnd)}<div class="sub">${t(`${h.contractMonths} 个月`, `${h.contractMonths} months`)}</div></td>
<td>${h.socialInsuranceStart ? date(h.socialInsuranceStart) : t('未登记', '—')}</td>
<td>${
    h.terminatedOn
      ? html`<span class="badge sg-REJECTED">${t('已解除', 'Terminated')} ${date(h.terminatedOn)}</span><div class="sub">${h.terminationReason || ''}</div>`
      : html`<span class="badge sg-HIRED">${t('在职', 'Employed')}</span>
<details><summary>${t('登记提前解除', 'Record early termination')}</summary><form class="form term" data-id="${h.id}" novalidate><p class="form-err" hidden></p>
<label class="field"><span>${t('解除日期', 'Date')}</span><input type="date" name="terminatedOn" value="${today()}"></label><p class="ferr" data-err="terminatedOn" hidden></p>
<label class="field"><span>${t('原因', 'Reason')}</span><input name="reason" maxlength="200"></label><p class="ferr" data-err="reason" hidden></p>
<button type="submit" class="btn danger small">${t('确认解除', 'Confirm')}</button></form></details>`
  }</td></tr>`,
)}</tbody></table>`
    : html`<p class="empty">${t('暂无录用记录', 'No hires yet')}</p>`
}
${pager(d.hires.total, offset, FIRST, (o) => withQuery('/hires', { o }))}`,
        );
        for (const f of $$<HTMLFormElement>('form.term', p.el))
          onSubmit(f, async (v) => {
            if (!confirm(t('确认登记该劳动合同提前解除？', 'Record this termination?'))) return;
            await api.request(`mutation($i:TerminateContractInput!){terminateContract(input:$i){id terminatedOn}}`, {
              i: { hireId: f.getAttribute('data-id'), terminatedOn: v.str('terminatedOn'), reason: v.str('reason') },
            });
            toast(t('已登记解除', 'Termination recorded'));
            void run();
          });
      },
    );
  void run();
}
