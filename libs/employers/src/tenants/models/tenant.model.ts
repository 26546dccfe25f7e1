import { Paginated } from '@app/core';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('Tenant', { description: '入驻企业 / tenant company' })
export class TenantModel {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field() creditCode: string;
  @Field(() => Int) seats: number;
  /** Resolved by TenantResolver.contactName: a person's name, not shown on the job board. */
  contactName: string | null;
  @Field() createdAt: Date;
}

@ObjectType('TenantPage')
export class TenantPage extends Paginated(TenantModel) {}
