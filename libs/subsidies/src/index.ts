export * from './subsidies.module';
export * from './subsidy-core.module';
export * from './subsidies.enums';
export * from './subsidies.exception';
export * from './audit/subsidy-audit';
export * from './audit/canonical-json';
export * from './parameters/parameter.service';
export * from './parameters/parameter-set';
export * from './claims/claim.service';
export * from './claims/claim-query.service';
export * from './claims/claim-create.service';
export * from './parameters/budget.service';
export * from './claims/entitlements';
export * from './claims/facts.reader';
export * from './proposals/proposal.service';
// The rules (the date helpers stay internal: payouts has its own of the same names).
export { RULES, NOT_COMBINABLE, evaluate, renderTrace, yuan, item08, item09, item10, item11, item12, item13, item14, item15, item16, item17 } from './rules';
export type { Evaluation, RuleResult, SubsidyRule, TraceNode, TraceEvidence } from './rules';
export type {
  Item08Facts,
  Item09Facts,
  Item10Facts,
  Item11Facts,
  Item12Facts,
  Item13Facts,
  Item14Facts,
  Item15Facts,
  Item16Facts,
  Item17Facts,
  SkillLevel,
} from './rules';
export * from './evidence/evidence.service';
export * from './payouts';
