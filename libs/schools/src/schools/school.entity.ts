import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('schools')
export class SchoolEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() name: string;
  @Column() kind: string;
  @Column({ name: 'region_code', type: 'char', length: 6, nullable: true }) regionCode: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
}
