import { JwtService } from '@nestjs/jwt';
import { loadMediaConfig } from '../media.config';
import { CloseCode } from '../protocol';
import { RESUME_TOKEN_SECONDS, RoomTokenError, RoomTokenService } from './room-token.service';

const SECRET = 'unit-test-media-token-secret';
const service = new RoomTokenService(loadMediaConfig({ MEDIA_TOKEN_SECRET: SECRET }));
const now = Date.UTC(2025, 0, 6, 2, 0, 0);
const nowS = now / 1000;
const sign = (claims: object, secret = SECRET) => new JwtService({ secret }).sign(claims);
const good = { typ: 'media', aud: 'talent-cloud-media', sub: 'u1', room: 'r1', role: 'SEEKER', kind: 'INTERVIEW', name: '张三', exp: nowS + 60 };

function refusal(token: string | undefined, room = 'r1'): CloseCode {
  try {
    service.verify(token, room, now);
  } catch (error) {
    if (error instanceof RoomTokenError) return error.code;
    throw error;
  }
  throw new Error('token was accepted');
}

describe('RoomTokenService', () => {
  it('accepts a valid token for its room', () => {
    expect(service.verify(sign(good), 'r1', now)).toMatchObject({ sub: 'u1', room: 'r1', role: 'SEEKER', kind: 'INTERVIEW' });
  });

  it('refuses missing, forged, expired, other-room and malformed tokens with distinct codes', () => {
    expect(refusal(undefined)).toBe(CloseCode.TokenMissing);
    expect(refusal(sign(good, 'some-other-secret-value'))).toBe(CloseCode.TokenInvalid);
    expect(refusal('not.a.jwt')).toBe(CloseCode.TokenInvalid);
    expect(refusal(sign({ ...good, exp: nowS - 1 }))).toBe(CloseCode.TokenExpired);
    expect(refusal(sign(good), 'r2')).toBe(CloseCode.WrongRoom);
    expect(refusal(sign({ ...good, role: 'ADMIN' }))).toBe(CloseCode.TokenInvalid);
    expect(refusal(sign({ ...good, kind: 'PARTY' }))).toBe(CloseCode.TokenInvalid);
    const { exp: _exp, ...noExp } = good;
    expect(refusal(sign(noExp))).toBe(CloseCode.TokenInvalid);
    expect(refusal(sign({ ...good, roomEndsAt: nowS - 10 }))).toBe(CloseCode.RoomEnded);
  });

  it('requires typ "media" and aud "talent-cloud-media": an API access token is never a room token, even under the same key', () => {
    const { typ: _typ, ...noTyp } = good;
    const { aud: _aud, ...noAud } = good;
    expect(refusal(sign(noTyp))).toBe(CloseCode.TokenInvalid);
    expect(refusal(sign(noAud))).toBe(CloseCode.TokenInvalid);
    expect(refusal(sign({ ...good, typ: 'access' }))).toBe(CloseCode.TokenInvalid);
    expect(refusal(sign({ ...good, aud: 'talent-cloud-api' }))).toBe(CloseCode.TokenInvalid);
    expect(refusal(sign({ ...good, aud: ['talent-cloud-api', 'talent-cloud-media'] }))).toBe(CloseCode.TokenInvalid);
    // What the API's access token looks like (sub, role, typ/aud of the API), signed with the media key.
    expect(refusal(sign({ sub: 'u1', role: 'HR', typ: 'access', aud: 'talent-cloud-api', exp: nowS + 60 }))).toBe(CloseCode.TokenInvalid);
  });

  it('refuses a token signed with another algorithm', () => {
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(good)).toString('base64url')}.`;
    expect(refusal(none)).toBe(CloseCode.TokenInvalid);
  });

  it('mints resume tokens with the same claims, never past the room end', () => {
    const claims = service.verify(sign({ ...good, roomEndsAt: nowS + 120 }), 'r1', now);
    const resumed = service.verify(service.resumeToken(claims, now), 'r1', now);
    expect(resumed).toMatchObject({ typ: 'media', aud: 'talent-cloud-media', sub: 'u1', room: 'r1', role: 'SEEKER', name: '张三', exp: nowS + 120 });
    const open = service.verify(service.resumeToken(service.verify(sign(good), 'r1', now), now), 'r1', now);
    expect(open.exp).toBe(nowS + RESUME_TOKEN_SECONDS);
  });
});
