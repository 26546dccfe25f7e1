/**
 * Runs before each test file: its own BullMQ/Redis key prefix, so the worker
 * started by one file never takes jobs from another file running in parallel.
 */
process.env.QUEUE_PREFIX = `${process.env.QUEUE_PREFIX ?? 'tctest'}-${Math.random().toString(36).slice(2, 8)}`;
