import { Actor, CurrentActor, PageArgs, Role, Roles } from '@app/core';
import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { GraduateImportService } from './graduate-import.service';
import { GraduateImportModel, GraduateImportPage, GraduateImportRejectionPage } from './models/graduate-import.model';

/** Upload is REST (POST /schools/graduate-imports); progress and the report are read here. */
@Resolver(() => GraduateImportModel)
export class GraduateImportResolver {
  constructor(private readonly imports: GraduateImportService) {}

  @Roles(Role.SCHOOL_ADMIN)
  @Query(() => GraduateImportModel, { description: '导入进度与结果（轮询）/ import progress and result (poll)' })
  graduateImport(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.imports.get(actor, id);
  }

  @Roles(Role.SCHOOL_ADMIN)
  @Query(() => GraduateImportPage, { description: '本校的导入记录 / my school’s imports' })
  graduateImports(@CurrentActor() actor: Actor, @Args() page: PageArgs) {
    return this.imports.list(actor, page);
  }

  @Roles(Role.SCHOOL_ADMIN)
  @Query(() => GraduateImportRejectionPage, { description: '问题行（行、列、原因）/ rejected rows with row, column and reason' })
  graduateImportRejections(@CurrentActor() actor: Actor, @Args('importId', { type: () => ID }) importId: string, @Args() page: PageArgs) {
    return this.imports.rejectionsOf(actor, importId, page);
  }
}
