import { Actor, CurrentActor, Role, Roles } from '@app/core';
import { SeekerProfileModel } from '@app/talent';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CreateOrderClassInput, OrderClassStudentsInput } from './dto/order-class.input';
import { OrderClassModel } from './models/order-class.model';
import { OrderClassService } from './order-class.service';

@Resolver(() => OrderClassModel)
export class OrderClassResolver {
  constructor(private readonly service: OrderClassService) {}

  @Roles(Role.SCHOOL_ADMIN)
  @Mutation(() => OrderClassModel, { description: '开设订单班/定向委培班 / create an order class' })
  createOrderClass(@CurrentActor() actor: Actor, @Args('input') input: CreateOrderClassInput) {
    return this.service.create(actor, input);
  }

  @Roles(Role.SCHOOL_ADMIN)
  @Mutation(() => OrderClassModel, { description: '选拔本校学生进入订单班 / select students into the class' })
  addOrderClassStudents(@CurrentActor() actor: Actor, @Args('input') input: OrderClassStudentsInput) {
    return this.service.addStudents(actor, input.orderClassId, input.seekerIds);
  }

  @Roles(Role.SCHOOL_ADMIN)
  @Mutation(() => OrderClassModel)
  removeOrderClassStudent(
    @CurrentActor() actor: Actor,
    @Args('orderClassId', { type: () => ID }) orderClassId: string,
    @Args('seekerId', { type: () => ID }) seekerId: string,
  ) {
    return this.service.removeStudent(actor, orderClassId, seekerId);
  }

  @Roles(Role.SCHOOL_ADMIN, Role.HR, Role.OPERATOR)
  @Query(() => [OrderClassModel], { description: '订单班（院校：本校；企业：本企业合作的）/ order classes in my scope' })
  orderClasses(@CurrentActor() actor: Actor) {
    return this.service.list(actor);
  }

  @Roles(Role.SCHOOL_ADMIN, Role.HR, Role.OPERATOR)
  @Query(() => OrderClassModel)
  orderClass(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.service.get(actor, id);
  }

  @Roles(Role.SCHOOL_ADMIN, Role.HR, Role.OPERATOR)
  @Query(() => [SeekerProfileModel], { description: '订单班学生（脱敏）/ the class’s students, masked' })
  orderClassStudents(@CurrentActor() actor: Actor, @Args('orderClassId', { type: () => ID }) orderClassId: string) {
    return this.service.studentsOf(actor, orderClassId);
  }
}
