import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('tenants')
export class TenantEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() name: string;
  @Column({ name: 'credit_code', type: 'char', length: 18 }) creditCode: string;
  @Column({ type: 'int' }) seats: number;
  @Column({ name: 'contact_name', type: 'text', nullable: true }) contactName: string | null;
  @Column({ name: 'contact_phone_enc', type: 'text', nullable: true }) contactPhoneEnc: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
}

export type PostingStatus = 'DRAFT' | 'OPEN' | 'FILLED' | 'CLOSED';

@Entity('job_postings')
export class PostingEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column() title: string;
  @Column() description: string;
  @Column({ type: 'int' }) headcount: number;
  @Column({ name: 'openings_left', type: 'int' }) openingsLeft: number;
  @Column({ name: 'salary_min_fen', type: 'int' }) salaryMinFen: number;
  @Column({ name: 'salary_max_fen', type: 'int' }) salaryMaxFen: number;
  @Column({ type: 'text', array: true }) shifts: string[];
  @Column({ name: 'min_mandarin_level', type: 'text', nullable: true }) minMandarinLevel: string | null;
  @Column({ name: 'min_typing_speed', type: 'smallint', nullable: true }) minTypingSpeed: number | null;
  @Column({ name: 'min_education', type: 'text', nullable: true }) minEducation: string | null;
  @Column({ type: 'text' }) status: PostingStatus;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt: Date;
}

export type Stage = 'APPLIED' | 'SCREENING' | 'INTERVIEW' | 'OFFER' | 'HIRED' | 'REJECTED' | 'WITHDRAWN';

@Entity('applications')
export class ApplicationEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'posting_id', type: 'uuid' }) postingId: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column({ name: 'seeker_id', type: 'uuid' }) seekerId: string;
  @Column({ type: 'text' }) stage: Stage;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

@Entity('application_events')
export class ApplicationEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ name: 'application_id', type: 'uuid' }) applicationId: string;
  @Column({ name: 'from_stage', type: 'text', nullable: true }) fromStage: Stage | null;
  @Column({ name: 'to_stage', type: 'text' }) toStage: Stage;
  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true }) actorUserId: string | null;
  @Column({ name: 'actor_role', type: 'text' }) actorRole: string;
  @Column({ type: 'text', nullable: true }) reason: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

@Entity('application_notes')
export class ApplicationNoteEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'application_id', type: 'uuid' }) applicationId: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column({ name: 'author_user_id', type: 'uuid', nullable: true }) authorUserId: string | null;
  @Column() body: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

/** A hire with its employment contract; subsidies are later computed from these facts. */
@Entity('hires')
export class HireEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'application_id', type: 'uuid' }) applicationId: string;
  @Column({ name: 'posting_id', type: 'uuid' }) postingId: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column({ name: 'seeker_id', type: 'uuid' }) seekerId: string;
  @Column({ name: 'hired_by', type: 'uuid', nullable: true }) hiredBy: string | null;
  @Column({ name: 'contract_start', type: 'date' }) contractStart: string;
  @Column({ name: 'contract_months', type: 'smallint' }) contractMonths: number;
  @Column({ name: 'social_insurance_start', type: 'date', nullable: true }) socialInsuranceStart: string | null;
  @Column({ name: 'terminated_on', type: 'date', nullable: true }) terminatedOn: string | null;
  @Column({ name: 'termination_reason', type: 'text', nullable: true }) terminationReason: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
}

export const EMPLOYER_ENTITIES = [TenantEntity, PostingEntity, ApplicationEntity, ApplicationEventEntity, ApplicationNoteEntity, HireEntity];
