// What the school admin's 订单班 and 实习实训 screens share: the companies to choose from, masked contact lines.
import { api } from './api';
import { graphql } from './gql';

const Tenants = graphql(`
  query StaffTenants($o: Int!) {
    tenants(first: 100, offset: $o) {
      hasMore
      items {
        id
        name
      }
    }
  }
`);

export interface Pair {
  value: string;
  label: string;
}

/** Companies a school admin can pick as sponsor or host: every company in the base (`tenants`), by name. */
export async function companies(): Promise<Pair[]> {
  const m = new Map<string, string>();
  for (let o = 0; ; o += 100) {
    const page = await api.run(Tenants, { o });
    for (const x of page.tenants.items) m.set(x.id, x.name);
    if (!page.tenants.hasMore || o > 5000) break;
  }
  return [...m].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'));
}

/** A student's masked ID number and phone, as the API gives them. */
export const masked = (s: { idNumberMasked?: string | null; phoneMasked?: string | null }): string =>
  [s.idNumberMasked, s.phoneMasked].filter(Boolean).join(' · ');

export const ORDER_TABS: Array<[string, string, string]> = [
  ['/order-classes', '订单班', 'Order classes'],
  ['/order-classes/new', '新建订单班', 'New class'],
];
export const INTERNSHIP_TABS: Array<[string, string, string]> = [
  ['/internships', '实习学生', 'Placements'],
  ['/internships/new', '安排实习', 'New placement'],
  ['/internships/stats', '实习统计', 'Figures'],
];
