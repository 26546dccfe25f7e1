import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { MEDIA_CONFIG, MediaConfig } from '../media.config';
import { CloseCode, MEDIA_TOKEN_AUDIENCE, MEDIA_TOKEN_TYPE, RoomTokenClaims } from '../protocol';

/** Lifetime of the resume tokens the service hands out for reconnects. */
export const RESUME_TOKEN_SECONDS = 10 * 60;

export class RoomTokenError extends Error {
  constructor(readonly code: CloseCode) {
    super(`room token refused (${code})`);
  }
}

/**
 * Verifies the short-lived room tokens the API mints, and mints resume tokens
 * (same claims, fresh expiry) so a client can reconnect after a network change.
 */
@Injectable()
export class RoomTokenService {
  private readonly jwt: JwtService;

  constructor(@Inject(MEDIA_CONFIG) config: MediaConfig) {
    this.jwt = new JwtService({ secret: config.tokenSecret });
  }

  /** The token's claims, if it is valid for `roomId` now; otherwise throws RoomTokenError. */
  verify(token: string | null | undefined, roomId: string | null | undefined, now = Date.now()): RoomTokenClaims {
    if (!token) throw new RoomTokenError(CloseCode.TokenMissing);
    let claims: Partial<RoomTokenClaims>;
    try {
      // aud + typ: an API access token (typ 'access', aud 'talent-cloud-api') is never a room token, whatever its key.
      claims = this.jwt.verify(token, {
        algorithms: ['HS256'],
        audience: MEDIA_TOKEN_AUDIENCE,
        clockTimestamp: Math.floor(now / 1000),
      });
    } catch (error) {
      const expired = (error as Error).name === 'TokenExpiredError';
      throw new RoomTokenError(expired ? CloseCode.TokenExpired : CloseCode.TokenInvalid);
    }
    if (!isClaims(claims)) throw new RoomTokenError(CloseCode.TokenInvalid);
    if (roomId && claims.room !== roomId) throw new RoomTokenError(CloseCode.WrongRoom);
    if (claims.roomEndsAt !== undefined && claims.roomEndsAt * 1000 <= now) {
      throw new RoomTokenError(CloseCode.RoomEnded);
    }
    return claims;
  }

  /** A token with the same claims valid for RESUME_TOKEN_SECONDS (never past the room's end). */
  resumeToken(claims: RoomTokenClaims, now = Date.now()): string {
    const nowSeconds = Math.floor(now / 1000);
    let exp = nowSeconds + RESUME_TOKEN_SECONDS;
    if (claims.roomEndsAt !== undefined) exp = Math.min(exp, claims.roomEndsAt);
    const { typ, aud, sub, room, role, kind, name, roomEndsAt } = claims;
    return this.jwt.sign({ typ, aud, sub, room, role, kind, name, roomEndsAt, iat: nowSeconds, exp });
  }
}

function isClaims(c: Partial<RoomTokenClaims>): c is RoomTokenClaims {
  return (
    c.typ === MEDIA_TOKEN_TYPE &&
    c.aud === MEDIA_TOKEN_AUDIENCE &&
    typeof c.sub === 'string' &&
    c.sub.length > 0 &&
    typeof c.room === 'string' &&
    c.room.length > 0 &&
    (c.role === 'SEEKER' || c.role === 'HR') &&
    (c.kind === 'INTERVIEW' || c.kind === 'BOOTH') &&
    typeof c.exp === 'number' &&
    (c.name === undefined || typeof c.name === 'string') &&
    (c.roomEndsAt === undefined || typeof c.roomEndsAt === 'number')
  );
}
