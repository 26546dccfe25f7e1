/**
 * Maps each event of a pub/sub iterator to a value computed for one subscriber (their own view), and skips events
 * that map to undefined. `return()` goes straight to the source, so an unsubscribing client releases the Redis
 * subscription at once (an async generator would wait for the next event first).
 */
export function mapEvents<T, R>(source: AsyncIterableIterator<T>, map: (event: T) => Promise<R | undefined>): AsyncIterableIterator<R> {
  const it: AsyncIterableIterator<R> = {
    async next(): Promise<IteratorResult<R>> {
      for (;;) {
        const r = await source.next();
        if (r.done) return { done: true, value: undefined };
        const value = await map(r.value);
        if (value !== undefined) return { done: false, value };
      }
    },
    async return(): Promise<IteratorResult<R>> {
      await source.return?.();
      return { done: true, value: undefined };
    },
    async throw(e?: unknown): Promise<IteratorResult<R>> {
      await source.return?.();
      throw e;
    },
    [Symbol.asyncIterator]() {
      return it;
    },
  };
  return it;
}
