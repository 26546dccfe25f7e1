import { Actor, Clock } from '@app/core';
import { trainingError, TrainingExceptionCode } from '../training.exception';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { CreateInstitutionInput } from './dto/institution.input';
import { InstitutionEntity } from './institution.entity';

/**
 * Training institutions. Registered by an operator. Institution staff use the
 * OPERATOR role for now (no per-institution role or scoping yet).
 */
@Injectable()
export class InstitutionService {
  constructor(
    @InjectRepository(InstitutionEntity) private readonly institutions: Repository<InstitutionEntity>,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, input: CreateInstitutionInput): Promise<InstitutionEntity> {
    const name = input.name.trim();
    if (await this.institutions.exists({ where: { name } })) {
      throw trainingError(TrainingExceptionCode.INSTITUTION_TAKEN);
    }
    if (input.kind === 'BASE_CENTRE' && (await this.institutions.exists({ where: { kind: 'BASE_CENTRE' } }))) {
      throw trainingError(TrainingExceptionCode.CENTRE_EXISTS);
    }
    return this.institutions.save(
      this.institutions.create({
        name,
        kind: input.kind,
        regionCode: input.regionCode ?? null,
        contactName: input.contactName ?? null,
        createdBy: actor.userId,
        createdAt: this.clock.now(),
      }),
    );
  }

  list(): Promise<InstitutionEntity[]> {
    return this.institutions.find({ order: { kind: 'ASC', name: 'ASC' } });
  }

  async findByIds(ids: readonly string[]): Promise<Map<string, InstitutionEntity>> {
    const rows = ids.length ? await this.institutions.find({ where: { id: In([...ids]) } }) : [];
    return new Map(rows.map((r) => [r.id, r]));
  }
}
