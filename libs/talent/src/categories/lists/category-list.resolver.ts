import { Role, Roles } from '@app/core';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { SeekerCategory } from '../../seekers/seeker.enums';
import { CategoryListModel } from './category-list.model';
import { CategoryListService } from './category-list.service';

@Resolver(() => CategoryListModel)
export class CategoryListResolver {
  constructor(private readonly lists: CategoryListService) {}

  @Roles(Role.AUDITOR)
  @Query(() => [CategoryListModel], { description: '人社局上传的人员类别名单（各版本，仅行数）/ the bureau category lists: versions and counts' })
  categoryLists(@Args('category', { type: () => SeekerCategory, nullable: true }) category?: SeekerCategory | null) {
    return this.lists.lists(category);
  }
}
