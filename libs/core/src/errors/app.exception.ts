/**
 * Domain errors. Each context throws an AppException subclass with a stable
 * code; one GraphQL error formatter turns it into extensions.code plus a
 * zh-CN message (and English in extensions.messageEn). Services never throw
 * HTTP errors.
 */
export class AppException extends Error {
  constructor(
    readonly code: string,
    readonly messageZh: string,
    readonly messageEn: string,
    readonly field?: string,
  ) {
    super(`${messageZh} / ${messageEn}`);
  }
}

export class AuthException extends AppException {}
export class ForbiddenException extends AppException {
  constructor(zh = '无权访问', en = 'Access denied') {
    super('FORBIDDEN', zh, en);
  }
}
export class NotFoundException extends AppException {
  constructor(what: { zh: string; en: string }) {
    super('NOT_FOUND', `${what.zh}不存在`, `${what.en} not found`);
  }
}
export class InputException extends AppException {
  constructor(field: string, zh: string, en: string, code = 'BAD_USER_INPUT') {
    super(code, zh, en, field);
  }
}
