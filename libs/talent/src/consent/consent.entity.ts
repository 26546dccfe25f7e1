import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Share my profile with the base's tenant companies. */
export const SHARE_WITH_TENANTS = 'SHARE_WITH_TENANTS';
/** Separate consent (PIPL art. 29) to show sensitive categories (poor household, disabled) to tenants and in search. */
export const SENSITIVE_CATEGORIES_SCOPE = 'SENSITIVE_CATEGORIES';
export const CONSENT_POLICY_VERSION = '2026-11-v1';

@Entity('consents')
export class ConsentEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'seeker_id', type: 'uuid' }) seekerId: string;
  @Column() scope: string;
  @Column({ name: 'policy_version' }) policyVersion: string;
  @Column({ name: 'granted_at', type: 'timestamptz' }) grantedAt: Date;
  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true }) withdrawnAt: Date | null;
  @Column() channel: string;
}
