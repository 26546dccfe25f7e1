import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum InternshipEvaluation {
  EXCELLENT = 'EXCELLENT',
  GOOD = 'GOOD',
  PASS = 'PASS',
  FAIL = 'FAIL',
}
registerEnumType(InternshipEvaluation, { name: 'InternshipEvaluation', description: '优秀 / 良好 / 合格 / 不合格' });

/** Interns a year, in the plan: 实习实训基地 5,000 students a year. */
export const INTERNS_PER_YEAR_TARGET = 5000;

@ObjectType('InternshipMonth')
export class InternshipMonthModel {
  @Field({ description: 'YYYY-MM' }) month: string;
  @Field(() => Int) attendanceDays: number;
  @Field(() => InternshipEvaluation) evaluation: `${InternshipEvaluation}`;
  @Field() comment: string;
  @Field() recordedRole: string;
}

@ObjectType('Internship', { description: '实习实训 / an internship placement' })
export class InternshipModel {
  @Field(() => ID) id: string;
  @Field(() => ID) schoolId: string;
  @Field() schoolName: string;
  @Field(() => ID) tenantId: string;
  @Field() tenantName: string;
  @Field(() => ID) seekerId: string;
  @Field() studentName: string;
  @Field() position: string;
  @Field() startDate: string;
  @Field() endDate: string;
  @Field(() => [InternshipMonthModel]) months: InternshipMonthModel[];
}

@ObjectType('InternshipCount')
export class InternshipCountModel {
  @Field(() => ID) schoolId: string;
  @Field() schoolName: string;
  @Field(() => ID) tenantId: string;
  @Field() tenantName: string;
  @Field(() => Int, { description: '实习人数（去重）/ distinct interns' }) interns: number;
}

@ObjectType('InternshipStats', { description: '年度实习人数（与实习在该年有交集即计入）/ interns per year' })
export class InternshipStatsModel {
  @Field(() => Int) year: number;
  @Field(() => Int, { description: '规划目标：每年5000人 / the plan’s target' }) target: number;
  @Field(() => Int, { description: '范围内去重人数 / distinct interns in my scope' }) total: number;
  @Field(() => [InternshipCountModel]) bySchoolAndTenant: InternshipCountModel[];
}
