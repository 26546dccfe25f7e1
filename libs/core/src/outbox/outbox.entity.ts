import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('outbox_events')
export class OutboxEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column() topic: string;
  @Column({ name: 'aggregate_id', type: 'uuid' }) aggregateId: string;
  @Column({ type: 'jsonb' }) payload: Record<string, unknown>;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'relayed_at', type: 'timestamptz', nullable: true }) relayedAt: Date | null;
}

/** What a relayed outbox job carries. */
export interface OutboxJob<P = Record<string, unknown>> {
  eventId: string;
  topic: string;
  aggregateId: string;
  payload: P;
}
