import { AppConfig } from '@app/core';
import { EmployersModule } from '@app/employers';
import { TalentModule } from '@app/talent';
import { TrainingModule } from '@app/training';
import { Logger, Module, OnModuleInit } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CandidateIndex, JobIndex } from './index/candidate-index';
import { MeiliCandidateIndex } from './index/meili-candidate-index';
import { PgCandidateIndex } from './index/pg-candidate-index';
import { PgJobIndex } from './index/pg-job-index';
import { CandidateIndexer } from './indexer/candidate-indexer.service';
import { MatchResolver, JobMatchResolver } from './matching/match.resolver';
import { MatchService } from './matching/match.service';

/** The engine is chosen by config.search.engine: PostgreSQL (default) or Meilisearch (MEILI_URL set). */
export function candidateIndexFor(config: AppConfig, ds: DataSource): CandidateIndex {
  const base = { lat: config.app.baseLat, lng: config.app.baseLng };
  if (config.search.engine === 'meilisearch') {
    if (!config.search.meiliUrl) throw new Error('search.engine=meilisearch needs MEILI_URL');
    return new MeiliCandidateIndex(config.search.meiliUrl, config.search.meiliKey, base, `${config.redis.queuePrefix}_candidates`);
  }
  return new PgCandidateIndex(ds, base);
}

@Module({
  imports: [TalentModule, EmployersModule, TrainingModule],
  providers: [
    { provide: CandidateIndex, inject: [AppConfig, getDataSourceToken()], useFactory: candidateIndexFor },
    { provide: JobIndex, inject: [getDataSourceToken()], useFactory: (ds: DataSource) => new PgJobIndex(ds) },
    CandidateIndexer,
    MatchService,
  ],
  exports: [CandidateIndex, JobIndex, CandidateIndexer, MatchService],
})
export class MatchingModule implements OnModuleInit {
  private readonly logger = new Logger(MatchingModule.name);
  constructor(private readonly index: CandidateIndex) {}

  /** Applies engine settings at start-up; an unreachable Meilisearch is reported, not fatal (retried on use). */
  async onModuleInit(): Promise<void> {
    await this.index.ensureReady().catch((e) => this.logger.warn(`candidate index not ready: ${e.message}`));
  }
}

@Module({ imports: [MatchingModule, EmployersModule], providers: [MatchResolver, JobMatchResolver] })
export class MatchingApiModule {}
