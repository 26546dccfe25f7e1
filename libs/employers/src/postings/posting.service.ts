import { Actor, Clock, containsPattern, PageArgs, Role, toPage } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { PostingEntity, PostingStatus } from '../employers.entities';
import { employersError, EmployersExceptionCode } from '../employers.exception';
import { PostingFilterInput, PostingInput } from './dto/posting.input';

const TRANSITIONS: Record<PostingStatus, PostingStatus[]> = {
  DRAFT: ['OPEN', 'CLOSED'],
  OPEN: ['CLOSED'],
  FILLED: ['OPEN', 'CLOSED'],
  CLOSED: ['OPEN'],
};

@Injectable()
export class PostingService {
  constructor(
    @InjectRepository(PostingEntity) private readonly postings: Repository<PostingEntity>,
    private readonly clock: Clock,
  ) {}

  private check(input: PostingInput): void {
    if (input.salaryMinFen > input.salaryMaxFen) {
      throw employersError(EmployersExceptionCode.SALARY_RANGE_INVALID);
    }
  }

  async create(actor: Actor, input: PostingInput): Promise<PostingEntity> {
    this.check(input);
    const now = this.clock.now();
    return this.postings.save(
      this.postings.create({
        ...input,
        minMandarinLevel: input.minMandarinLevel ?? null,
        minTypingSpeed: input.minTypingSpeed ?? null,
        minEducation: input.minEducation ?? null,
        tenantId: actor.tenantId!,
        openingsLeft: input.headcount,
        status: 'DRAFT',
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      }),
    );
  }

  /** Loads a posting of the caller's own tenant; another tenant's posting is "not found". */
  async ownOrThrow(actor: Actor, id: string): Promise<PostingEntity> {
    const p = await this.postings.findOne({ where: { id } });
    if (!p || (actor.role === Role.HR && p.tenantId !== actor.tenantId)) throw employersError(EmployersExceptionCode.POSTING_NOT_FOUND);
    return p;
  }

  async update(actor: Actor, id: string, input: PostingInput): Promise<PostingEntity> {
    this.check(input);
    const p = await this.ownOrThrow(actor, id);
    const hired = p.headcount - p.openingsLeft;
    if (input.headcount < hired) {
      throw employersError(EmployersExceptionCode.HEADCOUNT_BELOW_HIRED, { hired });
    }
    // Keep openings_left consistent with concurrent hires: compute it in SQL.
    const res = await this.postings
      .createQueryBuilder()
      .update()
      .set({
        title: input.title,
        description: input.description,
        salaryMinFen: input.salaryMinFen,
        salaryMaxFen: input.salaryMaxFen,
        shifts: input.shifts,
        minMandarinLevel: input.minMandarinLevel ?? null,
        minTypingSpeed: input.minTypingSpeed ?? null,
        minEducation: input.minEducation ?? null,
        headcount: input.headcount,
        openingsLeft: () => `${input.headcount} - (headcount - openings_left)`,
        updatedAt: this.clock.now(),
      })
      .where('id = :id AND :hc >= headcount - openings_left', { id, hc: input.headcount })
      .execute();
    if (!res.affected) throw employersError(EmployersExceptionCode.HEADCOUNT_BELOW_HIRED, {});
    return this.ownOrThrow(actor, id);
  }

  async setStatus(actor: Actor, id: string, status: PostingStatus): Promise<PostingEntity> {
    const p = await this.ownOrThrow(actor, id);
    if (!TRANSITIONS[p.status].includes(status)) {
      throw employersError(EmployersExceptionCode.POSTING_STATUS_TRANSITION, { from: p.status, to: status });
    }
    if (status === 'OPEN' && p.openingsLeft === 0) {
      throw employersError(EmployersExceptionCode.NO_OPENINGS);
    }
    await this.postings.update({ id, status: p.status }, { status, updatedAt: this.clock.now() });
    return this.ownOrThrow(actor, id);
  }

  /** The caller's tenant's postings (HR), or any tenant's (operator, auditor). */
  async list(actor: Actor, filter: PostingFilterInput, page: PageArgs) {
    const qb = this.postings.createQueryBuilder('p');
    if (actor.role === Role.HR) qb.where('p.tenant_id = :t', { t: actor.tenantId });
    else if (filter.tenantId) qb.where('p.tenant_id = :t', { t: filter.tenantId });
    if (filter.status) qb.andWhere('p.status = :s', { s: filter.status });
    if (filter.text) qb.andWhere('p.title ILIKE :q', { q: containsPattern(filter.text) });
    const [rows, total] = await qb.orderBy('p.created_at', 'DESC').addOrderBy('p.id').skip(page.offset).take(page.first).getManyAndCount();
    return toPage(rows, total, page);
  }

  /** The public job board: open postings of every tenant. */
  async listOpen(filter: PostingFilterInput, page: PageArgs) {
    const qb = this.postings.createQueryBuilder('p').where(`p.status = 'OPEN'`);
    if (filter.tenantId) qb.andWhere('p.tenant_id = :t', { t: filter.tenantId });
    if (filter.text) qb.andWhere('p.title ILIKE :q', { q: containsPattern(filter.text) });
    const [rows, total] = await qb.orderBy('p.created_at', 'DESC').addOrderBy('p.id').skip(page.offset).take(page.first).getManyAndCount();
    return toPage(rows, total, page);
  }

  async getOpen(id: string): Promise<PostingEntity> {
    const p = await this.postings.findOne({ where: { id, status: 'OPEN' } });
    if (!p) throw employersError(EmployersExceptionCode.POSTING_NOT_FOUND);
    return p;
  }

  async findByIds(ids: readonly string[]): Promise<Map<string, PostingEntity>> {
    const rows = ids.length ? await this.postings.find({ where: { id: In([...ids]) } }) : [];
    return new Map(rows.map((r) => [r.id, r]));
  }
}
