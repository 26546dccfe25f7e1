import { Actor, Clock, isPgError, PgErrorCode, Role, shanghaiDate } from '@app/core';
import { Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { SubsidyAudit } from '../audit/subsidy-audit';
import { ParameterService } from '../parameters/parameter.service';
import { PayoutPlanner } from '../payouts/payout-planner.service';
import { RULES } from '../rules';
import {
  ITEM_LABEL,
  REASON_ZH,
  STATUS_ZH,
  SubsidyClaimStatus as S,
  SubsidyEvidenceKind,
  SubsidyItem,
  SubsidyPartyKind,
  SubsidyReasonCode,
} from '../subsidies.enums';
import { subsidiesError, SubsidiesExceptionCode as E } from '../subsidies.exception';
import { CLAIM_COLUMNS, ClaimRow, LINE_COLUMNS, LineRow } from './claim.types';
import { Entitlement } from './entitlements';
import { SubsidyFactsReader } from './facts.reader';

const ACTION: Record<string, { zh: string; en: string }> = {
  submit: { zh: '提交', en: 'submit it' },
  withdraw: { zh: '撤回', en: 'withdraw it' },
  review: { zh: '开始审核', en: 'start the review' },
  return: { zh: '退回补正', en: 'return it for correction' },
  recommend: { zh: '提出初审意见', en: 'recommend it' },
  decide: { zh: '审批', en: 'decide it' },
  reject: { zh: '不予批准', en: 'reject it' },
  appeal: { zh: '申请复核', en: 'appeal' },
  object: { zh: '登记公示异议', en: 'record an objection' },
  suspend: { zh: '暂停', en: 'suspend it' },
  evidence: { zh: '上传材料', en: 'add evidence' },
};

/** Where each action may start (issue 10 §2). */
const FROM: Record<string, readonly S[]> = {
  submit: [S.DRAFT, S.RETURNED],
  withdraw: [S.DRAFT, S.SUBMITTED, S.IN_REVIEW, S.RETURNED, S.RECOMMENDED],
  review: [S.SUBMITTED, S.INVESTIGATING, S.SUSPENDED],
  return: [S.IN_REVIEW],
  recommend: [S.IN_REVIEW],
  decide: [S.RECOMMENDED],
  reject: [S.IN_REVIEW, S.RECOMMENDED],
  appeal: [S.REJECTED],
  object: [S.PUBLICITY, S.INVESTIGATING],
  suspend: [S.DRAFT, S.SUBMITTED, S.IN_REVIEW, S.RETURNED, S.RECOMMENDED, S.APPROVED, S.PARTIALLY_APPROVED, S.PUBLICITY, S.INVESTIGATING, S.SCHEDULED],
  evidence: [S.DRAFT, S.RETURNED],
};

/** Actions only the claiming party takes. */
const PARTY_ACTIONS = new Set(['submit', 'withdraw', 'appeal', 'evidence']);

export interface LineDecision {
  lineId: string;
  approvedAmountFen: number;
  reasonCode?: SubsidyReasonCode | null;
}

/** Working days (Monday–Friday) after `from`; public holidays are not modelled (the bureau can lengthen the period parameter). */
export function addWorkingDays(from: string, n: number): string {
  const d = new Date(`${from}T00:00:00Z`);
  let left = n;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6) left--;
  }
  return d.toISOString().slice(0, 10);
}

/**
 * Claims 申报 and their state machine (issue 10 §2). Each transition is one transaction: the guarded UPDATE (status and
 * version as read), an event row and a row on the `claims` audit chain. Visibility: a company's HR sees only its
 * tenant's claims, a person only theirs, a school admin its school's; AUDITOR and OPERATOR see all; anyone else gets
 * NOT_FOUND, so existence does not leak.
 */
@Injectable()
export class ClaimService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: SubsidyAudit,
    private readonly params: ParameterService,
    private readonly facts: SubsidyFactsReader,
    @Optional() private readonly payouts?: PayoutPlanner,
  ) {}

  // ---------------------------------------------------------------- reading

  /** The claim if the actor may see it, else NOT_FOUND. */
  async visible(actor: Actor, id: string, m: EntityManager = this.dataSource.manager, lock = false): Promise<ClaimRow> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw subsidiesError(E.NOT_FOUND);
    const [c]: ClaimRow[] = await m.query(`SELECT ${CLAIM_COLUMNS} FROM subsidy_claims WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    if (!c || !(await this.canSee(actor, c))) throw subsidiesError(E.NOT_FOUND);
    return c;
  }

  async canSee(actor: Actor, c: Pick<ClaimRow, 'party_kind' | 'party_id' | 'tenant_id'>): Promise<boolean> {
    switch (actor.role) {
      case Role.AUDITOR:
      case Role.OPERATOR:
        return true;
      case Role.HR:
        return !!actor.tenantId && c.tenant_id === actor.tenantId;
      case Role.SCHOOL_ADMIN:
        return c.party_kind === SubsidyPartyKind.SCHOOL && !!actor.schoolId && c.party_id === actor.schoolId;
      case Role.SEEKER:
        return c.party_kind === SubsidyPartyKind.PERSON && c.party_id === (await this.facts.seekerOfUser(actor.userId));
      default:
        return false;
    }
  }

  /** The claiming party acts (submit, withdraw, appeal, evidence): its HR / school admin / the person; the service centre for institutions and bases. */
  private async assertParty(actor: Actor, c: ClaimRow): Promise<void> {
    const operatorParty =
      actor.role === Role.OPERATOR && (c.party_kind === SubsidyPartyKind.TRAINING_INSTITUTION || c.party_kind === SubsidyPartyKind.TRAINING_BASE);
    const own = actor.role !== Role.AUDITOR && actor.role !== Role.OPERATOR && (await this.canSee(actor, c));
    if (!own && !operatorParty) throw subsidiesError(E.NOT_THE_PARTY);
  }

  lines(claimIds: readonly string[], m: EntityManager = this.dataSource.manager): Promise<LineRow[]> {
    return m.query(`SELECT ${LINE_COLUMNS} FROM subsidy_claim_lines WHERE claim_id = ANY($1::uuid[]) ORDER BY created_at, period, id`, [[...claimIds]]);
  }

  // ---------------------------------------------------------------- creating

  /**
   * Write DRAFT claims for eligible entitlements, one claim per (item, party). Lines whose key (item, party kind, person,
   * period) is already claimed are skipped when `skipClaimed` (the nightly proposal), refused otherwise (ALREADY_CLAIMED).
   */
  async createDrafts(m: EntityManager, ents: Entitlement[], origin: 'PROPOSAL' | 'MANUAL', actorId: string | null, skipClaimed: boolean): Promise<string[]> {
    const eligible = ents.filter((e) => e.evaluation.eligible);
    if (!eligible.length) return [];
    // Items that must not be combined for the same hire: an existing line of the other item blocks this one.
    const hireIds = [...new Set(eligible.map((e) => e.hireId).filter((x): x is string => !!x))];
    const hireItems: Array<{ hire_id: string; item: string }> = hireIds.length
      ? await m.query(`SELECT DISTINCT hire_id, item FROM subsidy_claim_lines WHERE hire_id = ANY($1::uuid[]) AND status NOT IN ('REJECTED','WITHDRAWN')`, [
          hireIds,
        ])
      : [];
    const keys = eligible.map((e) => [e.item, e.partyKind, e.personHash, e.period].join('|'));
    const existing: Array<{ k: string }> = await m.query(
      `SELECT item || '|' || party_kind || '|' || person_hash || '|' || period AS k FROM subsidy_claim_lines
        WHERE item || '|' || party_kind || '|' || person_hash || '|' || period = ANY($1::text[])${skipClaimed ? '' : ` AND status NOT IN ('REJECTED','WITHDRAWN')`}`,
      [keys],
    );
    const taken = new Set(existing.map((r) => r.k));
    const fresh: Entitlement[] = [];
    for (const e of eligible) {
      const k = [e.item, e.partyKind, e.personHash, e.period].join('|');
      const clash = e.hireId && RULES[e.item].notCombinableWith.some((o) => hireItems.some((h) => h.hire_id === e.hireId && h.item === o));
      if (taken.has(k) || clash) {
        if (skipClaimed) continue;
        throw subsidiesError(taken.has(k) ? E.ALREADY_CLAIMED : E.NOT_COMBINABLE);
      }
      taken.add(k);
      fresh.push(e);
    }
    const groups = new Map<string, Entitlement[]>();
    for (const e of fresh) {
      const g = `${e.item}|${e.partyKind}|${e.partyId}`;
      groups.set(g, [...(groups.get(g) ?? []), e]);
    }
    const now = this.clock.now();
    const ids: string[] = [];
    for (const list of groups.values()) {
      const f = list[0];
      const total = list.reduce((s, e) => s + e.evaluation.amountFen, 0);
      const [c] = await m.query(
        `INSERT INTO subsidy_claims (item, party_kind, party_id, party_name, tenant_id, status, origin, created_by, claimed_fen, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, 'DRAFT', $6, $7, $8, $9, $9) RETURNING id`,
        [f.item, f.partyKind, f.partyId, f.partyName, f.tenantId, origin, actorId, total, now],
      );
      try {
        await m.query(`SAVEPOINT subsidy_lines`);
        await m.query(
          `INSERT INTO subsidy_claim_lines (claim_id, item, party_kind, person_hash, person_label, seeker_id, hire_id, enrolment_id, internship_id, period, fact_date,
                                            amount_fen, status, rule_version, param_value_ids, trace, facts, created_at)
           SELECT $1, $2, $3, x.person_hash, x.person_label, x.seeker_id, x.hire_id, x.enrolment_id, x.internship_id, x.period, x.fact_date,
                  x.amount_fen, 'OPEN', x.rule_version, x.param_value_ids, x.trace, x.facts, $4
             FROM jsonb_to_recordset($5::jsonb) AS x(person_hash text, person_label text, seeker_id uuid, hire_id uuid, enrolment_id uuid, internship_id uuid,
                  period text, fact_date date, amount_fen int, rule_version text, param_value_ids uuid[], trace jsonb, facts jsonb)`,
          [
            c.id,
            f.item,
            f.partyKind,
            now,
            JSON.stringify(
              list.map((e) => ({
                person_hash: e.personHash,
                person_label: e.personLabel,
                seeker_id: e.seekerId,
                hire_id: e.hireId,
                enrolment_id: e.enrolmentId,
                internship_id: e.internshipId,
                period: e.period,
                fact_date: e.evaluation.factDate,
                amount_fen: e.evaluation.amountFen,
                rule_version: e.evaluation.ruleVersion,
                param_value_ids: e.evaluation.params.map((p) => p.valueId),
                trace: e.evaluation.trace,
                facts: e.facts,
              })),
            ),
          ],
        );
        await m.query(`RELEASE SAVEPOINT subsidy_lines`);
      } catch (err) {
        if (isPgError(err, PgErrorCode.UNIQUE_VIOLATION, 'subsidy_claim_lines_once')) throw subsidiesError(E.ALREADY_CLAIMED); // a concurrent claim took the key: never paid twice
        throw err;
      }
      await this.event(m, c.id, null, S.DRAFT, actorId, null, null, origin === 'PROPOSAL' ? '系统预填（免申即享）' : null);
      ids.push(c.id);
    }
    return ids;
  }

  // ---------------------------------------------------------------- transitions

  async submit(actor: Actor, id: string): Promise<ClaimRow> {
    return this.act(actor, id, 'submit', async (m, c) => {
      const today = shanghaiDate(this.clock.now());
      if (c.status === S.RETURNED && c.return_deadline && today > c.return_deadline) throw subsidiesError(E.RETURN_DEADLINE_PASSED);
      // Automatic checks: the evidence only the party has, the rules (recorded on the lines), duplicates (the unique key).
      const required = RULES[c.item].requiredEvidence;
      const have: Array<{ kind: string }> = await m.query(`SELECT DISTINCT kind FROM subsidy_evidence WHERE claim_id = $1`, [c.id]);
      const missing = required.filter((k) => !have.some((h) => h.kind === k));
      if (missing.length) throw subsidiesError(E.EVIDENCE_MISSING, { kindsZh: missing.map((k) => EVIDENCE_ZH[k]).join('、'), kinds: missing.join(', ') });
      await this.move(
        m,
        c,
        S.SUBMITTED,
        actor,
        { submitted_by: actor.userId, submitted_at: this.clock.now(), returned_reason: null, return_deadline: null },
        null,
        '自动检查通过：材料齐全、规则符合、无重复',
      );
    });
  }

  async withdraw(actor: Actor, id: string, note?: string | null): Promise<ClaimRow> {
    return this.act(actor, id, 'withdraw', async (m, c) => {
      await m.query(`UPDATE subsidy_claim_lines SET status = 'WITHDRAWN' WHERE claim_id = $1 AND status NOT IN ('REJECTED','WITHDRAWN')`, [c.id]);
      await this.move(m, c, S.WITHDRAWN, actor, {}, null, note ?? null);
    });
  }

  async startReview(actor: Actor, id: string): Promise<ClaimRow> {
    return this.act(actor, id, 'review', async (m, c) => {
      await this.move(m, c, S.IN_REVIEW, actor, { reviewer_id: actor.userId, suspended_from: null }, null);
    });
  }

  async returnForCorrection(actor: Actor, id: string, reason: SubsidyReasonCode, deadline: string, note?: string | null): Promise<ClaimRow> {
    return this.act(actor, id, 'return', async (m, c) => {
      const today = shanghaiDate(this.clock.now());
      if (!/^\d{4}-\d{2}-\d{2}$/.test(deadline) || deadline <= today) throw subsidiesError(E.RETURN_DEADLINE_INVALID);
      await this.move(m, c, S.RETURNED, actor, { returned_reason: reason, return_deadline: deadline }, reason, note ?? null);
    });
  }

  async recommend(actor: Actor, id: string, note?: string | null): Promise<ClaimRow> {
    return this.act(actor, id, 'recommend', async (m, c) => {
      if (c.submitted_by === actor.userId) throw subsidiesError(E.FOUR_EYES);
      await this.move(m, c, S.RECOMMENDED, actor, { reviewer_id: actor.userId, recommended_at: this.clock.now() }, null, note ?? null);
    });
  }

  /**
   * The second bureau user's decision, line by line (lines not listed are approved in full). Four eyes, the approver's
   * limit and the item's yearly budget are checked; the payout instructions are planned in the same transaction; the
   * claim then goes to publicity for the configured working days.
   */
  async decide(actor: Actor, id: string, decisions: LineDecision[], note?: string | null): Promise<ClaimRow> {
    return this.act(actor, id, 'decide', async (m, c) => {
      this.fourEyes(actor, c);
      const lines = (await this.lines([c.id], m)).filter((l) => l.status === 'OPEN' || l.status === 'OBJECTED');
      const byId = new Map(decisions.map((d) => [d.lineId, d]));
      for (const d of decisions) if (!lines.some((l) => l.id === d.lineId)) throw subsidiesError(E.LINE_NOT_FOUND);
      let total = 0;
      let reduced = false;
      const updates: Array<{ id: string; approved: number; status: string; reason: string | null }> = [];
      for (const l of lines) {
        const d = byId.get(l.id);
        const approved = d ? d.approvedAmountFen : l.amount_fen;
        if (!Number.isSafeInteger(approved) || approved < 0 || approved > l.amount_fen) throw subsidiesError(E.LINE_AMOUNT_INVALID);
        if (approved < l.amount_fen && !d?.reasonCode) throw subsidiesError(E.LINE_REASON_REQUIRED);
        if (approved < l.amount_fen) reduced = true;
        total += approved;
        updates.push({
          id: l.id,
          approved,
          status: approved === l.amount_fen ? 'APPROVED' : approved === 0 ? 'REJECTED' : 'REDUCED',
          reason: approved < l.amount_fen ? d!.reasonCode! : null,
        });
      }
      if (total === 0) throw subsidiesError(E.LINE_AMOUNT_INVALID); // nothing approved is a rejection: rejectSubsidyClaim, with its reason
      await this.checkLimit(m, actor, total);
      await this.checkBudget(m, c.item, total);
      await m.query(
        `UPDATE subsidy_claim_lines l SET approved_amount_fen = x.approved, status = x.status, reason_code = x.reason
           FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, approved int, status text, reason text) WHERE l.id = x.id`,
        [JSON.stringify(updates)],
      );
      const now = this.clock.now();
      const after = await this.move(
        m,
        c,
        reduced ? S.PARTIALLY_APPROVED : S.APPROVED,
        actor,
        { approver_id: actor.userId, decided_at: now, approved_fen: total },
        null,
        note ?? null,
        {
          approvedFen: total,
          lines: updates.map((u) => ({ lineId: u.id, approvedFen: u.approved, reason: u.reason })),
        },
      );
      await this.planPayouts(m, c.id);
      const days = (await this.params.at(shanghaiDate(now), m)).find('publicity.working_days');
      const ends = addWorkingDays(shanghaiDate(now), typeof days?.value === 'number' ? days.value : 5);
      await this.move(m, after, S.PUBLICITY, actor, { publicity_ends_on: ends }, null, `公示至 ${ends}`);
    });
  }

  async reject(actor: Actor, id: string, reason: SubsidyReasonCode, note: string): Promise<ClaimRow> {
    return this.act(actor, id, 'reject', async (m, c) => {
      if (c.status === S.RECOMMENDED) this.fourEyes(actor, c);
      else if (c.submitted_by === actor.userId) throw subsidiesError(E.FOUR_EYES);
      if (!note?.trim()) throw subsidiesError(E.NOTE_REQUIRED);
      await m.query(
        `UPDATE subsidy_claim_lines SET status = 'REJECTED', approved_amount_fen = 0, reason_code = $2 WHERE claim_id = $1 AND status IN ('OPEN','OBJECTED')`,
        [c.id, reason],
      );
      await this.move(m, c, S.REJECTED, actor, { rejected_reason: reason, approver_id: actor.userId, decided_at: this.clock.now() }, reason, note.trim());
    });
  }

  /** The party appeals a rejection: the claim is reviewed again (lines reopen unless someone else claimed the same key meanwhile). */
  async appeal(actor: Actor, id: string, note: string): Promise<ClaimRow> {
    return this.act(actor, id, 'appeal', async (m, c) => {
      if (!note?.trim()) throw subsidiesError(E.NOTE_REQUIRED);
      try {
        await m.query(`SAVEPOINT subsidy_appeal`);
        await m.query(
          `UPDATE subsidy_claim_lines SET status = 'OPEN', approved_amount_fen = NULL, reason_code = NULL WHERE claim_id = $1 AND status = 'REJECTED'`,
          [c.id],
        );
        await m.query(`RELEASE SAVEPOINT subsidy_appeal`);
      } catch (err) {
        if (isPgError(err, PgErrorCode.UNIQUE_VIOLATION, 'subsidy_claim_lines_once')) throw subsidiesError(E.ALREADY_CLAIMED);
        throw err;
      }
      await this.move(
        m,
        c,
        S.IN_REVIEW,
        actor,
        { reviewer_id: null, approver_id: null, decided_at: null, rejected_reason: null, recommended_at: null },
        null,
        note.trim(),
      );
    });
  }

  /** An objection received during the publicity, linked to a line: the claim goes under investigation. */
  async objectToLine(actor: Actor, lineId: string, note: string): Promise<ClaimRow> {
    if (!/^[0-9a-f-]{36}$/i.test(lineId)) throw subsidiesError(E.LINE_NOT_FOUND);
    const [l] = await this.dataSource.query(`SELECT claim_id FROM subsidy_claim_lines WHERE id = $1`, [lineId]);
    if (!l) throw subsidiesError(E.LINE_NOT_FOUND);
    return this.act(actor, l.claim_id, 'object', async (m, c) => {
      if (!note?.trim()) throw subsidiesError(E.NOTE_REQUIRED);
      await m.query(`INSERT INTO subsidy_objections (claim_id, line_id, note, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5)`, [
        c.id,
        lineId,
        note.trim(),
        actor.userId,
        this.clock.now(),
      ]);
      await m.query(`UPDATE subsidy_claim_lines SET status = 'OBJECTED' WHERE id = $1`, [lineId]);
      if (c.status === S.PUBLICITY) await this.move(m, c, S.INVESTIGATING, actor, {}, null, note.trim(), { lineId });
      else await this.event(m, c.id, c.status, c.status, actor.userId, actor.role, null, note.trim(), { lineId });
    });
  }

  async suspend(actor: Actor, id: string, reason: SubsidyReasonCode, note: string): Promise<ClaimRow> {
    return this.act(actor, id, 'suspend', async (m, c) => {
      if (!note?.trim()) throw subsidiesError(E.NOTE_REQUIRED);
      await this.move(m, c, S.SUSPENDED, actor, { suspended_from: c.status }, reason, note.trim());
    });
  }

  /** Nightly: publicity over without an objection → SCHEDULED (payable). */
  async endPublicity(asOf: string): Promise<number> {
    const due: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM subsidy_claims WHERE status = 'PUBLICITY' AND publicity_ends_on < $1::date ORDER BY id`,
      [asOf],
    );
    let n = 0;
    for (const { id } of due) {
      await this.dataSource.transaction(async (m) => {
        const [c]: ClaimRow[] = await m.query(`SELECT ${CLAIM_COLUMNS} FROM subsidy_claims WHERE id = $1 FOR UPDATE`, [id]);
        if (c?.status !== S.PUBLICITY) return;
        await this.move(m, c, S.SCHEDULED, null, {}, null, '公示期满无异议');
        n++;
      });
    }
    return n;
  }

  /**
   * For the payouts part: move a claim on (SCHEDULED → PAID → CLOSED) inside the caller's transaction, with the event
   * and audit row. Other transitions go through the actions above.
   */
  async advanceForPayout(m: EntityManager, claimId: string, to: S.PAID | S.CLOSED, note?: string): Promise<void> {
    const [c]: ClaimRow[] = await m.query(`SELECT ${CLAIM_COLUMNS} FROM subsidy_claims WHERE id = $1 FOR UPDATE`, [claimId]);
    const from = to === S.PAID ? [S.SCHEDULED] : [S.PAID];
    if (!c || !from.includes(c.status)) return;
    await this.move(m, c, to, null, {}, null, note ?? null);
  }

  // ---------------------------------------------------------------- helpers

  private fourEyes(actor: Actor, c: ClaimRow): void {
    if (actor.userId === c.reviewer_id || actor.userId === c.submitted_by) throw subsidiesError(E.FOUR_EYES);
  }

  private async checkLimit(m: EntityManager, actor: Actor, total: number): Promise<void> {
    const [lim] = await m.query(`SELECT max_fen FROM subsidy_approval_limits WHERE user_id = $1`, [actor.userId]);
    if (!lim) throw subsidiesError(E.NO_APPROVAL_LIMIT);
    if (total > Number(lim.max_fen)) throw subsidiesError(E.OVER_APPROVAL_LIMIT, { fen: total, limitFen: Number(lim.max_fen) });
  }

  /** The item's budget for the decision's year (Asia/Shanghai), locked so two approvals cannot both take the last of it. */
  private async checkBudget(m: EntityManager, item: SubsidyItem, total: number): Promise<void> {
    const year = Number(shanghaiDate(this.clock.now()).slice(0, 4));
    const [b] = await m.query(`SELECT amount_fen FROM subsidy_budgets WHERE item = $1 AND year = $2 FOR UPDATE`, [item, year]);
    const itemZh = ITEM_LABEL[item].zh;
    if (!b) throw subsidiesError(E.NO_BUDGET, { itemZh, item, year });
    const [u] = await m.query(
      `SELECT COALESCE(sum(approved_fen), 0)::bigint AS used FROM subsidy_claims
        WHERE item = $1 AND approved_fen IS NOT NULL AND status IN ('APPROVED','PARTIALLY_APPROVED','PUBLICITY','INVESTIGATING','SCHEDULED','PAID','CLOSED','SUSPENDED')
          AND extract(year FROM decided_at AT TIME ZONE 'Asia/Shanghai') = $2`,
      [item, year],
    );
    const left = Number(b.amount_fen) - Number(u.used);
    if (total > left) throw subsidiesError(E.OVER_BUDGET, { itemZh, item, year, leftFen: Math.max(0, left), fen: total });
  }

  /** SUB-B's PayoutPlanner.planApproved, in the approval transaction (instructions, outbox row, audit row). */
  private async planPayouts(m: EntityManager, claimId: string): Promise<void> {
    if (this.payouts) await this.payouts.planApproved(m, claimId);
  }

  /** Lock the claim (visible to the actor, the party for party actions, in a state the action starts from), run, return it as it is after. */
  async act(actor: Actor, id: string, action: keyof typeof FROM, fn: (m: EntityManager, c: ClaimRow) => Promise<void>): Promise<ClaimRow> {
    await this.dataSource.transaction(async (m) => {
      const c = await this.visible(actor, id, m, true);
      if (PARTY_ACTIONS.has(action)) await this.assertParty(actor, c); // who may act, before what state it is in
      if (!FROM[action].includes(c.status))
        throw subsidiesError(E.INVALID_TRANSITION, {
          statusZh: STATUS_ZH[c.status],
          status: c.status,
          actionZh: ACTION[action].zh,
          actionEn: ACTION[action].en,
        });
      await fn(m, c);
    });
    const [c]: ClaimRow[] = await this.dataSource.query(`SELECT ${CLAIM_COLUMNS} FROM subsidy_claims WHERE id = $1`, [id]);
    return c;
  }

  /** The guarded UPDATE (status and version as read), the event row and the audit row. */
  private async move(
    m: EntityManager,
    c: ClaimRow,
    to: S,
    actor: Actor | null,
    patch: Record<string, unknown>,
    reason: SubsidyReasonCode | null,
    note: string | null = null,
    extra: Record<string, unknown> = {},
  ): Promise<ClaimRow> {
    const cols = Object.keys(patch);
    const set = cols.map((k, i) => `${k} = $${i + 5}`).join(', ');
    // An UPDATE through TypeORM's query() answers [rows, count].
    const [rows]: [ClaimRow[], number] = await m.query(
      `UPDATE subsidy_claims SET status = $1, version = version + 1, updated_at = $2${set ? `, ${set}` : ''} WHERE id = $3 AND version = $4 RETURNING ${CLAIM_COLUMNS}`,
      [to, this.clock.now(), c.id, c.version, ...cols.map((k) => patch[k])],
    );
    const updated = rows[0];
    if (!updated) throw subsidiesError(E.INVALID_TRANSITION, { statusZh: STATUS_ZH[c.status], status: c.status, actionZh: '更新', actionEn: 'update it' });
    await this.event(m, c.id, c.status, to, actor?.userId ?? null, actor?.role ?? null, reason, note, extra);
    return updated;
  }

  private async event(
    m: EntityManager,
    claimId: string,
    from: S | null,
    to: S,
    actorId: string | null,
    role: string | null,
    reason: SubsidyReasonCode | null,
    note: string | null,
    extra: Record<string, unknown> = {},
  ): Promise<void> {
    const at = this.clock.now();
    await m.query(
      `INSERT INTO subsidy_claim_events (claim_id, from_status, to_status, actor_id, actor_role, at, reason_code, note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [claimId, from, to, actorId, role, at, reason, note],
    );
    await this.audit.append(m, 'claims', 'CLAIM_TRANSITION', { claimId, from, to, role, reason, note, ...extra }, actorId ?? 'system');
  }
}

export const EVIDENCE_ZH: Record<SubsidyEvidenceKind, string> = {
  CERTIFICATION: '认定文件',
  CONTRACT: '劳动合同',
  SOCIAL_INSURANCE: '社保缴费证明',
  PURCHASE_CONTRACT: '购房合同',
  INVOICE: '购房发票',
  BANK_ACCOUNT: '银行账户',
  COOPERATION_AGREEMENT: '委托培养协议',
  ENROLMENT_REGISTER: '学籍注册名册',
  OTHER: '其他材料',
};

export { REASON_ZH };
