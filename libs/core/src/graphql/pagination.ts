import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { Type } from '@nestjs/common';
import { IsInt, Max, Min } from 'class-validator';

export const MAX_PAGE_SIZE = 100;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 20, description: `每页条数，最多 ${MAX_PAGE_SIZE} / page size, at most ${MAX_PAGE_SIZE}` })
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first = 20;

  @Field(() => Int, { defaultValue: 0 })
  @IsInt()
  @Min(0)
  @Max(100_000)
  offset = 0;
}

export interface Page<T> {
  items: T[];
  total: number;
  hasMore: boolean;
}

/**
 * Base of a page type: `@ObjectType('PostingPage') class PostingPage extends Paginated(PostingModel) {}`.
 * The field returning a page is priced at its own `first` × the cost of one row of `items` (cost.ts).
 */
export function Paginated<T>(item: Type<T>) {
  @ObjectType({ isAbstract: true })
  class PageType {
    @Field(() => [item])
    items: T[];
    @Field(() => Int) total: number;
    @Field() hasMore: boolean;
  }
  return PageType;
}

export function toPage<T>(items: T[], total: number, args: PageArgs): Page<T> {
  return { items, total, hasMore: args.offset + items.length < total };
}
