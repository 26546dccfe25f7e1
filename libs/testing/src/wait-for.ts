/**
 * Polls `fn` until it returns a truthy value (which is returned), or fails after `ms` milliseconds
 * of real time. For effects that happen in another process (the worker, BullMQ, Meilisearch).
 */
export async function waitFor<T>(fn: () => Promise<T | null | undefined | false>, ms = 15_000, intervalMs = 100): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting (${ms} ms)`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
