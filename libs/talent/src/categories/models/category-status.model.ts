import { Field, ObjectType } from '@nestjs/graphql';
import { CategorySource, SeekerCategory } from '../../seekers/seeker.enums';

/** One category of a person: declared by them, or confirmed by a verified source. */
@ObjectType('CategoryStatus', { description: '人员类别及核实情况 / a category, declared or verified' })
export class CategoryStatusModel {
  @Field(() => SeekerCategory) category: SeekerCategory;
  @Field({ description: '敏感个人信息（贫困家庭、残疾人）/ sensitive personal information' }) sensitive: boolean;
  @Field({ description: '已由院校、人社局名单或人才服务中心核实；否则为本人申报、未核实 / verified by a source; otherwise self-declared' }) verified: boolean;
  @Field(() => CategorySource, { nullable: true }) source: CategorySource | null;
  @Field(() => Date, { nullable: true }) verifiedAt: Date | null;
}
