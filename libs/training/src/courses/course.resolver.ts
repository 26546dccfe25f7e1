import { Role, Roles } from '@app/core';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { TrainingClassType } from '../classes/class-type';
import { CourseService } from './course.service';
import { CreateCourseInput } from './dto/course.input';
import { CourseModel } from './models/course.model';

@Resolver(() => CourseModel)
export class CourseResolver {
  constructor(private readonly courses: CourseService) {}

  @Roles(Role.OPERATOR)
  @Mutation(() => CourseModel, { description: '新增课程 / add a course to the catalogue' })
  createTrainingCourse(@Args('input') input: CreateCourseInput) {
    return this.courses.create(input);
  }

  @Roles(Role.OPERATOR, Role.AUDITOR, Role.HR, Role.SEEKER)
  @Query(() => [CourseModel], { description: '课程目录 / course catalogue' })
  trainingCourses(@Args('audience', { type: () => TrainingClassType, nullable: true }) audience?: TrainingClassType) {
    return this.courses.list(audience ?? undefined);
  }
}
