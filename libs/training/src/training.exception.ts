import { AppException, assertUuid, CommonCode, ErrorCatalog, exceptionFactory } from '@app/core';

/** Training errors: the code enum; the catalog below gives each its zh-CN and English messages. */
export enum TrainingExceptionCode {
  CLASS_NOT_FOUND = 'CLASS_NOT_FOUND',
  SESSION_NOT_FOUND = 'SESSION_NOT_FOUND',
  ENROLMENT_NOT_FOUND = 'ENROLMENT_NOT_FOUND',
  SEEKER_NOT_FOUND = 'SEEKER_NOT_FOUND',
  APPLICATION_NOT_FOUND = 'APPLICATION_NOT_FOUND',
  INSTITUTION_NOT_FOUND = 'INSTITUTION_NOT_FOUND',
  TENANT_NOT_FOUND = 'TENANT_NOT_FOUND',
  COURSES_NOT_FOUND = 'COURSES_NOT_FOUND',
  NO_PROFILE = 'NO_PROFILE',
  CHECKIN_NOT_OPEN = 'CHECKIN_NOT_OPEN',
  CHECKIN_CLOSED = 'CHECKIN_CLOSED',
  SESSION_NOT_STARTED = 'SESSION_NOT_STARTED',
  CHECKIN_CODE_EXPIRED = 'CHECKIN_CODE_EXPIRED',
  CHECKIN_CODE_INVALID = 'CHECKIN_CODE_INVALID',
  NOT_ENROLLED = 'NOT_ENROLLED',
  TRAINEE_NOT_ENROLLED = 'TRAINEE_NOT_ENROLLED',
  TRAINEE_WITHDRAWN = 'TRAINEE_WITHDRAWN',
  ATTENDANCE_OVERLAP = 'ATTENDANCE_OVERLAP',
  TRAINEE_ATTENDANCE_OVERLAP = 'TRAINEE_ATTENDANCE_OVERLAP',
  OFFER_REQUIRED = 'OFFER_REQUIRED',
  CUSTOM_CLASS_NEEDS_OFFER = 'CUSTOM_CLASS_NEEDS_OFFER',
  CLASS_CLOSED = 'CLASS_CLOSED',
  OFFER_TENANT_MISMATCH = 'OFFER_TENANT_MISMATCH',
  NOT_CUSTOM_CLASS = 'NOT_CUSTOM_CLASS',
  NOT_ELIGIBLE = 'NOT_ELIGIBLE',
  CLASS_FULL = 'CLASS_FULL',
  ALREADY_COMPLETED = 'ALREADY_COMPLETED',
  ALREADY_ENROLLED = 'ALREADY_ENROLLED',
  BAD_DATE = 'BAD_DATE',
  ASSESSED_BEFORE_CLASS = 'ASSESSED_BEFORE_CLASS',
  SKILL_LEVEL_NEEDS_PASS = 'SKILL_LEVEL_NEEDS_PASS',
  BAD_DATES = 'BAD_DATES',
  SPONSOR_REQUIRED = 'SPONSOR_REQUIRED',
  BAD_SESSION_TIME = 'BAD_SESSION_TIME',
  SESSION_TOO_LONG = 'SESSION_TOO_LONG',
  SESSION_OUTSIDE_CLASS = 'SESSION_OUTSIDE_CLASS',
  COURSE_NOT_IN_CLASS = 'COURSE_NOT_IN_CLASS',
  SESSIONS_OVERLAP = 'SESSIONS_OVERLAP',
  INSTITUTION_TAKEN = 'INSTITUTION_TAKEN',
  CENTRE_EXISTS = 'CENTRE_EXISTS',
  COURSE_TAKEN = 'COURSE_TAKEN',
}

const C = TrainingExceptionCode;
/** Not found — also what a caller without access sees, so existence does not leak. */
const notFound = (zh: string, en: string, field?: string) =>
  ({ kind: 'NOT_FOUND', as: CommonCode.NOT_FOUND, zh: `${zh}不存在`, en: `${en} not found`, field }) as const;

export const TRAINING_ERRORS = {
  [C.CLASS_NOT_FOUND]: notFound('培训班', 'Training class', 'classId'),
  [C.SESSION_NOT_FOUND]: notFound('培训课次', 'Training session', 'sessionId'),
  [C.ENROLMENT_NOT_FOUND]: notFound('报名记录', 'Enrolment', 'enrolmentId'),
  [C.SEEKER_NOT_FOUND]: notFound('人才档案', 'Seeker', 'seekerId'),
  [C.APPLICATION_NOT_FOUND]: notFound('投递记录', 'Application', 'applicationId'),
  [C.INSTITUTION_NOT_FOUND]: {
    kind: 'NOT_FOUND',
    as: CommonCode.NOT_FOUND,
    field: 'institutionId',
    zh: '培训机构不存在',
    en: 'Training institution not found',
  },
  [C.TENANT_NOT_FOUND]: { kind: 'NOT_FOUND', as: CommonCode.NOT_FOUND, field: 'sponsorTenantId', zh: '企业不存在', en: 'Tenant not found' },
  [C.COURSES_NOT_FOUND]: { kind: 'NOT_FOUND', as: CommonCode.NOT_FOUND, field: 'courseIds', zh: '部分课程不存在', en: 'Some courses do not exist' },
  [C.NO_PROFILE]: { kind: 'INPUT', zh: '请先完善个人资料', en: 'Create your profile first' },
  [C.CHECKIN_NOT_OPEN]: {
    kind: 'INPUT',
    field: 'sessionId',
    zh: '签到尚未开始（开课前30分钟开放）',
    en: 'Check-in opens 30 minutes before the session starts',
  },
  [C.CHECKIN_CLOSED]: {
    kind: 'INPUT',
    field: 'sessionId',
    zh: '本课次已结束，扫码签到已关闭；如需补录请由讲师手工登记',
    en: 'The session is over; check-in is closed. The instructor can still mark attendance',
  },
  [C.SESSION_NOT_STARTED]: {
    kind: 'INPUT',
    field: 'sessionId',
    zh: '课次尚未开始，不能登记出勤',
    en: 'The session has not started; attendance cannot be recorded yet',
  },
  [C.CHECKIN_CODE_EXPIRED]: {
    kind: 'INPUT',
    field: 'code',
    zh: '签到码已过期，请扫描现场屏幕上的最新二维码',
    en: 'The check-in code has expired; scan the current QR code shown in the room',
  },
  [C.CHECKIN_CODE_INVALID]: { kind: 'INPUT', field: 'code', zh: '签到码无效（不属于本课次）', en: 'The check-in code is not valid for this session' },
  [C.NOT_ENROLLED]: { kind: 'INPUT', field: 'sessionId', zh: '您未报名该培训班，不能签到', en: 'You are not enrolled in this class' },
  [C.TRAINEE_NOT_ENROLLED]: {
    kind: 'INPUT',
    as: C.NOT_ENROLLED,
    field: 'seekerId',
    zh: '该学员未报名本培训班',
    en: 'This person is not enrolled in the class',
  },
  [C.TRAINEE_WITHDRAWN]: {
    kind: 'INPUT',
    as: C.NOT_ENROLLED,
    field: 'enrolmentId',
    zh: '该学员已退出培训班，不能登记考核',
    en: 'This trainee has withdrawn from the class',
  },
  [C.ATTENDANCE_OVERLAP]: {
    kind: 'CONFLICT',
    field: 'sessionId',
    zh: '您已在同一时段的另一课次签到，不能同时出席两场培训',
    en: 'You are already checked in to another session at an overlapping time',
  },
  [C.TRAINEE_ATTENDANCE_OVERLAP]: {
    kind: 'CONFLICT',
    as: C.ATTENDANCE_OVERLAP,
    field: 'seekerId',
    zh: '该学员已在同一时段的另一课次出勤',
    en: 'This person is already present in another session at an overlapping time',
  },
  [C.OFFER_REQUIRED]: {
    kind: 'INPUT',
    field: 'applicationId',
    zh: '只有处于「录用意向」阶段的投递才能转入定制培训班',
    en: 'Only an application at stage OFFER can be enrolled in a custom class',
  },
  [C.CUSTOM_CLASS_NEEDS_OFFER]: {
    kind: 'INPUT',
    as: C.OFFER_REQUIRED,
    field: 'seekerId',
    zh: '定制班只接收已获该企业录用意向的人员',
    en: 'A custom class only takes people holding a conditional offer from its company',
  },
  [C.CLASS_CLOSED]: { kind: 'INPUT', field: 'classId', zh: '该培训班已截止报名', en: 'Enrolment for this class is closed' },
  [C.OFFER_TENANT_MISMATCH]: {
    kind: 'INPUT',
    field: 'classId',
    zh: '该定制班不属于发出录用意向的企业',
    en: 'This custom class belongs to another company than the offer',
  },
  [C.NOT_CUSTOM_CLASS]: {
    kind: 'INPUT',
    field: 'classId',
    zh: (p: { classTypeZh: string }) => `「${p.classTypeZh}」不是先面试后培训定制班`,
    en: 'Only custom classes take enrolments from offers',
  },
  [C.NOT_ELIGIBLE]: {
    kind: 'INPUT',
    field: 'classId',
    zh: '安置人员培训班面向贫困家庭人员和残疾人',
    en: 'Placement classes are for people from poor households and disabled people',
  },
  [C.CLASS_FULL]: { kind: 'CONFLICT', field: 'classId', zh: '该培训班名额已满', en: 'This class is full' },
  [C.ALREADY_COMPLETED]: { kind: 'INPUT', field: 'enrolmentId', zh: '已结业，不能退出', en: 'Completed training cannot be withdrawn from' },
  [C.ALREADY_ENROLLED]: { kind: 'CONFLICT', field: 'classId', zh: '已报名该培训班', en: 'Already enrolled in this class' },
  [C.BAD_DATE]: { kind: 'INPUT', field: 'assessedOn', zh: '考核日期不能晚于今天', en: 'The assessment date cannot be in the future' },
  [C.ASSESSED_BEFORE_CLASS]: {
    kind: 'INPUT',
    as: C.BAD_DATE,
    field: 'assessedOn',
    zh: '考核日期不能早于开班日期',
    en: 'The assessment date is before the class started',
  },
  [C.SKILL_LEVEL_NEEDS_PASS]: { kind: 'INPUT', field: 'skillLevel', zh: '考核未合格，不能认定技能等级', en: 'A skill level can only be given with a pass' },
  [C.BAD_DATES]: { kind: 'INPUT', field: 'endsOn', zh: '结业日期不能早于开班日期', en: 'The end date is before the start date' },
  [C.SPONSOR_REQUIRED]: { kind: 'INPUT', field: 'sponsorTenantId', zh: '先面试后培训定制班须指定用人企业', en: 'A custom class needs its sponsoring tenant' },
  [C.BAD_SESSION_TIME]: { kind: 'INPUT', zh: '课次结束时间须晚于开始时间', en: 'A session must end after it starts' },
  [C.SESSION_TOO_LONG]: { kind: 'INPUT', as: C.BAD_SESSION_TIME, zh: '单个课次不能超过12小时', en: 'A session cannot last more than 12 hours' },
  [C.SESSION_OUTSIDE_CLASS]: {
    kind: 'INPUT',
    zh: (p: { from: string; to: string }) => `课次须在开班日期 ${p.from} 至 ${p.to} 之间（北京时间）`,
    en: (p: { from: string; to: string }) => `Sessions must lie between ${p.from} and ${p.to} (Asia/Shanghai)`,
  },
  [C.COURSE_NOT_IN_CLASS]: { kind: 'INPUT', zh: '该课程不属于本培训班', en: 'The course is not part of this class' },
  [C.SESSIONS_OVERLAP]: { kind: 'CONFLICT', field: 'sessions', zh: '同一培训班的课次时间不能重叠', en: 'Sessions of one class cannot overlap' },
  [C.INSTITUTION_TAKEN]: { kind: 'CONFLICT', as: CommonCode.CONFLICT, field: 'name', zh: '该培训机构已登记', en: 'This institution is already registered' },
  [C.CENTRE_EXISTS]: {
    kind: 'CONFLICT',
    as: CommonCode.CONFLICT,
    field: 'kind',
    zh: '基地人才服务中心已存在，只能登记一个',
    en: 'The base talent service centre already exists',
  },
  [C.COURSE_TAKEN]: { kind: 'CONFLICT', as: CommonCode.CONFLICT, field: 'name', zh: '该课程已存在', en: 'This course already exists' },
} satisfies ErrorCatalog<TrainingExceptionCode>;

export class TrainingException extends AppException<TrainingExceptionCode> {}
/** `throw trainingError(TrainingExceptionCode.CLASS_FULL)`; parameters and a field when the catalog asks for them. */
export const trainingError = exceptionFactory(TrainingException, TRAINING_ERRORS);

/** IDs from GraphQL `ID` args are not validated by the pipe; a malformed one is simply "not found". */
export function assertId(id: string, notFound: TrainingNotFoundCode): void {
  assertUuid(id, () => trainingError(notFound));
}
type TrainingNotFoundCode = TrainingExceptionCode.CLASS_NOT_FOUND | TrainingExceptionCode.SESSION_NOT_FOUND | TrainingExceptionCode.ENROLMENT_NOT_FOUND;
