import { Paginated } from '@app/core';
import { SeekerProfileModel } from '@app/talent';
import { Field, ID, ObjectType } from '@nestjs/graphql';
import { PostingModel } from '../../postings/models/posting.model';
import { StageEnum } from '../dto/application.input';

@ObjectType('ApplicationEvent')
export class ApplicationEventModel {
  @Field(() => StageEnum, { nullable: true }) fromStage: StageEnum | null;
  @Field(() => StageEnum) toStage: StageEnum;
  @Field() actorRole: string;
  @Field(() => String, { nullable: true }) reason: string | null;
  @Field() createdAt: Date;
}

@ObjectType('ApplicationNote', { description: '企业内部备注，仅本企业HR可见 / internal note, own tenant only' })
export class ApplicationNoteModel {
  @Field(() => ID) id: string;
  @Field() body: string;
  @Field() createdAt: Date;
}

/** HR's view of an application (own tenant only). */
@ObjectType('Application')
export class ApplicationModel {
  @Field(() => ID) id: string;
  @Field(() => ID) postingId: string;
  @Field(() => ID) seekerId: string;
  @Field(() => StageEnum) stage: StageEnum;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
  @Field(() => PostingModel, { nullable: true }) posting?: PostingModel;
  @Field(() => SeekerProfileModel, { nullable: true, description: '求职者（脱敏）/ the applicant, masked' }) seeker?: SeekerProfileModel;
  @Field(() => [ApplicationEventModel]) events?: ApplicationEventModel[];
  @Field(() => [ApplicationNoteModel]) notes?: ApplicationNoteModel[];
}

@ObjectType('ApplicationPage')
export class ApplicationPage extends Paginated(ApplicationModel) {}

/** The seeker's view of their own application (no internal notes). */
@ObjectType('MyApplication')
export class MyApplicationModel {
  @Field(() => ID) id: string;
  @Field(() => ID) postingId: string;
  @Field(() => StageEnum) stage: StageEnum;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
  @Field(() => PostingModel, { nullable: true }) posting?: PostingModel;
}
