import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type InterviewStatus = 'PROPOSED' | 'SCHEDULED' | 'LIVE' | 'COMPLETED' | 'NO_SHOW' | 'CANCELLED';
export type InterviewOutcome = 'PASS' | 'FAIL' | 'NO_SHOW';
/** Statuses in which the interview still holds time (and may be rescheduled or cancelled). */
export const OPEN_STATUSES: InterviewStatus[] = ['PROPOSED', 'SCHEDULED', 'LIVE'];

export const STATUS_ZH: Record<InterviewStatus, string> = {
  PROPOSED: '待确认时间',
  SCHEDULED: '已安排',
  LIVE: '进行中',
  COMPLETED: '已完成',
  NO_SHOW: '未到场',
  CANCELLED: '已取消',
};

/** A first-round video interview for one application. Times are UTC instants; shown in Asia/Shanghai. */
@Entity('interviews')
export class InterviewEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column({ name: 'application_id', type: 'uuid' }) applicationId: string;
  @Column({ name: 'seeker_id', type: 'uuid' }) seekerId: string;
  /** The interviewer: the HR user whose calendar the slots hold. */
  @Column({ name: 'hr_user_id', type: 'uuid' }) hrUserId: string;
  @Column({ type: 'text' }) status: InterviewStatus;
  @Column({ name: 'starts_at', type: 'timestamptz', nullable: true }) startsAt: Date | null;
  @Column({ name: 'ends_at', type: 'timestamptz', nullable: true }) endsAt: Date | null;
  @Column({ type: 'text', nullable: true }) outcome: InterviewOutcome | null;
  @Column({ name: 'seeker_note', type: 'text', nullable: true }) seekerNote: string | null;
  @Column({ name: 'cancel_reason', type: 'text', nullable: true }) cancelReason: string | null;
  @Column({ name: 'reschedule_count', type: 'int', default: 0 }) rescheduleCount: number;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

export type SlotState = 'OPEN' | 'CHOSEN' | 'SUPERSEDED';

/**
 * A proposed time, and the interviewer's hold on it: while released_at is NULL
 * the database refuses any overlapping hold of the same HR user.
 */
@Entity('interview_slots')
export class InterviewSlotEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'interview_id', type: 'uuid' }) interviewId: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column({ name: 'hr_user_id', type: 'uuid' }) hrUserId: string;
  @Column({ name: 'starts_at', type: 'timestamptz' }) startsAt: Date;
  @Column({ name: 'ends_at', type: 'timestamptz' }) endsAt: Date;
  @Column({ type: 'text' }) state: SlotState;
  @Column({ name: 'released_at', type: 'timestamptz', nullable: true }) releasedAt: Date | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
