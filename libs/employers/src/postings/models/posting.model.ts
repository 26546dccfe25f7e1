import { Paginated } from '@app/core';
import { Education, MandarinLevel, Shift } from '@app/talent';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { TenantModel } from '../../tenants/models/tenant.model';
import { PostingStatusEnum } from '../dto/posting.input';

@ObjectType('JobPosting', { description: '招聘岗位 / job posting' })
export class PostingModel {
  @Field(() => ID) id: string;
  @Field(() => ID) tenantId: string;
  @Field(() => TenantModel, { nullable: true }) tenant?: TenantModel;
  @Field() title: string;
  @Field() description: string;
  @Field(() => Int) headcount: number;
  @Field(() => Int, { description: '剩余名额 / openings left' }) openingsLeft: number;
  @Field(() => Int) salaryMinFen: number;
  @Field(() => Int) salaryMaxFen: number;
  @Field(() => [Shift]) shifts: Shift[];
  @Field(() => MandarinLevel, { nullable: true }) minMandarinLevel: MandarinLevel | null;
  @Field(() => Int, { nullable: true }) minTypingSpeed: number | null;
  @Field(() => Education, { nullable: true }) minEducation: Education | null;
  @Field(() => PostingStatusEnum) status: PostingStatusEnum;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
}

@ObjectType('JobPostingPage')
export class PostingPage extends Paginated(PostingModel) {}
