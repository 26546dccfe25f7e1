// The staff app's session and roles (院校就业办 SCHOOL_ADMIN, 培训运营 OPERATOR): its own session, separate from the HR app's.
import { Client, ApiError } from '../shared/gql';
import { t } from '../shared/i18n';

export const api = new Client('tc.staff');

export const SCHOOL_ADMIN = 'SCHOOL_ADMIN';
export const OPERATOR = 'OPERATOR';
/** Roles this app serves; the API decides what each may do (imports, order classes, internships: SCHOOL_ADMIN; check-in QR, training: OPERATOR). */
export const STAFF_ROLES = [SCHOOL_ADMIN, OPERATOR];

export const role = (): string => api.session?.role ?? '';
export const home = (): string => (role() === OPERATOR ? '/checkin' : role() === SCHOOL_ADMIN ? '/imports' : '/login');

/** Why an account of `r` cannot use this app, and where to go instead. */
export function roleRefusal(r: string): string {
  if (r === 'HR') return t('企业HR账号请使用企业HR页面：/hr/', 'HR accounts use the HR app at /hr/');
  return t('该账号不能使用本页面（仅限院校管理员、培训运营人员）', 'This account cannot use these pages (school administrators and training operators only)');
}

/** A field error raised by the page itself (before asking the API), shown like the API's. */
export const fieldError = (field: string, zh: string, en: string): ApiError => new ApiError(t(zh, en), 'BAD_INPUT', field);

export { ApiError, t };
