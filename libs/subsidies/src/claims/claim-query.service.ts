import { Actor, PageArgs, Role, toPage, Page } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SubsidyAudit } from '../audit/subsidy-audit';
import { NOT_COMBINABLE, renderTrace, TraceNode } from '../rules';
import { ITEM_LABEL, SubsidyClaimStatus, SubsidyItem } from '../subsidies.enums';
import {
  SubsidyBudgetModel,
  SubsidyClaimEventModel,
  SubsidyClaimFilter,
  SubsidyClaimLineModel,
  SubsidyClaimModel,
  SubsidyDashboardModel,
  SubsidyDoubleDipModel,
  SubsidyDuplicateModel,
  SubsidyEvidenceModel,
  SubsidyPublicityEntryModel,
} from '../graphql/subsidy.models';
import { CLAIM_COLUMNS, ClaimRow, LINE_COLUMNS, LineRow } from './claim.types';
import { SubsidyFactsReader } from './facts.reader';

export function toClaimModel(c: ClaimRow): SubsidyClaimModel {
  return {
    id: c.id,
    item: c.item,
    itemLabelZh: ITEM_LABEL[c.item].zh,
    partyKind: c.party_kind,
    partyId: c.party_id,
    partyName: c.party_name,
    tenantId: c.tenant_id,
    status: c.status,
    origin: c.origin,
    claimedFen: Number(c.claimed_fen),
    approvedFen: c.approved_fen === null ? null : Number(c.approved_fen),
    submittedBy: c.submitted_by,
    submittedAt: c.submitted_at,
    reviewerId: c.reviewer_id,
    approverId: c.approver_id,
    decidedAt: c.decided_at,
    returnedReason: c.returned_reason as SubsidyClaimModel['returnedReason'],
    returnDeadline: c.return_deadline,
    rejectedReason: c.rejected_reason as SubsidyClaimModel['rejectedReason'],
    publicityEndsOn: c.publicity_ends_on,
    createdAt: c.created_at,
    updatedAt: c.updated_at,
  };
}

export function toLineModel(l: LineRow): SubsidyClaimLineModel {
  const trace = (l.trace ?? []) as TraceNode[];
  const eligible = trace.every((t) => t.ok);
  return {
    id: l.id,
    item: l.item,
    personLabel: l.person_label,
    period: l.period,
    factDate: l.fact_date,
    amountFen: l.amount_fen,
    approvedAmountFen: l.approved_amount_fen,
    status: l.status as SubsidyClaimLineModel['status'],
    reasonCode: l.reason_code as SubsidyClaimLineModel['reasonCode'],
    ruleVersion: l.rule_version,
    hireId: l.hire_id,
    enrolmentId: l.enrolment_id,
    traceZh: renderTrace(trace, eligible, l.amount_fen, 'zh'),
    traceEn: renderTrace(trace, eligible, l.amount_fen, 'en'),
    trace: trace.map((t) => ({
      code: t.code,
      ok: t.ok,
      zh: t.zh,
      en: t.en,
      paramKey: t.param?.key ?? null,
      paramEffectiveFrom: t.param?.effectiveFrom ?? null,
      paramSource: t.param?.source ?? null,
      evidence: t.evidence ?? [],
    })),
  };
}

const notCombinable = (a: string, b: string) => NOT_COMBINABLE.some(([x, y]) => (x === a && y === b) || (x === b && y === a));

/** Reading claims: lists with the caller's visibility in SQL, a claim's lines/events/evidence/duplicates, publicity, reports. */
@Injectable()
export class ClaimQueryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly facts: SubsidyFactsReader,
    private readonly audit: SubsidyAudit,
  ) {}

  /** The SQL condition for what the actor may see ($1 = the actor's scope id); null → nothing. */
  private async scope(actor: Actor): Promise<{ where: string; param: string | null } | null> {
    switch (actor.role) {
      case Role.AUDITOR:
      case Role.OPERATOR:
        return { where: 'true', param: null };
      case Role.HR:
        return actor.tenantId ? { where: 'tenant_id = $1', param: actor.tenantId } : null;
      case Role.SCHOOL_ADMIN:
        return actor.schoolId ? { where: `party_kind = 'SCHOOL' AND party_id = $1`, param: actor.schoolId } : null;
      case Role.SEEKER: {
        const seekerId = await this.facts.seekerOfUser(actor.userId);
        return seekerId ? { where: `party_kind = 'PERSON' AND party_id = $1`, param: seekerId } : null;
      }
      default:
        return null;
    }
  }

  async list(actor: Actor, filter: SubsidyClaimFilter, page: PageArgs, now: Date): Promise<Page<SubsidyClaimModel>> {
    const s = await this.scope(actor);
    if (!s) return toPage([], 0, page);
    const params: unknown[] = [s.param];
    const conds = [s.param === null ? '$1::uuid IS NULL' : s.where]; // $1 is always bound: the scope id, or NULL for the bureau and the service centre
    const add = (sql: string, v: unknown) => {
      params.push(v);
      conds.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.item) add('item = ?', filter.item);
    if (filter.status) add('status = ?', filter.status);
    if (filter.tenantId) add('tenant_id = ?::uuid', filter.tenantId);
    if (filter.olderThanDays !== undefined && filter.olderThanDays !== null)
      add('created_at < ?::timestamptz', new Date(now.getTime() - filter.olderThanDays * 86_400_000));
    const where = conds.join(' AND ');
    const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n FROM subsidy_claims WHERE ${where}`, params);
    const rows: ClaimRow[] = await this.dataSource.query(
      `SELECT ${CLAIM_COLUMNS} FROM subsidy_claims WHERE ${where} ORDER BY created_at, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, page.first, page.offset],
    );
    return toPage(rows.map(toClaimModel), n, page);
  }

  async lines(claimId: string): Promise<SubsidyClaimLineModel[]> {
    const rows: LineRow[] = await this.dataSource.query(`SELECT ${LINE_COLUMNS} FROM subsidy_claim_lines WHERE claim_id = $1 ORDER BY created_at, period, id`, [
      claimId,
    ]);
    return rows.map(toLineModel);
  }

  async events(claimId: string): Promise<SubsidyClaimEventModel[]> {
    const rows = await this.dataSource.query(
      `SELECT from_status, to_status, actor_id, actor_role, at, reason_code, note FROM subsidy_claim_events WHERE claim_id = $1 ORDER BY id`,
      [claimId],
    );
    return rows.map((r: Record<string, never>) => ({
      from: r.from_status,
      to: r.to_status,
      actorId: r.actor_id,
      actorRole: r.actor_role,
      at: r.at,
      reasonCode: r.reason_code,
      note: r.note,
    }));
  }

  async evidence(claimId: string): Promise<SubsidyEvidenceModel[]> {
    const rows = await this.dataSource.query(
      `SELECT id, kind, file_name, mime, size_bytes, sha256, uploaded_at FROM subsidy_evidence WHERE claim_id = $1 ORDER BY uploaded_at, id`,
      [claimId],
    );
    return rows.map((r: Record<string, never>) => ({
      id: r.id,
      kind: r.kind,
      fileName: r.file_name,
      mime: r.mime,
      sizeBytes: r.size_bytes,
      sha256: r.sha256,
      uploadedAt: r.uploaded_at,
    }));
  }

  /** Other claims' lines for the same person or the same hire (any item, company, year). */
  async duplicates(claimId: string): Promise<SubsidyDuplicateModel[]> {
    const rows = await this.dataSource.query(
      `SELECT l.id AS line_id, l.item AS item, o.id AS other_line_id, o.claim_id AS other_claim_id, o.item AS other_item, oc.party_name AS other_party_name,
              o.period AS other_period, o.status AS other_status, (l.hire_id IS NOT NULL AND l.hire_id = o.hire_id) AS same_hire
         FROM subsidy_claim_lines l
         JOIN subsidy_claim_lines o ON o.claim_id <> l.claim_id AND (o.person_hash = l.person_hash OR (l.hire_id IS NOT NULL AND o.hire_id = l.hire_id))
         JOIN subsidy_claims oc ON oc.id = o.claim_id
        WHERE l.claim_id = $1 AND l.seeker_id IS NOT NULL
        ORDER BY l.created_at, o.created_at
        LIMIT 200`,
      [claimId],
    );
    return rows.map((r: Record<string, never>) => ({
      lineId: r.line_id,
      otherLineId: r.other_line_id,
      otherClaimId: r.other_claim_id,
      otherItem: r.other_item,
      otherPartyName: r.other_party_name,
      otherPeriod: r.other_period,
      otherStatus: r.other_status,
      reason: notCombinable(r.item, r.other_item) && r.same_hire ? 'NOT_COMBINABLE' : r.same_hire ? 'SAME_HIRE' : 'SAME_PERSON',
    }));
  }

  /** The publicity list 公示: approved lines of claims under publicity, names masked (PIPL). Public. */
  async publicity(first: number): Promise<SubsidyPublicityEntryModel[]> {
    const rows = await this.dataSource.query(
      `SELECT l.id AS line_id, c.id AS claim_id, c.item, c.party_kind, c.party_name, l.person_label, l.period,
              COALESCE(l.approved_amount_fen, 0) AS approved, to_char(c.publicity_ends_on, 'YYYY-MM-DD') AS ends, l.status
         FROM subsidy_claims c JOIN subsidy_claim_lines l ON l.claim_id = c.id
        WHERE c.status IN ('PUBLICITY','INVESTIGATING') AND l.status IN ('APPROVED','REDUCED','OBJECTED')
        ORDER BY c.publicity_ends_on, c.id, l.created_at, l.id
        LIMIT $1`,
      [first],
    );
    return rows.map((r: Record<string, never>) => ({
      lineId: r.line_id,
      claimId: r.claim_id,
      item: r.item,
      itemLabelZh: ITEM_LABEL[r.item as SubsidyItem].zh,
      // A person's claim carries the masked name already; a company's or school's name is public.
      partyName: r.party_name,
      personLabel: r.person_label,
      period: r.period,
      approvedAmountFen: Number(r.approved),
      publicityEndsOn: r.ends,
      objected: r.status === 'OBJECTED',
    }));
  }

  /**
   * Cross-item double-dipping report: every person (hash) or hire appearing in more than one claim, across companies
   * and years, with the reasons (several items, several companies, several years, a declared not-combinable pair).
   */
  async doubleDipping(first: number): Promise<SubsidyDoubleDipModel[]> {
    const rows: Array<{ person_hash: string; lines: unknown }> = await this.dataSource.query(
      `SELECT l.person_hash,
              json_agg(json_build_object('claimId', l.claim_id, 'lineId', l.id, 'item', l.item, 'partyName', c.party_name, 'partyId', c.party_id,
                       'period', l.period, 'factDate', to_char(l.fact_date, 'YYYY-MM-DD'), 'amountFen', l.amount_fen, 'status', l.status,
                       'hireId', l.hire_id, 'label', l.person_label) ORDER BY l.fact_date, l.created_at) AS lines
         FROM subsidy_claim_lines l JOIN subsidy_claims c ON c.id = l.claim_id
        WHERE l.status NOT IN ('REJECTED','WITHDRAWN') AND l.seeker_id IS NOT NULL
        GROUP BY l.person_hash
       HAVING count(DISTINCT l.claim_id) > 1
        ORDER BY l.person_hash
        LIMIT $1`,
      [first],
    );
    const ZH: Record<string, string> = {
      MULTIPLE_ITEMS: '同一人员享受多个补贴项目',
      MULTIPLE_COMPANIES: '同一人员在多家单位申报',
      MULTIPLE_YEARS: '跨年度重复出现',
      NOT_COMBINABLE: '同一录用申报了不得同时享受的项目',
      SAME_HIRE: '同一录用出现在多个申报中',
    };
    return rows.map((r) => {
      const lines = r.lines as Array<{
        claimId: string;
        lineId: string;
        item: string;
        partyName: string;
        partyId: string;
        period: string;
        factDate: string;
        amountFen: number;
        status: string;
        hireId: string | null;
        label: string | null;
      }>;
      const reasons: string[] = [];
      if (new Set(lines.map((l) => l.item)).size > 1) reasons.push('MULTIPLE_ITEMS');
      if (new Set(lines.map((l) => l.partyId)).size > 1) reasons.push('MULTIPLE_COMPANIES');
      if (new Set(lines.map((l) => l.factDate.slice(0, 4))).size > 1) reasons.push('MULTIPLE_YEARS');
      const byHire = new Map<string, string[]>();
      for (const l of lines) if (l.hireId) byHire.set(l.hireId, [...(byHire.get(l.hireId) ?? []), l.item]);
      for (const items of byHire.values()) {
        if (items.length > 1 && !reasons.includes('SAME_HIRE')) reasons.push('SAME_HIRE');
        if (items.some((a, i) => items.some((b, j) => i < j && notCombinable(a, b))) && !reasons.includes('NOT_COMBINABLE')) reasons.push('NOT_COMBINABLE');
      }
      return {
        personKey: r.person_hash.slice(0, 12),
        personLabel: lines[0]?.label ?? null,
        reasons,
        reasonZh: reasons.map((x) => ZH[x]).join('；') || '同一人员出现在多个申报中',
        claims: lines.map((l) => ({
          claimId: l.claimId,
          lineId: l.lineId,
          item: l.item as SubsidyItem,
          partyName: l.partyName,
          period: l.period,
          factDate: l.factDate,
          amountFen: l.amountFen,
          status: l.status as never,
          hireId: l.hireId,
        })),
      };
    });
  }

  async budgets(year: number): Promise<SubsidyBudgetModel[]> {
    const rows = await this.dataSource.query(
      `SELECT b.item, b.year, b.amount_fen,
              (SELECT COALESCE(sum(c.approved_fen), 0) FROM subsidy_claims c
                WHERE c.item = b.item AND c.approved_fen IS NOT NULL AND c.status NOT IN ('REJECTED','WITHDRAWN')
                  AND extract(year FROM c.decided_at AT TIME ZONE 'Asia/Shanghai') = b.year) AS used
         FROM subsidy_budgets b WHERE b.year = $1 ORDER BY b.item`,
      [year],
    );
    return rows.map((r: Record<string, never>) => ({ item: r.item, year: r.year, amountFen: Number(r.amount_fen), usedFen: Number(r.used) }));
  }

  /** Figures for the bureau's dashboard (ECharts): per item per month, approval times, top companies, budgets; months in Asia/Shanghai. */
  async dashboard(year: number): Promise<SubsidyDashboardModel> {
    const from = `${year}-01-01T00:00:00+08:00`;
    const to = `${year + 1}-01-01T00:00:00+08:00`;
    const months = await this.dataSource.query(
      `SELECT item, to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month, count(*)::int AS claims,
              COALESCE(sum(claimed_fen), 0) AS claimed, COALESCE(sum(approved_fen) FILTER (WHERE status NOT IN ('REJECTED','WITHDRAWN')), 0) AS approved
         FROM subsidy_claims WHERE created_at >= $1 AND created_at < $2 AND status <> 'DRAFT'
        GROUP BY 1, 2 ORDER BY 2, 1`,
      [from, to],
    );
    const times = await this.dataSource.query(
      `SELECT item, count(*)::int AS decided, avg(extract(epoch FROM decided_at - submitted_at) / 3600) AS avg_h,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM decided_at - submitted_at) / 3600) AS median_h
         FROM subsidy_claims WHERE decided_at >= $1 AND decided_at < $2 AND submitted_at IS NOT NULL
        GROUP BY item ORDER BY item`,
      [from, to],
    );
    const top = await this.dataSource.query(
      `SELECT party_id, party_name, count(*)::int AS claims, COALESCE(sum(approved_fen), 0) AS approved
         FROM subsidy_claims WHERE party_kind = 'COMPANY' AND decided_at >= $1 AND decided_at < $2 AND status NOT IN ('REJECTED','WITHDRAWN')
        GROUP BY party_id, party_name ORDER BY approved DESC, party_name LIMIT 10`,
      [from, to],
    );
    const head = await this.audit.head('claims');
    return {
      year,
      months: months.map((r: Record<string, never>) => ({
        item: r.item,
        month: r.month,
        claims: r.claims,
        claimedFen: Number(r.claimed),
        approvedFen: Number(r.approved),
      })),
      approvalTimes: times.map((r: Record<string, never>) => ({
        item: r.item,
        decided: r.decided,
        avgHours: Math.round(Number(r.avg_h) * 10) / 10,
        medianHours: Math.round(Number(r.median_h) * 10) / 10,
      })),
      topCompanies: top.map((r: Record<string, never>) => ({
        partyId: r.party_id,
        partyName: r.party_name,
        claims: r.claims,
        approvedFen: Number(r.approved),
      })),
      budgets: await this.budgets(year),
      claimsChainHead: head?.hash ?? null,
    };
  }

  /** A person's own subsidies (items 9, 13, 14…): their PERSON claims. */
  async mine(actor: Actor): Promise<SubsidyClaimModel[]> {
    const seekerId = await this.facts.seekerOfUser(actor.userId);
    if (!seekerId) return [];
    const rows: ClaimRow[] = await this.dataSource.query(
      `SELECT ${CLAIM_COLUMNS} FROM subsidy_claims WHERE party_kind = 'PERSON' AND party_id = $1 AND status <> '${SubsidyClaimStatus.WITHDRAWN}' ORDER BY created_at DESC LIMIT 100`,
      [seekerId],
    );
    return rows.map(toClaimModel);
  }
}
