import { Public } from '@app/core';
import { Args, Field, Float, Int, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { regionDirectory } from './regions';

@ObjectType('Region', { description: '行政区划（GB/T 2260）/ administrative division' })
export class RegionModel {
  @Field() code: string;
  @Field() name: string;
  @Field() fullName: string;
  @Field() level: string;
  @Field(() => Float, { nullable: true }) lat: number | null;
  @Field(() => Float, { nullable: true }) lng: number | null;
  @Field(() => Float, { nullable: true, description: '到基地直线距离（公里）/ straight-line km to the base' }) distanceKm: number | null;
}

@Resolver(() => RegionModel)
export class RegionResolver {
  @Public()
  @Query(() => [RegionModel], { description: '基地周边区县，按距离排序 / counties within a radius of the base, nearest first' })
  regionsNearBase(@Args('withinKm', { type: () => Int, defaultValue: 300 }) withinKm: number): RegionModel[] {
    const dir = regionDirectory();
    return dir
      .withinKm(Math.min(Math.max(withinKm, 1), 1000))
      .filter((d) => !d.region.stat)
      .map(({ region: r, distanceKm }) => ({
        code: r.code,
        name: r.name,
        fullName: dir.fullName(r.code) ?? r.name,
        level: r.level,
        lat: r.lat ?? null,
        lng: r.lng ?? null,
        distanceKm: Math.round(distanceKm * 10) / 10,
      }));
  }
}
