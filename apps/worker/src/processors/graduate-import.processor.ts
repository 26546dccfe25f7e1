import {
  GRADUATE_IMPORT_QUEUE,
  GraduateImportJob,
  GraduateImportRunner,
  GraduateImportService,
  ImportGraduateListCommand,
  ImportGraduateListUseCase,
} from '@app/schools';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { InjectQueue } from '@nestjs/bullmq';

const SWEEP_JOB = 'graduate-import.sweep';

/**
 * Graduate-list imports, one file per job (jobId = import id). Concurrency 2:
 * each job streams its file with one batch in flight, so a few run side by side
 * without one school's big list blocking another's.
 */
@Processor(GRADUATE_IMPORT_QUEUE, { concurrency: 2 })
export class GraduateImportProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(GraduateImportProcessor.name);

  constructor(
    private readonly importList: ImportGraduateListUseCase,
    private readonly runner: GraduateImportRunner,
    private readonly imports: GraduateImportService,
    @InjectQueue(GRADUATE_IMPORT_QUEUE) private readonly queue: Queue,
  ) {
    super();
  }

  /** A sweep every minute re-queues imports left QUEUED/PROCESSING (lost enqueue, crashed worker); jobId = import id keeps it idempotent. */
  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler('graduate-import-sweep', { every: 60_000 }, { name: SWEEP_JOB, opts: { removeOnComplete: true, removeOnFail: 100 } });
    await this.sweep();
  }

  async process(job: Job<GraduateImportJob>): Promise<string | number> {
    if (job.name === SWEEP_JOB) return this.sweep();
    return (await this.importList.execute(ImportGraduateListCommand.create({ importId: job.data.importId }))).outcome;
  }

  /**
   * Re-queues every unfinished import. A job that already ended in BullMQ (failed after a worker died
   * twice holding it: "stalled more than allowable limit") would block the re-add under the same jobId and
   * leave the import PROCESSING for ever, so it is removed first; the runner's crash counter then decides
   * whether the import runs again or is marked FAILED (MAX_IMPORT_CRASHES).
   */
  async sweep(): Promise<number> {
    const ids = await this.runner.unfinishedImportIds();
    let queued = 0;
    for (const id of ids) {
      try {
        const job = await this.queue.getJob(id);
        if (job) {
          const state = await job.getState();
          if (state !== 'failed' && state !== 'completed') continue; // waiting, delayed or active: it will run
          await job.remove();
        }
        await this.imports.enqueue(id);
        queued++;
      } catch (e) {
        this.logger.warn(`re-queue ${id} failed: ${(e as Error).message}`);
      }
    }
    return queued;
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job<GraduateImportJob> | undefined, error: Error): Promise<void> {
    if (!job || job.name === SWEEP_JOB) return;
    this.logger.warn(`graduate import ${job.data.importId} attempt ${job.attemptsMade} failed: ${error.message}`);
    if (job.attemptsMade >= (job.opts.attempts ?? 1)) {
      await this.runner.fail(
        { id: job.data.importId },
        {
          code: 'PROCESSING_FAILED',
          messageZh: '导入处理失败，已导入的行已保存；请稍后重新上传',
          messageEn: 'Processing failed; rows already imported are kept. Upload the file again later',
        },
      );
    }
  }
}
