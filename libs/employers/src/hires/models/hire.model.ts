import { Paginated } from '@app/core';
import { SeekerProfileModel } from '@app/talent';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { PostingModel } from '../../postings/models/posting.model';

@ObjectType('Hire', { description: '录用及劳动合同 / a hire and its employment contract' })
export class HireModel {
  @Field(() => ID) id: string;
  @Field(() => ID) applicationId: string;
  @Field(() => ID) postingId: string;
  @Field(() => ID) seekerId: string;
  @Field() contractStart: string;
  @Field(() => Int) contractMonths: number;
  @Field({ description: '合同到期日 / contract end date' }) contractEnd: string;
  @Field(() => String, { nullable: true }) socialInsuranceStart: string | null;
  @Field(() => String, { nullable: true }) terminatedOn: string | null;
  @Field(() => String, { nullable: true }) terminationReason: string | null;
  @Field() createdAt: Date;
  @Field(() => PostingModel, { nullable: true }) posting?: PostingModel;
  @Field(() => SeekerProfileModel, { nullable: true }) seeker?: SeekerProfileModel;
}

@ObjectType('HirePage')
export class HirePage extends Paginated(HireModel) {}
