import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** 实习实训: a student placed at a tenant for a period. */
@Entity('internships')
export class InternshipEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'school_id', type: 'uuid' }) schoolId: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column({ name: 'seeker_id', type: 'uuid' }) seekerId: string;
  @Column({ type: 'text' }) position: string;
  @Column({ name: 'start_date', type: 'date' }) startDate: string;
  @Column({ name: 'end_date', type: 'date' }) endDate: string;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

/** One month of a placement: attendance days and an evaluation. */
@Entity('internship_months')
export class InternshipMonthEntity {
  @PrimaryColumn({ name: 'internship_id', type: 'uuid' }) internshipId: string;
  /** First day of the month, 'YYYY-MM-01'. */
  @PrimaryColumn({ type: 'date' }) month: string;
  @Column({ name: 'attendance_days', type: 'smallint' }) attendanceDays: number;
  @Column({ type: 'text' }) evaluation: string;
  @Column({ type: 'text' }) comment: string;
  @Column({ name: 'recorded_by', type: 'uuid', nullable: true }) recordedBy: string | null;
  @Column({ name: 'recorded_role', type: 'text' }) recordedRole: string;
  @Column({ name: 'recorded_at', type: 'timestamptz' }) recordedAt: Date;
}
