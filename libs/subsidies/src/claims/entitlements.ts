import { HireFact } from '@app/employers';
import { TrainingFact } from '@app/training';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ParameterService } from '../parameters/parameter.service';
import { addMonths, evaluate, Evaluation, item09, item11, item12, item15, item16, monthEnd, SkillLevel } from '../rules';
import { SubsidyItem, SubsidyPartyKind } from '../subsidies.enums';
import { PersonFacts, SubsidyFactsReader } from './facts.reader';

/** One thing a party could be paid for, with the rule's evaluation: becomes a claim line when eligible. */
export interface Entitlement {
  item: SubsidyItem;
  partyKind: SubsidyPartyKind;
  partyId: string;
  partyName: string;
  tenantId: string | null;
  personHash: string;
  personLabel: string | null;
  seekerId: string | null;
  hireId: string | null;
  enrolmentId: string | null;
  internshipId: string | null;
  period: string;
  evaluation: Evaluation;
  /** Facts the payouts part needs (months of a monthly item, the school of a student…). */
  facts: Record<string, unknown>;
}

/**
 * Turns recorded facts into entitlements by running the rules (each with the parameters in force on its fact date).
 * Used by the nightly proposal, by a party starting a claim by hand, and by the benchmark. Reads facts only through
 * SubsidyFactsReader (other contexts' read interfaces).
 */
@Injectable()
export class EntitlementService {
  constructor(
    private readonly facts: SubsidyFactsReader,
    private readonly params: ParameterService,
  ) {}

  /** Item 16 (and item 11's per-trainee award, `withItem11`) for hires. */
  async forHires(hires: HireFact[], asOf: string, m?: EntityManager, opts: { items?: SubsidyItem[] } = {}): Promise<Entitlement[]> {
    const items = opts.items ?? [SubsidyItem.ITEM_16];
    const people = await this.facts.people(
      hires.map((h) => h.seekerId),
      m,
    );
    const paramsOn = this.params.cache(m);
    const out: Entitlement[] = [];
    for (const h of hires) {
      const person = people.get(h.seekerId);
      if (!person) continue;
      const base = {
        partyKind: SubsidyPartyKind.COMPANY,
        partyId: h.tenantId,
        partyName: h.company,
        tenantId: h.tenantId,
        ...personPart(person),
        hireId: h.hireId,
        enrolmentId: null,
        internshipId: null,
        period: 'ONCE',
      };
      if (items.includes(SubsidyItem.ITEM_16)) {
        const f = {
          hireId: h.hireId,
          contractStart: h.contractStart,
          contractMonths: h.contractMonths,
          socialInsuranceStart: h.socialInsuranceStart,
          terminatedOn: h.terminatedOn,
          poorHousehold: person.poorHousehold,
          unemployedGraduate: person.unemployedGraduate,
        };
        out.push({
          ...base,
          item: SubsidyItem.ITEM_16,
          evaluation: evaluate(item16, f, await paramsOn(item16.factDate(f))),
          facts: { hireId: h.hireId, contractStart: h.contractStart },
        });
      }
      if (items.includes(SubsidyItem.ITEM_11)) {
        const f = {
          kind: 'TRAINEE' as const,
          hireId: h.hireId,
          enrolmentId: null,
          contractStart: h.contractStart,
          contractMonths: h.contractMonths,
          terminatedOn: h.terminatedOn,
          terminationReason: h.terminationReason,
          asOf,
        };
        out.push({
          ...base,
          item: SubsidyItem.ITEM_11,
          evaluation: evaluate(item11, f, await paramsOn(item11.factDate(f))),
          facts: { hireId: h.hireId, contractStart: h.contractStart },
        });
      }
    }
    return out;
  }

  /** Items 12 (the company that trained or recruited the person), 15 (the institution, poor-household trainees) and 9 (the person, monthly while not placed). */
  async forTrainings(
    trainings: TrainingFact[],
    asOf: string,
    m?: EntityManager,
    opts: { items?: SubsidyItem[]; tenantId?: string } = {},
  ): Promise<Entitlement[]> {
    const items = opts.items ?? [SubsidyItem.ITEM_09, SubsidyItem.ITEM_12, SubsidyItem.ITEM_15];
    const seekerIds = trainings.map((t) => t.seekerId);
    const [people, hires] = await Promise.all([this.facts.people(seekerIds, m), this.facts.hires({ seekerIds }, m)]);
    const hiresOf = new Map<string, HireFact[]>();
    for (const h of hires) hiresOf.set(h.seekerId, [...(hiresOf.get(h.seekerId) ?? []), h]);
    const names = await this.facts.tenantNames(
      trainings.map((t) => t.sponsorTenantId).filter((x): x is string => !!x),
      m,
    );
    const paramsOn = this.params.cache(m);
    const out: Entitlement[] = [];
    for (const t of trainings) {
      const person = people.get(t.seekerId);
      if (!person) continue;
      const common = { ...personPart(person), hireId: null, enrolmentId: t.enrolmentId, internshipId: null };
      if (items.includes(SubsidyItem.ITEM_12) && t.assessmentId) {
        // 培养: the class's sponsoring company; 引进: otherwise the company employing the person on the assessment date.
        const employer = (hiresOf.get(t.seekerId) ?? []).find(
          (h) => h.contractStart <= (t.assessedOn ?? '') && (!h.terminatedOn || h.terminatedOn >= (t.assessedOn ?? '')),
        );
        const tenantId = t.sponsorTenantId ?? employer?.tenantId ?? null;
        if (tenantId && (!opts.tenantId || opts.tenantId === tenantId)) {
          const f = {
            enrolmentId: t.enrolmentId,
            attendedSessionIds: t.attendedSessionIds,
            totalSessions: t.totalSessions,
            assessmentId: t.assessmentId,
            score: t.score,
            passed: t.passed,
            skillLevel: t.skillLevel as SkillLevel | null,
            assessedOn: t.assessedOn,
            certificateNo: t.certificateNo,
          };
          out.push({
            ...common,
            item: SubsidyItem.ITEM_12,
            partyKind: SubsidyPartyKind.COMPANY,
            partyId: tenantId,
            partyName: names.get(tenantId) ?? employer?.company ?? '',
            tenantId,
            hireId: t.sponsorTenantId ? null : (employer?.hireId ?? null),
            period: 'ONCE',
            evaluation: evaluate(item12, f, await paramsOn(item12.factDate(f))),
            facts: { enrolmentId: t.enrolmentId, assessmentId: t.assessmentId },
          });
        }
      }
      if (items.includes(SubsidyItem.ITEM_15) && t.completedOn && person.poorHousehold) {
        const f = {
          enrolmentId: t.enrolmentId,
          completedOn: t.completedOn,
          attendedSessionIds: t.attendedSessionIds,
          totalSessions: t.totalSessions,
          poorHouseholdVerified: person.poorHousehold,
        };
        out.push({
          ...common,
          item: SubsidyItem.ITEM_15,
          partyKind: SubsidyPartyKind.TRAINING_INSTITUTION,
          partyId: t.institutionId,
          partyName: t.institutionName,
          tenantId: null,
          period: `ENROLMENT:${t.enrolmentId}`,
          evaluation: evaluate(item15, f, await paramsOn(item15.factDate(f))),
          facts: { enrolmentId: t.enrolmentId },
        });
      }
      if (items.includes(SubsidyItem.ITEM_09) && t.completedOn) {
        const after = (hiresOf.get(t.seekerId) ?? [])
          .filter((h) => h.contractStart >= t.completedOn!)
          .sort((a, b) => a.contractStart.localeCompare(b.contractStart))[0];
        const p = await paramsOn(t.completedOn);
        const max = p.find('item09.max_months');
        const months = typeof max?.value === 'number' ? max.value : 0;
        for (let i = 1; i <= months; i++) {
          const month = addMonths(`${t.completedOn.slice(0, 7)}-01`, i).slice(0, 7);
          if (monthEnd(month) >= asOf) break; // a month is claimed once it is over
          const f = {
            enrolmentId: t.enrolmentId,
            className: t.className,
            completedOn: t.completedOn,
            month,
            hiredOn: after?.contractStart ?? null,
            hireId: after?.hireId ?? null,
          };
          const ev = evaluate(item09, f, await paramsOn(item09.factDate(f)));
          out.push({
            ...common,
            item: SubsidyItem.ITEM_09,
            partyKind: SubsidyPartyKind.PERSON,
            partyId: t.seekerId,
            partyName: person.label,
            tenantId: null,
            period: month,
            evaluation: ev,
            facts: { enrolmentId: t.enrolmentId, month, months: 1 },
          });
          if (!ev.eligible && after && after.contractStart <= monthEnd(month)) break; // hired: the allowance stops
        }
      }
    }
    return out;
  }
}

function personPart(p: PersonFacts) {
  return { personHash: p.personHash, personLabel: p.label, seekerId: p.seekerId };
}
