import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsEnum, IsInt, IsString, IsUUID, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { OrderClassKind } from '../models/order-class.model';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_MSG = { message: '日期格式应为 YYYY-MM-DD / date must be YYYY-MM-DD' };

@InputType()
export class CreateOrderClassInput {
  @Field(() => ID, { description: '合作企业 / sponsoring tenant' }) @IsUUID() tenantId: string;
  @Field(() => OrderClassKind, { defaultValue: OrderClassKind.ORDER }) @IsEnum(OrderClassKind) kind: OrderClassKind;
  @Field({ description: '班级名称，如 2026级中国移动订单班' }) @IsString() @Length(2, 60) name: string;
  @Field() @IsString() @Length(1, 100) major: string;
  @Field(() => Int, { description: '招生名额 / quota' }) @IsInt() @Min(1) @Max(2000) quota: number;
  @Field(() => Int, { description: '企业承诺录用人数 / hires promised by the sponsor' }) @IsInt() @Min(0) @Max(2000) promisedHires: number;
  @Field({ defaultValue: '', description: '课程安排 / curriculum' }) @IsString() @MaxLength(10000) curriculum: string;
  @Field() @Matches(DATE, DATE_MSG) startDate: string;
  @Field() @Matches(DATE, DATE_MSG) endDate: string;
}

@InputType()
export class OrderClassStudentsInput {
  @Field(() => ID) @IsUUID() orderClassId: string;
  @Field(() => [ID]) @ArrayMinSize(1) @ArrayMaxSize(500) @IsUUID('all', { each: true }) seekerIds: string[];
}
