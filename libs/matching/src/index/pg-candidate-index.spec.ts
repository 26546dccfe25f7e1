import 'reflect-metadata';
import { dataSourceOptions, loadConfig } from '@app/core';
import { DataSource } from 'typeorm';
import { candidateIndexContract, CONTRACT_BASE } from './candidate-index.contract';
import { PgCandidateIndex } from './pg-candidate-index';

// Each run gets its own copy of candidate_documents (same columns and indexes), so other suites' documents do not mix in.
const pgContract = (label: string, tuning?: ConstructorParameters<typeof PgCandidateIndex>[3]) =>
  candidateIndexContract(label as 'postgres', async () => {
    const ds = await new DataSource(dataSourceOptions(loadConfig())).initialize();
    const table = `contract_docs_${process.pid}_${Math.floor(Math.random() * 1e6)}`;
    await ds.query(`CREATE TABLE ${table} (LIKE candidate_documents INCLUDING ALL)`);
    return {
      index: new PgCandidateIndex(ds, CONTRACT_BASE, table, tuning),
      cleanup: async () => {
        await ds.query(`DROP TABLE IF EXISTS ${table}`);
        await ds.destroy();
      },
    };
  });

pgContract('postgres');
// Text searches by walking the score index (what frequent text does at scale), with a budget that
// always suffices and with one that never does (the hand-over to the plain statement).
pgContract('postgres (score-index walk)', { walkMinTextFrequency: 0, walkBudget: 1_000_000 });
pgContract('postgres (walk hand-over)', { walkMinTextFrequency: 0, walkBudget: 2 });
