import { Field, InputType, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, Length, Matches } from 'class-validator';

export enum InstitutionKindEnum {
  BASE_CENTRE = 'BASE_CENTRE',
  EXTERNAL = 'EXTERNAL',
}
registerEnumType(InstitutionKindEnum, { name: 'TrainingInstitutionKind', description: '基地人才服务中心 / 外部培训机构' });

@InputType()
export class CreateInstitutionInput {
  @Field() @IsString() @Length(2, 100) name: string;
  @Field(() => InstitutionKindEnum, { defaultValue: InstitutionKindEnum.EXTERNAL }) @IsEnum(InstitutionKindEnum) kind: InstitutionKindEnum =
    InstitutionKindEnum.EXTERNAL;
  @Field({ nullable: true }) @IsOptional() @Matches(/^\d{6}$/) regionCode?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @Length(1, 50) contactName?: string;
}
