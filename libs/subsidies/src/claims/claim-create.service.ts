import { Actor, Clock, Role, shanghaiDate } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SubsidyItem } from '../subsidies.enums';
import { subsidiesError, SubsidiesExceptionCode as E } from '../subsidies.exception';
import { CreateSubsidyClaimInput } from '../graphql/subsidy.models';
import { ClaimService } from './claim.service';
import { Entitlement, EntitlementService } from './entitlements';
import { SubsidyFactsReader } from './facts.reader';

/** A party starting a claim by hand (issue 10 §2): the same rules evaluate the recorded facts it names. */
@Injectable()
export class ClaimCreateService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly claims: ClaimService,
    private readonly ents: EntitlementService,
    private readonly facts: SubsidyFactsReader,
  ) {}

  async create(actor: Actor, input: CreateSubsidyClaimInput): Promise<string> {
    const asOf = shanghaiDate(this.clock.now());
    const hireIds = [...new Set(input.hireIds ?? [])];
    const enrolmentIds = [...new Set(input.enrolmentIds ?? [])];
    let ents: Entitlement[];
    switch (input.item) {
      case SubsidyItem.ITEM_11:
      case SubsidyItem.ITEM_16: {
        const tenantId = this.companyOf(actor, input.tenantId);
        const hires = (hireIds.length ? await this.facts.hires({ hireIds }) : []).filter((h) => h.tenantId === tenantId); // another company's hire: as if absent
        ents = await this.ents.forHires(hires, asOf, undefined, { items: [input.item] });
        break;
      }
      case SubsidyItem.ITEM_12: {
        const tenantId = this.companyOf(actor, input.tenantId);
        const t = enrolmentIds.length ? await this.facts.trainings({ enrolmentIds }) : [];
        ents = await this.ents.forTrainings(t, asOf, undefined, { items: [SubsidyItem.ITEM_12], tenantId });
        break;
      }
      case SubsidyItem.ITEM_15: {
        if (actor.role !== Role.OPERATOR) throw subsidiesError(E.ITEM_PARTY_MISMATCH);
        const t = enrolmentIds.length ? await this.facts.trainings({ enrolmentIds }) : [];
        ents = await this.ents.forTrainings(t, asOf, undefined, { items: [SubsidyItem.ITEM_15] });
        break;
      }
      case SubsidyItem.ITEM_09: {
        if (actor.role !== Role.SEEKER) throw subsidiesError(E.ITEM_PARTY_MISMATCH);
        const me = await this.facts.seekerOfUser(actor.userId);
        const t = (enrolmentIds.length ? await this.facts.trainings({ enrolmentIds }) : []).filter((x) => x.seekerId === me);
        ents = await this.ents.forTrainings(t, asOf, undefined, { items: [SubsidyItem.ITEM_09] });
        break;
      }
      default:
        throw subsidiesError(E.ITEM_NOT_FROM_RECORDS);
    }
    if (!ents.some((e) => e.evaluation.eligible)) {
      const reasonsZh =
        ents
          .flatMap((e) => e.evaluation.trace.filter((t) => !t.ok).map((t) => t.zh))
          .slice(0, 5)
          .join('；') || '未找到可申报的记录';
      throw subsidiesError(E.NOTHING_ELIGIBLE, { reasonsZh });
    }
    const ids = await this.dataSource.transaction((m) => this.claims.createDrafts(m, ents, 'MANUAL', actor.userId, false));
    return ids[0];
  }

  private companyOf(actor: Actor, tenantId?: string): string {
    if (actor.role === Role.HR && actor.tenantId) return actor.tenantId;
    if (actor.role === Role.OPERATOR && tenantId) return tenantId;
    throw subsidiesError(E.ITEM_PARTY_MISMATCH);
  }
}
