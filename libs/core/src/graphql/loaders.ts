import DataLoader from 'dataloader';

/**
 * Per-request DataLoaders (no N+1): resolvers ask for a loader by name and
 * give the batch function; it is made once per request and reused.
 */
export class Loaders {
  private readonly map = new Map<string, DataLoader<string, unknown>>();

  get<V>(name: string, batch: (ids: readonly string[]) => Promise<Map<string, V>>): DataLoader<string, V | null> {
    let loader = this.map.get(name) as DataLoader<string, V | null> | undefined;
    if (!loader) {
      loader = new DataLoader<string, V | null>(
        async (ids) => {
          const found = await batch(ids);
          return ids.map((id) => found.get(id) ?? null);
        },
        { maxBatchSize: 500 },
      );
      this.map.set(name, loader as DataLoader<string, unknown>);
    }
    return loader;
  }
}

export interface GqlContext {
  req: { headers: Record<string, string | undefined>; ip?: string; actor?: import('../auth/roles').Actor };
  loaders: Loaders;
}

export function byId<T extends { id: string }>(rows: T[]): Map<string, T> {
  return new Map(rows.map((r) => [r.id, r]));
}
