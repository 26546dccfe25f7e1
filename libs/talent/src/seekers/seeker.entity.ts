import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Education, Gender, MandarinLevel, ProfileSource } from './seeker.enums';

const numeric = { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

/** One profile per person (talent pool), keyed by the hashed resident ID number. */
@Entity('seekers')
export class SeekerEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'user_id', type: 'uuid', nullable: true }) userId: string | null;
  @Column({ name: 'id_number_enc', type: 'text', nullable: true }) idNumberEnc: string | null;
  @Column({ name: 'id_number_hash', type: 'char', length: 64, nullable: true }) idNumberHash: string | null;
  @Column() name: string;
  @Column({ type: 'text', nullable: true }) gender: Gender | null;
  @Column({ name: 'birth_date', type: 'date', nullable: true }) birthDate: string | null;
  @Column({ name: 'phone_enc', type: 'text', nullable: true }) phoneEnc: string | null;
  @Column({ name: 'phone_hash', type: 'char', length: 64, nullable: true }) phoneHash: string | null;
  @Column({ name: 'region_code', type: 'char', length: 6, nullable: true }) regionCode: string | null;
  @Column({ type: 'double precision', nullable: true }) lat: number | null;
  @Column({ type: 'double precision', nullable: true }) lng: number | null;
  @Column({ name: 'distance_km', type: 'numeric', nullable: true, transformer: numeric }) distanceKm: number | null;
  @Column({ type: 'text', nullable: true }) education: Education | null;
  @Column({ name: 'school_name', type: 'text', nullable: true }) schoolName: string | null;
  @Column({ type: 'text', nullable: true }) major: string | null;
  @Column({ name: 'graduation_year', type: 'smallint', nullable: true }) graduationYear: number | null;
  @Column({ name: 'mandarin_level', type: 'text', nullable: true }) mandarinLevel: MandarinLevel | null;
  @Column({ name: 'typing_speed', type: 'smallint', nullable: true }) typingSpeed: number | null;
  @Column({ name: 'call_center_months', type: 'smallint', nullable: true }) callCenterMonths: number | null;
  @Column({ type: 'text', array: true }) languages: string[];
  @Column({ type: 'text', array: true }) shifts: string[];
  @Column({ type: 'text', array: true }) categories: string[];
  @Column({ type: 'smallint' }) completeness: number;
  @Column({ type: 'text' }) source: ProfileSource;
  @Column({ name: 'shared_with_tenants' }) sharedWithTenants: boolean;
  /** Separate consent to show sensitive categories (poor household, disabled) to tenants and in search documents. */
  @Column({ name: 'sensitive_consent', default: false }) sensitiveConsent: boolean;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @Column({ name: 'erased_at', type: 'timestamptz', nullable: true }) erasedAt: Date | null;
}

@Entity('profile_access_logs')
export class ProfileAccessLogEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ name: 'seeker_id', type: 'uuid' }) seekerId: string;
  @Column({ name: 'viewer_user_id', type: 'uuid', nullable: true }) viewerUserId: string | null;
  @Column({ name: 'viewer_role', type: 'text' }) viewerRole: string;
  @Column({ name: 'tenant_id', type: 'uuid', nullable: true }) tenantId: string | null;
  @Column() action: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

/** Fields that count towards profile completeness (0–100). */
export function profileCompleteness(s: Partial<SeekerEntity>): number {
  const checks = [
    !!s.idNumberEnc,
    !!s.name,
    !!s.phoneEnc,
    !!s.regionCode,
    !!s.education,
    !!s.major || !!s.schoolName,
    s.graduationYear != null,
    !!s.mandarinLevel,
    s.typingSpeed != null,
    s.callCenterMonths != null,
    (s.shifts ?? []).length > 0,
    (s.languages ?? []).length > 0,
  ];
  return Math.round((checks.filter(Boolean).length / checks.length) * 100);
}
