import { AppException } from '@app/core';

export class EmployersException extends AppException {}

/** Not found — also what another tenant sees, so existence does not leak. */
export const notFound = (zh: string, en: string, field?: string) => new EmployersException('NOT_FOUND', `${zh}不存在`, `${en} not found`, field);
