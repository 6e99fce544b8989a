/**
 * Maps `items` through `fn` with at most `limit` calls in flight, answers in input order. The one
 * bound on upstream fan-out (issue 10): a 100-id batch must not open 100 parallel provider calls.
 * The limit comes from the provider's descriptor.
 */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return results;
}

/** A batch read's reference: the provider id, and the acting user where the provider needs one. */
interface Ref {
  providerId: string;
  organizer?: string;
}

/**
 * A batch read for providers with no batch endpoint (all three): each distinct ref read once,
 * at most `limit` in flight, answers aligned to `refs`, and a failed ref gets its own Error
 * entry so it never fails its neighbours (the DataLoader contract, src/loaders/).
 */
export async function readEach<T>(
  refs: readonly Ref[],
  limit: number,
  read: (ref: Ref) => Promise<T | null>,
): Promise<Array<T | null | Error>> {
  const settle = (ref: Ref) =>
    read(ref).catch((error: unknown) =>
      error instanceof Error ? error : new Error(String(error)),
    );
  // One ref (every `meeting(id)`): no dedup maps, no workers.
  if (refs.length === 1) return [await settle(refs[0]!)];
  const keyOf = (r: Ref) => `${r.providerId}\u0000${r.organizer ?? ''}`;
  const unique = [...new Map(refs.map((ref) => [keyOf(ref), ref])).values()];
  const answers = await mapWithConcurrency(unique, limit, settle);
  const byKey = new Map(unique.map((ref, i) => [keyOf(ref), answers[i]!]));
  return refs.map((ref) => byKey.get(keyOf(ref)) ?? null);
}
