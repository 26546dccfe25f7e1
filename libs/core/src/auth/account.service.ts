import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { randomBytes, randomInt } from 'crypto';
import { IsNull, Repository } from 'typeorm';
import { Clock } from '../clock/clock';
import { AppConfig } from '../config/config';
import { CryptoService } from '../crypto/crypto.service';
import { AuthException, InputException } from '../errors/app.exception';
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

const WRONG_CODE = () => new AuthException('SMS_CODE_INVALID', '验证码错误或已过期', 'Verification code is wrong or expired');

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
    if (!phone) throw new InputException('phone', '手机号格式不正确（应为11位大陆手机号）', 'Phone must be an 11-digit mainland mobile number');
    return phone;
  }

  /** Sends a 6-digit code. Rate-limited per phone and per client IP. */
  async requestSmsCode(rawPhone: string, ip: string): Promise<{ resendAfterSeconds: number }> {
    const phone = this.phoneOrThrow(rawPhone);
    const a = this.config.auth;
    const phoneHash = this.crypto.hash('phone', phone);
    const limited = () => new AuthException('RATE_LIMITED', '请求过于频繁，请稍后再试', 'Too many requests, try again later');
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
      throw new AuthException('SMS_CODE_LOCKED', '验证码错误次数过多，请重新获取', 'Too many wrong attempts; request a new code');
    }
    // Count the attempt atomically before comparing, so parallel guesses cannot exceed the limit.
    const counted = await this.codes
      .createQueryBuilder()
      .update()
      .set({ attempts: () => 'attempts + 1' })
      .where('id = :id AND attempts < :max AND consumed_at IS NULL', { id: latest.id, max: this.config.auth.smsMaxAttempts })
      .execute();
    if (!counted.affected) throw new AuthException('SMS_CODE_LOCKED', '验证码错误次数过多，请重新获取', 'Too many wrong attempts; request a new code');
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
    if (user.disabledAt) throw new AuthException('ACCOUNT_DISABLED', '账号已停用', 'Account disabled');
    return { user, tokens: await this.tokens.issue(user), isNew };
  }

  /**
   * Staff sign-in. Failed attempts are counted per account (username) and per
   * client IP; over either limit every attempt is refused for the window, right
   * password or not. Unknown usernames cost one argon2 verify against a dummy
   * hash, so timing and errors never tell whether an account exists.
   */
  async signInWithPassword(username: string, password: string, ip = 'unknown'): Promise<{ user: UserEntity; tokens: TokenPair }> {
    const wrong = () => new AuthException('BAD_CREDENTIALS', '用户名或密码错误', 'Wrong username or password');
    const limited = () => new AuthException('RATE_LIMITED', '登录尝试过多，请稍后再试', 'Too many sign-in attempts; try again later');
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
      await Promise.all([this.redis.hit(accountKey, a.loginFailuresPerAccount, a.loginWindowSeconds), this.redis.hit(ipKey, a.loginFailuresPerIp, a.loginWindowSeconds)]);
      throw wrong();
    }
    if (candidate.disabledAt) throw new AuthException('ACCOUNT_DISABLED', '账号已停用', 'Account disabled');
    return { user: candidate, tokens: await this.tokens.issue(candidate) };
  }

  async createStaffUser(input: CreateStaffUser): Promise<UserEntity> {
    if (input.role === Role.SEEKER) throw new InputException('role', '求职者通过手机验证码注册', 'Seekers register by SMS code');
    if (input.role === Role.HR && !input.tenantId) throw new InputException('tenantId', '企业HR必须属于一个企业', 'An HR user needs a tenantId');
    if (input.role === Role.SCHOOL_ADMIN && !input.schoolId) throw new InputException('schoolId', '院校管理员必须属于一所院校', 'A school admin needs a schoolId');
    if (input.password.length < 10) throw new InputException('password', '密码至少10位', 'Password must be at least 10 characters');
    if (await this.users.exists({ where: { username: input.username } })) {
      throw new InputException('username', '用户名已存在', 'Username already taken', 'CONFLICT');
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

  findUser(id: string): Promise<UserEntity | null> {
    return this.users.findOne({ where: { id } });
  }

  decryptPhone(user: UserEntity): string | null {
    return user.phoneEnc ? this.crypto.decrypt(user.phoneEnc) : null;
  }
}
