/**
 * Full reindex and consistency check of the candidate index (engine from config).
 *
 *   npx ts-node -r tsconfig-paths/register libs/matching/src/cli/reindex.ts            # rebuild
 *   npx ts-node -r tsconfig-paths/register libs/matching/src/cli/reindex.ts --check    # counts + sample diff
 *   npx ts-node -r tsconfig-paths/register libs/matching/src/cli/reindex.ts --check --repair [--sample 500]
 *
 * Suggested package.json scripts: "matching:reindex" and "matching:check" (the two first lines).
 * Exit code 1 when the check finds differences.
 */
import 'reflect-metadata';
import { CoreModule } from '@app/core';
import { Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CandidateIndexer } from '../indexer/candidate-indexer.service';
import { MatchingModule } from '../matching.module';

@Module({ imports: [CoreModule, MatchingModule] })
class MatchingCliModule {}

async function main(argv: string[]): Promise<number> {
  const logger = new Logger('matching-cli');
  const app = await NestFactory.createApplicationContext(MatchingCliModule, { logger: ['log', 'warn', 'error'] });
  try {
    const indexer = app.get(CandidateIndexer);
    if (argv.includes('--check')) {
      const i = argv.indexOf('--sample');
      const sample = i >= 0 ? Number(argv[i + 1]) : 200;
      const r = await indexer.checkConsistency(sample, argv.includes('--repair'));
      logger.log(`consistency: ${JSON.stringify(r, null, 2)}`);
      return r.ok ? 0 : 1;
    }
    await indexer.reindexAll({ onBatch: (r) => logger.log(`… ${r.scanned} seekers, ${r.upserted} indexed, ${r.removed} removed, ${r.ms} ms`) });
    return 0;
  } finally {
    await app.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    new Logger('matching-cli').error(e?.message ?? e, e?.stack);
    process.exit(2);
  },
);
