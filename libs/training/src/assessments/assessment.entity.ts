import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { SkillLevel } from '../classes/class-type';

/** One assessment 考核 of one enrolment; retakes are further rows. */
@Entity('training_assessments')
export class AssessmentEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'enrolment_id', type: 'uuid' }) enrolmentId: string;
  @Column({ name: 'class_id', type: 'uuid' }) classId: string;
  @Column({ name: 'seeker_id', type: 'uuid' }) seekerId: string;
  @Column({ type: 'smallint' }) score: number;
  @Column() passed: boolean;
  @Column({ name: 'skill_level', type: 'text', nullable: true }) skillLevel: SkillLevel | null;
  @Column({ name: 'assessed_on', type: 'date' }) assessedOn: string;
  @Column({ name: 'assessor_user_id', type: 'uuid' }) assessorUserId: string;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

/** Issued once per completed enrolment. */
@Entity('training_certificates')
export class CertificateEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'certificate_no' }) certificateNo: string;
  @Column({ name: 'enrolment_id', type: 'uuid' }) enrolmentId: string;
  @Column({ name: 'class_id', type: 'uuid' }) classId: string;
  @Column({ name: 'seeker_id', type: 'uuid' }) seekerId: string;
  @Column({ name: 'institution_id', type: 'uuid' }) institutionId: string;
  @Column({ name: 'assessment_id', type: 'uuid', nullable: true }) assessmentId: string | null;
  @Column({ name: 'skill_level', type: 'text', nullable: true }) skillLevel: SkillLevel | null;
  @Column({ name: 'attended_sessions', type: 'int' }) attendedSessions: number;
  @Column({ name: 'total_sessions', type: 'int' }) totalSessions: number;
  @Column({ name: 'issued_at', type: 'timestamptz' }) issuedAt: Date;
  @Column({ name: 'issued_by', type: 'uuid', nullable: true }) issuedBy: string | null;
}
