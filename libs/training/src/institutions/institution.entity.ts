import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type InstitutionKind = 'BASE_CENTRE' | 'EXTERNAL';

/** The base's own talent service centre 人才服务中心, or an external training institution 培训机构. */
@Entity('training_institutions')
export class InstitutionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() name: string;
  @Column({ type: 'text' }) kind: InstitutionKind;
  @Column({ name: 'region_code', type: 'char', length: 6, nullable: true }) regionCode: string | null;
  @Column({ name: 'contact_name', type: 'text', nullable: true }) contactName: string | null;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
}
