import { Field, ID, InputType } from '@nestjs/graphql';
import { IsUUID } from 'class-validator';

@InputType()
export class EnrolSeekerInput {
  @Field(() => ID) @IsUUID() classId: string;
  @Field(() => ID) @IsUUID() seekerId: string;
}

@InputType({ description: '先面试后培训：录用意向 → 定制班报名 / interview first, then train: conditional offer → custom class' })
export class EnrolFromOfferInput {
  @Field(() => ID, { description: '处于「录用意向 OFFER」阶段的投递 / an application at stage OFFER' }) @IsUUID() applicationId: string;
  @Field(() => ID) @IsUUID() classId: string;
}
