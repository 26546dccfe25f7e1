import { Actor, Clock, InputException, OutboxService, PageArgs, toPage } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { ApplicationService } from '../applications/application.service';
import { HireEntity, PostingEntity } from '../employers.entities';
import { EmployersException, notFound } from '../employers.exception';
import { HireInput, TerminateContractInput } from './dto/hire.input';
import { HireModel } from './models/hire.model';

/** Adds whole months to a YYYY-MM-DD date, clamping to the month's last day; the contract ends the day before. */
export function contractEnd(start: string, months: number): string {
  const [y, m, d] = start.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  target.setUTCDate(target.getUTCDate() - 1);
  return target.toISOString().slice(0, 10);
}

@Injectable()
export class HireService {
  constructor(
    @InjectRepository(HireEntity) private readonly hires: Repository<HireEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly applications: ApplicationService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  /**
   * Hire an applicant with an offer. The opening is taken with one guarded
   * UPDATE (openings_left > 0), so concurrent hires never overbook a posting.
   */
  async hire(actor: Actor, input: HireInput): Promise<HireEntity> {
    if (input.socialInsuranceStart && input.socialInsuranceStart < input.contractStart) {
      throw new InputException('socialInsuranceStart', '社保开始日期不能早于合同开始日期', 'socialInsuranceStart cannot be before contractStart');
    }
    const hire = await this.dataSource.transaction(async (m) => {
      const app = await this.applications.accessibleOrThrow(actor, input.applicationId, m, true);
      if (actor.role !== 'HR') throw notFound('投递记录', 'Application', 'applicationId');
      if (app.stage !== 'OFFER') {
        throw new EmployersException('INVALID_TRANSITION', '只有处于「录用意向」阶段的投递可以录用', 'Only applications at OFFER can be hired', 'applicationId');
      }
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
        throw new EmployersException('POSTING_FULL', '该岗位已招满或已关闭', 'The posting has no openings left or is closed', 'applicationId');
      }
      const saved = await m.save(HireEntity, m.create(HireEntity, {
        applicationId: app.id, postingId: app.postingId, tenantId: app.tenantId, seekerId: app.seekerId, hiredBy: actor.userId,
        contractStart: input.contractStart, contractMonths: input.contractMonths, socialInsuranceStart: input.socialInsuranceStart ?? null,
      }));
      await this.applications.changeStage(m, app, 'HIRED', actor, null);
      return saved;
    });
    await this.outbox.kick();
    return hire;
  }

  async terminate(actor: Actor, input: TerminateContractInput): Promise<HireEntity> {
    const h = await this.ownOrThrow(actor, input.hireId);
    if (h.terminatedOn) throw new EmployersException('ALREADY_TERMINATED', '该合同已解除', 'This contract was already terminated', 'hireId');
    if (input.terminatedOn < h.contractStart) {
      throw new InputException('terminatedOn', '解除日期不能早于合同开始日期', 'terminatedOn cannot be before the contract start');
    }
    await this.hires.update({ id: h.id }, { terminatedOn: input.terminatedOn, terminationReason: input.reason });
    return this.ownOrThrow(actor, h.id);
  }

  async ownOrThrow(actor: Actor, id: string): Promise<HireEntity> {
    const h = await this.hires.findOne({ where: { id } });
    if (!h || h.tenantId !== actor.tenantId) throw notFound('录用记录', 'Hire', 'hireId');
    return h;
  }

  async list(actor: Actor, page: PageArgs) {
    const [rows, total] = await this.hires.findAndCount({ where: { tenantId: actor.tenantId! }, order: { createdAt: 'DESC', id: 'ASC' }, skip: page.offset, take: page.first });
    return toPage(rows.map(toHireModel), total, page);
  }
}

export function toHireModel(h: HireEntity): HireModel {
  return { ...h, contractEnd: contractEnd(h.contractStart, h.contractMonths) };
}
