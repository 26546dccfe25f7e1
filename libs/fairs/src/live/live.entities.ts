import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** One major on a school's graduate notice: 专业 and how many graduates. */
export interface NoticeMajor {
  major: string;
  graduates: number;
}

/** A school's graduate notice on a fair's info wall 信息墙 (SCHOOL_ADMIN of that school). */
@Entity('fair_school_notices')
export class FairSchoolNoticeEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'fair_id', type: 'uuid' }) fairId: string;
  @Column({ name: 'school_id', type: 'uuid' }) schoolId: string;
  @Column({ type: 'jsonb' }) majors: NoticeMajor[];
  @Column({ type: 'int' }) graduates: number;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @Column({ name: 'posted_by', type: 'uuid', nullable: true }) postedBy: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true }) withdrawnAt: Date | null;
}

/** A seeker's subscription to the weekly fair's wall: what fits them (one per seeker). */
@Entity('fair_wall_subscriptions')
export class FairWallSubscriptionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'seeker_id', type: 'uuid' }) seekerId: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId: string;
  @Column({ name: 'region_prefixes', type: 'text', array: true }) regionPrefixes: string[];
  @Column({ name: 'max_distance_km', type: 'int', nullable: true }) maxDistanceKm: number | null;
  @Column({ name: 'home_lat', type: 'double precision', nullable: true }) homeLat: number | null;
  @Column({ name: 'home_lng', type: 'double precision', nullable: true }) homeLng: number | null;
  @Column({ name: 'fair_kinds', type: 'text', array: true }) fairKinds: string[];
  @Column({ type: 'text', array: true }) shifts: string[];
  @Column({ name: 'pay_floor_fen', type: 'int', nullable: true }) payFloorFen: number | null;
  /** The seeker's own Mandarin level (MANDARIN_RANK 1–6) and typing speed: postings asking for more do not fit. */
  @Column({ name: 'mandarin_rank', type: 'smallint', nullable: true }) mandarinRank: number | null;
  @Column({ name: 'typing_speed', type: 'smallint', nullable: true }) typingSpeed: number | null;
  @Column({ type: 'boolean' }) sms: boolean;
  @Column({ type: 'boolean' }) active: boolean;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** One notification per subscriber per fair: the primary key makes the fan-out idempotent. */
@Entity('fair_wall_deliveries')
export class FairWallDeliveryEntity {
  @PrimaryColumn({ name: 'fair_id', type: 'uuid' }) fairId: string;
  @PrimaryColumn({ name: 'subscription_id', type: 'uuid' }) subscriptionId: string;
  @Column({ type: 'int' }) postings: number;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

@Entity('fair_wall_fanouts')
export class FairWallFanoutEntity {
  @PrimaryColumn({ name: 'fair_id', type: 'uuid' }) fairId: string;
  @Column({ name: 'started_at', type: 'timestamptz' }) startedAt: Date;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt: Date | null;
  @Column({ type: 'int' }) notified: number;
}

export type BoothQueueOutcome = 'SERVED' | 'SKIPPED' | 'NO_SHOW' | 'LEFT' | 'HANDED_OVER';

/** What happened to each booth-queue entry (the queue itself is in Redis): service times and no-shows for reports. */
@Entity('fair_booth_queue_log')
export class FairBoothQueueLogEntity {
  @PrimaryGeneratedColumn('increment') id: string;
  @Column({ name: 'booth_id', type: 'uuid' }) boothId: string;
  @Column({ name: 'user_id', type: 'uuid', nullable: true }) userId: string | null;
  @Column({ type: 'int' }) number: number;
  @Column({ type: 'text' }) mode: 'ONLINE' | 'ONSITE';
  @Column({ type: 'text' }) outcome: BoothQueueOutcome;
  @Column({ name: 'hr_user_id', type: 'uuid', nullable: true }) hrUserId: string | null;
  @Column({ name: 'service_ms', type: 'int', nullable: true }) serviceMs: number | null;
  @Column({ type: 'timestamptz' }) at: Date;
}

export const FAIRS_LIVE_ENTITIES = [FairSchoolNoticeEntity, FairWallSubscriptionEntity, FairWallDeliveryEntity, FairWallFanoutEntity, FairBoothQueueLogEntity];
