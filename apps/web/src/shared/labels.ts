// The zh-CN / English label of every enum value the pages show, in one module for every app (issue 9 §3).
// Each table is typed by the enum generated from apps/api/schema.gql (src/shared/gql/schema-enums.ts), so a value the
// API adds without a label here fails `npm run web:build` (vue-tsc), and no screen keeps its own copy.
import { t } from './i18n';
import type * as E from './gql/schema-enums';

export type Labels<K extends string> = Readonly<Record<K, readonly [zh: string, en: string]>>;

/** The label of one value in the current language (the value itself when unknown, e.g. an older page and a newer API). */
export function label<K extends string>(map: Labels<K>, key: K | null | undefined): string {
  if (!key) return '';
  const l = (map as Record<string, readonly [string, string]>)[key];
  return l ? t(l[0], l[1]) : key;
}

/** Options for a select or radio group, in the table's order. */
export const options = <K extends string>(map: Labels<K>): Array<{ value: K; label: string }> =>
  (Object.keys(map) as K[]).map((value) => ({ value, label: label(map, value) }));

export const STAGE: Labels<E.ApplicationStage> = {
  APPLIED: ['已投递', 'Applied'],
  SCREENING: ['筛选中', 'Screening'],
  INTERVIEW: ['面试', 'Interview'],
  OFFER: ['录用意向', 'Offer'],
  HIRED: ['已录用', 'Hired'],
  REJECTED: ['未通过', 'Not selected'],
  WITHDRAWN: ['已撤回', 'Withdrawn'],
};
export const SHIFT: Labels<E.Shift> = {
  DAY: ['白班', 'Day shift'],
  TWO_SHIFT: ['两班倒', 'Two shifts'],
  THREE_SHIFT: ['三班倒', 'Three shifts'],
  NIGHT: ['夜班', 'Night shift'],
};
export const EDUCATION: Labels<E.Education> = {
  PRIMARY: ['小学', 'Primary'],
  JUNIOR_HIGH: ['初中', 'Junior high'],
  SECONDARY: ['中专', 'Vocational secondary'],
  HIGH_SCHOOL: ['高中', 'High school'],
  JUNIOR_COLLEGE: ['大专', 'Junior college'],
  BACHELOR: ['本科', 'Bachelor'],
  MASTER: ['硕士', 'Master'],
  DOCTOR: ['博士', 'Doctorate'],
};
/** 普通话水平测试等级, lowest first. */
export const MANDARIN: Labels<E.MandarinLevel> = {
  L3B: ['三乙', '3-B'],
  L3A: ['三甲', '3-A'],
  L2B: ['二乙', '2-B'],
  L2A: ['二甲', '2-A'],
  L1B: ['一乙', '1-B'],
  L1A: ['一甲', '1-A'],
};
export const CATEGORY: Labels<E.SeekerCategory> = {
  GRADUATE: ['应届毕业生', 'Graduate'],
  UNEMPLOYED: ['登记失业人员', 'Registered unemployed'],
  POOR_HOUSEHOLD: ['贫困家庭', 'Poor household'],
  DISABLED: ['残疾人', 'Disabled'],
};
export const POSTING_STATUS: Labels<E.PostingStatus> = {
  DRAFT: ['草稿', 'Draft'],
  OPEN: ['招聘中', 'Open'],
  FILLED: ['已招满', 'Filled'],
  CLOSED: ['已关闭', 'Closed'],
};
export const GENDER: Labels<E.Gender> = { MALE: ['男', 'Male'], FEMALE: ['女', 'Female'] };
/** profileAccessLog's action (a string in the schema, not an enum). */
export const VIEW_ACTION: Labels<'VIEW' | 'VIEW_CONTACT' | 'EXPORT'> = {
  VIEW: ['查看了您的档案', 'viewed your profile'],
  VIEW_CONTACT: ['查看了您的联系方式', 'viewed your contact details'],
  EXPORT: ['导出数据', 'exported data'],
};
