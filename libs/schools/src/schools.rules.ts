import { TenantDirectory } from '@app/employers';
import { EntityManager } from 'typeorm';
import { schoolsError, SchoolsExceptionCode } from './schools.exception';

/** 'YYYY-MM-DD' that is a real calendar date. */
export function isRealDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

export function assertDateRange(start: string, end: string): void {
  if (!isRealDate(start) || !isRealDate(end) || end < start) {
    throw schoolsError(SchoolsExceptionCode.INVALID_DATES);
  }
}

/** The tenant exists (asked of the employers context's TenantDirectory). */
export async function assertTenantExists(tenants: TenantDirectory, tenantId: string, m?: EntityManager): Promise<void> {
  if (!(await tenants.exists(tenantId, m))) throw schoolsError(SchoolsExceptionCode.TENANT_NOT_FOUND);
}
