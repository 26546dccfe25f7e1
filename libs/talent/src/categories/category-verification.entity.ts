import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CategorySource } from '../seekers/seeker.enums';

/** A category confirmed by a verified source; subsidy rules trust only these. */
@Entity('seeker_category_verifications')
export class CategoryVerificationEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'seeker_id', type: 'uuid' }) seekerId: string;
  @Column() category: string;
  @Column({ type: 'text' }) source: CategorySource;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @Column({ name: 'verified_by', type: 'uuid', nullable: true }) verifiedBy: string | null;
  @Column({ name: 'verified_at', type: 'timestamptz' }) verifiedAt: Date;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt: Date | null;
}
