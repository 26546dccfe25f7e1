import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** PENDING: a school listed the person, who has not answered yet; CONFIRMED: the school may treat them as its student; DECLINED: the person said no. */
export type SchoolLinkStatus = 'PENDING' | 'CONFIRMED' | 'DECLINED';
/** How a link got decided: the list created the profile itself, the person answered, or it predates consent (migration). */
export type SchoolLinkDecidedVia = 'NEW_PROFILE' | 'SEEKER' | 'LEGACY';

/**
 * A person's record at one school (学籍): created by graduate-list imports. Table from the Spine migration;
 * status and who/when from SchoolLinkConsent. Only CONFIRMED links make someone the school's student.
 */
@Entity('seeker_schools')
export class SeekerSchoolEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'seeker_id', type: 'uuid' }) seekerId: string;
  @Column({ name: 'school_id', type: 'uuid' }) schoolId: string;
  @Column({ type: 'text', nullable: true }) major: string | null;
  @Column({ type: 'text', nullable: true }) education: string | null;
  @Column({ name: 'graduation_year', type: 'smallint', nullable: true }) graduationYear: number | null;
  @Column({ name: 'class_name', type: 'text', nullable: true }) className: string | null;
  @Column({ name: 'student_no', type: 'text', nullable: true }) studentNo: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
  @Column({ type: 'text', default: 'PENDING' }) status: SchoolLinkStatus;
  /** The school admin whose upload asked for the link. */
  @Column({ name: 'requested_by', type: 'uuid', nullable: true }) requestedBy: string | null;
  @Column({ name: 'import_id', type: 'uuid', nullable: true }) importId: string | null;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  /** The person's user id when they answered; null for NEW_PROFILE / LEGACY. */
  @Column({ name: 'decided_by', type: 'uuid', nullable: true }) decidedBy: string | null;
  @Column({ name: 'decided_via', type: 'text', nullable: true }) decidedVia: SchoolLinkDecidedVia | null;
}
