import {
  AccountService, Actor, AppConfig, Clock, containsPattern, CryptoService, InputException, maskPhone, maskResidentId, OutboxService, PageArgs,
  parseResidentId, Role, toPage, Page,
} from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { ConsentEntity, CONSENT_POLICY_VERSION, SENSITIVE_CATEGORIES_SCOPE, SHARE_WITH_TENANTS } from '../consent/consent.entity';
import { IdentityClaimService } from '../claims/identity-claim.service';
import { regionDirectory } from '../regions';
import { ProfileInput, TalentFilterInput } from './dto/profile.input';
import { ConsentModel, ProfileViewModel, SeekerProfileModel } from './models/profile.model';
import { PersonalDataExportRegistry } from '../privacy/personal-data-export';
import { isSensitiveCategory, MANDARIN_RANK, MANDARIN_ZH, tenantVisibleCategories } from './seeker.enums';
import { ProfileAccessLogEntity, profileCompleteness, SeekerEntity } from './seeker.entity';
import { PROFILE_NOT_FOUND, residentIdException, TalentException } from './talent.exception';

export type ProfileView = 'OWNER' | 'TENANT' | 'STAFF';
export const SEEKER_CHANGED = 'seeker.changed';

/**
 * The talent pool: one profile per person. Personal data (ID number, phone)
 * is stored encrypted with a keyed hash for look-up, and leaves this service
 * masked unless the caller's role and the seeker's consent allow more.
 */
@Injectable()
export class SeekerService {
  constructor(
    @InjectRepository(SeekerEntity) private readonly seekers: Repository<SeekerEntity>,
    @InjectRepository(ConsentEntity) private readonly consents: Repository<ConsentEntity>,
    @InjectRepository(ProfileAccessLogEntity) private readonly accessLogs: Repository<ProfileAccessLogEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly crypto: CryptoService,
    private readonly accounts: AccountService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly personalData: PersonalDataExportRegistry,
    private readonly claims: IdentityClaimService,
  ) {}

  // ---------- reading ----------

  findByUser(userId: string): Promise<SeekerEntity | null> {
    return this.seekers.findOne({ where: { userId } });
  }

  async findByIds(ids: readonly string[]): Promise<Map<string, SeekerEntity>> {
    const rows = ids.length ? await this.seekers.find({ where: { id: In([...ids]) } }) : [];
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
      regionName: region ? regionDirectory().fullName(region.code) ?? null : null,
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
    if (!user) throw new TalentException('NOT_FOUND', '账号不存在', 'Account not found');
    const saved = await this.dataSource.transaction(async (m) => {
      let seeker = await m.findOne(SeekerEntity, { where: { userId: actor.userId }, lock: { mode: 'pessimistic_write' } });
      const now = this.clock.now();
      if (input.idNumber !== undefined) {
        const parsed = parseResidentId(input.idNumber, { regionKnown: (c) => regionDirectory().isKnown(c), today: now });
        if (!parsed.ok) throw residentIdException(parsed.error);
        const hash = this.crypto.hash('id', parsed.info.normalized);
        if (seeker && seeker.idNumberHash && seeker.idNumberHash !== hash) {
          throw new TalentException('ID_NUMBER_IMMUTABLE', '身份证号建档后不可修改，如有错误请联系人才服务中心', 'The ID number cannot be changed; contact the service centre', 'idNumber');
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
          seeker = existing ?? m.create(SeekerEntity, {
            idNumberHash: hash,
            idNumberEnc: this.crypto.encrypt(parsed.info.normalized),
            languages: [], shifts: [], categories: [], source: 'SELF' as SeekerEntity['source'],
            sharedWithTenants: false, sensitiveConsent: false, createdAt: now, completeness: 0,
          });
          seeker.userId = actor.userId;
          seeker.gender = parsed.info.gender as SeekerEntity['gender'];
          seeker.birthDate = parsed.info.birthDate;
        }
      }
      if (!seeker) {
        throw new InputException('idNumber', '首次建档请填写身份证号', 'The ID number is required to create a profile');
      }
      if (!seeker.name && !input.name) throw new InputException('name', '请填写姓名', 'Name is required');
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

  /** Copies profile fields; region code is checked and turned into coordinates and distance. */
  applyInput(seeker: SeekerEntity, input: ProfileInput): void {
    if (input.name !== undefined) seeker.name = input.name.trim();
    if (input.regionCode !== undefined) {
      const dir = regionDirectory();
      if (!dir.isKnown(input.regionCode)) {
        throw new InputException('regionCode', `地区代码 ${input.regionCode} 不存在`, `Unknown region code ${input.regionCode}`);
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
    const copy = ['education', 'schoolName', 'major', 'graduationYear', 'mandarinLevel', 'typingSpeed', 'callCenterMonths', 'languages', 'shifts', 'categories'] as const;
    for (const k of copy) if (input[k] !== undefined) (seeker as any)[k] = input[k];
  }

  // ---------- consent (PIPL) ----------

  /** Share my profile with the base's tenants (SHARE_WITH_TENANTS). */
  setConsent(actor: Actor, grant: boolean): Promise<SeekerProfileModel> {
    return this.setScope(actor, SHARE_WITH_TENANTS, grant);
  }

  /**
   * The separate consent for sensitive categories (PIPL art. 29): only with it
   * do tenants and search documents see "poor household" / "disabled".
   */
  setSensitiveConsent(actor: Actor, grant: boolean): Promise<SeekerProfileModel> {
    return this.setScope(actor, SENSITIVE_CATEGORIES_SCOPE, grant);
  }

  private async setScope(actor: Actor, scope: string, grant: boolean): Promise<SeekerProfileModel> {
    const column = scope === SHARE_WITH_TENANTS ? 'sharedWithTenants' : 'sensitiveConsent';
    const saved = await this.dataSource.transaction(async (m) => {
      const seeker = await m.findOne(SeekerEntity, { where: { userId: actor.userId }, lock: { mode: 'pessimistic_write' } });
      if (!seeker) throw new TalentException('NO_PROFILE', '请先完善个人资料', 'Create your profile first');
      const now = this.clock.now();
      if (grant && !seeker[column]) {
        await m.insert(ConsentEntity, { seekerId: seeker.id, scope, policyVersion: CONSENT_POLICY_VERSION, grantedAt: now, channel: 'WEB' });
      }
      if (!grant) {
        await m.query(`UPDATE consents SET withdrawn_at = $2 WHERE seeker_id = $1 AND scope = $3 AND withdrawn_at IS NULL`, [seeker.id, now, scope]);
      }
      seeker[column] = grant;
      seeker.updatedAt = now;
      await m.update(SeekerEntity, { id: seeker.id }, { [column]: grant, updatedAt: now });
      const what = scope === SHARE_WITH_TENANTS ? 'consent' : 'sensitive-consent';
      await this.outbox.record(m, SEEKER_CHANGED, seeker.id, { reason: grant ? `${what}.granted` : `${what}.withdrawn` });
      return seeker;
    });
    await this.outbox.kick();
    return this.toModel(saved, 'OWNER');
  }

  async myConsents(actor: Actor): Promise<ConsentModel[]> {
    const seeker = await this.findByUser(actor.userId);
    if (!seeker) return [];
    return this.consents.find({ where: { seekerId: seeker.id }, order: { grantedAt: 'DESC' } });
  }

  // ---------- tenants and staff looking at the pool ----------

  /** Consenting, not erased seekers; masked. Listing is not a profile view. */
  async searchPool(filter: TalentFilterInput, page: PageArgs): Promise<Page<SeekerProfileModel>> {
    const qb = this.seekers.createQueryBuilder('s').where('s.shared_with_tenants AND s.erased_at IS NULL');
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
    return toPage(rows.map((r) => this.toModel(r, 'TENANT')), total, page);
  }

  /**
   * One profile as a tenant or staff member sees it. Tenants see consenting
   * seekers, or those who applied to them; full phone only for their own
   * applicants. Every view is logged for the seeker's "who viewed me".
   */
  async viewProfile(actor: Actor, seekerId: string, appliedToTenant: (seekerId: string, tenantId: string) => Promise<boolean>): Promise<SeekerProfileModel> {
    const s = await this.seekers.findOne({ where: { id: seekerId } });
    if (!s || s.erasedAt) throw PROFILE_NOT_FOUND();
    let revealPhone = false;
    if (actor.role === Role.HR) {
      const applied = await appliedToTenant(s.id, actor.tenantId!);
      if (!s.sharedWithTenants && !applied) throw PROFILE_NOT_FOUND();
      revealPhone = applied && s.sharedWithTenants;
    } else if (actor.role === Role.SEEKER) {
      throw PROFILE_NOT_FOUND();
    }
    await this.logAccess(s.id, actor, revealPhone ? 'VIEW_CONTACT' : 'VIEW');
    return this.toModel(s, actor.role === Role.HR ? 'TENANT' : 'STAFF', revealPhone);
  }

  async logAccess(seekerId: string, actor: Actor, action: string, manager?: EntityManager): Promise<void> {
    await (manager ?? this.dataSource.manager).insert(ProfileAccessLogEntity, {
      seekerId,
      viewerUserId: actor.userId,
      viewerRole: actor.role,
      tenantId: actor.tenantId,
      action,
      createdAt: this.clock.now(),
    });
  }

  async myProfileViews(actor: Actor, limit: number): Promise<ProfileViewModel[]> {
    const seeker = await this.findByUser(actor.userId);
    if (!seeker) return [];
    const rows: Array<{ viewer_role: string; tenant_name: string | null; action: string; created_at: Date }> = await this.dataSource.query(
      `SELECT l.viewer_role, t.name AS tenant_name, l.action, l.created_at
         FROM profile_access_logs l LEFT JOIN tenants t ON t.id = l.tenant_id
        WHERE l.seeker_id = $1 AND l.viewer_role <> 'SEEKER' ORDER BY l.created_at DESC LIMIT $2`,
      [seeker.id, limit],
    );
    const roleZh: Record<string, string> = { OPERATOR: '人才服务中心', AUDITOR: '人社局', SCHOOL_ADMIN: '院校', HR: '企业' };
    return rows.map((r) => ({ viewer: r.tenant_name ?? roleZh[r.viewer_role] ?? r.viewer_role, action: r.action, viewedAt: r.created_at }));
  }

  // ---------- export and erasure (PIPL rights) ----------

  async exportMyData(actor: Actor): Promise<Record<string, unknown>> {
    const seeker = await this.findByUser(actor.userId);
    const user = await this.accounts.findUser(actor.userId);
    if (!seeker) return { account: { phone: user && this.accounts.decryptPhone(user) }, profile: null };
    await this.logAccess(seeker.id, actor, 'EXPORT');
    const consents = await this.consents.find({ where: { seekerId: seeker.id } });
    const [applications, hires, views] = await Promise.all([
      this.dataSource.query(
        `SELECT a.id, t.name AS company, p.title, a.stage, a.created_at FROM applications a
           JOIN job_postings p ON p.id = a.posting_id JOIN tenants t ON t.id = a.tenant_id WHERE a.seeker_id = $1 ORDER BY a.created_at`,
        [seeker.id],
      ),
      this.dataSource.query(`SELECT h.contract_start, h.contract_months, h.terminated_on, t.name AS company FROM hires h JOIN tenants t ON t.id = h.tenant_id WHERE h.seeker_id = $1`, [seeker.id]),
      this.myProfileViews(actor, 1000),
    ]);
    const profile = this.toModel(seeker, 'OWNER');
    return {
      exportedAt: this.clock.now().toISOString(),
      profile: {
        ...profile,
        idNumber: seeker.idNumberEnc ? this.crypto.decrypt(seeker.idNumberEnc) : null,
        birthDate: seeker.birthDate,
        mandarinLevelZh: profile.mandarinLevel ? MANDARIN_ZH[profile.mandarinLevel] ?? null : null,
      },
      consents,
      applications,
      hires,
      profileViews: views,
      // schools, training, interviews …: what the other contexts keep about this person
      ...(await this.personalData.collect(seeker.id)),
    };
  }

  /**
   * Erases personal data. Rows that audited records (applications, hires,
   * subsidy payments) point to stay, pseudonymised: no name, ID, phone or
   * place is left on them.
   */
  async deleteMyAccount(actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const seeker = await m.findOne(SeekerEntity, { where: { userId: actor.userId }, lock: { mode: 'pessimistic_write' } });
      const now = this.clock.now();
      if (seeker) {
        await m.query(`UPDATE consents SET withdrawn_at = $2 WHERE seeker_id = $1 AND withdrawn_at IS NULL`, [seeker.id, now]);
        await m.query(`UPDATE applications SET stage = 'WITHDRAWN', updated_at = $2 WHERE seeker_id = $1 AND stage IN ('APPLIED','SCREENING','INTERVIEW','OFFER')`, [seeker.id, now]);
        await m.update(SeekerEntity, { id: seeker.id }, {
          userId: null, name: '已注销用户', idNumberEnc: null, idNumberHash: null, phoneEnc: null, phoneHash: null, gender: null,
          birthDate: null, regionCode: null, lat: null, lng: null, distanceKm: null, schoolName: null, major: null,
          languages: [], shifts: [], categories: [], sharedWithTenants: false, sensitiveConsent: false, completeness: 0, erasedAt: now, updatedAt: now,
        });
        await m.query(`DELETE FROM seeker_schools WHERE seeker_id = $1`, [seeker.id]);
        await this.outbox.record(m, SEEKER_CHANGED, seeker.id, { reason: 'erased' });
      }
      // Claims this account made: open ones end; the claimant's phone leaves the record.
      await m.query(`UPDATE identity_claims SET status = CASE WHEN status = 'PENDING' THEN 'CANCELLED' ELSE status END, claimant_phone_enc = NULL, claimant_phone_hash = NULL WHERE claimant_user_id = $1`, [actor.userId]);
      await m.query(`DELETE FROM refresh_tokens WHERE user_id = $1`, [actor.userId]);
      await m.query(`DELETE FROM notifications WHERE user_id = $1`, [actor.userId]);
      await m.query(`DELETE FROM users WHERE id = $1`, [actor.userId]);
    });
    await this.outbox.kick();
  }
}

export function ageOn(birthDate: string, now: Date): number {
  const [y, m, d] = birthDate.split('-').map(Number);
  const today = new Date(now.toLocaleString('en-US', { timeZone: 'Asia/Shanghai' }));
  let age = today.getFullYear() - y;
  if (today.getMonth() + 1 < m || (today.getMonth() + 1 === m && today.getDate() < d)) age--;
  return age;
}
