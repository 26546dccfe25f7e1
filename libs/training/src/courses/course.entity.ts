import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { TrainingClassType } from '../classes/class-type';

/** Course catalogue; the plan's courses are seeded by the migration (fromPlan). */
@Entity('training_courses')
export class CourseEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() name: string;
  @Column({ type: 'text', nullable: true }) audience: TrainingClassType | null;
  @Column({ type: 'text', nullable: true }) module: string | null;
  @Column({ name: 'from_plan' }) fromPlan: boolean;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
}
