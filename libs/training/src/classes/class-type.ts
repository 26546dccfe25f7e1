import { registerEnumType } from '@nestjs/graphql';

/** The class types the plan names (人才服务培训体系). */
export enum TrainingClassType {
  NEW_HIRE = 'NEW_HIRE',
  PROMOTION = 'PROMOTION',
  GRASSROOTS_MANAGER = 'GRASSROOTS_MANAGER',
  GRADUATE_SHORT = 'GRADUATE_SHORT',
  CUSTOM_FOR_UNEMPLOYED = 'CUSTOM_FOR_UNEMPLOYED',
  PLACEMENT = 'PLACEMENT',
}
registerEnumType(TrainingClassType, {
  name: 'TrainingClassType',
  description: '新员工入职课程 / 晋升·储备干部课程 / 基层管理者培训 / 毕业生短训班 / 先面试后培训定制班 / 贫困·残疾人员安置培训班',
});

export const CLASS_TYPE_ZH: Record<TrainingClassType, string> = {
  NEW_HIRE: '新员工入职课程',
  PROMOTION: '晋升/储备干部课程',
  GRASSROOTS_MANAGER: '基层管理者培训',
  GRADUATE_SHORT: '毕业生短训班',
  CUSTOM_FOR_UNEMPLOYED: '先面试后培训定制班',
  PLACEMENT: '贫困/残疾人员安置培训班',
};

/** Placement classes are for people from poor households and disabled people (安置人员培训班). */
export const PLACEMENT_CATEGORIES = ['POOR_HOUSEHOLD', 'DISABLED'];

export enum TrainingClassStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}
registerEnumType(TrainingClassStatus, { name: 'TrainingClassStatus', description: '报名中 / 已截止报名' });

export enum SkillLevel {
  ADVANCED_WORKER = 'ADVANCED_WORKER',
  TECHNICIAN = 'TECHNICIAN',
  SENIOR_TECHNICIAN = 'SENIOR_TECHNICIAN',
}
registerEnumType(SkillLevel, { name: 'SkillLevel', description: '高级工 / 技师 / 高级技师' });
export const SKILL_LEVEL_ZH: Record<SkillLevel, string> = { ADVANCED_WORKER: '高级工', TECHNICIAN: '技师', SENIOR_TECHNICIAN: '高级技师' };
