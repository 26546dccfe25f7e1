import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { TrainingClassStatus, TrainingClassType } from './class-type';

@Entity('training_classes')
export class TrainingClassEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'institution_id', type: 'uuid' }) institutionId: string;
  @Column({ type: 'text' }) type: TrainingClassType;
  @Column() name: string;
  @Column({ name: 'sponsor_tenant_id', type: 'uuid', nullable: true }) sponsorTenantId: string | null;
  @Column({ type: 'int' }) capacity: number;
  /** Live enrolments (ENROLLED + COMPLETED); only changed by guarded UPDATEs in EnrolmentService. */
  @Column({ name: 'enrolled_count', type: 'int' }) enrolledCount: number;
  /** Calendar dates in Asia/Shanghai, YYYY-MM-DD. */
  @Column({ name: 'starts_on', type: 'date' }) startsOn: string;
  @Column({ name: 'ends_on', type: 'date' }) endsOn: string;
  @Column({ name: 'min_attendance_pct', type: 'smallint' }) minAttendancePct: number;
  @Column({ name: 'requires_assessment' }) requiresAssessment: boolean;
  @Column({ name: 'pass_score', type: 'smallint' }) passScore: number;
  @Column({ type: 'text' }) status: TrainingClassStatus;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

@Entity('training_class_courses')
export class ClassCourseEntity {
  @PrimaryColumn({ name: 'class_id', type: 'uuid' }) classId: string;
  @PrimaryColumn({ name: 'course_id', type: 'uuid' }) courseId: string;
  @Column({ type: 'smallint' }) position: number;
}

/** One scheduled session 课次. `during` (tstzrange) is a generated column, not mapped. */
@Entity('training_sessions')
export class SessionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'class_id', type: 'uuid' }) classId: string;
  @Column({ name: 'course_id', type: 'uuid', nullable: true }) courseId: string | null;
  @Column({ type: 'text', nullable: true }) title: string | null;
  @Column({ type: 'text', nullable: true }) room: string | null;
  @Column({ name: 'starts_at', type: 'timestamptz' }) startsAt: Date;
  @Column({ name: 'ends_at', type: 'timestamptz' }) endsAt: Date;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
