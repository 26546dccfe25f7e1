import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export type OrderClassKind = 'ORDER' | 'DIRECTED';

/** 订单班 / 定向委培班: a school trains a class for a sponsoring tenant, which promises to hire some of it. */
@Entity('order_classes')
export class OrderClassEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'school_id', type: 'uuid' }) schoolId: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId: string;
  @Column({ type: 'text' }) kind: OrderClassKind;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text' }) major: string;
  @Column({ type: 'int' }) quota: number;
  @Column({ name: 'promised_hires', type: 'int' }) promisedHires: number;
  @Column({ type: 'text' }) curriculum: string;
  @Column({ name: 'start_date', type: 'date' }) startDate: string;
  @Column({ name: 'end_date', type: 'date' }) endDate: string;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

@Entity('order_class_students')
export class OrderClassStudentEntity {
  @PrimaryColumn({ name: 'order_class_id', type: 'uuid' }) orderClassId: string;
  @PrimaryColumn({ name: 'seeker_id', type: 'uuid' }) seekerId: string;
  @Column({ name: 'added_by', type: 'uuid', nullable: true }) addedBy: string | null;
  @Column({ name: 'added_at', type: 'timestamptz' }) addedAt: Date;
}
