/** One cache entry as the emulated service keeps it. */
export interface CacheEntry {
  id: number
  key: string
  version: string
  scope: string
  /** False while reserved (created, not finalized): invisible to restores. */
  finalized: boolean
  /** size_bytes as the client reported it at finalize. */
  sizeBytes?: number
  /** Bytes of the committed blob on disk. */
  blobBytes?: number
  createdAt: number
  finalizedAt?: number
  uploadSig: string
  downloadSig: string
}

/** Why a key is refused, in the words of @actions/cache's own checks; undefined when valid. */
export function checkKey(key: unknown): string | undefined {
  if (typeof key !== 'string' || key === '') return 'key is required'
  if (key.length > 512) return `key ${key.slice(0, 40)}... is longer than 512 characters`
  if (key.includes(',')) return `key ${key} contains a comma`
  return undefined
}

/**
 * The real service's restore order: for each readable scope in order (the run's own branch
 * first, then base and default branches), the exact primary key, then the primary key as a
 * prefix, then each restore key as a prefix; among prefix matches the newest wins. Only
 * finalized entries of the same version are visible.
 */
export function findEntry(
  entries: readonly CacheEntry[],
  query: { key: string; restoreKeys: string[]; version: string },
  readScopes: readonly string[],
): CacheEntry | undefined {
  for (const scope of readScopes) {
    const visible = entries.filter((e) => e.finalized && e.scope === scope && e.version === query.version)
    const exact = newest(visible.filter((e) => e.key === query.key))
    if (exact) return exact
    for (const prefix of [query.key, ...query.restoreKeys]) {
      const match = newest(visible.filter((e) => e.key.startsWith(prefix)))
      if (match) return match
    }
  }
  return undefined
}

function newest(entries: CacheEntry[]): CacheEntry | undefined {
  // finalizedAt ties (same millisecond) fall back to the id, which only grows.
  return entries.reduce<CacheEntry | undefined>((best, e) => {
    if (!best) return e
    const a = e.finalizedAt ?? 0
    const b = best.finalizedAt ?? 0
    return a > b || (a === b && e.id > best.id) ? e : best
  }, undefined)
}
