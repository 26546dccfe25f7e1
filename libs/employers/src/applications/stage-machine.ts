import { Stage } from '../employers.entities';

/** Allowed stage moves. HIRED only through a hire (with its contract); WITHDRAWN only by the seeker. */
export const HR_MOVES: Record<Stage, Stage[]> = {
  APPLIED: ['SCREENING', 'INTERVIEW', 'REJECTED'],
  SCREENING: ['INTERVIEW', 'OFFER', 'REJECTED'],
  INTERVIEW: ['OFFER', 'REJECTED'],
  OFFER: ['REJECTED'],
  HIRED: [],
  REJECTED: [],
  WITHDRAWN: [],
};
export const SEEKER_CAN_WITHDRAW: Stage[] = ['APPLIED', 'SCREENING', 'INTERVIEW', 'OFFER'];
export const ACTIVE_STAGES: Stage[] = ['APPLIED', 'SCREENING', 'INTERVIEW', 'OFFER'];

export const STAGE_ZH: Record<Stage, string> = {
  APPLIED: '已投递',
  SCREENING: '筛选中',
  INTERVIEW: '面试',
  OFFER: '录用意向',
  HIRED: '已录用',
  REJECTED: '未通过',
  WITHDRAWN: '已撤回',
};
