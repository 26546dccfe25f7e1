import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type EnrolmentStatus = 'ENROLLED' | 'WITHDRAWN' | 'COMPLETED';
export type EnrolmentSource = 'SELF' | 'OPERATOR' | 'OFFER';

@Entity('training_enrolments')
export class EnrolmentEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'class_id', type: 'uuid' }) classId: string;
  @Column({ name: 'seeker_id', type: 'uuid' }) seekerId: string;
  @Column({ type: 'text' }) status: EnrolmentStatus;
  @Column({ type: 'text' }) source: EnrolmentSource;
  /** For 先面试后培训: the application at stage OFFER that led to this enrolment. */
  @Column({ name: 'application_id', type: 'uuid', nullable: true }) applicationId: string | null;
  @Column({ name: 'enrolled_by', type: 'uuid', nullable: true }) enrolledBy: string | null;
  @Column({ name: 'enrolled_at', type: 'timestamptz' }) enrolledAt: Date;
  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true }) withdrawnAt: Date | null;
  @Column({ name: 'withdrawn_by', type: 'uuid', nullable: true }) withdrawnBy: string | null;
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt: Date | null;
}
