import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';

@InputType({ description: '带到招聘会的岗位及现场招聘人数 / a posting brought to the fair and the headcount offered there' })
export class FairPostingInput {
  @Field(() => ID) @IsUUID() postingId: string;
  @Field(() => Int) @IsInt() @Min(1) @Max(1000) headcount: number;
}

@InputType()
export class ApplyForBoothInput {
  @Field(() => ID) @IsUUID() fairId: string;
  @Field(() => [FairPostingInput])
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => FairPostingInput)
  postings: FairPostingInput[];
  @Field(() => ID, { nullable: true, description: '选择空闲展位（可选）/ a free booth to pick (optional)' }) @IsOptional() @IsUUID() boothId?: string | null;
}

@InputType()
export class DecideBoothApplicationInput {
  @Field(() => ID) @IsUUID() applicationId: string;
  @Field() @IsBoolean() approve: boolean;
  @Field(() => String, { nullable: true, description: '不通过时必填 / required when rejecting' }) @IsOptional() @IsString() @MaxLength(200) reason?:
    string | null;
  @Field(() => ID, { nullable: true, description: '同时分配展位 / assign a booth at once' }) @IsOptional() @IsUUID() boothId?: string | null;
}

@InputType()
export class AssignBoothInput {
  @Field(() => ID) @IsUUID() applicationId: string;
  @Field(() => ID) @IsUUID() boothId: string;
}
