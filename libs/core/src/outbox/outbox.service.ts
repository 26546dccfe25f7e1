import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { DEFAULT_JOB_OPTIONS, OUTBOX_ROUTES, QueueName } from '../queue/queue-names';
import { OutboxEventEntity, OutboxJob } from './outbox.entity';

/**
 * Transactional outbox: events are written in the same transaction as the
 * change they describe; the relay moves them to BullMQ queues with a job id
 * made from the row (OUTBOX_JOB_ID_SQL), so a relay that crashes and runs
 * again never enqueues an event twice.
 */
/**
 * The BullMQ job id of an outbox row: "evt-<id>-<created_at in µs>". The id alone
 * is not enough: BullMQ keeps finished jobs for a day, and a database restored
 * from a backup or created again reuses ids — their events would be dropped
 * as duplicates. The row's creation instant makes the id unique for good.
 */
export const OUTBOX_JOB_ID_SQL = `'evt-' || id || '-' || (extract(epoch FROM created_at) * 1000000)::bigint`;

@Injectable()
export class OutboxService {
  private readonly logger = new Logger(OutboxService.name);
  constructor(
    private readonly dataSource: DataSource,
    @InjectQueue(QueueName.OUTBOX) private readonly outboxQueue: Queue,
  ) {}

  /** Record an event inside the caller's transaction. */
  async record(manager: EntityManager, topic: string, aggregateId: string, payload: Record<string, unknown> = {}): Promise<void> {
    await manager.insert(OutboxEventEntity, { topic, aggregateId, payload: payload as object });
  }

  /** Record many events inside the caller's transaction with one multi-row INSERT (a fan-out of thousands of notifications). */
  async recordMany(manager: EntityManager, events: Array<{ topic: string; aggregateId: string; payload?: Record<string, unknown> }>): Promise<void> {
    for (let i = 0; i < events.length; i += 1000) {
      const chunk = events.slice(i, i + 1000).map((e) => ({ topic: e.topic, aggregateId: e.aggregateId, payload: (e.payload ?? {}) as object }));
      if (chunk.length) await manager.insert(OutboxEventEntity, chunk);
    }
  }

  /** Ask the worker to relay now (after commit). A periodic sweep catches anything missed. */
  async kick(): Promise<void> {
    await this.outboxQueue.add('relay', {}, { removeOnComplete: true, removeOnFail: 100 }).catch((e) => this.logger.warn(`outbox kick failed: ${e.message}`));
  }

  /**
   * Relay one batch of pending events. `queueFor` resolves a queue by name.
   * `afterEnqueue` is a test hook to simulate a crash between enqueue and commit.
   */
  async relayBatch(queueFor: (name: QueueName) => Queue, limit = 200, afterEnqueue?: (n: number) => void): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const rows: Array<{ id: string; job_id: string; topic: string; aggregate_id: string; payload: Record<string, unknown> }> = await m.query(
        `SELECT id, ${OUTBOX_JOB_ID_SQL} AS job_id, topic, aggregate_id, payload FROM outbox_events
          WHERE relayed_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit],
      );
      let n = 0;
      for (const r of rows) {
        for (const route of OUTBOX_ROUTES.filter((x) => r.topic.startsWith(x.prefix))) {
          const job: OutboxJob = { eventId: String(r.id), topic: r.topic, aggregateId: r.aggregate_id, payload: r.payload };
          await queueFor(route.queue).add(r.topic, job, { ...DEFAULT_JOB_OPTIONS, jobId: r.job_id });
        }
        n++;
        afterEnqueue?.(n);
      }
      if (rows.length) {
        await m.query(`UPDATE outbox_events SET relayed_at = now() WHERE id = ANY($1::bigint[])`, [rows.map((r) => r.id)]);
      }
      return rows.length;
    });
  }
}
