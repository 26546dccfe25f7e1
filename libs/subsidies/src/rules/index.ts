import { SubsidyItem } from '../subsidies.enums';
import { item08 } from './item08.training-base';
import { item09 } from './item09.living-allowance';
import { item10 } from './item10.related-major';
import { item11 } from './item11.commissioned-training';
import { item12 } from './item12.skill-upgrade';
import { item13 } from './item13.housing';
import { item14 } from './item14.student-allowance';
import { item15 } from './item15.free-training';
import { item16 } from './item16.hiring-reward';
import { item17 } from './item17.internship';
import { SubsidyRule } from './rule';

export * from './rule';
export { item08, item09, item10, item11, item12, item13, item14, item15, item16, item17 };
export type { Item08Facts } from './item08.training-base';
export type { Item09Facts } from './item09.living-allowance';
export type { Item10Facts } from './item10.related-major';
export type { Item11Facts } from './item11.commissioned-training';
export type { Item12Facts, SkillLevel } from './item12.skill-upgrade';
export type { Item13Facts } from './item13.housing';
export type { Item14Facts } from './item14.student-allowance';
export type { Item15Facts } from './item15.free-training';
export type { Item16Facts } from './item16.hiring-reward';
export type { Item17Facts } from './item17.internship';

/** The policy catalogue: one rule per item 8–17. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const RULES: Readonly<Record<SubsidyItem, SubsidyRule<any>>> = {
  ITEM_08: item08,
  ITEM_09: item09,
  ITEM_10: item10,
  ITEM_11: item11,
  ITEM_12: item12,
  ITEM_13: item13,
  ITEM_14: item14,
  ITEM_15: item15,
  ITEM_16: item16,
  ITEM_17: item17,
};

/** Pairs of items that must not both pay for the same hire (issue 10 §1: item 16 with item 11's per-trainee reward). */
export const NOT_COMBINABLE: ReadonlyArray<readonly [SubsidyItem, SubsidyItem]> = (Object.values(RULES) as SubsidyRule<unknown>[]).flatMap((r) =>
  r.notCombinableWith.filter((o) => r.item < o).map((o) => [r.item, o] as const),
);
