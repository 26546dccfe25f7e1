import { Roles, Role } from '@app/core';
import { Args, Field, ID, InputType, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { IsIn, IsOptional, Length, Matches } from 'class-validator';
import { SchoolService } from './school.service';

@ObjectType('School', { description: '院校 / school' })
export class SchoolModel {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field() kind: string;
  @Field(() => String, { nullable: true }) regionCode: string | null;
}

@InputType()
export class CreateSchoolInput {
  @Field() @Length(2, 60) name: string;
  @Field({ defaultValue: 'VOCATIONAL', description: 'VOCATIONAL 职业院校 / UNIVERSITY 本科院校 / SECONDARY 中职' })
  @IsIn(['VOCATIONAL', 'UNIVERSITY', 'SECONDARY'])
  kind: string;
  @Field({ nullable: true }) @IsOptional() @Matches(/^\d{6}$/) regionCode?: string;
}

@Resolver(() => SchoolModel)
export class SchoolResolver {
  constructor(private readonly schoolService: SchoolService) {}

  @Roles(Role.OPERATOR)
  @Mutation(() => SchoolModel, { description: '登记院校 / register a school' })
  createSchool(@Args('input') input: CreateSchoolInput) {
    return this.schoolService.create(input.name, input.kind, input.regionCode);
  }

  @Roles(Role.OPERATOR, Role.AUDITOR, Role.HR, Role.SCHOOL_ADMIN)
  @Query(() => [SchoolModel])
  schools() {
    return this.schoolService.list();
  }
}
