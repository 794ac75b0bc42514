// Fetching from upstream into the store through a temp file, and when upstream may be asked.
import type { Readable } from 'node:stream'
import { matchPrefixPatterns } from '../module/globs.js'
import { bodyToFile, type Store, type StoreEntry } from '../store/store.js'
import { isUnwritable, type Spill } from './spill.js'
import type { Upstream } from '../upstream/upstream.js'

/** Thrown inside a store write to drop the temp file when the content is refused. */
class Refused extends Error {}

/**
 * The answer of a fetch into the store: stored, or refused (with nothing stored). `unstored`: the
 * store could not take it (full, read-only), so `path` is a verified copy outside it.
 */
export type Stored =
  | { refused: false; size: number; path: string; meta: string; unstored?: true }
  | { refused: true; reason: string }

/** What a fetch into the store needs; `signal` cancels it when the proxy closes. */
export interface FetchDeps {
  store: Store
  upstream: Upstream
  signal?: AbortSignal
  /** Where a fetched file goes when the store cannot be written; without it that is an error. */
  spill?: Spill
}

type Writer = (fill: (tmp: string) => Promise<void>) => Promise<StoreEntry>

/**
 * Fetches `rel` from upstream through a store temp file; `check` runs on the temp file before
 * the rename, so refused content is never in the store, not even for a moment. A store that
 * cannot be written (full, read-only) does not fail the fetch: it is fetched again into the spill.
 */
export async function fetchInto(
  deps: FetchDeps,
  rel: string,
  maxBytes: number,
  check: (tmp: string) => Promise<string | undefined>,
) {
  const failed: { err?: NodeJS.ErrnoException } = {}
  const outcome = await getInto(deps, rel, maxBytes, check, (fill) => deps.store.write(rel, fill), failed)
  if (outcome.kind !== 'error' || failed.err === undefined || deps.spill === undefined) return outcome
  const spill = deps.spill
  // A full disk may fail mid-body: the body is gone, so it is asked again.
  const again = await getInto(deps, rel, maxBytes, check, (fill) => spill.write(rel, fill), {})
  if (again.kind === 'found' && !again.value.refused) {
    spill.note(failed.err, rel)
    return { ...again, value: { ...again.value, unstored: true as const } }
  }
  return again
}

/** One upstream get whose body `write` places; an unwritable-store error is kept in `failed`. */
function getInto(
  deps: FetchDeps,
  rel: string,
  maxBytes: number,
  check: (tmp: string) => Promise<string | undefined>,
  write: Writer,
  failed: { err?: NodeJS.ErrnoException },
) {
  return deps.upstream.get<Stored>(
    rel,
    async (body: Readable) => {
      try {
        const entry = await write(async (tmp) => {
          await bodyToFile(body, tmp)
          const bad = await check(tmp)
          if (bad !== undefined) throw new Refused(bad)
        })
        return { refused: false, size: entry.size, path: entry.path, meta: entry.meta }
      } catch (err) {
        if (err instanceof Refused) return { refused: true, reason: err.message }
        if (isUnwritable(err)) failed.err = err
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
