import { Actor, AppConfig, Clock, Role, shanghaiDateTime } from '@app/core';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { interviewsError, InterviewsExceptionCode } from '../interviews.exception';
import { InterviewEntity } from './interview.entity';
import { JOIN_OPENS_BEFORE_MS, JOIN_TOKEN_TTL_MS, ROOM_GRACE_AFTER_END_MS } from './interview-time';
import { InterviewService } from './interview.service';
import { InterviewJoinTokenModel } from './models/interview.model';

/** `typ`/`aud` of a room token (apps/media/src/protocol.ts); API access tokens carry typ 'access', aud 'talent-cloud-api'. */
export const MEDIA_TOKEN_TYPE = 'media';
export const MEDIA_TOKEN_AUDIENCE = 'talent-cloud-media';

/** The claims apps/media verifies (apps/media/src/protocol.ts RoomTokenClaims). Kept as a copy: apps are not imported by libraries. */
export interface MediaRoomClaims {
  typ: typeof MEDIA_TOKEN_TYPE;
  aud: typeof MEDIA_TOKEN_AUDIENCE;
  sub: string;
  room: string;
  role: 'SEEKER' | 'HR';
  kind: 'INTERVIEW' | 'BOOTH';
  name?: string;
  iat: number;
  exp: number;
  roomEndsAt?: number;
}

/**
 * Room tokens for the media service. Only the two sides get one: any HR user
 * of the interview's tenant (a colleague may take over a sick interviewer's
 * session) and the seeker of the application; only from 10 minutes before the
 * start until the room closes (scheduled end + 30 min). A token lives at most
 * 15 minutes; the media service refreshes it while connected. The first token
 * marks the interview LIVE. Tokens are typed (typ media, aud talent-cloud-media)
 * and signed with MEDIA_TOKEN_SECRET, never the API's key.
 */
@Injectable()
export class InterviewJoinService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly interviews: InterviewService,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async joinToken(actor: Actor, interviewId: string): Promise<InterviewJoinTokenModel> {
    const now = this.clock.now();
    const iv = await this.dataSource.transaction(async (m) => {
      const iv = await this.interviews.accessibleOrThrow(actor, interviewId, m, true);
      this.interviews.assertStatus(iv, ['SCHEDULED', 'LIVE'], { zh: '进入面试间', en: 'join the room' });
      const { startsAt, endsAt } = iv as InterviewEntity & { startsAt: Date; endsAt: Date };
      const opensAt = new Date(startsAt.getTime() - JOIN_OPENS_BEFORE_MS);
      if (now < opensAt) throw interviewsError(InterviewsExceptionCode.JOIN_TOO_EARLY, { opensZh: shanghaiDateTime(opensAt) });
      if (now.getTime() >= endsAt.getTime() + ROOM_GRACE_AFTER_END_MS) throw interviewsError(InterviewsExceptionCode.JOIN_ENDED);
      await this.interviews.assertApplicationOpen(m, iv);
      if (iv.status === 'SCHEDULED') {
        await m.update(InterviewEntity, { id: iv.id, tenantId: iv.tenantId, status: 'SCHEDULED' }, { status: 'LIVE', updatedAt: now });
        iv.status = 'LIVE';
      }
      return iv;
    });
    const role = actor.role === Role.HR ? 'HR' : 'SEEKER';
    const roomEndsAtMs = iv.endsAt!.getTime() + ROOM_GRACE_AFTER_END_MS;
    const expMs = Math.min(now.getTime() + JOIN_TOKEN_TTL_MS, roomEndsAtMs);
    const claims: MediaRoomClaims = {
      typ: MEDIA_TOKEN_TYPE,
      aud: MEDIA_TOKEN_AUDIENCE,
      sub: actor.userId,
      room: iv.id,
      role,
      kind: 'INTERVIEW',
      // No personal name in a token that travels in a URL: the other side sees a role label.
      name: role === 'HR' ? '面试官' : '求职者',
      iat: Math.floor(now.getTime() / 1000),
      exp: Math.floor(expMs / 1000),
      roomEndsAt: Math.floor(roomEndsAtMs / 1000),
    };
    const token = this.jwt.sign(claims, { secret: this.config.auth.mediaTokenSecret, algorithm: 'HS256' });
    const page = role === 'HR' ? 'hr' : 'seeker';
    // Relative to the API's origin, which serves the pages (/interview/*.html). The page learns where the media server
    // is from its own origin (/interview/config.json, MEDIA_PUBLIC_URL), never from its URL.
    return {
      token,
      joinUrl: `/interview/${page}.html?room=${encodeURIComponent(iv.id)}&token=${encodeURIComponent(token)}`,
      mediaUrl: this.config.app.mediaPublicUrl ?? null,
      expiresAt: new Date(claims.exp * 1000),
      roomEndsAt: new Date(claims.roomEndsAt! * 1000),
      role,
    };
  }
}
