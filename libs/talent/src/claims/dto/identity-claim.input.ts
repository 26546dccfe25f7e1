import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { IdentityClaimMethod, IdentityClaimStatus } from '../../seekers/seeker.enums';

@InputType({ description: '核验决定 / decision on an identity claim' })
export class DecideIdentityClaimInput {
  @Field(() => ID) @IsUUID() claimId: string;
  @Field({ description: '核验意见，如“本人持身份证到场核验” / note, e.g. what was checked' }) @IsString() @Length(2, 500) note: string;
  @Field(() => IdentityClaimMethod, { nullable: true, description: '核验方式：人才服务中心（默认）或院校确认 / SERVICE_CENTRE (default) or SCHOOL' })
  @IsOptional()
  @IsIn([IdentityClaimMethod.SERVICE_CENTRE, IdentityClaimMethod.SCHOOL])
  method?: IdentityClaimMethod;
}

@InputType()
export class IdentityClaimFilterInput {
  @Field(() => IdentityClaimStatus, { nullable: true }) @IsOptional() @IsEnum(IdentityClaimStatus) status?: IdentityClaimStatus;
}
