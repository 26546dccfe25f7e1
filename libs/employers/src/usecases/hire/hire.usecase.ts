import { Clock, OutboxService, Role } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ApplicationService } from '../../applications/application.service';
import { ApplicationEntity, HireEntity, PostingEntity } from '../../employers.entities';
import { employersError, EmployersExceptionCode } from '../../employers.exception';
import { HireCommand } from './hire.command';

/**
 * The hire flow, across the application (stage + event + the seeker's
 * notification through the outbox), the posting (one opening taken) and the
 * hire with its contract — one transaction.
 *
 * Rules: only HR of the application's tenant; only from OFFER; the social
 * insurance cannot start before the contract; the opening is taken with one
 * guarded UPDATE (openings_left > 0), so concurrent hires never overbook a
 * posting, and the last opening marks it FILLED. Idempotent: the same hire
 * sent again (a retried request) returns the hire already made and takes no
 * second opening; different terms for a hired application are refused.
 */
@Injectable()
export class HireUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly applications: ApplicationService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  async execute(command: HireCommand): Promise<HireEntity> {
    const { actor } = command;
    const socialInsuranceStart = command.socialInsuranceStart ?? null;
    if (socialInsuranceStart && socialInsuranceStart < command.contractStart) {
      throw employersError(EmployersExceptionCode.SOCIAL_INSURANCE_BEFORE_CONTRACT);
    }
    let created = false;
    const hire = await this.dataSource.transaction(async (m) => {
      const app = await this.applications.accessibleOrThrow(actor, command.applicationId, m, true); // row locked until commit
      if (actor.role !== Role.HR) throw employersError(EmployersExceptionCode.APPLICATION_NOT_FOUND);
      if (app.stage === 'HIRED') {
        const existing = await m.findOne(HireEntity, { where: { applicationId: app.id } });
        if (existing && sameTerms(existing, command.contractStart, command.contractMonths, socialInsuranceStart)) return existing;
      }
      if (app.stage !== 'OFFER') {
        throw employersError(EmployersExceptionCode.HIRE_NEEDS_OFFER);
      }
      await this.takeOpening(m, app);
      const saved = await m.save(
        HireEntity,
        m.create(HireEntity, {
          applicationId: app.id,
          postingId: app.postingId,
          tenantId: app.tenantId,
          seekerId: app.seekerId,
          hiredBy: actor.userId,
          contractStart: command.contractStart,
          contractMonths: command.contractMonths,
          socialInsuranceStart,
        }),
      );
      await this.applications.changeStage(m, app, 'HIRED', actor, null);
      created = true;
      return saved;
    });
    if (created) await this.outbox.kick();
    return hire;
  }

  /** One guarded UPDATE: a posting never goes below zero openings, and the last one fills it. */
  private async takeOpening(m: EntityManager, app: ApplicationEntity): Promise<void> {
    const taken = await m
      .createQueryBuilder()
      .update(PostingEntity)
      .set({
        openingsLeft: () => 'openings_left - 1',
        status: () => `CASE WHEN openings_left - 1 = 0 THEN 'FILLED' ELSE status END`,
        updatedAt: this.clock.now(),
      })
      .where(`id = :id AND openings_left > 0 AND status = 'OPEN'`, { id: app.postingId })
      .execute();
    if (!taken.affected) {
      throw employersError(EmployersExceptionCode.POSTING_FULL);
    }
  }
}

function sameTerms(h: HireEntity, contractStart: string, contractMonths: number, socialInsuranceStart: string | null): boolean {
  return h.contractStart === contractStart && h.contractMonths === contractMonths && (h.socialInsuranceStart ?? null) === socialInsuranceStart;
}
