import { AppException } from '@app/core';
import { RESIDENT_ID_MESSAGES, ResidentIdError } from '@app/core';

export class TalentException extends AppException {}

export function residentIdException(error: ResidentIdError): TalentException {
  const m = RESIDENT_ID_MESSAGES[error];
  return new TalentException(`ID_NUMBER_${error}`, m.zh, m.en, 'idNumber');
}

export const PROFILE_NOT_FOUND = () => new TalentException('NOT_FOUND', '人才档案不存在或未授权共享', 'Profile not found or not shared', 'seekerId');
