import { BaseCommand } from '@app/core';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

/** Import one accepted graduate list (a QUEUED graduate_imports row with its stored file) into the talent pool. */
export class ImportGraduateListCommand extends BaseCommand {
  @IsUUID() importId: string;
  /** Rows per batch transaction (default IMPORT_BATCH_ROWS); tests use small batches to see checkpoints. */
  @IsOptional() @IsInt() @Min(1) @Max(10_000) batchRows?: number;
}
