import { Actor, Clock, OutboxService } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { ProfileAccessLogEntity, SeekerEntity } from '../seekers/seeker.entity';
import { CategorySource, isSensitiveCategory, SeekerCategory } from '../seekers/seeker.enums';
import { talentError, TalentExceptionCode } from '../talent.exception';
import { CategoryVerificationEntity } from './category-verification.entity';
import { VerifyCategoryInput } from './dto/verify-category.input';
import { CategoryStatusModel } from './models/category-status.model';

const ORDER = Object.values(SeekerCategory) as string[];

/**
 * The bureau's list-based verifications of the person `s` (a `seekers` row alias): each category whose ACTIVE list
 * (category_lists, newest version) holds the person's ID hash, as source BUREAU_LIST by the uploader at the upload.
 * Read wherever verified categories are (a join, not copied rows), so it holds for people who register after the
 * upload and ends when a newer version of the list drops them.
 */
const LIST_VERIFIED = (
  s: string,
) => `SELECT l.category, '${CategorySource.BUREAU_LIST}'::text AS source, l.uploaded_by AS verified_by, l.uploaded_at AS verified_at, false AS staff
    FROM category_list_entries e JOIN category_lists l ON l.id = e.list_id AND l.superseded_at IS NULL
   WHERE ${s}.id_number_hash IS NOT NULL AND e.id_number_hash = ${s}.id_number_hash`;

/** Staff-made verifications (seeker_category_verifications) and list-based ones, of the person `s`. */
const ALL_VERIFIED = (s: string) => `SELECT v.category, v.source, v.verified_by, v.verified_at, true AS staff FROM seeker_category_verifications v
   WHERE v.seeker_id = ${s}.id AND v.revoked_at IS NULL
  UNION ALL ${LIST_VERIFIED(s)}`;

interface VerifiedRow {
  category: string;
  source: CategorySource;
  verifiedAt: Date;
}

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

  /** Verified categories only (staff-made or on the bureau's active list): what subsidy rules may trust. */
  async verifiedCategories(seekerId: string): Promise<string[]> {
    const rows = await this.verifiedOf(seekerId);
    return [...new Set(rows.map((r) => r.category))].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
  }

  /** Staff-made verifications first (the list's row for the same category comes after), each category's newest first. */
  private verifiedOf(seekerId: string): Promise<VerifiedRow[]> {
    return this.dataSource.query(
      `SELECT x.category, x.source, x.verified_at AS "verifiedAt"
         FROM seekers s, LATERAL (${ALL_VERIFIED('s')}) x
        WHERE s.id = $1 AND s.erased_at IS NULL
        ORDER BY x.staff DESC, x.verified_at DESC`,
      [seekerId],
    );
  }

  /**
   * For the subsidies context's rules, in one query: each person's look-up hash (never the ID number), name, region
   * and verified categories with their source (who/when). 10,000 people: ~0.8 s on the shared 2-core box, where
   * findByIds (entity hydration) plus a find() of the verifications took ~5 s. People not found (or erased) are absent.
   */
  async subsidyPeople(
    seekerIds: readonly string[],
    m?: EntityManager,
  ): Promise<
    Array<{
      seekerId: string;
      name: string;
      idNumberHash: string | null;
      regionCode: string | null;
      verified: Array<{ category: string; source: string; verifiedBy: string | null; verifiedAt: string }>;
    }>
  > {
    if (!seekerIds.length) return [];
    return (m ?? this.dataSource.manager).query(
      `SELECT s.id AS "seekerId", s.name, s.id_number_hash AS "idNumberHash", s.region_code AS "regionCode",
              COALESCE((SELECT json_agg(json_build_object('category', v.category, 'source', v.source, 'verifiedBy', v.verified_by, 'verifiedAt', v.verified_at) ORDER BY v.verified_at)
                          FROM (${ALL_VERIFIED('s')}) v), '[]') AS verified
         FROM seekers s WHERE s.id = ANY($1::uuid[]) AND s.erased_at IS NULL`,
      [[...new Set(seekerIds)]],
    );
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
    const rows = await this.verifiedOf(s.id);
    const byCat = new Map<string, VerifiedRow>();
    for (const r of rows) if (!byCat.has(r.category)) byCat.set(r.category, r);
    const all = [...new Set([...s.categories, ...byCat.keys()])].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
    return all.map((c) => {
      const v = byCat.get(c);
      return { category: c as SeekerCategory, sensitive: isSensitiveCategory(c), verified: !!v, source: v?.source ?? null, verifiedAt: v?.verifiedAt ?? null };
    });
  }
}
