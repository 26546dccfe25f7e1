import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type AttendanceMethod = 'QR' | 'MANUAL';

/** Who was present in which session. Carries the session's time range; `during` is generated, not mapped. */
@Entity('training_attendance')
export class AttendanceEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'session_id', type: 'uuid' }) sessionId: string;
  @Column({ name: 'class_id', type: 'uuid' }) classId: string;
  @Column({ name: 'enrolment_id', type: 'uuid' }) enrolmentId: string;
  @Column({ name: 'seeker_id', type: 'uuid' }) seekerId: string;
  @Column({ name: 'session_starts_at', type: 'timestamptz' }) sessionStartsAt: Date;
  @Column({ name: 'session_ends_at', type: 'timestamptz' }) sessionEndsAt: Date;
  @Column({ type: 'text' }) method: AttendanceMethod;
  @Column({ name: 'recorded_by', type: 'uuid', nullable: true }) recordedBy: string | null;
  @Column({ name: 'recorded_role', type: 'text' }) recordedRole: string;
  @Column({ name: 'checked_in_at', type: 'timestamptz' }) checkedInAt: Date;
}
