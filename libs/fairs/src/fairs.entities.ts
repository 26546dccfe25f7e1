import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export type FairKind = 'WEEKLY' | 'SPECIAL' | 'CAMPUS' | 'GRADUATE_DOUBLE_SELECTION';
export type FairLevel = 'PROVINCE' | 'CITY' | 'COUNTY' | 'TOWNSHIP';
export type FairMode = 'ONSITE' | 'ONLINE' | 'HYBRID';
export type FairStatus = 'DRAFT' | 'PUBLISHED' | 'BOOKING_CLOSED' | 'LIVE' | 'CLOSED' | 'REPORTED' | 'CANCELLED';
export type BoothApplicationStatus = 'PENDING' | 'APPROVED' | 'REJECTED' | 'CANCELLED' | 'WITHDRAWN';
export type FairPostingStatus = 'ACTIVE' | 'WITHDRAWN' | 'CARRY_PENDING';
export type CheckinMethod = 'SCAN' | 'ID_NUMBER' | 'ONLINE' | 'MANUAL';
export type SelectionSide = 'SEEKER' | 'HR';
export type SelectionKind = 'INTEREST' | 'CONVERSATION' | 'INTENT' | 'INTERVIEW' | 'HIRED';
export type CarryOverStatus = 'PENDING' | 'CONFIRMED' | 'WITHDRAWN' | 'FILLED' | 'EXPIRED';

/** A recurring fair: weekday (1 = Monday … 6 = Saturday, ISO) and local start/end time in Asia/Shanghai. */
@Entity('fair_series')
export class FairSeriesEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'smallint' }) weekday: number;
  /** 'HH:MM:SS' local time in Asia/Shanghai. */
  @Column({ name: 'start_local', type: 'time' }) startLocal: string;
  @Column({ name: 'end_local', type: 'time' }) endLocal: string;
  @Column({ name: 'weeks_ahead', type: 'smallint' }) weeksAhead: number;
  @Column({ type: 'text' }) kind: FairKind;
  @Column({ type: 'text' }) level: FairLevel;
  @Column({ name: 'region_code', type: 'text' }) regionCode: string;
  @Column({ type: 'text' }) mode: FairMode;
  @Column({ type: 'text', nullable: true }) venue: string | null;
  @Column({ name: 'admission_cap', type: 'int', nullable: true }) admissionCap: number | null;
  @Column({ name: 'booth_count', type: 'int' }) boothCount: number;
  @Column({ name: 'auto_publish', type: 'boolean' }) autoPublish: boolean;
  @Column({ type: 'boolean' }) active: boolean;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

@Entity('fairs')
export class FairEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'series_id', type: 'uuid', nullable: true }) seriesId: string | null;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'text' }) kind: FairKind;
  @Column({ type: 'text' }) level: FairLevel;
  @Column({ name: 'region_code', type: 'text' }) regionCode: string;
  @Column({ name: 'school_id', type: 'uuid', nullable: true }) schoolId: string | null;
  @Column({ type: 'text' }) mode: FairMode;
  @Column({ type: 'text', nullable: true }) venue: string | null;
  @Column({ name: 'starts_at', type: 'timestamptz' }) startsAt: Date;
  @Column({ name: 'ends_at', type: 'timestamptz' }) endsAt: Date;
  @Column({ type: 'text' }) status: FairStatus;
  @Column({ name: 'cancel_reason', type: 'text', nullable: true }) cancelReason: string | null;
  @Column({ name: 'admission_cap', type: 'int', nullable: true }) admissionCap: number | null;
  @Column({ name: 'carry_from_fair_id', type: 'uuid', nullable: true }) carryFromFairId: string | null;
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true }) publishedAt: Date | null;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt: Date | null;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

@Entity('fair_booths')
export class FairBoothEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'fair_id', type: 'uuid' }) fairId: string;
  @Column({ type: 'text' }) number: string;
  @Column({ type: 'text', nullable: true }) zone: string | null;
  @Column({ name: 'tenant_id', type: 'uuid', nullable: true }) tenantId: string | null;
  @Column({ name: 'assigned_at', type: 'timestamptz', nullable: true }) assignedAt: Date | null;
}

@Entity('fair_booth_applications')
export class FairBoothApplicationEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'fair_id', type: 'uuid' }) fairId: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column({ type: 'text' }) status: BoothApplicationStatus;
  @Column({ type: 'text', nullable: true }) reason: string | null;
  @Column({ name: 'booth_id', type: 'uuid', nullable: true }) boothId: string | null;
  @Column({ name: 'late_cancel', type: 'boolean' }) lateCancel: boolean;
  @Column({ name: 'no_show', type: 'boolean' }) noShow: boolean;
  @Column({ name: 'applied_by', type: 'uuid', nullable: true }) appliedBy: string | null;
  @Column({ name: 'decided_by', type: 'uuid', nullable: true }) decidedBy: string | null;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** A posting a company brings to a fair, with the headcount offered there and the opaque code its QR carries. */
@Entity('fair_postings')
export class FairPostingEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'fair_id', type: 'uuid' }) fairId: string;
  @Column({ name: 'booth_application_id', type: 'uuid' }) boothApplicationId: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column({ name: 'booth_id', type: 'uuid', nullable: true }) boothId: string | null;
  @Column({ name: 'posting_id', type: 'uuid' }) postingId: string;
  @Column({ type: 'int' }) headcount: number;
  @Column({ type: 'text' }) code: string;
  @Column({ type: 'text' }) status: FairPostingStatus;
  @Column({ name: 'carried_from_id', type: 'uuid', nullable: true }) carriedFromId: string | null;
  /** 0 at the first fair; 1 after one carry-over, and so on. */
  @Column({ name: 'carry_generation', type: 'smallint' }) carryGeneration: number;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

@Entity('fair_posting_scans')
export class FairPostingScanEntity {
  @PrimaryGeneratedColumn('increment') id: string;
  @Column({ name: 'fair_posting_id', type: 'uuid' }) fairPostingId: string;
  @Column({ name: 'fair_id', type: 'uuid' }) fairId: string;
  @Column({ name: 'seeker_id', type: 'uuid', nullable: true }) seekerId: string | null;
  @Column({ name: 'scanned_at', type: 'timestamptz' }) scannedAt: Date;
}

/** A seeker's admission ticket; the token is random and carries no personal data. */
@Entity('fair_tickets')
export class FairTicketEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'fair_id', type: 'uuid' }) fairId: string;
  @Column({ name: 'seeker_id', type: 'uuid' }) seekerId: string;
  @Column({ type: 'text' }) token: string;
  @Column({ name: 'walk_in', type: 'boolean' }) walkIn: boolean;
  @Column({ name: 'registered_by', type: 'uuid', nullable: true }) registeredBy: string | null;
  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true }) cancelledAt: Date | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

@Entity('fair_checkins')
export class FairCheckinEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'fair_id', type: 'uuid' }) fairId: string;
  @Column({ name: 'seeker_id', type: 'uuid' }) seekerId: string;
  @Column({ name: 'ticket_id', type: 'uuid', nullable: true }) ticketId: string | null;
  @Column({ type: 'text' }) method: CheckinMethod;
  @Column({ name: 'checked_in_by', type: 'uuid', nullable: true }) checkedInBy: string | null;
  @Column({ name: 'idempotency_key', type: 'text', nullable: true }) idempotencyKey: string | null;
  @Column({ name: 'checked_in_at', type: 'timestamptz' }) checkedInAt: Date;
}

@Entity('fair_selections')
export class FairSelectionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'fair_id', type: 'uuid' }) fairId: string;
  @Column({ name: 'fair_posting_id', type: 'uuid' }) fairPostingId: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column({ name: 'seeker_id', type: 'uuid' }) seekerId: string;
  @Column({ type: 'text' }) side: SelectionSide;
  @Column({ type: 'text' }) kind: SelectionKind;
  @Column({ name: 'ref_id', type: 'uuid', nullable: true }) refId: string | null;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @Column({ name: 'by_user_id', type: 'uuid', nullable: true }) byUserId: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

/** Per fair posting, the figures registered when the fair closes (招聘结果登记). */
@Entity('fair_results')
export class FairResultEntity {
  @PrimaryColumn({ name: 'fair_posting_id', type: 'uuid' }) fairPostingId: string;
  @Column({ name: 'fair_id', type: 'uuid' }) fairId: string;
  @Column({ type: 'int' }) applications: number;
  @Column({ type: 'int' }) intents: number;
  @Column({ type: 'int' }) interviews: number;
  @Column({ type: 'int' }) hired: number;
  @Column({ name: 'openings_left_at_close', type: 'int', nullable: true }) openingsLeftAtClose: number | null;
  @Column({ name: 'recorded_at', type: 'timestamptz' }) recordedAt: Date;
}

/** An application attributed to a fair posting (the seeker scanned its QR, or applied at the booth). */
@Entity('fair_attributions')
export class FairAttributionEntity {
  @PrimaryColumn({ name: 'application_id', type: 'uuid' }) applicationId: string;
  @Column({ name: 'fair_posting_id', type: 'uuid' }) fairPostingId: string;
  @Column({ name: 'fair_id', type: 'uuid' }) fairId: string;
  @Column({ name: 'seeker_id', type: 'uuid' }) seekerId: string;
  @Column({ type: 'text' }) source: 'SCAN' | 'BOOTH' | 'ONLINE';
  @Column({ name: 'hired_at', type: 'timestamptz', nullable: true }) hiredAt: Date | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

@Entity('fair_carry_overs')
export class FairCarryOverEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'from_fair_posting_id', type: 'uuid' }) fromFairPostingId: string;
  @Column({ name: 'to_fair_id', type: 'uuid' }) toFairId: string;
  @Column({ name: 'to_fair_posting_id', type: 'uuid', nullable: true }) toFairPostingId: string | null;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column({ type: 'int' }) headcount: number;
  @Column({ type: 'text' }) status: CarryOverStatus;
  @Column({ type: 'timestamptz' }) deadline: Date;
  @Column({ name: 'decided_by', type: 'uuid', nullable: true }) decidedBy: string | null;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

export const FAIR_ENTITIES = [
  FairSeriesEntity,
  FairEntity,
  FairBoothEntity,
  FairBoothApplicationEntity,
  FairPostingEntity,
  FairPostingScanEntity,
  FairTicketEntity,
  FairCheckinEntity,
  FairSelectionEntity,
  FairResultEntity,
  FairAttributionEntity,
  FairCarryOverEntity,
];
