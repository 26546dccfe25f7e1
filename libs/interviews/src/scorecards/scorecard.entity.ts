import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** Ratings are on a fixed 1–5 scale. */
export const SCORE_MIN = 1;
export const SCORE_MAX = 5;

export interface Criterion {
  /** e.g. 普通话, 语速, 应变, 打字 — unique within a template. */
  name: string;
  /** Relative weight, 1–100. */
  weight: number;
  description?: string | null;
}

export interface Rating {
  criterion: string;
  score: number;
  note?: string | null;
}

/** A tenant's scorecard template: the criteria its HR rate candidates on. */
@Entity('scorecard_templates')
export class ScorecardTemplateEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column() name: string;
  @Column({ type: 'jsonb' }) criteria: Criterion[];
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

/** HR's ratings for one interview. The criteria are copied from the template, so later template changes never rewrite a past scorecard. */
@Entity('interview_scorecards')
export class ScorecardEntity {
  @PrimaryColumn({ name: 'interview_id', type: 'uuid' }) interviewId: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column({ name: 'template_id', type: 'uuid', nullable: true }) templateId: string | null;
  @Column({ name: 'template_name' }) templateName: string;
  @Column({ type: 'jsonb' }) criteria: Criterion[];
  @Column({ type: 'jsonb' }) ratings: Rating[];
  @Column({ type: 'text', nullable: true }) notes: string | null;
  /** Weighted mean × 100 (integer, 100–500). */
  @Column({ name: 'weighted_score_x100', type: 'int' }) weightedScoreX100: number;
  @Column({ name: 'recorded_by', type: 'uuid', nullable: true }) recordedBy: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  /** Set when the outcome is recorded; the scorecard is read-only afterwards. */
  @Column({ name: 'finalized_at', type: 'timestamptz', nullable: true }) finalizedAt: Date | null;
}
