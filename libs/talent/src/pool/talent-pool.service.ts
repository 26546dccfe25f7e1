import { Actor, containsPattern, Page, PageArgs, Role, toPage } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ProfileAccessLogService } from '../access-log/profile-access-log.service';
import { EmployerDirectoryPort } from '../ports/employer-directory.port';
import { TalentFilterInput } from '../seekers/dto/profile.input';
import { SeekerProfileModel } from '../seekers/models/profile.model';
import { isSensitiveCategory, MANDARIN_RANK } from '../seekers/seeker.enums';
import { SeekerEntity } from '../seekers/seeker.entity';
import { SeekerService } from '../seekers/seeker.service';
import { talentError, TalentExceptionCode } from '../talent.exception';

/** Tenants and staff looking at the pool: the masked list, and one profile (every view logged). */
@Injectable()
export class TalentPoolService {
  constructor(
    @InjectRepository(SeekerEntity) private readonly seekerRows: Repository<SeekerEntity>,
    private readonly seekers: SeekerService,
    private readonly accessLog: ProfileAccessLogService,
    private readonly employers: EmployerDirectoryPort,
  ) {}

  /** Consenting, not erased seekers; masked. Listing is not a profile view. */
  async searchPool(filter: TalentFilterInput, page: PageArgs): Promise<Page<SeekerProfileModel>> {
    const qb = this.seekerRows.createQueryBuilder('s').where('s.shared_with_tenants AND s.erased_at IS NULL');
    if (filter.text) {
      qb.andWhere('(s.name ILIKE :t OR s.school_name ILIKE :t OR s.major ILIKE :t)', { t: containsPattern(filter.text) });
    }
    if (filter.maxDistanceKm != null) qb.andWhere('s.distance_km <= :d', { d: filter.maxDistanceKm });
    if (filter.minTypingSpeed != null) qb.andWhere('s.typing_speed >= :ts', { ts: filter.minTypingSpeed });
    if (filter.category) {
      qb.andWhere(':cat = ANY(s.categories)', { cat: filter.category });
      // Filtering by a sensitive category must not reveal people who did not consent to show it.
      if (isSensitiveCategory(filter.category)) qb.andWhere('s.sensitive_consent');
    }
    if (filter.graduationYear) qb.andWhere('s.graduation_year = :gy', { gy: filter.graduationYear });
    if (filter.minMandarinLevel) {
      const levels = Object.keys(MANDARIN_RANK).filter((l) => MANDARIN_RANK[l] >= MANDARIN_RANK[filter.minMandarinLevel!]);
      qb.andWhere('s.mandarin_level IN (:...levels)', { levels });
    }
    const [rows, total] = await qb.orderBy('s.updated_at', 'DESC').addOrderBy('s.id').skip(page.offset).take(page.first).getManyAndCount();
    return toPage(
      rows.map((r) => this.seekers.toModel(r, 'TENANT')),
      total,
      page,
    );
  }

  /**
   * One profile as a tenant or staff member sees it. Tenants see consenting
   * seekers, or those who applied to them; full phone only for their own
   * applicants. Every view is logged for the seeker's "who viewed me".
   */
  async viewProfile(actor: Actor, seekerId: string): Promise<SeekerProfileModel> {
    const s = await this.seekerRows.findOne({ where: { id: seekerId } });
    if (!s || s.erasedAt) throw talentError(TalentExceptionCode.PROFILE_NOT_FOUND);
    let revealPhone = false;
    if (actor.role === Role.HR) {
      const applied = await this.employers.hasActiveApplication(s.id, actor.tenantId!);
      if (!s.sharedWithTenants && !applied) throw talentError(TalentExceptionCode.PROFILE_NOT_FOUND);
      revealPhone = applied && s.sharedWithTenants;
    } else if (actor.role === Role.SEEKER) {
      throw talentError(TalentExceptionCode.PROFILE_NOT_FOUND);
    }
    await this.accessLog.logAccess(s.id, actor, revealPhone ? 'VIEW_CONTACT' : 'VIEW');
    return this.seekers.toModel(s, actor.role === Role.HR ? 'TENANT' : 'STAFF', revealPhone);
  }
}
