import { registerEnumType } from '@nestjs/graphql';

/** The one Education enum lives in core (libs/core/src/reference/education.ts). */
export { Education, EDUCATION_RANK, EDUCATION_ZH } from '@app/core';

/** 普通话水平测试等级, lowest to highest. */
export enum MandarinLevel {
  L3B = '3B',
  L3A = '3A',
  L2B = '2B',
  L2A = '2A',
  L1B = '1B',
  L1A = '1A',
}
registerEnumType(MandarinLevel, { name: 'MandarinLevel', description: '普通话等级：三乙 3B … 一甲 1A' });
export const MANDARIN_RANK: Record<string, number> = { '3B': 1, '3A': 2, '2B': 3, '2A': 4, '1B': 5, '1A': 6 };
export const MANDARIN_ZH: Record<string, string> = { '3B': '三乙', '3A': '三甲', '2B': '二乙', '2A': '二甲', '1B': '一乙', '1A': '一甲' };

export enum Shift {
  DAY = 'DAY',
  TWO_SHIFT = 'TWO_SHIFT',
  THREE_SHIFT = 'THREE_SHIFT',
  NIGHT = 'NIGHT',
}
registerEnumType(Shift, { name: 'Shift', description: '白班 / 两班倒 / 三班倒 / 夜班' });

export enum SeekerCategory {
  GRADUATE = 'GRADUATE',
  UNEMPLOYED = 'UNEMPLOYED',
  POOR_HOUSEHOLD = 'POOR_HOUSEHOLD',
  DISABLED = 'DISABLED',
}
registerEnumType(SeekerCategory, { name: 'SeekerCategory', description: '应届毕业生 / 登记失业人员 / 贫困家庭 / 残疾人' });

export enum Gender {
  MALE = 'MALE',
  FEMALE = 'FEMALE',
}
registerEnumType(Gender, { name: 'Gender' });

export enum ProfileSource {
  SELF = 'SELF',
  SCHOOL = 'SCHOOL',
  FAIR = 'FAIR',
  BUREAU = 'BUREAU',
}
registerEnumType(ProfileSource, { name: 'ProfileSource' });

/**
 * Sensitive personal information (PIPL art. 28): shown to tenants and put into
 * search documents only with the seeker's separate SENSITIVE_CATEGORIES consent.
 */
export const SENSITIVE_CATEGORIES: readonly string[] = [SeekerCategory.POOR_HOUSEHOLD, SeekerCategory.DISABLED];

export function isSensitiveCategory(c: string): boolean {
  return SENSITIVE_CATEGORIES.includes(c);
}

/** The categories a tenant (or a search document) may hold for this seeker. */
export function tenantVisibleCategories(s: { categories: readonly string[] | null; sensitiveConsent: boolean }): string[] {
  const all = [...(s.categories ?? [])];
  return s.sensitiveConsent ? all : all.filter((c) => !isSensitiveCategory(c));
}

/** Who confirmed a category (a self-declared one has no record and stays "declared, unverified"). */
export enum CategorySource {
  SCHOOL = 'SCHOOL',
  BUREAU_LIST = 'BUREAU_LIST',
  SERVICE_CENTRE = 'SERVICE_CENTRE',
}
registerEnumType(CategorySource, { name: 'CategorySource', description: '院校 / 人社局名单 / 人才服务中心' });

export enum IdentityClaimStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(IdentityClaimStatus, { name: 'IdentityClaimStatus', description: '核验中 / 已通过 / 未通过 / 已撤销' });

export enum IdentityClaimMethod {
  PHONE_MATCH = 'PHONE_MATCH',
  SERVICE_CENTRE = 'SERVICE_CENTRE',
  SCHOOL = 'SCHOOL',
}
registerEnumType(IdentityClaimMethod, { name: 'IdentityClaimMethod', description: '手机号一致 / 人才服务中心核验 / 院校核验' });
