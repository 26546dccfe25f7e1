import { AppException } from './app.exception';
import { CommonCode, ErrorCatalog, exceptionFactory } from './error-catalog';

/** Sign-in, tokens and sessions. */
export enum AuthExceptionCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  INVALID_TOKEN = 'INVALID_TOKEN',
  INVALID_REFRESH_TOKEN = 'INVALID_REFRESH_TOKEN',
  SMS_CODE_INVALID = 'SMS_CODE_INVALID',
  SMS_CODE_LOCKED = 'SMS_CODE_LOCKED',
  SMS_RATE_LIMITED = 'SMS_RATE_LIMITED',
  SIGN_IN_RATE_LIMITED = 'SIGN_IN_RATE_LIMITED',
  ACCOUNT_DISABLED = 'ACCOUNT_DISABLED',
  BAD_CREDENTIALS = 'BAD_CREDENTIALS',
  CSRF_HEADER_REQUIRED = 'CSRF_HEADER_REQUIRED',
}

export const AUTH_ERRORS = {
  [AuthExceptionCode.UNAUTHENTICATED]: { kind: 'UNAUTHENTICATED', zh: '请先登录', en: 'Sign-in required' },
  [AuthExceptionCode.INVALID_TOKEN]: { kind: 'UNAUTHENTICATED', zh: '登录已过期或无效，请重新登录', en: 'Access token expired or invalid' },
  [AuthExceptionCode.INVALID_REFRESH_TOKEN]: { kind: 'UNAUTHENTICATED', zh: '登录已失效，请重新登录', en: 'Refresh token invalid or expired' },
  [AuthExceptionCode.SMS_CODE_INVALID]: { kind: 'UNAUTHENTICATED', zh: '验证码错误或已过期', en: 'Verification code is wrong or expired' },
  [AuthExceptionCode.SMS_CODE_LOCKED]: { kind: 'UNAUTHENTICATED', zh: '验证码错误次数过多，请重新获取', en: 'Too many wrong attempts; request a new code' },
  [AuthExceptionCode.SMS_RATE_LIMITED]: {
    kind: 'RATE_LIMITED',
    as: CommonCode.RATE_LIMITED,
    zh: '请求过于频繁，请稍后再试',
    en: 'Too many requests, try again later',
  },
  [AuthExceptionCode.SIGN_IN_RATE_LIMITED]: {
    kind: 'RATE_LIMITED',
    as: CommonCode.RATE_LIMITED,
    zh: '登录尝试过多，请稍后再试',
    en: 'Too many sign-in attempts; try again later',
  },
  [AuthExceptionCode.ACCOUNT_DISABLED]: { kind: 'UNAUTHENTICATED', zh: '账号已停用', en: 'Account disabled' },
  [AuthExceptionCode.BAD_CREDENTIALS]: { kind: 'UNAUTHENTICATED', zh: '用户名或密码错误', en: 'Wrong username or password' },
  [AuthExceptionCode.CSRF_HEADER_REQUIRED]: {
    kind: 'UNAUTHENTICATED',
    zh: '请求缺少必要的请求头',
    en: (p: { header: string }) => `The ${p.header} header (seeker, hr, staff or api) is required`,
  },
} satisfies ErrorCatalog<AuthExceptionCode>;

export class AuthException extends AppException<AuthExceptionCode> {}
export const authError = exceptionFactory(AuthException, AUTH_ERRORS);

/** Bad input caught by core: the validation pipe and the account rules. */
export enum InputExceptionCode {
  INVALID_FIELD = 'INVALID_FIELD',
  PHONE_INVALID = 'PHONE_INVALID',
  SEEKER_SIGNS_UP_BY_SMS = 'SEEKER_SIGNS_UP_BY_SMS',
  HR_NEEDS_TENANT = 'HR_NEEDS_TENANT',
  SCHOOL_ADMIN_NEEDS_SCHOOL = 'SCHOOL_ADMIN_NEEDS_SCHOOL',
  PASSWORD_TOO_SHORT = 'PASSWORD_TOO_SHORT',
  USERNAME_TAKEN = 'USERNAME_TAKEN',
}

const badInput = CommonCode.BAD_USER_INPUT;
export const INPUT_ERRORS = {
  [InputExceptionCode.INVALID_FIELD]: {
    kind: 'INPUT',
    as: badInput,
    zh: (p: { field: string; message: string }) => `字段 ${p.field} 无效：${p.message}`,
    en: (p: { field: string; message: string }) => `Invalid field ${p.field}: ${p.message}`,
  },
  [InputExceptionCode.PHONE_INVALID]: {
    kind: 'INPUT',
    as: badInput,
    field: 'phone',
    zh: '手机号格式不正确（应为11位大陆手机号）',
    en: 'Phone must be an 11-digit mainland mobile number',
  },
  [InputExceptionCode.SEEKER_SIGNS_UP_BY_SMS]: {
    kind: 'INPUT',
    as: badInput,
    field: 'role',
    zh: '求职者通过手机验证码注册',
    en: 'Seekers register by SMS code',
  },
  [InputExceptionCode.HR_NEEDS_TENANT]: { kind: 'INPUT', as: badInput, field: 'tenantId', zh: '企业HR必须属于一个企业', en: 'An HR user needs a tenantId' },
  [InputExceptionCode.SCHOOL_ADMIN_NEEDS_SCHOOL]: {
    kind: 'INPUT',
    as: badInput,
    field: 'schoolId',
    zh: '院校管理员必须属于一所院校',
    en: 'A school admin needs a schoolId',
  },
  [InputExceptionCode.PASSWORD_TOO_SHORT]: {
    kind: 'INPUT',
    as: badInput,
    field: 'password',
    zh: '密码至少10位',
    en: 'Password must be at least 10 characters',
  },
  [InputExceptionCode.USERNAME_TAKEN]: { kind: 'CONFLICT', as: CommonCode.CONFLICT, field: 'username', zh: '用户名已存在', en: 'Username already taken' },
} satisfies ErrorCatalog<InputExceptionCode>;

export class InputException extends AppException<InputExceptionCode> {}
export const inputError = exceptionFactory(InputException, INPUT_ERRORS);

/** Access and throttling, common to every context. */
export enum CoreExceptionCode {
  FORBIDDEN = 'FORBIDDEN',
  RATE_LIMITED = 'RATE_LIMITED',
}

export const CORE_ERRORS = {
  [CoreExceptionCode.FORBIDDEN]: { kind: 'FORBIDDEN', zh: '无权访问', en: 'Access denied' },
  [CoreExceptionCode.RATE_LIMITED]: {
    kind: 'RATE_LIMITED',
    zh: (p: { seconds: number }) => `请求过于频繁，请${p.seconds}秒后再试`,
    en: (p: { seconds: number }) => `Too many requests; retry after ${p.seconds} s`,
  },
} satisfies ErrorCatalog<CoreExceptionCode>;

export class CoreException extends AppException<CoreExceptionCode> {}
export const coreError = exceptionFactory(CoreException, CORE_ERRORS);
