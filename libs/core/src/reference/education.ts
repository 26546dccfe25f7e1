import { registerEnumType } from '@nestjs/graphql';

/** 学历 — the one Education enum (profiles, matching, graduate lists). */
export enum Education {
  PRIMARY = 'PRIMARY',
  JUNIOR_HIGH = 'JUNIOR_HIGH',
  SECONDARY = 'SECONDARY',
  HIGH_SCHOOL = 'HIGH_SCHOOL',
  JUNIOR_COLLEGE = 'JUNIOR_COLLEGE',
  BACHELOR = 'BACHELOR',
  MASTER = 'MASTER',
  DOCTOR = 'DOCTOR',
}
registerEnumType(Education, { name: 'Education', description: '小学/初中/中专/高中/大专/本科/硕士/博士' });

/** Order for "at least" comparisons (中专 and 高中 rank alike). */
export const EDUCATION_RANK: Record<Education, number> = {
  PRIMARY: 1,
  JUNIOR_HIGH: 2,
  SECONDARY: 3,
  HIGH_SCHOOL: 3,
  JUNIOR_COLLEGE: 4,
  BACHELOR: 5,
  MASTER: 6,
  DOCTOR: 7,
};
export const EDUCATION_ZH: Record<Education, string> = {
  PRIMARY: '小学',
  JUNIOR_HIGH: '初中',
  SECONDARY: '中专',
  HIGH_SCHOOL: '高中',
  JUNIOR_COLLEGE: '大专',
  BACHELOR: '本科',
  MASTER: '硕士',
  DOCTOR: '博士',
};
