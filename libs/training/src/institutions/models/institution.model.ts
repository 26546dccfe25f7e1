import { Field, ID, ObjectType } from '@nestjs/graphql';
import { InstitutionKindEnum } from '../dto/institution.input';

@ObjectType('TrainingInstitution', { description: '培训机构（基地人才服务中心或外部机构）/ training institution' })
export class InstitutionModel {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => InstitutionKindEnum) kind: InstitutionKindEnum;
  @Field(() => String, { nullable: true }) regionCode: string | null;
  @Field(() => String, { nullable: true }) contactName: string | null;
  @Field() createdAt: Date;
}
