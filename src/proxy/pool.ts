/**
 * Runs `fn` on every item, at most `limit` at a time, taking items in order; resolves when all
 * are done and rejects with the first failure (callers that must not stop catch inside `fn`).
 */
export async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++] as T)
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker))
}
