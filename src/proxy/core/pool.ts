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

/** forEachLimited that keeps each item's result, in the items' order whatever the timing. */
export async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length)
  const indexes = items.map((_, i) => i)
  await forEachLimited(indexes, limit, async (i) => {
    results[i] = await fn(items[i] as T)
  })
  return results
}

/** At most `limit` tasks run at once; the others wait in arrival order. */
export class Semaphore {
  private active = 0
  private readonly waiting: Array<() => void> = []

  constructor(readonly limit: number) {}

  /** Runs `fn` once a slot is free, and frees the slot when it settles. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active < this.limit) this.active++
    else await new Promise<void>((resolve) => this.waiting.push(resolve))
    try {
      return await fn()
    } finally {
      // Hand the slot straight to the next waiter, so a newcomer cannot jump the queue.
      const next = this.waiting.shift()
      if (next) next()
      else this.active--
    }
  }
}
