import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { GraduateImportEntity, GraduateImportStatus } from '../../graduate-imports/graduate-import.entity';
import { GraduateImportRunner, RunOutcome } from '../../graduate-imports/graduate-import.runner';
import { ImportGraduateListCommand } from './import-graduate-list.command';

export interface ImportGraduateListResult {
  /** What this call did: DONE / FAILED, or SKIPPED when the import is unknown, finished, or held by another run. */
  outcome: RunOutcome;
  /** The import as it stands afterwards (null when there is no such import). */
  status: GraduateImportStatus | null;
  rowsProcessed: number;
  /** Rows that reached the pool: new profiles, updated school records, unchanged ones. */
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  warnings: number;
  errorCode: string | null;
}

/**
 * "Import a list" — the worker's side of a graduate-list upload, across the
 * import record (claim, checkpoint, counters, FAILED with a reason), the
 * stored upload, the file reader and row validator (../imports), the talent
 * pool (GraduatePoolWriter: new profiles or PENDING links, never annexing a
 * person) and the outbox. The accepted upload (GraduateImportService.accept)
 * queues the job; GraduateImportProcessor calls this with the job's import id.
 *
 * Safe to call again for the same import: a finished import is SKIPPED, a
 * crashed one resumes after its checkpoint, a run that crashed
 * MAX_IMPORT_CRASHES times is marked FAILED.
 */
@Injectable()
export class ImportGraduateListUseCase {
  constructor(
    private readonly runner: GraduateImportRunner,
    @InjectRepository(GraduateImportEntity) private readonly imports: Repository<GraduateImportEntity>,
  ) {}

  async execute(command: ImportGraduateListCommand): Promise<ImportGraduateListResult> {
    const outcome = await this.runner.run(command.importId, { batchRows: command.batchRows });
    const imp = await this.imports.findOne({ where: { id: command.importId } });
    return {
      outcome,
      status: imp?.status ?? null,
      rowsProcessed: imp?.rowsProcessed ?? 0,
      created: imp?.createdCount ?? 0,
      updated: imp?.updatedCount ?? 0,
      unchanged: imp?.unchangedCount ?? 0,
      rejected: imp?.rejectedCount ?? 0,
      warnings: imp?.warningCount ?? 0,
      errorCode: imp?.errorCode ?? null,
    };
  }
}
