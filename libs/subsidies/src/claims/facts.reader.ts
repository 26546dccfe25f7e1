import { shanghaiDate } from '@app/core';
import { HireFact, HiringReadModel, TenantDirectory } from '@app/employers';
import { CategoryVerificationService, maskName, SeekerService } from '@app/talent';
import { TrainingFact, TrainingRecordService } from '@app/training';
import { Injectable } from '@nestjs/common';
import { createHash } from 'crypto';
import { EntityManager } from 'typeorm';

export interface VerifiedCategory {
  source: string;
  verifiedAt: string;
}

/** What the rules need to know about a person, read through talent's interfaces: the look-up hash (never the ID number), a masked name, verified categories. */
export interface PersonFacts {
  seekerId: string;
  personHash: string;
  label: string;
  regionCode: string | null;
  poorHousehold: VerifiedCategory | null;
  unemployedGraduate: VerifiedCategory | null;
}

/** The Asia/Shanghai date of a verification (json_agg hands timestamps over as text). */
const day = (at: string | Date) => shanghaiDate(new Date(at));

/**
 * The facts of other contexts, read only through their exported read interfaces (issue 10: never their tables):
 * hires (employers), training enrolments with attendance / assessments / certificates (training), people and their
 * verified categories (talent). A category only declared by the person never appears here.
 */
@Injectable()
export class SubsidyFactsReader {
  constructor(
    private readonly hiring: HiringReadModel,
    private readonly tenants: TenantDirectory,
    private readonly training: TrainingRecordService,
    private readonly seekers: SeekerService,
    private readonly categories: CategoryVerificationService,
  ) {}

  hires(
    f: { hireIds?: readonly string[]; seekerIds?: readonly string[]; contractStartFrom?: string; contractStartTo?: string },
    m?: EntityManager,
  ): Promise<HireFact[]> {
    return this.hiring.hireFacts(f, m);
  }

  trainings(f: { enrolmentIds?: readonly string[]; endsFrom?: string; endsTo?: string }, m?: EntityManager): Promise<TrainingFact[]> {
    return this.training.trainingFacts(f, m);
  }

  tenantNames(ids: readonly string[], m?: EntityManager): Promise<Map<string, string>> {
    return this.tenants.names([...new Set(ids)], m);
  }

  async people(seekerIds: readonly string[], m?: EntityManager): Promise<Map<string, PersonFacts>> {
    const rows = await this.categories.subsidyPeople(seekerIds, m);
    const out = new Map<string, PersonFacts>();
    for (const s of rows) {
      const c = s.verified;
      const find = (cat: string, sources?: string[]) => c.find((x) => x.category === cat && (!sources || sources.includes(x.source)));
      const poor = find('POOR_HOUSEHOLD');
      const grad = find('GRADUATE');
      // 《就业失业登记证》: the registration is the bureau's (its list) or checked by the service centre, not a school's record.
      const unemployed = find('UNEMPLOYED', ['BUREAU_LIST', 'SERVICE_CENTRE']);
      out.set(s.seekerId, {
        seekerId: s.seekerId,
        personHash: s.idNumberHash ?? createHash('sha256').update(`seeker:${s.seekerId}`).digest('hex'),
        label: maskName(s.name),
        regionCode: s.regionCode,
        poorHousehold: poor ? { source: poor.source, verifiedAt: day(poor.verifiedAt) } : null,
        unemployedGraduate: grad && unemployed ? { source: unemployed.source, verifiedAt: day(unemployed.verifiedAt) } : null,
      });
    }
    return out;
  }

  /** Which of these users is the person (seeker) — for a person's own claims. */
  async seekerOfUser(userId: string): Promise<string | null> {
    const s = await this.seekers.findByUser(userId);
    return s?.id ?? null;
  }
}

/** The hash standing for a party itself on lines that are not about a person (items 8, 10, 11's cooperation award). */
export function partyHash(kind: string, id: string): string {
  return createHash('sha256').update(`party:${kind}:${id}`).digest('hex');
}
