import {
  AccountService,
  Actor,
  AppConfig,
  Clock,
  CryptoService,
  maskPhone,
  maskResidentId,
  normalizeMobile,
  OutboxService,
  parseResidentId,
  shanghaiDate,
} from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { IdentityClaimService } from '../claims/identity-claim.service';
import { regionDirectory } from '../regions';
import { ProfileInput } from './dto/profile.input';
import { SeekerProfileModel } from './models/profile.model';
import { tenantVisibleCategories } from './seeker.enums';
import { profileCompleteness, SeekerEntity } from './seeker.entity';
import { residentIdException, talentError, TalentExceptionCode } from '../talent.exception';

export type ProfileView = 'OWNER' | 'TENANT' | 'STAFF';
export const SEEKER_CHANGED = 'seeker.changed';

/**
 * The seeker's profile: one per person. Personal data (ID number, phone)
 * is stored encrypted with a keyed hash for look-up, and leaves this service
 * masked unless the caller's role and the seeker's consent allow more.
 * Consent: ConsentService; the pool and profile views: TalentPoolService and ProfileAccessLogService;
 * export: PersonalDataExportService; erasure: EraseSeekerUseCase.
 */
@Injectable()
export class SeekerService {
  constructor(
    @InjectRepository(SeekerEntity) private readonly seekers: Repository<SeekerEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly crypto: CryptoService,
    private readonly accounts: AccountService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly claims: IdentityClaimService,
  ) {}

  // ---------- reading ----------

  findByUser(userId: string): Promise<SeekerEntity | null> {
    return this.seekers.findOne({ where: { userId } });
  }

  /** Profiles by id (other contexts' read of the pool); `manager` reads inside the caller's transaction. */
  async findByIds(ids: readonly string[], manager?: EntityManager): Promise<Map<string, SeekerEntity>> {
    const uniq = [...new Set(ids)];
    const rows = uniq.length ? await (manager ?? this.seekers.manager).find(SeekerEntity, { where: { id: In(uniq) } }) : [];
    return new Map(rows.map((r) => [r.id, r]));
  }

  async myProfile(actor: Actor): Promise<SeekerProfileModel | null> {
    const s = await this.findByUser(actor.userId);
    return s && this.toModel(s, 'OWNER');
  }

  /** Masked output. `revealPhone` only after the caller checked the rule that allows it. */
  toModel(s: SeekerEntity, view: ProfileView, revealPhone = false): SeekerProfileModel {
    const id = s.idNumberEnc ? this.crypto.decrypt(s.idNumberEnc) : null;
    const phone = s.phoneEnc ? this.crypto.decrypt(s.phoneEnc) : null;
    const region = s.regionCode ? regionDirectory().get(s.regionCode) : null;
    return {
      id: s.id,
      name: s.name,
      gender: s.gender,
      age: s.birthDate ? ageOn(s.birthDate, this.clock.now()) : null,
      idNumberMasked: id ? maskResidentId(id) : null,
      phoneMasked: phone ? maskPhone(phone) : null,
      phone: phone && (view === 'OWNER' || revealPhone) ? phone : null,
      regionCode: s.regionCode,
      regionName: region ? (regionDirectory().fullName(region.code) ?? null) : null,
      distanceKm: s.distanceKm,
      education: s.education,
      schoolName: s.schoolName,
      major: s.major,
      graduationYear: s.graduationYear,
      mandarinLevel: s.mandarinLevel,
      typingSpeed: s.typingSpeed,
      callCenterMonths: s.callCenterMonths,
      languages: s.languages,
      shifts: s.shifts as SeekerProfileModel['shifts'],
      // Tenants see poor household / disabled only with the separate sensitive-data consent.
      categories: (view === 'TENANT' ? tenantVisibleCategories(s) : s.categories) as SeekerProfileModel['categories'],
      completeness: s.completeness,
      source: s.source,
      sharedWithTenants: s.sharedWithTenants,
      sensitiveConsent: s.sensitiveConsent,
      updatedAt: s.updatedAt,
    };
  }

  // ---------- the seeker's own profile ----------

  /**
   * Creates or updates the caller's profile. An ID number that already has a
   * profile is claimed at once only when the caller's SMS-verified phone is the
   * phone the profile was imported with; otherwise an identity-verification
   * request is opened and `null` is returned — the same whether the profile was
   * imported or belongs to another account — and nothing of the existing
   * profile is shown or changed (see IdentityClaimService, `myIdentityClaim`).
   */
  async upsertMyProfile(actor: Actor, input: ProfileInput): Promise<SeekerProfileModel | null> {
    const user = await this.accounts.findUser(actor.userId);
    if (!user) throw talentError(TalentExceptionCode.ACCOUNT_NOT_FOUND);
    const saved = await this.dataSource.transaction(async (m) => {
      let seeker = await m.findOne(SeekerEntity, { where: { userId: actor.userId }, lock: { mode: 'pessimistic_write' } });
      const now = this.clock.now();
      if (input.idNumber !== undefined) {
        const parsed = parseResidentId(input.idNumber, { regionKnown: (c) => regionDirectory().isKnown(c), today: now });
        if (!parsed.ok) throw residentIdException(parsed.error);
        const hash = this.crypto.hash('id', parsed.info.normalized);
        if (seeker && seeker.idNumberHash && seeker.idNumberHash !== hash) {
          throw talentError(TalentExceptionCode.ID_NUMBER_IMMUTABLE);
        }
        if (!seeker) {
          // Checked before the look-up, so the outcome cannot tell whether this ID exists.
          await this.claims.assertMayEnterIdNumber(m, actor.userId, hash);
          // A profile may already exist from a school list, a fair or the bureau, or belong to another account.
          const existing = await m.findOne(SeekerEntity, { where: { idNumberHash: hash }, lock: { mode: 'pessimistic_write' } });
          if (existing) {
            if (!this.claims.phoneMatches(existing, user)) {
              await this.claims.openPending(m, existing, user);
              return null;
            }
            await this.claims.recordPhoneMatch(m, existing, user);
          }
          seeker =
            existing ??
            m.create(SeekerEntity, {
              idNumberHash: hash,
              idNumberEnc: this.crypto.encrypt(parsed.info.normalized),
              languages: [],
              shifts: [],
              categories: [],
              source: 'SELF' as SeekerEntity['source'],
              sharedWithTenants: false,
              sensitiveConsent: false,
              createdAt: now,
              completeness: 0,
            });
          seeker.userId = actor.userId;
          seeker.gender = parsed.info.gender as SeekerEntity['gender'];
          seeker.birthDate = parsed.info.birthDate;
        }
      }
      if (!seeker) {
        throw talentError(TalentExceptionCode.ID_NUMBER_REQUIRED);
      }
      if (!seeker.name && !input.name) throw talentError(TalentExceptionCode.NAME_REQUIRED);
      this.applyInput(seeker, input);
      if (user.phoneEnc) {
        seeker.phoneEnc = user.phoneEnc;
        seeker.phoneHash = user.phoneHash;
      }
      seeker.completeness = profileCompleteness(seeker);
      seeker.updatedAt = now;
      const row = await m.save(SeekerEntity, seeker);
      await this.outbox.record(m, SEEKER_CHANGED, row.id, { reason: 'profile' });
      return row;
    });
    await this.outbox.kick();
    return saved && this.toModel(saved, 'OWNER');
  }

  /**
   * The id of the profile with this ID number (matched by its keyed hash), or null — also for a malformed number. For
   * staff flows where the person is present (check-in at a job fair by ID number, issue 11 §3); nothing else is returned.
   */
  async idByIdNumber(idNumber: string, m?: EntityManager): Promise<string | null> {
    const parsed = parseResidentId(idNumber, { today: this.clock.now() });
    if (!parsed.ok) return null;
    const row = await (m ?? this.seekers.manager).findOne(SeekerEntity, {
      where: { idNumberHash: this.crypto.hash('id', parsed.info.normalized) },
      select: { id: true },
    });
    return row?.id ?? null;
  }

  /**
   * A walk-in at a job fair desk (issue 11 §3, read by the fairs context): the profile of this ID number, matched by
   * its keyed hash, or — when there is none — a new one (source FAIR, no account, the typed phone encrypted) that the
   * person claims by signing in with that phone (the phone-match claim of IdentityClaimService). An existing profile is
   * never changed and nothing of it is returned but its id, so the desk learns nothing about it. `null` for a
   * malformed ID number or phone. Returns whether the profile was created here.
   */
  async matchOrCreateWalkIn(
    input: { idNumber: string; name: string; phone: string },
    m?: EntityManager,
  ): Promise<{ seekerId: string; created: boolean } | null> {
    const now = this.clock.now();
    const parsed = parseResidentId(input.idNumber, { regionKnown: (c) => regionDirectory().isKnown(c), today: now });
    const phone = normalizeMobile(input.phone);
    if (!parsed.ok || !phone || !input.name.trim()) return null;
    const hash = this.crypto.hash('id', parsed.info.normalized);
    const run = async (tx: EntityManager) => {
      const inserted = await tx
        .createQueryBuilder()
        .insert()
        .into(SeekerEntity)
        .values({
          idNumberHash: hash,
          idNumberEnc: this.crypto.encrypt(parsed.info.normalized),
          name: input.name.trim(),
          gender: parsed.info.gender as SeekerEntity['gender'],
          birthDate: parsed.info.birthDate,
          phoneEnc: this.crypto.encrypt(phone),
          phoneHash: this.crypto.hash('phone', phone),
          languages: [],
          shifts: [],
          categories: [],
          source: 'FAIR' as SeekerEntity['source'],
          sharedWithTenants: false,
          sensitiveConsent: false,
          completeness: 0,
          createdAt: now,
          updatedAt: now,
        })
        .orIgnore()
        .returning(['id'])
        .execute();
      if (inserted.raw.length) {
        await this.outbox.record(tx, SEEKER_CHANGED, inserted.raw[0].id, { reason: 'profile' });
        return { seekerId: inserted.raw[0].id as string, created: true };
      }
      const existing = await tx.findOneOrFail(SeekerEntity, { where: { idNumberHash: hash }, select: { id: true } });
      return { seekerId: existing.id, created: false };
    };
    return m ? run(m) : this.dataSource.transaction(run);
  }

  /** Copies profile fields; region code is checked and turned into coordinates and distance. */
  applyInput(seeker: SeekerEntity, input: ProfileInput): void {
    if (input.name !== undefined) seeker.name = input.name.trim();
    if (input.regionCode !== undefined) {
      const dir = regionDirectory();
      if (!dir.isKnown(input.regionCode)) {
        throw talentError(TalentExceptionCode.UNKNOWN_REGION, { regionCode: input.regionCode });
      }
      const c = dir.coordinates(input.regionCode);
      seeker.regionCode = input.regionCode;
      seeker.lat = input.lat ?? c?.lat ?? null;
      seeker.lng = input.lng ?? c?.lng ?? null;
    } else if (input.lat !== undefined && input.lng !== undefined) {
      seeker.lat = input.lat;
      seeker.lng = input.lng;
    }
    if (seeker.lat != null && seeker.lng != null) {
      const km = regionDirectory().distanceKm(seeker.lat, seeker.lng, this.config.app.baseLat, this.config.app.baseLng);
      seeker.distanceKm = Math.round(km * 10) / 10;
    }
    const copy = [
      'education',
      'schoolName',
      'major',
      'graduationYear',
      'mandarinLevel',
      'typingSpeed',
      'callCenterMonths',
      'languages',
      'shifts',
      'categories',
    ] as const;
    for (const k of copy) if (input[k] !== undefined) (seeker as any)[k] = input[k];
  }
}

export function ageOn(birthDate: string, now: Date): number {
  const [y, m, d] = birthDate.split('-').map(Number);
  const [ty, tm, td] = shanghaiDate(now).split('-').map(Number);
  return ty - y - (tm < m || (tm === m && td < d) ? 1 : 0);
}
