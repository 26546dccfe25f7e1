import { Field, ID, ObjectType } from '@nestjs/graphql';
import { TrainingClassType } from '../../classes/class-type';

@ObjectType('TrainingCourse', { description: '课程 / course' })
export class CourseModel {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => TrainingClassType, { nullable: true, description: '面向的培训班类型 / class type it is meant for' }) audience: TrainingClassType | null;
  @Field(() => String, { nullable: true }) module: string | null;
  @Field({ description: '规划文本所列课程 / named in the base plan' }) fromPlan: boolean;
}
