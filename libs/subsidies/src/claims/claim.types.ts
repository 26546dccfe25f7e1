import { SubsidyClaimStatus, SubsidyItem, SubsidyPartyKind } from '../subsidies.enums';

export interface ClaimRow {
  id: string;
  item: SubsidyItem;
  party_kind: SubsidyPartyKind;
  party_id: string;
  party_name: string;
  tenant_id: string | null;
  status: SubsidyClaimStatus;
  origin: 'PROPOSAL' | 'MANUAL';
  created_by: string | null;
  submitted_by: string | null;
  submitted_at: Date | null;
  reviewer_id: string | null;
  recommended_at: Date | null;
  approver_id: string | null;
  decided_at: Date | null;
  claimed_fen: string;
  approved_fen: string | null;
  returned_reason: string | null;
  return_deadline: string | null;
  rejected_reason: string | null;
  suspended_from: string | null;
  publicity_ends_on: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export interface LineRow {
  id: string;
  claim_id: string;
  item: SubsidyItem;
  party_kind: SubsidyPartyKind;
  person_hash: string;
  person_label: string | null;
  seeker_id: string | null;
  hire_id: string | null;
  enrolment_id: string | null;
  internship_id: string | null;
  period: string;
  fact_date: string;
  amount_fen: number;
  approved_amount_fen: number | null;
  status: string;
  rule_version: string;
  param_value_ids: string[];
  trace: unknown;
  facts: Record<string, unknown>;
  reason_code: string | null;
  created_at: Date;
}

export const CLAIM_COLUMNS = `id, item, party_kind, party_id, party_name, tenant_id, status, origin, created_by, submitted_by, submitted_at, reviewer_id,
  recommended_at, approver_id, decided_at, claimed_fen, approved_fen, returned_reason, to_char(return_deadline, 'YYYY-MM-DD') AS return_deadline,
  rejected_reason, suspended_from, to_char(publicity_ends_on, 'YYYY-MM-DD') AS publicity_ends_on, version, created_at, updated_at`;

export const LINE_COLUMNS = `id, claim_id, item, party_kind, person_hash, person_label, seeker_id, hire_id, enrolment_id, internship_id, period,
  to_char(fact_date, 'YYYY-MM-DD') AS fact_date, amount_fen, approved_amount_fen, status, rule_version, param_value_ids, trace, facts, reason_code, created_at`;
