import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { createSecretKey, KeyObject, randomUUID } from 'crypto';
import { Repository } from 'typeorm';
import { Clock } from '../clock/clock';
import { AppConfig } from '../config/config';
import { CryptoService } from '../crypto/crypto.service';
import { authError, AuthExceptionCode } from '../errors/core-errors';
import { Actor, Role } from './roles';
import { RefreshTokenEntity, UserEntity } from './user.entity';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

/** `typ` and `aud` of an API access token: a token minted for anything else (media rooms) is not one. */
export const ACCESS_TOKEN_TYPE = 'access';
export const API_AUDIENCE = 'talent-cloud-api';

/** What a verified access token says, before the account is checked against the database. */
export interface AccessClaims extends Actor {
  /** Session (refresh-token family) the token was issued in. */
  sessionId: string;
}

const invalidToken = () => authError(AuthExceptionCode.INVALID_TOKEN);
const unauthenticated = () => authError(AuthExceptionCode.UNAUTHENTICATED);

/**
 * Short-lived JWT access tokens and opaque, rotating refresh tokens.
 * Re-use of a refresh token that was already rotated revokes its whole
 * family (it was probably stolen).
 */
@Injectable()
export class TokenService {
  /**
   * The HS256 secret as a KeyObject, made once. Given a string, jsonwebtoken first tries it as a PEM public key
   * (createPublicKey throws) and then makes a secret key, on every sign and verify: ~5 % of the API's CPU under
   * load (bench/api). The key bytes are the same (the secret's UTF-8).
   */
  private readonly accessKey: KeyObject;

  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly crypto: CryptoService,
    private readonly clock: Clock,
    @InjectRepository(RefreshTokenEntity) private readonly refreshTokens: Repository<RefreshTokenEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
  ) {
    this.accessKey = createSecretKey(Buffer.from(config.auth.accessSecret, 'utf8'));
  }

  async issue(user: UserEntity, familyId: string = randomUUID()): Promise<TokenPair> {
    const payload = { typ: ACCESS_TOKEN_TYPE, sub: user.id, role: user.role, tid: user.tenantId, sid: user.schoolId, ses: familyId };
    const ttl = this.config.auth.accessTtlSeconds;
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const accessToken = await this.jwt.signAsync(
      { ...payload, iat: now, exp: now + ttl },
      {
        // @nestjs/jwt types `secret` as string | Buffer but hands it to jsonwebtoken, which takes a KeyObject.
        secret: this.accessKey as unknown as Buffer,
        algorithm: 'HS256',
        audience: API_AUDIENCE,
      },
    );
    const refreshToken = this.crypto.randomToken();
    await this.refreshTokens.insert({
      userId: user.id,
      familyId,
      tokenHash: this.crypto.hash('token', refreshToken),
      expiresAt: new Date(this.clock.now().getTime() + this.config.auth.refreshTtlSeconds * 1000),
    });
    return { accessToken, refreshToken, expiresIn: ttl };
  }

  /**
   * Signature, expiry, `typ: access` and `aud: talent-cloud-api`; the role's
   * scope must be in the token (HR → tenant, school admin → school). Expired or
   * forged → INVALID_TOKEN (the pages then try one refresh); a well-signed token
   * that is not an API access token → UNAUTHENTICATED.
   */
  async verifyAccess(token: string, opts: { ignoreExpiration?: boolean } = {}): Promise<AccessClaims> {
    let p: Record<string, any>;
    try {
      p = await this.jwt.verifyAsync(token, {
        secret: this.accessKey as unknown as Buffer,
        algorithms: ['HS256'],
        ignoreExpiration: opts.ignoreExpiration ?? false,
        clockTimestamp: Math.floor(this.clock.now().getTime() / 1000),
      });
    } catch {
      throw invalidToken();
    }
    const aud = Array.isArray(p.aud) ? p.aud : [p.aud];
    if (p.typ !== ACCESS_TOKEN_TYPE || aud.length !== 1 || aud[0] !== API_AUDIENCE) throw unauthenticated();
    if (typeof p.sub !== 'string' || typeof p.ses !== 'string' || !Object.values(Role).includes(p.role)) throw unauthenticated();
    if (p.role === Role.HR && !p.tid) throw unauthenticated();
    if (p.role === Role.SCHOOL_ADMIN && !p.sid) throw unauthenticated();
    return { userId: p.sub, role: p.role as Role, tenantId: p.tid ?? null, schoolId: p.sid ?? null, sessionId: p.ses };
  }

  /**
   * The account behind verified claims, as it is now: it must still exist, not
   * be disabled, hold the same role and scope, and the token's session must not
   * have been signed out (its refresh-token family revoked). One primary-key
   * look-up plus an indexed family probe per request.
   */
  async currentActor(claims: AccessClaims): Promise<Actor> {
    const [row] = await this.users.query(
      `SELECT u.role, u.tenant_id, u.school_id, u.disabled_at,
              EXISTS (SELECT 1 FROM refresh_tokens r WHERE r.family_id = $2 AND r.user_id = u.id) AS session_known,
              EXISTS (SELECT 1 FROM refresh_tokens r WHERE r.family_id = $2 AND r.revoked_at IS NOT NULL) AS session_revoked
         FROM users u WHERE u.id = $1`,
      [claims.userId, claims.sessionId],
    );
    if (
      !row ||
      row.disabled_at ||
      !row.session_known ||
      row.session_revoked ||
      row.role !== claims.role ||
      (row.tenant_id ?? null) !== claims.tenantId ||
      (row.school_id ?? null) !== claims.schoolId
    ) {
      throw unauthenticated();
    }
    return { userId: claims.userId, role: claims.role, tenantId: claims.tenantId, schoolId: claims.schoolId, sessionId: claims.sessionId };
  }

  /**
   * verifyAccess + currentActor: what the guard and graphql-ws connection init
   * do. `ignoreExpiration` is for a subscription that was admitted with a live
   * token and now only needs its account re-checked on each pushed event.
   */
  async authenticate(token: string, opts: { ignoreExpiration?: boolean } = {}): Promise<Actor> {
    return this.currentActor(await this.verifyAccess(token, opts));
  }

  async rotate(refreshToken: string): Promise<{ user: UserEntity; tokens: TokenPair }> {
    const row = await this.refreshTokens.findOne({ where: { tokenHash: this.crypto.hash('token', refreshToken) } });
    const invalid = () => authError(AuthExceptionCode.INVALID_REFRESH_TOKEN);
    if (!row || row.revokedAt || row.expiresAt <= this.clock.now()) throw invalid();
    // Atomic claim: only one request can rotate a given token.
    const claimed = await this.refreshTokens
      .createQueryBuilder()
      .update()
      .set({ usedAt: this.clock.now() })
      .where('id = :id AND used_at IS NULL', { id: row.id })
      .execute();
    if (!claimed.affected) {
      await this.revokeFamily(row.familyId);
      throw invalid();
    }
    const user = await this.users.findOne({ where: { id: row.userId } });
    if (!user || user.disabledAt) throw invalid();
    return { user, tokens: await this.issue(user, row.familyId) };
  }

  async revoke(refreshToken: string): Promise<void> {
    const row = await this.refreshTokens.findOne({ where: { tokenHash: this.crypto.hash('token', refreshToken) } });
    if (row) await this.revokeFamily(row.familyId);
  }

  async revokeAllForUser(userId: string): Promise<void> {
    await this.refreshTokens.update({ userId }, { revokedAt: this.clock.now() });
  }

  private async revokeFamily(familyId: string): Promise<void> {
    await this.refreshTokens.update({ familyId }, { revokedAt: this.clock.now() });
  }
}
