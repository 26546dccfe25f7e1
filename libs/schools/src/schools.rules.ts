import { EntityManager } from 'typeorm';
import { SchoolsException } from './schools.exception';

/** 'YYYY-MM-DD' that is a real calendar date. */
export function isRealDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

export function assertDateRange(start: string, end: string): void {
  if (!isRealDate(start) || !isRealDate(end) || end < start) {
    throw new SchoolsException('INVALID_DATES', '日期无效或结束日期早于开始日期', 'Invalid dates, or the end date is before the start date', 'endDate');
  }
}

export async function assertTenantExists(m: EntityManager, tenantId: string): Promise<void> {
  const [row] = await m.query(`SELECT 1 FROM tenants WHERE id = $1`, [tenantId]);
  if (!row) throw new SchoolsException('TENANT_NOT_FOUND', '合作企业不存在', 'Tenant not found', 'tenantId');
}
