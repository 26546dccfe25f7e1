import { html, Safe } from '../shared/html';
import { t } from '../shared/i18n';
import { ApiError } from '../shared/gql';
import { ferr, Values } from '../shared/ui';
import { api } from './core';

/**
 * What the school admin's 订单班 and 实习实训 screens share: tab bars, a form
 * field with its error slot, whole-number inputs, and the companies to choose from.
 */

/** Tabs: [href, zh, en]; the one at `on` marked. */
export function tabs(on: string, list: Array<[string, string, string]>): Safe {
  return html`<div class="tr-tabs">${list.map(([href, zh, en]) => html`<a class="btn small${href === on ? html` on` : ''}" href="#${href}">${t(zh, en)}</a>`)}</div>`;
}

/** A labelled input with the slot where the API's error for `name` (extensions.field) is shown. */
export const field = (name: string, zh: string, en: string, input: Safe): Safe =>
  html`<div><label class="field"><span>${t(zh, en)}</span>${input}</label>${ferr(name)}</div>`;

/** A whole number typed into `name`, or a field error. */
export function whole(v: Values, name: string, zh: string, en: string): number {
  const n = v.int(name);
  if (n === undefined || isNaN(n)) throw new ApiError(t(zh, en), 'BAD_INPUT', name);
  return n;
}

/** A required value, or a field error. */
export function need(v: Values, name: string, zh: string, en: string): string {
  const s = v.str(name);
  if (!s) throw new ApiError(t(zh, en), 'BAD_INPUT', name);
  return s;
}

export type Pair = [string, string];

/**
 * Companies a school admin can pick as sponsor or host. The API gives a school admin no list of
 * tenants (`tenants` is for the operator and the auditor), so these are the companies of the school's
 * own order classes and internships plus every company with an open posting (the public job board).
 */
export async function companies(): Promise<Pair[]> {
  const m = new Map<string, string>();
  type P = { openPostings: { hasMore: boolean; items: Array<{ tenant: { id: string; name: string } | null }> } };
  const q = `openPostings(first:100,offset:$o){hasMore items{tenant{id name}}}`;
  const d = await api.request<P & { orderClasses: Array<{ tenantId: string; tenantName: string }>; internships: Array<{ tenantId: string; tenantName: string }> }>(
    `query($o:Int!){${q} orderClasses{tenantId tenantName} internships{tenantId tenantName}}`,
    { o: 0 },
  );
  for (const x of [...d.orderClasses, ...d.internships]) m.set(x.tenantId, x.tenantName);
  for (let page: P = d, o = 100; ; o += 100) {
    for (const p of page.openPostings.items) if (p.tenant) m.set(p.tenant.id, p.tenant.name);
    if (!page.openPostings.hasMore || o > 2000) break;
    page = await api.request<P>(`query($o:Int!){${q}}`, { o });
  }
  return [...m].sort((a, b) => a[1].localeCompare(b[1], 'zh-CN'));
}

/** A student's masked ID number and phone, as the API gives them. */
export const masked = (s: { idNumberMasked: string | null; phoneMasked: string | null }): Safe =>
  html`<span class="sub">${[s.idNumberMasked, s.phoneMasked].filter(Boolean).join(' · ')}</span>`;
