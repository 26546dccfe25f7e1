import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { CategorySource, SeekerCategory } from '../../seekers/seeker.enums';

@InputType({ description: '核实人员类别 / record a verified category' })
export class VerifyCategoryInput {
  @Field(() => ID) @IsUUID() seekerId: string;
  @Field(() => SeekerCategory) @IsEnum(SeekerCategory) category: SeekerCategory;
  @Field(() => CategorySource, { description: '核实来源 / verified source' }) @IsEnum(CategorySource) source: CategorySource;
  @Field({ nullable: true, description: '依据，如名单批次或证件 / evidence, e.g. list batch or certificate' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}
