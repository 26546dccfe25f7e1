import { Actor, AppConfig, Clock, CoreModule, loadConfig, Role, shanghaiDate } from '@app/core';
import {
  addWorkingDays,
  BudgetService,
  ClaimService,
  PROPOSAL_LOOKBACK_DAYS,
  ProposalRun,
  ProposalService,
  SubsidiesModule,
  SubsidyItem,
  SubsidyReasonCode,
} from '@app/subsidies';
import { CategorySource, CategoryVerificationService, SeekerCategory } from '@app/talent';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';

export interface SubsidiesSummary {
  verifiedPeople: number;
  proposal: ProposalRun;
  drafts: number;
  inReview: number;
  returned: number;
  recommended: number;
  approved: number;
}

/** Yearly budget per item for the demo year (fen): 2,000,000 yuan each. */
const BUDGET_FEN = 200_000_000;
/** Each auditor may approve up to 50,000 yuan per claim. */
const APPROVAL_LIMIT_FEN = 5_000_000;
/** How many hired people the bureau has verified as from a poor household / as registered-unemployed graduates. */
const POOR = 8;
const UNEMPLOYED_GRADUATES = 4;

@Module({ imports: [CoreModule, SubsidiesModule] })
class SeedSubsidiesModule {}

/**
 * Subsidies (issue 10) for the bureau desk and the HR console's 补贴申报, written through the subsidies services so rules,
 * traces, events, payout instructions and the audit chains are real: a second bureau user `auditor2`, budgets for the
 * Clock's year per item and approval limits for both auditors; verified categories (the bureau's list) for some hired
 * people; the nightly proposal (DRAFT claims 免申即享); then companies submit some, `auditor` reviews them — one
 * returned with a reason and a deadline, one recommended waiting for `auditor2`, one approved by `auditor2` (payout
 * instructions planned, in publicity). Boots a Nest application context on the seeded database after seed.ts's
 * transaction. Idempotent (returns null once `auditor2` exists); refused in production.
 */
export async function seedSubsidies(config: AppConfig): Promise<SubsidiesSummary | null> {
  if (config.app.nodeEnv === 'production') throw new Error('seed: refused in production');
  const app = await NestFactory.createApplicationContext(SeedSubsidiesModule, { logger: ['error'] });
  try {
    const ds = app.get(DataSource);
    const clock = app.get(Clock);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM users WHERE username = 'auditor2'`);
    if (n > 0) return null;
    const user = async (username: string) => (await ds.query(`SELECT id, role, tenant_id FROM users WHERE username = $1`, [username]))[0];
    const operator = await user('operator');
    const auditor = await user('auditor');
    if (!operator || !auditor) throw new Error('seed-subsidies: run the demo seed first (no operator / auditor)');
    // The second bureau user for four eyes, with the same demo password as the other staff accounts.
    const [{ id: auditor2Id }] = await ds.query(
      `INSERT INTO users (role, username, password_hash, display_name) SELECT 'AUDITOR', 'auditor2', password_hash, '市人社局 审批员' FROM users WHERE id = $1 RETURNING id`,
      [auditor.id],
    );
    const op: Actor = { userId: operator.id, role: Role.OPERATOR, tenantId: null, schoolId: null } as Actor;
    const rev: Actor = { userId: auditor.id, role: Role.AUDITOR, tenantId: null, schoolId: null } as Actor;
    const appr: Actor = { userId: auditor2Id, role: Role.AUDITOR, tenantId: null, schoolId: null } as Actor;

    const budgets = app.get(BudgetService);
    const today = shanghaiDate(clock.now());
    const year = Number(today.slice(0, 4));
    for (const item of Object.values(SubsidyItem)) await budgets.setBudget(op, item, year, BUDGET_FEN);
    await budgets.setApprovalLimit(op, rev.userId, APPROVAL_LIMIT_FEN);
    await budgets.setApprovalLimit(op, appr.userId, APPROVAL_LIMIT_FEN);

    // The bureau's list confirms some hired people (contracts of a year or more with social insurance, still employed, started
    // within the nightly run's look-back), one per company first: those who declared a poor household as such, the rest as
    // registered-unemployed graduates.
    const hired: Array<{ seeker_id: string; poor: boolean }> = await ds.query(
      `SELECT DISTINCT ON (h.tenant_id) h.seeker_id, 'POOR_HOUSEHOLD' = ANY(s.categories) AS poor FROM hires h JOIN seekers s ON s.id = h.seeker_id
        WHERE h.contract_months >= 12 AND h.social_insurance_start IS NOT NULL AND h.terminated_on IS NULL AND h.contract_start BETWEEN $1::date - $2::int AND $1::date
        ORDER BY h.tenant_id, ('POOR_HOUSEHOLD' = ANY(s.categories)) DESC, h.contract_start, h.id`,
      [today, PROPOSAL_LOOKBACK_DAYS],
    );
    const more: Array<{ seeker_id: string; poor: boolean }> = await ds.query(
      `SELECT h.seeker_id, 'POOR_HOUSEHOLD' = ANY(s.categories) AS poor FROM hires h JOIN seekers s ON s.id = h.seeker_id
        WHERE h.contract_months >= 12 AND h.social_insurance_start IS NOT NULL AND h.terminated_on IS NULL AND h.contract_start BETWEEN $1::date - $3::int AND $1::date
          AND NOT (h.seeker_id = ANY($2::uuid[]))
        ORDER BY h.contract_start, h.id`,
      [today, hired.map((h) => h.seeker_id), PROPOSAL_LOOKBACK_DAYS],
    );
    const people = [...hired, ...more].slice(0, POOR + UNEMPLOYED_GRADUATES).sort((a, b) => Number(b.poor) - Number(a.poor));
    const categories = app.get(CategoryVerificationService);
    for (const [i, p] of people.entries()) {
      if (i < POOR) {
        await categories.verify(op, {
          seekerId: p.seeker_id,
          category: SeekerCategory.POOR_HOUSEHOLD,
          source: CategorySource.BUREAU_LIST,
          note: '扶贫部门名单（演示数据）',
        });
      } else {
        await categories.verify(op, {
          seekerId: p.seeker_id,
          category: SeekerCategory.GRADUATE,
          source: CategorySource.SERVICE_CENTRE,
          note: '毕业证书核验（演示数据）',
        });
        await categories.verify(op, {
          seekerId: p.seeker_id,
          category: SeekerCategory.UNEMPLOYED,
          source: CategorySource.BUREAU_LIST,
          note: '《就业失业登记证》（演示数据）',
        });
      }
    }

    // The nightly evaluation proposes DRAFT claims to the parties entitled.
    const proposal = await app.get(ProposalService).evaluateNow();
    const claims = app.get(ClaimService);
    // Company claims (their HR submits); the others stay DRAFT for their parties.
    const company: Array<{ id: string; tenant_id: string; hr_id: string }> = await ds.query(
      `SELECT c.id, c.tenant_id, (SELECT u.id FROM users u WHERE u.role = 'HR' AND u.tenant_id = c.tenant_id ORDER BY u.username LIMIT 1) AS hr_id
         FROM subsidy_claims c WHERE c.status = 'DRAFT' AND c.party_kind = 'COMPANY' ORDER BY c.item DESC, c.claimed_fen DESC, c.party_name, c.id`,
    );
    const hr = (c: { tenant_id: string; hr_id: string }): Actor => ({ userId: c.hr_id, role: Role.HR, tenantId: c.tenant_id, schoolId: null }) as Actor;
    const plan = ['APPROVED', 'RECOMMENDED', 'RETURNED', 'IN_REVIEW', 'IN_REVIEW', 'IN_REVIEW'] as const;
    const sum = { drafts: 0, inReview: 0, returned: 0, recommended: 0, approved: 0 };
    for (const [i, c] of company.slice(0, plan.length).entries()) {
      await claims.submit(hr(c), c.id);
      await claims.startReview(rev, c.id);
      switch (plan[i]) {
        case 'APPROVED':
          await claims.recommend(rev, c.id, '材料齐全，符合条件，建议批准');
          await claims.decide(appr, c.id, [], '同意');
          sum.approved++;
          break;
        case 'RECOMMENDED':
          await claims.recommend(rev, c.id, '材料齐全，符合条件，建议批准');
          sum.recommended++;
          break;
        case 'RETURNED':
          await claims.returnForCorrection(
            rev,
            c.id,
            SubsidyReasonCode.EVIDENCE_MISSING,
            addWorkingDays(today, 10),
            '请补充上传劳动合同及社保缴费证明后重新提交',
          );
          sum.returned++;
          break;
        default:
          sum.inReview++;
      }
    }
    const [{ drafts }] = await ds.query(`SELECT count(*)::int AS drafts FROM subsidy_claims WHERE status = 'DRAFT'`);
    return { verifiedPeople: people.length, proposal, ...sum, drafts };
  } finally {
    await app.close();
  }
}

/** `npm run seed`'s last step (tools/seed/seed.ts): the subsidies on top of the demo data, with a one-line summary. */
export async function seedSubsidiesMain(): Promise<void> {
  const s = await seedSubsidies(loadConfig());
  if (!s) {
    process.stdout.write('seed: subsidies already present, nothing to do\n');
    return;
  }
  process.stdout.write(
    `seed: subsidies: ${s.verifiedPeople} verified people, ${s.proposal.claimsCreated} claims proposed (${s.proposal.linesCreated} lines); ` +
      `${s.drafts} draft, ${s.inReview} in review, ${s.returned} returned, ${s.recommended} recommended (auditor → auditor2), ${s.approved} approved in publicity; ` +
      `auditor2 shares the staff password\n`,
  );
}
