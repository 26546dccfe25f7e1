import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { IdentityClaimMethod, IdentityClaimStatus } from '../seekers/seeker.enums';

/**
 * A signed-in phone asking to take over a profile that already exists for an ID number.
 * Nothing of the profile is shown to the claimant or changed until the claim is APPROVED.
 */
@Entity('identity_claims')
export class IdentityClaimEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'seeker_id', type: 'uuid' }) seekerId: string;
  @Column({ name: 'claimant_user_id', type: 'uuid', nullable: true }) claimantUserId: string | null;
  /** The claimant's SMS-verified phone at the time of the claim (evidence), encrypted. */
  @Column({ name: 'claimant_phone_enc', type: 'text', nullable: true }) claimantPhoneEnc: string | null;
  @Column({ name: 'claimant_phone_hash', type: 'char', length: 64, nullable: true }) claimantPhoneHash: string | null;
  /** Was the profile linked to another account when the claim was made? */
  @Column({ name: 'profile_was_linked' }) profileWasLinked: boolean;
  @Column({ type: 'text' }) status: IdentityClaimStatus;
  @Column({ type: 'text', nullable: true }) method: IdentityClaimMethod | null;
  /** The account unlinked by the approval, if any. */
  @Column({ name: 'previous_user_id', type: 'uuid', nullable: true }) previousUserId: string | null;
  @Column({ name: 'decided_by', type: 'uuid', nullable: true }) decidedBy: string | null;
  @Column({ name: 'decided_by_role', type: 'text', nullable: true }) decidedByRole: string | null;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ name: 'decision_note', type: 'text', nullable: true }) decisionNote: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
