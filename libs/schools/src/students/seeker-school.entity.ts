import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A person's record at one school (学籍): created by graduate-list imports. Table from the Spine migration. */
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
}
