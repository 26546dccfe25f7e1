import { Actor, PageArgs, toPage } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { HireEntity } from '../employers.entities';
import { employersError, EmployersExceptionCode } from '../employers.exception';
import { TerminateContractInput } from './dto/hire.input';
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

/** Contracts after the hire (the hire itself is HireUseCase): termination, the tenant's list. */
@Injectable()
export class HireService {
  constructor(@InjectRepository(HireEntity) private readonly hires: Repository<HireEntity>) {}

  async terminate(actor: Actor, input: TerminateContractInput): Promise<HireEntity> {
    const h = await this.ownOrThrow(actor, input.hireId);
    if (h.terminatedOn) throw employersError(EmployersExceptionCode.ALREADY_TERMINATED);
    if (input.terminatedOn < h.contractStart) {
      throw employersError(EmployersExceptionCode.TERMINATED_BEFORE_START);
    }
    await this.hires.update({ id: h.id }, { terminatedOn: input.terminatedOn, terminationReason: input.reason });
    return this.ownOrThrow(actor, h.id);
  }

  async ownOrThrow(actor: Actor, id: string): Promise<HireEntity> {
    const h = await this.hires.findOne({ where: { id } });
    if (!h || h.tenantId !== actor.tenantId) throw employersError(EmployersExceptionCode.HIRE_NOT_FOUND);
    return h;
  }

  async list(actor: Actor, page: PageArgs) {
    const [rows, total] = await this.hires.findAndCount({
      where: { tenantId: actor.tenantId! },
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: page.offset,
      take: page.first,
    });
    return toPage(rows.map(toHireModel), total, page);
  }
}

export function toHireModel(h: HireEntity): HireModel {
  return { ...h, contractEnd: contractEnd(h.contractStart, h.contractMonths) };
}
