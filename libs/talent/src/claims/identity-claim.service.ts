import { AccountService, Actor, Clock, CryptoService, maskPhone, maskResidentId, OutboxService, Page, PageArgs, toPage, UserEntity } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { ProfileAccessLogEntity, SeekerEntity } from '../seekers/seeker.entity';
import { IdentityClaimMethod, IdentityClaimStatus, ProfileSource } from '../seekers/seeker.enums';
import { talentError, TalentExceptionCode } from '../talent.exception';
import { DecideIdentityClaimInput, IdentityClaimFilterInput } from './dto/identity-claim.input';
import { IdentityClaimEntity } from './identity-claim.entity';
import { IdentityClaimModel, MyIdentityClaimModel } from './models/identity-claim.model';

/** Claims one account may open over its lifetime before it must go to the service centre in person. */
export const MAX_CLAIMS_PER_ACCOUNT = 3;

const CLAIM_MESSAGES: Record<IdentityClaimStatus, [string, string]> = {
  PENDING: [
    '身份核验中：该身份证号需要核验本人身份。请携带本人身份证到人才服务中心办理，或联系您的学校老师确认；核验通过后即可使用和完善档案。',
    'Identity verification pending: this ID number needs proof that you are its holder. Bring your ID card to the talent service centre, or ask your school to confirm; once verified you can use and complete your profile.',
  ],
  APPROVED: ['身份核验已通过，档案已绑定到您的账号。', 'Identity verified: the profile is linked to your account.'],
  REJECTED: [
    '身份核验未通过。如有疑问，请携带本人身份证到人才服务中心办理。',
    'Identity verification was not approved. If you think this is wrong, bring your ID card to the talent service centre.',
  ],
  CANCELLED: ['核验申请已撤销。', 'The verification request was cancelled.'],
};

const SUPERSEDED_NOTE = '该档案已由另一核验申请绑定 / the profile was linked through another verified claim';

export function maskName(name: string): string {
  const chars = [...(name ?? '')];
  if (chars.length <= 1) return chars.join('') || '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/**
 * Claiming a profile that already exists for an ID number (issue 8 §2). The
 * person proves it is them either by signing in with the phone the profile was
 * imported with (claimed at once, recorded as PHONE_MATCH) or in person at the
 * service centre / through their school (an operator approves with a note).
 * Meanwhile the claimant sees only "identity verification pending" and the
 * profile is neither shown nor changed.
 */
@Injectable()
export class IdentityClaimService {
  constructor(
    @InjectRepository(IdentityClaimEntity) private readonly claims: Repository<IdentityClaimEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly crypto: CryptoService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    private readonly accounts: AccountService,
  ) {}

  /**
   * Checks made before the ID number is looked up, so that their outcome does
   * not depend on whether the ID exists: an open claim for another ID, or too
   * many claims, stop here for every ID number alike.
   */
  async assertMayEnterIdNumber(m: EntityManager, userId: string, idHash: string): Promise<void> {
    const open = await m.query(
      `SELECT s.id_number_hash FROM identity_claims c JOIN seekers s ON s.id = c.seeker_id WHERE c.claimant_user_id = $1 AND c.status = 'PENDING'`,
      [userId],
    );
    if (open.length && open[0].id_number_hash !== idHash) throw talentError(TalentExceptionCode.IDENTITY_CLAIM_PENDING);
    if (!open.length) {
      const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM identity_claims WHERE claimant_user_id = $1 AND method IS DISTINCT FROM 'PHONE_MATCH'`, [
        userId,
      ]);
      if (n >= MAX_CLAIMS_PER_ACCOUNT) throw talentError(TalentExceptionCode.IDENTITY_CLAIM_LIMIT);
    }
  }

  /** The imported phone equals the claimant's SMS-verified phone (keyed-hash compare). */
  phoneMatches(existing: SeekerEntity, user: UserEntity): boolean {
    return !existing.userId && !!existing.phoneHash && !!user.phoneHash && existing.phoneHash === user.phoneHash;
  }

  /** Records a claim settled by the phone match (the caller links the profile in the same transaction). */
  async recordPhoneMatch(m: EntityManager, existing: SeekerEntity, user: UserEntity): Promise<void> {
    const now = this.clock.now();
    await m.insert(IdentityClaimEntity, {
      seekerId: existing.id,
      claimantUserId: user.id,
      claimantPhoneEnc: user.phoneEnc,
      claimantPhoneHash: user.phoneHash,
      profileWasLinked: false,
      status: IdentityClaimStatus.APPROVED,
      method: IdentityClaimMethod.PHONE_MATCH,
      previousUserId: null,
      decidedBy: null,
      decidedByRole: 'SYSTEM',
      decidedAt: now,
      decisionNote: '申请人验证过的手机号与导入档案的手机号一致 / the verified phone equals the imported phone',
      createdAt: now,
    });
  }

  /** Opens (or keeps) a pending claim; nothing of the profile is changed. */
  async openPending(m: EntityManager, existing: SeekerEntity, user: UserEntity): Promise<void> {
    const open = await m.findOne(IdentityClaimEntity, { where: { claimantUserId: user.id, status: IdentityClaimStatus.PENDING } });
    if (open) return; // same ID (assertMayEnterIdNumber checked): nothing new
    await m.insert(IdentityClaimEntity, {
      seekerId: existing.id,
      claimantUserId: user.id,
      claimantPhoneEnc: user.phoneEnc,
      claimantPhoneHash: user.phoneHash,
      profileWasLinked: !!existing.userId,
      status: IdentityClaimStatus.PENDING,
      method: null,
      createdAt: this.clock.now(),
    });
  }

  async myClaim(actor: Actor): Promise<MyIdentityClaimModel | null> {
    const c = await this.claims.findOne({ where: { claimantUserId: actor.userId }, order: { createdAt: 'DESC' } });
    if (!c) return null;
    const [message, messageEn] = CLAIM_MESSAGES[c.status];
    return { status: c.status, message, messageEn, createdAt: c.createdAt, decidedAt: c.decidedAt };
  }

  async cancelMine(actor: Actor): Promise<MyIdentityClaimModel | null> {
    await this.claims.update({ claimantUserId: actor.userId, status: IdentityClaimStatus.PENDING }, { status: IdentityClaimStatus.CANCELLED });
    return this.myClaim(actor);
  }

  /** Staff list, masked. Operators act on it; the bureau's auditor reads it. */
  async list(filter: IdentityClaimFilterInput, page: PageArgs): Promise<Page<IdentityClaimModel>> {
    const where = filter.status ? { status: filter.status } : {};
    const [rows, total] = await this.claims.findAndCount({ where, order: { createdAt: 'DESC', id: 'ASC' }, skip: page.offset, take: page.first });
    return toPage(await this.toModels(rows), total, page);
  }

  async decide(actor: Actor, input: DecideIdentityClaimInput, approve: boolean): Promise<IdentityClaimModel> {
    const saved = await this.dataSource.transaction(async (m) => {
      const claim = await m.findOne(IdentityClaimEntity, { where: { id: input.claimId }, lock: { mode: 'pessimistic_write' } });
      if (!claim) throw talentError(TalentExceptionCode.CLAIM_NOT_FOUND);
      if (claim.status !== IdentityClaimStatus.PENDING) throw talentError(TalentExceptionCode.CLAIM_ALREADY_DECIDED);
      const now = this.clock.now();
      const decision = { decidedBy: actor.userId, decidedByRole: actor.role, decidedAt: now, decisionNote: input.note.trim() };
      if (!approve) {
        await m.update(
          IdentityClaimEntity,
          { id: claim.id },
          { ...decision, status: IdentityClaimStatus.REJECTED, method: input.method ?? IdentityClaimMethod.SERVICE_CENTRE },
        );
        return claim.id;
      }
      const seeker = await m.findOne(SeekerEntity, { where: { id: claim.seekerId }, lock: { mode: 'pessimistic_write' } });
      if (!seeker || seeker.erasedAt) throw talentError(TalentExceptionCode.CLAIM_NOT_FOUND);
      const claimant = claim.claimantUserId ? await this.accounts.findUser(claim.claimantUserId, m) : null;
      if (!claimant) throw talentError(TalentExceptionCode.CLAIMANT_GONE);
      const own = await m.findOne(SeekerEntity, { where: { userId: claimant.id } });
      if (own) throw talentError(TalentExceptionCode.CLAIMANT_HAS_PROFILE);
      const previousUserId = seeker.userId;
      await m.update(SeekerEntity, { id: seeker.id }, { userId: claimant.id, phoneEnc: claimant.phoneEnc, phoneHash: claimant.phoneHash, updatedAt: now });
      await m.update(
        IdentityClaimEntity,
        { id: claim.id },
        {
          ...decision,
          status: IdentityClaimStatus.APPROVED,
          method: input.method ?? IdentityClaimMethod.SERVICE_CENTRE,
          previousUserId,
        },
      );
      // Other people's open claims on the same profile end here, recorded.
      await m
        .createQueryBuilder()
        .update(IdentityClaimEntity)
        .set({ status: IdentityClaimStatus.REJECTED, decidedBy: actor.userId, decidedByRole: actor.role, decidedAt: now, decisionNote: SUPERSEDED_NOTE })
        .where('seeker_id = :s AND status = :p AND id <> :id', { s: seeker.id, p: IdentityClaimStatus.PENDING, id: claim.id })
        .execute();
      await m.insert(ProfileAccessLogEntity, {
        seekerId: seeker.id,
        viewerUserId: actor.userId,
        viewerRole: actor.role,
        tenantId: actor.tenantId,
        action: 'IDENTITY_VERIFIED',
        createdAt: now,
      });
      await this.outbox.record(m, 'seeker.changed', seeker.id, { reason: 'identity.claimed' });
      return claim.id;
    });
    await this.outbox.kick();
    const row = await this.claims.findOneByOrFail({ id: saved });
    return (await this.toModels([row]))[0];
  }

  private async toModels(rows: IdentityClaimEntity[]): Promise<IdentityClaimModel[]> {
    const seekerIds = [...new Set(rows.map((r) => r.seekerId))];
    const deciderIds = [...new Set(rows.map((r) => r.decidedBy).filter((x): x is string => !!x))];
    const [seekers, deciders] = await Promise.all([
      seekerIds.length ? this.dataSource.manager.find(SeekerEntity, { where: { id: In(seekerIds) } }) : [],
      this.accounts.findUsers(deciderIds),
    ]);
    const sById = new Map(seekers.map((s) => [s.id, s]));
    const uById = deciders;
    return rows.map((c) => {
      const s = sById.get(c.seekerId)!;
      const id = s?.idNumberEnc ? this.crypto.decrypt(s.idNumberEnc) : null;
      const phone = s?.phoneEnc ? this.crypto.decrypt(s.phoneEnc) : null;
      const claimantPhone = c.claimantPhoneEnc ? this.crypto.decrypt(c.claimantPhoneEnc) : null;
      return {
        id: c.id,
        status: c.status,
        method: c.method,
        seekerId: c.seekerId,
        nameMasked: maskName(s?.name ?? ''),
        idNumberMasked: id ? maskResidentId(id) : null,
        profileSource: (s?.source ?? 'SELF') as ProfileSource,
        profilePhoneMasked: phone ? maskPhone(phone) : null,
        claimantPhoneMasked: claimantPhone ? maskPhone(claimantPhone) : null,
        profileWasLinked: c.profileWasLinked,
        createdAt: c.createdAt,
        decidedAt: c.decidedAt,
        decidedByName: c.decidedBy ? (uById.get(c.decidedBy)?.displayName ?? null) : c.decidedByRole === 'SYSTEM' ? '系统（手机号一致）' : null,
        decisionNote: c.decisionNote,
      };
    });
  }
}
