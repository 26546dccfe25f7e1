import { Actor, CurrentActor, PageArgs, Role, Roles } from '@app/core';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { SchoolStudentFilterInput, SchoolStudentModel, SchoolStudentPage } from './models/school-student.model';
import { StudentService } from './student.service';

@Resolver(() => SchoolStudentModel)
export class StudentResolver {
  constructor(private readonly students: StudentService) {}

  @Roles(Role.SCHOOL_ADMIN)
  @Query(() => SchoolStudentPage, { description: '本校学生/毕业生 / my school’s students and graduates' })
  schoolStudents(@CurrentActor() actor: Actor, @Args('filter', { nullable: true }) filter: SchoolStudentFilterInput, @Args() page: PageArgs) {
    return this.students.list(actor, filter ?? {}, page);
  }
}
