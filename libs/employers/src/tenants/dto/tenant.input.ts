import { Field, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

@InputType()
export class CreateTenantInput {
  @Field() @IsString() @Length(2, 100) name: string;
  @Field({ description: '统一社会信用代码 / unified social credit code' })
  @IsString()
  @Length(18, 18, { message: '统一社会信用代码应为18位 / must be 18 characters' })
  creditCode: string;
  @Field(() => Int, { description: '坐席数 / seats' }) @IsInt() @Min(0) @Max(100000) seats: number;
  @Field({ nullable: true }) @IsOptional() @IsString() @Length(1, 40) contactName?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @Length(5, 20) contactPhone?: string;
}
