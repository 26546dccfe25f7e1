import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { TrainingClassType } from '../../classes/class-type';

@ObjectType('TrainingFigures', { description: '报名（不含已退出）/ 结业 / 退出 / 人数' })
export class FiguresModel {
  @Field(() => Int, { description: '有效报名人次（不含退出）/ live enrolments' }) enrolled: number;
  @Field(() => Int, { description: '结业人次 / completions' }) completed: number;
  @Field(() => Int, { description: '退出人次 / withdrawals' }) withdrawn: number;
  @Field(() => Int, { description: '学员人数（去重）/ distinct trainees' }) trainees: number;
}

@ObjectType('TrainingClassStats')
export class ClassStatsModel extends FiguresModel {
  @Field(() => ID) classId: string;
  @Field() className: string;
  @Field(() => TrainingClassType) type: TrainingClassType;
  @Field(() => ID) institutionId: string;
  @Field() institutionName: string;
  @Field(() => Int) capacity: number;
}

@ObjectType('TrainingInstitutionStats')
export class InstitutionStatsModel extends FiguresModel {
  @Field(() => ID) institutionId: string;
  @Field() institutionName: string;
  @Field(() => Int) classes: number;
}

@ObjectType('TrainingSchoolStats', { description: '按学员所属院校（一人多校则各计一次）/ by the trainees’ schools' })
export class SchoolStatsModel extends FiguresModel {
  @Field(() => ID) schoolId: string;
  @Field() schoolName: string;
}

@ObjectType('TrainingStats')
export class TrainingStatsModel {
  @Field(() => FiguresModel) total: FiguresModel;
  @Field(() => [ClassStatsModel]) byClass: ClassStatsModel[];
  @Field(() => [InstitutionStatsModel]) byInstitution: InstitutionStatsModel[];
  @Field(() => [SchoolStatsModel]) bySchool: SchoolStatsModel[];
}
