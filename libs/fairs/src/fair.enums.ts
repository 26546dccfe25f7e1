import { registerEnumType } from '@nestjs/graphql';
import type { FairStatus } from './fairs.entities';

export enum FairKindEnum {
  WEEKLY = 'WEEKLY',
  SPECIAL = 'SPECIAL',
  CAMPUS = 'CAMPUS',
  GRADUATE_DOUBLE_SELECTION = 'GRADUATE_DOUBLE_SELECTION',
}
registerEnumType(FairKindEnum, { name: 'FairKind', description: '每周六招聘会 / 专场 / 校园招聘会 / 毕业生双选会' });

export enum FairLevelEnum {
  PROVINCE = 'PROVINCE',
  CITY = 'CITY',
  COUNTY = 'COUNTY',
  TOWNSHIP = 'TOWNSHIP',
}
registerEnumType(FairLevelEnum, { name: 'FairLevel', description: '省级 / 市级 / 县级 / 乡镇' });

export enum FairModeEnum {
  ONSITE = 'ONSITE',
  ONLINE = 'ONLINE',
  HYBRID = 'HYBRID',
}
registerEnumType(FairModeEnum, { name: 'FairMode', description: '现场 / 网络 / 线上线下结合' });

export enum FairStatusEnum {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  BOOKING_CLOSED = 'BOOKING_CLOSED',
  LIVE = 'LIVE',
  CLOSED = 'CLOSED',
  REPORTED = 'REPORTED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(FairStatusEnum, { name: 'FairStatus', description: '草稿 / 已发布（报名中）/ 报名截止 / 进行中 / 已结束 / 已上报 / 已取消' });

export enum BoothApplicationStatusEnum {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  CANCELLED = 'CANCELLED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(BoothApplicationStatusEnum, { name: 'BoothApplicationStatus', description: '待审核 / 已通过 / 未通过 / 已取消 / 已撤回' });

export enum CheckinMethodEnum {
  SCAN = 'SCAN',
  ID_NUMBER = 'ID_NUMBER',
  ONLINE = 'ONLINE',
  MANUAL = 'MANUAL',
}
registerEnumType(CheckinMethodEnum, { name: 'FairCheckinMethod', description: '扫码 / 身份证号 / 线上 / 人工' });

export enum SelectionKindEnum {
  INTEREST = 'INTEREST',
  CONVERSATION = 'CONVERSATION',
  INTENT = 'INTENT',
  INTERVIEW = 'INTERVIEW',
  HIRED = 'HIRED',
}
registerEnumType(SelectionKindEnum, { name: 'FairSelectionKind', description: '求职者感兴趣 / 现场洽谈 / 企业意向 / 安排面试 / 现场录用' });

export enum CarryOverStatusEnum {
  PENDING = 'PENDING',
  CONFIRMED = 'CONFIRMED',
  WITHDRAWN = 'WITHDRAWN',
  FILLED = 'FILLED',
  EXPIRED = 'EXPIRED',
}
registerEnumType(CarryOverStatusEnum, { name: 'FairCarryOverStatus', description: '待确认 / 已确认 / 已撤回 / 已招满 / 已过期' });

export const FAIR_STATUS_ZH: Record<FairStatus, string> = {
  DRAFT: '草稿',
  PUBLISHED: '已发布',
  BOOKING_CLOSED: '报名截止',
  LIVE: '进行中',
  CLOSED: '已结束',
  REPORTED: '已上报',
  CANCELLED: '已取消',
};

/** The fair's state machine: the only transitions the service allows. */
export const FAIR_TRANSITIONS: Record<FairStatus, readonly FairStatus[]> = {
  DRAFT: ['PUBLISHED', 'CANCELLED'],
  PUBLISHED: ['BOOKING_CLOSED', 'LIVE', 'CANCELLED'],
  BOOKING_CLOSED: ['LIVE', 'CANCELLED'],
  LIVE: ['CLOSED'],
  CLOSED: ['REPORTED'],
  REPORTED: [],
  CANCELLED: [],
};

export function canTransition(from: FairStatus, to: FairStatus): boolean {
  return FAIR_TRANSITIONS[from].includes(to);
}

/** Companies may book booths while the fair is published (not yet closed for booking). */
export const OPEN_FOR_COMPANIES: readonly FairStatus[] = ['DRAFT', 'PUBLISHED'];
/** Seekers may register until the fair ends. */
export const OPEN_FOR_SEEKERS: readonly FairStatus[] = ['PUBLISHED', 'BOOKING_CLOSED', 'LIVE'];
/** Check-in at the entrance. */
export const OPEN_FOR_CHECKIN: readonly FairStatus[] = ['PUBLISHED', 'BOOKING_CLOSED', 'LIVE'];
