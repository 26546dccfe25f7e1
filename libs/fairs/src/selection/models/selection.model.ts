import { SeekerProfileModel } from '@app/talent';
import { Field, ID, ObjectType } from '@nestjs/graphql';
import { SelectionKindEnum } from '../../fair.enums';

@ObjectType('FairPostingScan', { description: '扫描岗位二维码的结果 / what a posting QR scan resolves to' })
export class FairPostingScanModel {
  @Field(() => ID) postingId: string;
  @Field(() => ID) fairId: string;
  @Field(() => ID) fairPostingId: string;
  @Field(() => String, { nullable: true }) boothNumber: string | null;
}

@ObjectType('FairSelection', { description: '双向选择记录 / a selection mark' })
export class FairSelectionModel {
  @Field(() => ID) id: string;
  @Field(() => ID) fairId: string;
  @Field(() => ID) fairPostingId: string;
  @Field() side: string;
  @Field(() => SelectionKindEnum) kind: SelectionKindEnum;
  @Field() createdAt: Date;
  @Field({ description: '双方互选 / both sides marked each other' }) mutual: boolean;
}

@ObjectType('FairMatch', { description: '互选结果（仅双方可见）/ a mutual selection (visible to both sides only)' })
export class FairMatchModel {
  @Field(() => ID) fairId: string;
  @Field(() => ID) fairPostingId: string;
  @Field(() => ID) postingId: string;
  @Field() companyName: string;
  @Field() postingTitle: string;
  @Field(() => String, { nullable: true }) boothNumber: string | null;
  @Field(() => SeekerProfileModel, { nullable: true, description: 'HR 可见（脱敏）/ for HR (masked)' }) seeker: SeekerProfileModel | null;
  @Field() at: Date;
}

@ObjectType('FairBoothVisitor', { description: '已签到并投递本企业岗位的求职者 / a checked-in seeker who applied to our postings' })
export class FairBoothVisitorModel {
  @Field(() => SeekerProfileModel) seeker: SeekerProfileModel;
  @Field(() => ID) applicationId: string;
  @Field(() => ID) fairPostingId: string;
  @Field() postingTitle: string;
  @Field() stage: string;
  @Field() checkedInAt: Date;
  @Field(() => [SelectionKindEnum], { description: '本企业已做的标记 / our marks' }) hrMarks: SelectionKindEnum[];
  @Field({ description: '求职者对该岗位感兴趣 / the seeker marked interest' }) seekerInterested: boolean;
}
