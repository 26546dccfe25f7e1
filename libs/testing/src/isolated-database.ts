import { createMigratedDatabase, dropDatabase } from './test-database';

/**
 * A database of this test file's own, for tests that must see every row of a
 * shared table (the outbox): other test files' workers relay whatever is
 * pending in the run's database. Call before createTestApi(); it points
 * DATABASE_URL at the new database and returns a function that drops it.
 */
export async function useIsolatedDatabase(): Promise<() => Promise<void>> {
  const name = `${process.env.TEST_DATABASE_NAME ?? 'talent_test'}_iso_${process.pid}_${Math.floor(Math.random() * 1e6)}`;
  const url = await createMigratedDatabase(name);
  const previous = process.env.DATABASE_URL;
  process.env.DATABASE_URL = url;
  return async () => {
    process.env.DATABASE_URL = previous;
    await dropDatabase(name);
  };
}
