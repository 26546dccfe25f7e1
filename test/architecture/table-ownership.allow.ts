/**
 * The ONE allow-list of (lib, table) pairs where a lib names a table another lib owns (docs/CONTEXTS.md; issue 9 §1).
 * Each entry says why. table-ownership.spec.ts fails on any pair not listed here, and on a listed pair that no longer
 * occurs (so the list only shrinks with the code). Before issue 9: 28 pairs; after: the ones below.
 */
export interface AllowedPair {
  lib: string;
  table: string;
  reason: string;
}

export const ALLOWED_TABLE_PAIRS: readonly AllowedPair[] = [
  // matching is a read model: it builds and checks its search documents from the facts of the contexts upstream of it
  // (it imports talent, employers and training and no one imports matching). Rebuilding an index of ~100k people one
  // service call at a time would turn one keyset-paged SQL scan into N round trips.
  {
    lib: 'matching',
    table: 'seekers',
    reason: 'candidate-indexer builds and checks search documents from the pool in keyset-paged bulk scans (read model build)',
  },
  {
    lib: 'matching',
    table: 'job_postings',
    reason: 'pg-job-index ranks open postings for a seeker (jobsForMe) in one SQL with the posting filters (read model)',
  },
  {
    lib: 'matching',
    table: 'applications',
    reason: 'pg-job-index and match.service leave out postings/people already applied, in the ranking SQL (read model)',
  },
  { lib: 'matching', table: 'hires', reason: 'match.service leaves out people already hired at the tenant, in the ranking SQL (read model)' },
  {
    lib: 'matching',
    table: 'outbox_events',
    reason: "candidate-indexer's reindex catches up on seeker.* events written while it scanned (reads core's event log, never writes)",
  },
  // schools' graduate-list import writes pool profiles in bulk inside the import's transaction.
  {
    lib: 'schools',
    table: 'seekers',
    reason:
      'graduate-pool.writer creates/fills profiles of a whole list in set-based SQL under row locks in the import transaction; talent has no bulk-write port yet (follow-up: a talent PoolProfileWriter)',
  },
  {
    lib: 'schools',
    table: 'outbox_events',
    reason:
      'graduate-pool.writer records one seeker.changed / link-request event per person as a bulk INSERT in the same transaction (bulk form of OutboxService.record, which core lacks)',
  },
];
