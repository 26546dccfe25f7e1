import { PageArgs } from '@app/core';
import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsUUID } from 'class-validator';

@ArgsType()
export class MatchCandidatesArgs extends PageArgs {
  @Field(() => ID, { description: '岗位 / posting' }) @IsUUID() postingId: string;
}
