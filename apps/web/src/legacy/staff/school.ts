import { html, Safe } from '../../shared/html';
import { t } from '../../shared/i18n';
import { ApiError } from '../../shared/gql';
import { ferr, Values } from '../../shared/ui';
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

/** Companies a school admin can pick as sponsor or host: every company in the base (`tenants`). */
export async function companies(): Promise<Pair[]> {
  const m = new Map<string, string>();
  type P = { tenants: { hasMore: boolean; items: Array<{ id: string; name: string }> } };
  for (let o = 0; ; o += 100) {
    const page = await api.request<P>(`query($o:Int!){tenants(first:100,offset:$o){hasMore items{id name}}}`, { o });
    for (const x of page.tenants.items) m.set(x.id, x.name);
    if (!page.tenants.hasMore || o > 5000) break;
  }
  return [...m].sort((a, b) => a[1].localeCompare(b[1], 'zh-CN'));
}

/** A student's masked ID number and phone, as the API gives them. */
export const masked = (s: { idNumberMasked: string | null; phoneMasked: string | null }): Safe =>
  html`<span class="sub">${[s.idNumberMasked, s.phoneMasked].filter(Boolean).join(' · ')}</span>`;
