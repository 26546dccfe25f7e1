import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { randomBytes, randomInt } from 'crypto';
import { EntityManager, In, IsNull, Repository } from 'typeorm';
import { Clock } from '../clock/clock';
import { AppConfig } from '../config/config';
import { CryptoService } from '../crypto/crypto.service';
import { authError, AuthExceptionCode, inputError, InputExceptionCode } from '../errors/core-errors';
import { normalizeMobile } from '../identity/resident-id';
import { RedisService } from '../redis/redis.service';
import { Role } from './roles';
import { SmsSender } from './sms-sender';
import { TokenPair, TokenService } from './token.service';
import { SmsCodeEntity, UserEntity } from './user.entity';

export interface CreateStaffUser {
  role: Role;
  username: string;
  password: string;
  displayName: string;
  tenantId?: string | null;
  schoolId?: string | null;
}

let dummy: Promise<string> | null = null;
/** An argon2id hash of a random password, made once: what unknown usernames are verified against. */
function dummyHash(): Promise<string> {
  dummy ??= argon2.hash(randomBytes(24).toString('base64'), { type: argon2.argon2id });
  return dummy;
}

const WRONG_CODE = () => authError(AuthExceptionCode.SMS_CODE_INVALID);

@Injectable()
export class AccountService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(SmsCodeEntity) private readonly codes: Repository<SmsCodeEntity>,
    private readonly tokens: TokenService,
    private readonly crypto: CryptoService,
    private readonly redis: RedisService,
    private readonly sms: SmsSender,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  phoneOrThrow(raw: string): string {
    const phone = normalizeMobile(raw);
    if (!phone) throw inputError(InputExceptionCode.PHONE_INVALID);
    return phone;
  }

  /** Sends a 6-digit code. Rate-limited per phone and per client IP. */
  async requestSmsCode(rawPhone: string, ip: string): Promise<{ resendAfterSeconds: number }> {
    const phone = this.phoneOrThrow(rawPhone);
    const a = this.config.auth;
    const phoneHash = this.crypto.hash('phone', phone);
    const limited = () => authError(AuthExceptionCode.SMS_RATE_LIMITED);
    const last = await this.codes.findOne({ where: { phoneHash }, order: { createdAt: 'DESC' } });
    if (last && last.createdAt.getTime() + a.smsResendSeconds * 1000 > this.clock.now().getTime()) throw limited();
    if (!(await this.redis.hit(`sms:phone:${phoneHash}`, a.smsPerPhonePerHour, 3600))) throw limited();
    if (!(await this.redis.hit(`sms:ip:${ip}`, a.smsPerIpPerHour, 3600))) throw limited();
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const now = this.clock.now();
    await this.codes.insert({
      phoneHash,
      codeHash: this.crypto.hash('code', `${phoneHash}:${code}`),
      expiresAt: new Date(now.getTime() + a.smsCodeTtlSeconds * 1000),
      attempts: 0,
      createdAt: now,
    });
    await this.sms.send(phone, `【乌兰察布云人才】验证码 ${code}，${Math.round(a.smsCodeTtlSeconds / 60)}分钟内有效，请勿告诉他人。`);
    return { resendAfterSeconds: a.smsResendSeconds };
  }

  /** Verifies the newest code for the phone; creates the seeker account on first sign-in. */
  async signInWithSms(rawPhone: string, code: string): Promise<{ user: UserEntity; tokens: TokenPair; isNew: boolean }> {
    const phone = this.phoneOrThrow(rawPhone);
    const phoneHash = this.crypto.hash('phone', phone);
    const latest = await this.codes.findOne({ where: { phoneHash }, order: { createdAt: 'DESC' } });
    const now = this.clock.now();
    if (!latest || latest.consumedAt || latest.expiresAt <= now) throw WRONG_CODE();
    if (latest.attempts >= this.config.auth.smsMaxAttempts) {
      throw authError(AuthExceptionCode.SMS_CODE_LOCKED);
    }
    // Count the attempt atomically before comparing, so parallel guesses cannot exceed the limit.
    const counted = await this.codes
      .createQueryBuilder()
      .update()
      .set({ attempts: () => 'attempts + 1' })
      .where('id = :id AND attempts < :max AND consumed_at IS NULL', { id: latest.id, max: this.config.auth.smsMaxAttempts })
      .execute();
    if (!counted.affected) throw authError(AuthExceptionCode.SMS_CODE_LOCKED);
    if (this.crypto.hash('code', `${phoneHash}:${String(code).trim()}`) !== latest.codeHash) throw WRONG_CODE();
    const consumed = await this.codes.update({ id: latest.id, consumedAt: IsNull() }, { consumedAt: now });
    if (!consumed.affected) throw WRONG_CODE();

    let user = await this.users.findOne({ where: { phoneHash, role: Role.SEEKER } });
    let isNew = false;
    if (!user) {
      await this.users
        .createQueryBuilder()
        .insert()
        .values({ role: Role.SEEKER, phoneHash, phoneEnc: this.crypto.encrypt(phone), displayName: `用户${phone.slice(7)}` })
        .orIgnore()
        .execute();
      user = await this.users.findOneOrFail({ where: { phoneHash, role: Role.SEEKER } });
      isNew = true;
    }
    if (user.disabledAt) throw authError(AuthExceptionCode.ACCOUNT_DISABLED);
    return { user, tokens: await this.tokens.issue(user), isNew };
  }

  /**
   * Staff sign-in. Failed attempts are counted per account (username) and per
   * client IP; over either limit every attempt is refused for the window, right
   * password or not. Unknown usernames cost one argon2 verify against a dummy
   * hash, so timing and errors never tell whether an account exists.
   */
  async signInWithPassword(username: string, password: string, ip = 'unknown'): Promise<{ user: UserEntity; tokens: TokenPair }> {
    const wrong = () => authError(AuthExceptionCode.BAD_CREDENTIALS);
    const limited = () => authError(AuthExceptionCode.SIGN_IN_RATE_LIMITED);
    const a = this.config.auth;
    const name = String(username).trim();
    const accountKey = `login:fail:user:${this.crypto.hash('token', name.toLowerCase())}`;
    const ipKey = `login:fail:ip:${ip}`;
    const [accountFails, ipFails] = await Promise.all([this.redis.count(accountKey), this.redis.count(ipKey)]);
    if (accountFails >= a.loginFailuresPerAccount || ipFails >= a.loginFailuresPerIp) throw limited();
    const user = name
      ? await this.users.createQueryBuilder('u').addSelect('u.passwordHash').where('u.username = :username', { username: name }).getOne()
      : null;
    const candidate = user?.passwordHash && user.role !== Role.SEEKER ? user : null;
    const ok = await argon2.verify(candidate?.passwordHash ?? (await dummyHash()), String(password)).catch(() => false);
    if (!candidate || !ok) {
      await Promise.all([
        this.redis.hit(accountKey, a.loginFailuresPerAccount, a.loginWindowSeconds),
        this.redis.hit(ipKey, a.loginFailuresPerIp, a.loginWindowSeconds),
      ]);
      throw wrong();
    }
    if (candidate.disabledAt) throw authError(AuthExceptionCode.ACCOUNT_DISABLED);
    return { user: candidate, tokens: await this.tokens.issue(candidate) };
  }

  async createStaffUser(input: CreateStaffUser): Promise<UserEntity> {
    if (input.role === Role.SEEKER) throw inputError(InputExceptionCode.SEEKER_SIGNS_UP_BY_SMS);
    if (input.role === Role.HR && !input.tenantId) throw inputError(InputExceptionCode.HR_NEEDS_TENANT);
    if (input.role === Role.SCHOOL_ADMIN && !input.schoolId) throw inputError(InputExceptionCode.SCHOOL_ADMIN_NEEDS_SCHOOL);
    if (input.password.length < 10) throw inputError(InputExceptionCode.PASSWORD_TOO_SHORT);
    if (await this.users.exists({ where: { username: input.username } })) {
      throw inputError(InputExceptionCode.USERNAME_TAKEN);
    }
    const saved = await this.users.save(
      this.users.create({
        role: input.role,
        username: input.username,
        passwordHash: await argon2.hash(input.password, { type: argon2.argon2id }),
        displayName: input.displayName,
        tenantId: input.role === Role.HR ? input.tenantId! : null,
        schoolId: input.role === Role.SCHOOL_ADMIN ? input.schoolId! : null,
      }),
    );
    return saved;
  }

  /** One account; `manager` reads inside the caller's transaction. */
  findUser(id: string, manager?: EntityManager): Promise<UserEntity | null> {
    return manager ? manager.findOne(UserEntity, { where: { id } }) : this.users.findOne({ where: { id } });
  }

  /** Accounts by id (staff names for audit lists); unknown ids are left out. */
  async findUsers(ids: readonly string[], manager?: EntityManager): Promise<Map<string, UserEntity>> {
    const rows = ids.length ? await (manager ?? this.users.manager).find(UserEntity, { where: { id: In([...ids]) } }) : [];
    return new Map(rows.map((u) => [u.id, u]));
  }

  /** The enabled accounts of a role in a company (e.g. the HR users a booth's seeker can be handed to), by name. */
  async activeUsersOf(role: Role, tenantId: string): Promise<UserEntity[]> {
    return this.users.manager.find(UserEntity, { where: { role, tenantId, disabledAt: IsNull() }, order: { displayName: 'ASC', id: 'ASC' } });
  }

  /** Erases an account (PIPL): its sessions, notifications and the user row, in the caller's transaction. */
  async eraseAccount(userId: string, manager: EntityManager): Promise<void> {
    await manager.query(`DELETE FROM refresh_tokens WHERE user_id = $1`, [userId]);
    await manager.query(`DELETE FROM notifications WHERE user_id = $1`, [userId]);
    await manager.query(`DELETE FROM users WHERE id = $1`, [userId]);
  }

  decryptPhone(user: UserEntity): string | null {
    return user.phoneEnc ? this.crypto.decrypt(user.phoneEnc) : null;
  }
}
