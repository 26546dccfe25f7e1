import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum OrderClassKind {
  ORDER = 'ORDER',
  DIRECTED = 'DIRECTED',
}
registerEnumType(OrderClassKind, { name: 'OrderClassKind', description: '订单班 / 定向委培班' });

@ObjectType('OrderClass', { description: '订单班/定向委培班：院校与合作企业联合培养 / a class trained for a sponsoring tenant' })
export class OrderClassModel {
  @Field(() => ID) id: string;
  @Field(() => ID) schoolId: string;
  @Field() schoolName: string;
  @Field(() => ID) tenantId: string;
  @Field() tenantName: string;
  @Field(() => OrderClassKind) kind: `${OrderClassKind}`;
  @Field() name: string;
  @Field() major: string;
  @Field(() => Int) quota: number;
  @Field(() => Int, { description: '承诺录用 / promised hires' }) promisedHires: number;
  @Field() curriculum: string;
  @Field() startDate: string;
  @Field() endDate: string;
  @Field(() => Int, { description: '已选学生 / students selected' }) enrolled: number;
  @Field(() => Int, { description: '实际录用（该企业的录用记录）/ actual hires at the sponsor' }) actualHires: number;
  @Field({ description: '是否兑现承诺 / promise kept' }) promiseMet: boolean;
}
