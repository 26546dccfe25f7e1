import { AppException, assertUuid, CommonCode, ErrorCatalog, exceptionFactory } from '@app/core';

/** Errors of a fair's live part (info wall, wall subscriptions, booth queues): the code enum and its zh-CN / English catalog. */
export enum FairsLiveExceptionCode {
  FAIR_NOT_FOUND = 'FAIR_NOT_FOUND',
  BOOTH_NOT_FOUND = 'BOOTH_NOT_FOUND',
  NOTICE_NOT_FOUND = 'NOTICE_NOT_FOUND',
  NO_PROFILE = 'NO_PROFILE',
  FAIR_NOT_OPEN = 'FAIR_NOT_OPEN',
  BOOTH_NOT_LIVE = 'BOOTH_NOT_LIVE',
  BOOTH_NOT_ONLINE = 'BOOTH_NOT_ONLINE',
  QUEUE_LIMIT = 'QUEUE_LIMIT',
  NOT_IN_QUEUE = 'NOT_IN_QUEUE',
  NOT_YOUR_TURN = 'NOT_YOUR_TURN',
  CALL_PENDING = 'CALL_PENDING',
  NOBODY_CALLED = 'NOBODY_CALLED',
  COLLEAGUE_NOT_FOUND = 'COLLEAGUE_NOT_FOUND',
  DISTANCE_NEEDS_HOME = 'DISTANCE_NEEDS_HOME',
  UNSUBSCRIBE_LINK_INVALID = 'UNSUBSCRIBE_LINK_INVALID',
}

const C = FairsLiveExceptionCode;

export const FAIRS_LIVE_ERRORS = {
  /** Also what a caller without access sees: existence does not leak. */
  [C.FAIR_NOT_FOUND]: { kind: 'NOT_FOUND', as: CommonCode.NOT_FOUND, field: 'fairId', zh: '招聘会不存在', en: 'Job fair not found' },
  [C.BOOTH_NOT_FOUND]: { kind: 'NOT_FOUND', as: CommonCode.NOT_FOUND, field: 'boothId', zh: '展位不存在', en: 'Booth not found' },
  [C.NOTICE_NOT_FOUND]: { kind: 'NOT_FOUND', as: CommonCode.NOT_FOUND, field: 'noticeId', zh: '毕业生信息不存在', en: 'Graduate notice not found' },
  [C.NO_PROFILE]: { kind: 'INPUT', zh: '请先完善个人资料', en: 'Create your profile first' },
  [C.FAIR_NOT_OPEN]: {
    kind: 'INPUT',
    field: 'fairId',
    zh: '招聘会未发布或已结束，不能发布毕业生信息',
    en: 'The fair is not published or has ended',
  },
  [C.BOOTH_NOT_LIVE]: {
    kind: 'INPUT',
    field: 'boothId',
    zh: '该展位当前不在招聘中（招聘会未开始、已结束或展位无企业）',
    en: 'This booth is not receiving seekers now (the fair is not live, or no company holds it)',
  },
  [C.BOOTH_NOT_ONLINE]: {
    kind: 'INPUT',
    field: 'onSite',
    zh: '这是现场招聘会，没有线上视频排队；请到场签到后现场取号',
    en: 'This fair is on site only: no video queue. Check in at the venue and take a number there',
  },
  [C.QUEUE_LIMIT]: {
    kind: 'CONFLICT',
    field: 'boothId',
    zh: (p: { max: number }) => `最多同时排${p.max}个展位的队，请先退出一个`,
    en: (p: { max: number }) => `You can wait in at most ${p.max} booth queues at once; leave one first`,
  },
  [C.NOT_IN_QUEUE]: { kind: 'INPUT', field: 'boothId', zh: '您不在该展位的队列中', en: 'You are not in this booth queue' },
  [C.NOT_YOUR_TURN]: { kind: 'INPUT', field: 'boothId', zh: '还没有轮到您，请留意叫号', en: 'It is not your turn yet' },
  [C.CALL_PENDING]: {
    kind: 'CONFLICT',
    field: 'boothId',
    zh: (p: { seconds: number }) => `已叫号的求职者还有${p.seconds}秒应答时间，请稍候`,
    en: (p: { seconds: number }) => `The called seeker has ${p.seconds} s left to answer`,
  },
  [C.NOBODY_CALLED]: { kind: 'INPUT', field: 'seekerUserId', zh: '该求职者当前不在您的展位面谈中', en: 'This seeker is not being served at your booth' },
  [C.COLLEAGUE_NOT_FOUND]: { kind: 'NOT_FOUND', as: CommonCode.NOT_FOUND, field: 'toHrUserId', zh: '同事不存在', en: 'Colleague not found' },
  [C.DISTANCE_NEEDS_HOME]: {
    kind: 'INPUT',
    field: 'maxDistanceKm',
    zh: '按距离订阅需要您的资料中有居住地区',
    en: 'Subscribing by distance needs the region you live in on your profile',
  },
  [C.UNSUBSCRIBE_LINK_INVALID]: { kind: 'INPUT', field: 'token', zh: '退订链接无效或已过期', en: 'The unsubscribe link is invalid or has expired' },
} satisfies ErrorCatalog<FairsLiveExceptionCode>;

export class FairsLiveException extends AppException<FairsLiveExceptionCode> {}
/** `throw liveError(FairsLiveExceptionCode.QUEUE_LIMIT, { max: 3 })`. */
export const liveError = exceptionFactory(FairsLiveException, FAIRS_LIVE_ERRORS);

/** `ID` args are not validated by the pipe; a malformed id is simply "not found". */
export function assertLiveId(
  id: string,
  code: FairsLiveExceptionCode.FAIR_NOT_FOUND | FairsLiveExceptionCode.BOOTH_NOT_FOUND | FairsLiveExceptionCode.NOTICE_NOT_FOUND,
): void {
  assertUuid(id, () => liveError(code));
}
