import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('notifications')
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId: string;
  @Column({ name: 'event_id', type: 'bigint' }) eventId: string;
  @Column() kind: string;
  @Column() title: string;
  @Column() body: string;
  @Column({ name: 'sms_sent_at', type: 'timestamptz', nullable: true }) smsSentAt: Date | null;
  @Column({ name: 'read_at', type: 'timestamptz', nullable: true }) readAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

/** Payload of a `notify.*` outbox event. */
export interface NotifyPayload {
  userId: string;
  kind: string;
  title: string;
  body: string;
  sms?: boolean;
}
