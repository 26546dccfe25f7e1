import { AppException } from '@app/core';

/** Training errors: a stable code plus zh-CN and English messages. */
export class TrainingException extends AppException {}

/** Not found — also what a caller without access sees, so existence does not leak. */
export const trainingNotFound = (zh: string, en: string, field?: string) =>
  new TrainingException('NOT_FOUND', `${zh}不存在`, `${en} not found`, field);

export const CLASS_NOT_FOUND = () => trainingNotFound('培训班', 'Training class', 'classId');
export const SESSION_NOT_FOUND = () => trainingNotFound('培训课次', 'Training session', 'sessionId');
export const ENROLMENT_NOT_FOUND = () => trainingNotFound('报名记录', 'Enrolment', 'enrolmentId');
export const NO_PROFILE = () =>
  new TrainingException('NO_PROFILE', '请先完善个人资料', 'Create your profile first');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** IDs from GraphQL `ID` args are not validated by the pipe; a malformed one is simply "not found". */
export function assertId(id: string, notFound: () => TrainingException): void {
  if (!UUID.test(id)) throw notFound();
}
