import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'crypto';
import { Repository } from 'typeorm';
import { Clock } from '../clock/clock';
import { AppConfig } from '../config/config';
import { CryptoService } from '../crypto/crypto.service';
import { AuthException } from '../errors/app.exception';
import { Actor, Role } from './roles';
import { RefreshTokenEntity, UserEntity } from './user.entity';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

/**
 * Short-lived JWT access tokens and opaque, rotating refresh tokens.
 * Re-use of a refresh token that was already rotated revokes its whole
 * family (it was probably stolen).
 */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly crypto: CryptoService,
    private readonly clock: Clock,
    @InjectRepository(RefreshTokenEntity) private readonly refreshTokens: Repository<RefreshTokenEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
  ) {}

  async issue(user: UserEntity, familyId: string = randomUUID()): Promise<TokenPair> {
    const payload = { sub: user.id, role: user.role, tid: user.tenantId, sid: user.schoolId };
    const ttl = this.config.auth.accessTtlSeconds;
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const accessToken = await this.jwt.signAsync({ ...payload, iat: now, exp: now + ttl }, { secret: this.config.auth.accessSecret, algorithm: 'HS256' });
    const refreshToken = this.crypto.randomToken();
    await this.refreshTokens.insert({
      userId: user.id,
      familyId,
      tokenHash: this.crypto.hash('token', refreshToken),
      expiresAt: new Date(this.clock.now().getTime() + this.config.auth.refreshTtlSeconds * 1000),
    });
    return { accessToken, refreshToken, expiresIn: ttl };
  }

  async verifyAccess(token: string): Promise<Actor> {
    try {
      const p = await this.jwt.verifyAsync(token, {
        secret: this.config.auth.accessSecret,
        algorithms: ['HS256'],
        clockTimestamp: Math.floor(this.clock.now().getTime() / 1000),
      });
      return { userId: p.sub, role: p.role as Role, tenantId: p.tid ?? null, schoolId: p.sid ?? null };
    } catch {
      throw new AuthException('INVALID_TOKEN', '登录已过期或无效，请重新登录', 'Access token expired or invalid');
    }
  }

  async rotate(refreshToken: string): Promise<{ user: UserEntity; tokens: TokenPair }> {
    const row = await this.refreshTokens.findOne({ where: { tokenHash: this.crypto.hash('token', refreshToken) } });
    const invalid = () => new AuthException('INVALID_REFRESH_TOKEN', '登录已失效，请重新登录', 'Refresh token invalid or expired');
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
