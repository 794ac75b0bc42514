// Fetching from upstream into the store through a temp file, and when upstream may be asked.
import type { Readable } from 'node:stream'
import { matchPrefixPatterns } from '../module/globs.js'
import { bodyToFile, type Store } from '../store/store.js'
import type { Upstream } from '../upstream/upstream.js'

/** Thrown inside a store write to drop the temp file when the content is refused. */
class Refused extends Error {}

/** The answer of a fetch into the store: stored, or refused (with nothing stored). */
export type Stored =
  { refused: false; size: number; path: string; meta: string } | { refused: true; reason: string }

/** What a fetch into the store needs; `signal` cancels it when the proxy closes. */
export interface FetchDeps {
  store: Store
  upstream: Upstream
  signal?: AbortSignal
}

/**
 * Fetches `rel` from upstream through a store temp file; `check` runs on the temp file before
 * the rename, so refused content is never in the store, not even for a moment.
 */
export function fetchInto(
  deps: FetchDeps,
  rel: string,
  maxBytes: number,
  check: (tmp: string) => Promise<string | undefined>,
) {
  return deps.upstream.get<Stored>(
    rel,
    async (body: Readable) => {
      try {
        const entry = await deps.store.write(rel, async (tmp) => {
          await bodyToFile(body, tmp)
          const bad = await check(tmp)
          if (bad !== undefined) throw new Refused(bad)
        })
        return { refused: false, size: entry.size, path: entry.path, meta: entry.meta }
      } catch (err) {
        if (err instanceof Refused) return { refused: true, reason: err.message }
        throw err
      }
    },
    { maxBytes, signal: deps.signal },
  )
}

/** Why a module is answered from the store alone, or undefined when upstream may be asked. */
export function storeOnly(module: string, offline: boolean, noProxy: string | undefined): string | undefined {
  if (offline) return 'offline'
  if (noProxy && matchPrefixPatterns(noProxy, module))
    return 'it matches --noproxy (GONOPROXY): the go command fetches it direct'
  return undefined
}
