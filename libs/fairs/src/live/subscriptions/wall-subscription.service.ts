import { Actor, AppConfig, Clock, CryptoService } from '@app/core';
import { MANDARIN_RANK, MandarinLevel, regionDirectory, SeekerService, Shift } from '@app/talent';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { timingSafeEqual } from 'crypto';
import { DataSource } from 'typeorm';
import { FairsLiveExceptionCode, liveError } from '../live.exception';
import { FairWallSubscriptionEntity } from '../live.entities';
import { FairWallService } from '../wall/fair-wall.service';
import { SubscribeFairWallInput } from './dto/wall-subscription.input';
import { FairWallSubscriptionModel, SaturdayFairModel } from './models/wall-subscription.model';
import { matchPostings, MatchRow, matchSql } from './wall-matching';

const RANK_LEVEL = Object.fromEntries(Object.entries(MANDARIN_RANK).map(([level, rank]) => [rank, level])) as Record<number, MandarinLevel>;

/**
 * A seeker's subscription to the fairs' info wall: region prefixes or a distance from home, fair kinds, shifts, a pay
 * floor and their own Mandarin level / typing speed (postings asking for more do not fit). One per seeker; the weekly
 * fan-out (WallFanoutService) sends one message per fair. Unsubscribing works signed in, or from the link in the
 * message (`unsubscribeToken`: the subscription id and a keyed hash of it — no personal data, nothing to guess).
 */
@Injectable()
export class WallSubscriptionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly seekers: SeekerService,
    private readonly wall: FairWallService,
    private readonly crypto: CryptoService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async subscribe(actor: Actor, input: SubscribeFairWallInput): Promise<FairWallSubscriptionModel> {
    const seeker = await this.seekers.findByUser(actor.userId);
    if (!seeker || seeker.erasedAt) throw liveError(FairsLiveExceptionCode.NO_PROFILE);
    let home: { lat: number; lng: number } | null = null;
    if (input.maxDistanceKm) {
      home =
        seeker.lat !== null && seeker.lng !== null
          ? { lat: seeker.lat, lng: seeker.lng }
          : ((seeker.regionCode ? regionDirectory().coordinates(seeker.regionCode) : undefined) ?? null);
      if (!home) throw liveError(FairsLiveExceptionCode.DISTANCE_NEEDS_HOME);
    }
    const mandarin = input.mandarinLevel !== undefined ? input.mandarinLevel : seeker.mandarinLevel;
    const typing = input.typingSpeed !== undefined ? input.typingSpeed : seeker.typingSpeed;
    const now = this.clock.now();
    const values = {
      seekerId: seeker.id,
      userId: actor.userId,
      regionPrefixes: [...new Set(input.regionPrefixes ?? [])],
      maxDistanceKm: input.maxDistanceKm ?? null,
      homeLat: home?.lat ?? null,
      homeLng: home?.lng ?? null,
      fairKinds: [...new Set(input.fairKinds ?? [])],
      shifts: [...new Set(input.shifts ?? [])],
      payFloorFen: input.payFloorFen ?? null,
      mandarinRank: mandarin ? (MANDARIN_RANK[mandarin] ?? null) : null,
      typingSpeed: typing ?? null,
      sms: input.sms ?? false,
      active: true,
      updatedAt: now,
    };
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(FairWallSubscriptionEntity)
      .values({ ...values, createdAt: now })
      .orUpdate(Object.keys(values).map(snake), ['seeker_id'])
      .execute();
    return (await this.mine(actor))!;
  }

  async unsubscribe(actor: Actor): Promise<boolean> {
    const r = await this.dataSource.manager.update(
      FairWallSubscriptionEntity,
      { userId: actor.userId, active: true },
      { active: false, updatedAt: this.clock.now() },
    );
    return (r.affected ?? 0) > 0;
  }

  async mine(actor: Actor): Promise<FairWallSubscriptionModel | null> {
    const s = await this.dataSource.manager.findOne(FairWallSubscriptionEntity, { where: { userId: actor.userId } });
    return s && toModel(s);
  }

  /** The token in the message's unsubscribe link. */
  unsubscribeToken(subscriptionId: string): string {
    return `${subscriptionId}.${this.crypto.hash('token', `fair-wall-unsubscribe:${subscriptionId}`)}`;
  }

  unsubscribeUrl(subscriptionId: string): string {
    return `${this.config.app.publicUrl}/fair-wall/unsubscribe?t=${encodeURIComponent(this.unsubscribeToken(subscriptionId))}`;
  }

  /** From the link: stops the subscription. The same link twice is fine; a forged one is refused. */
  async unsubscribeWithToken(token: string): Promise<void> {
    const [id, mac] = String(token ?? '').split('.');
    const expected = id && /^[0-9a-f-]{36}$/i.test(id) ? this.unsubscribeToken(id).split('.')[1] : '';
    if (!mac || !expected || mac.length !== expected.length || !timingSafeEqual(Buffer.from(mac), Buffer.from(expected))) {
      throw liveError(FairsLiveExceptionCode.UNSUBSCRIBE_LINK_INVALID);
    }
    await this.dataSource.manager.update(FairWallSubscriptionEntity, { id, active: true }, { active: false, updatedAt: this.clock.now() });
  }

  /** 本周六招聘会: the next weekly fair not yet over (published, booking closed or live), with what fits my subscription. */
  async thisSaturday(actor: Actor | null): Promise<SaturdayFairModel | null> {
    const [fair] = await this.dataSource.query<Array<{ id: string; region_code: string; kind: string }>>(
      `SELECT id, region_code, kind FROM fairs
        WHERE kind = 'WEEKLY' AND status IN ('PUBLISHED','BOOKING_CLOSED','LIVE') AND ends_at > $1
        ORDER BY starts_at LIMIT 1`,
      [this.clock.now()],
    );
    if (!fair) return null;
    const wall = await this.wall.view(fair.id);
    const sub = actor ? await this.dataSource.manager.findOne(FairWallSubscriptionEntity, { where: { userId: actor.userId, active: true } }) : null;
    if (!sub) return { wall, fitsMe: [], subscribed: false };
    const { list } = matchPostings(wall);
    const coords = regionDirectory().coordinates(fair.region_code);
    const [row] = await this.dataSource.query<MatchRow[]>(matchSql('s.id = $6'), [
      JSON.stringify(list),
      fair.region_code,
      fair.kind,
      coords?.lat ?? null,
      coords?.lng ?? null,
      sub.id,
    ]);
    return { wall, fitsMe: (row?.matches ?? []).map((i) => list[i].fp), subscribed: true };
  }
}

function snake(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function toModel(s: FairWallSubscriptionEntity): FairWallSubscriptionModel {
  return {
    id: s.id,
    regionPrefixes: s.regionPrefixes,
    maxDistanceKm: s.maxDistanceKm,
    fairKinds: s.fairKinds,
    shifts: s.shifts as Shift[],
    payFloorFen: s.payFloorFen,
    mandarinLevel: s.mandarinRank ? (RANK_LEVEL[s.mandarinRank] ?? null) : null,
    typingSpeed: s.typingSpeed,
    sms: s.sms,
    active: s.active,
    updatedAt: s.updatedAt,
  };
}
