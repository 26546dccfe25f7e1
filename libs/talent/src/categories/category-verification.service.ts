import { Actor, Clock, OutboxService } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { ProfileAccessLogEntity, SeekerEntity } from '../seekers/seeker.entity';
import { isSensitiveCategory, SeekerCategory } from '../seekers/seeker.enums';
import { talentError, TalentExceptionCode } from '../talent.exception';
import { CategoryVerificationEntity } from './category-verification.entity';
import { VerifyCategoryInput } from './dto/verify-category.input';
import { CategoryStatusModel } from './models/category-status.model';

const ORDER = Object.values(SeekerCategory) as string[];

/**
 * Categories that subsidies depend on (poor household, disabled, registered
 * unemployed, graduate) can be confirmed by a verified source. A category the
 * seeker only declared stays "declared, unverified"; subsidy rules should read
 * `verifiedCategories`.
 */
@Injectable()
export class CategoryVerificationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  /** Staff (service centre) records a category confirmed by a source; history is kept. */
  async verify(actor: Actor, input: VerifyCategoryInput): Promise<CategoryStatusModel[]> {
    await this.dataSource.transaction(async (m) => {
      const s = await m.findOne(SeekerEntity, { where: { id: input.seekerId }, lock: { mode: 'pessimistic_write' } });
      if (!s || s.erasedAt) throw talentError(TalentExceptionCode.PROFILE_NOT_FOUND);
      const now = this.clock.now();
      await m.update(CategoryVerificationEntity, { seekerId: s.id, category: input.category, revokedAt: IsNull() }, { revokedAt: now });
      await m.insert(CategoryVerificationEntity, {
        seekerId: s.id,
        category: input.category,
        source: input.source,
        note: input.note?.trim() || null,
        verifiedBy: actor.userId,
        verifiedAt: now,
      });
      if (!s.categories.includes(input.category)) {
        await m.update(SeekerEntity, { id: s.id }, { categories: [...s.categories, input.category], updatedAt: now });
        await this.outbox.record(m, 'seeker.changed', s.id, { reason: 'category.verified' });
      }
      await m.insert(ProfileAccessLogEntity, {
        seekerId: s.id,
        viewerUserId: actor.userId,
        viewerRole: actor.role,
        tenantId: actor.tenantId,
        action: 'CATEGORY_VERIFIED',
        createdAt: now,
      });
    });
    await this.outbox.kick();
    return this.statuses(input.seekerId);
  }

  /** Verified categories only: what subsidy rules may trust. */
  async verifiedCategories(seekerId: string): Promise<string[]> {
    const rows = await this.dataSource.manager.find(CategoryVerificationEntity, { where: { seekerId, revokedAt: IsNull() } });
    return rows.map((r) => r.category).sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
  }

  async statuses(seekerId: string): Promise<CategoryStatusModel[]> {
    const s = await this.dataSource.manager.findOne(SeekerEntity, { where: { id: seekerId } });
    if (!s || s.erasedAt) throw talentError(TalentExceptionCode.PROFILE_NOT_FOUND);
    return this.statusesOf(s);
  }

  async myStatuses(actor: Actor): Promise<CategoryStatusModel[]> {
    const s = await this.dataSource.manager.findOne(SeekerEntity, { where: { userId: actor.userId } });
    return s ? this.statusesOf(s) : [];
  }

  private async statusesOf(s: SeekerEntity): Promise<CategoryStatusModel[]> {
    const rows = await this.dataSource.manager.find(CategoryVerificationEntity, { where: { seekerId: s.id, revokedAt: IsNull() } });
    const byCat = new Map(rows.map((r) => [r.category, r]));
    const all = [...new Set([...s.categories, ...byCat.keys()])].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
    return all.map((c) => {
      const v = byCat.get(c);
      return { category: c as SeekerCategory, sensitive: isSensitiveCategory(c), verified: !!v, source: v?.source ?? null, verifiedAt: v?.verifiedAt ?? null };
    });
  }
}
