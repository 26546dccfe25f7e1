const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `id` is a UUID (any version) — GraphQL `ID` args are not checked by the validation pipe. */
export function isUuid(id: unknown): id is string {
  return typeof id === 'string' && UUID.test(id);
}

/** A malformed id is simply "not found": throws `notFound()` unless `id` is a UUID. */
export function assertUuid(id: unknown, notFound: () => Error): asserts id is string {
  if (!isUuid(id)) throw notFound();
}
