import { Clock, shanghaiDate } from '@app/core';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ClaimService } from '../claims/claim.service';
import { EntitlementService } from '../claims/entitlements';
import { SubsidyFactsReader } from '../claims/facts.reader';
import { SubsidyItem } from '../subsidies.enums';

/** How far back the nightly run looks for facts (hires' contract starts, classes' ends): a year and a bit. */
export const PROPOSAL_LOOKBACK_DAYS = 400;
const LOCK_KEY = 0x5ab5_1d1f;

export interface ProposalRun {
  asOf: string;
  evaluated: number;
  eligible: number;
  claimsCreated: number;
  linesCreated: number;
}

const minusDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

/**
 * Pre-filled claims 免申即享 (issue 10 §2): evaluate the rules over the recorded facts and propose DRAFT claims to the
 * parties entitled — items 12 and 16 to companies, 15 to training institutions, 9 to the person. Idempotent: a line
 * whose key (item, party kind, person, period) was ever proposed or claimed is not proposed again, so a re-run adds
 * nothing; runs are serialised with an advisory lock. The date is the Clock's (Asia/Shanghai), never the host's.
 */
@Injectable()
export class ProposalService {
  private readonly logger = new Logger(ProposalService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly facts: SubsidyFactsReader,
    private readonly ents: EntitlementService,
    private readonly claims: ClaimService,
  ) {}

  async evaluateNow(asOf = shanghaiDate(this.clock.now())): Promise<ProposalRun> {
    const from = minusDays(asOf, PROPOSAL_LOOKBACK_DAYS);
    const [hires, trainings] = await Promise.all([
      this.facts.hires({ contractStartFrom: from, contractStartTo: asOf }),
      this.facts.trainings({ endsFrom: from, endsTo: asOf }),
    ]);
    const ents = [
      ...(await this.ents.forHires(hires, asOf, undefined, { items: [SubsidyItem.ITEM_16] })),
      ...(await this.ents.forTrainings(trainings, asOf, undefined, { items: [SubsidyItem.ITEM_09, SubsidyItem.ITEM_12, SubsidyItem.ITEM_15] })),
    ];
    const eligible = ents.filter((e) => e.evaluation.eligible);
    const ids = await this.dataSource.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock($1::int)`, [LOCK_KEY]);
      return this.claims.createDrafts(m, eligible, 'PROPOSAL', null, true);
    });
    const [{ n }] = ids.length
      ? await this.dataSource.query(`SELECT count(*)::int AS n FROM subsidy_claim_lines WHERE claim_id = ANY($1::uuid[])`, [ids])
      : [{ n: 0 }];
    const run = { asOf, evaluated: ents.length, eligible: eligible.length, claimsCreated: ids.length, linesCreated: n };
    this.logger.log(`subsidy proposals ${JSON.stringify(run)}`);
    return run;
  }

  /** The nightly job: proposals, then publicity periods that ended without objection. */
  async nightly(): Promise<ProposalRun & { publicityEnded: number }> {
    const asOf = shanghaiDate(this.clock.now());
    const run = await this.evaluateNow(asOf);
    return { ...run, publicityEnded: await this.claims.endPublicity(asOf) };
  }
}
