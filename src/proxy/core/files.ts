// The proxy's core, HTTP-free: canonical files (canonical.ts), mutable answers (mutable.ts) and
// verification (verify.ts), put together over one store and one upstream.
import type { GoSums } from '../module/gosum.js'
import type { Journal } from './journal.js'
import type { Logger } from '../log.js'
import { CanonicalFiles } from './canonical.js'
import { MutableAnswers } from './mutable.js'
import { SingleFlight } from './singleflight.js'
import type { Spill } from './spill.js'
import type { Stamps } from '../store/stamps.js'
import type { Store } from '../store/store.js'
import type { Upstream } from '../upstream/upstream.js'
import { Verifier, type Checksums, type FileKind } from './verify.js'
import type { checkZip } from '../zip/zipcheck.js'

export { DEFAULT_VERIFY_CONCURRENCY, MAX_BYTES, infoVersion } from './verify.js'

import type { Ensured } from './ensured.js'
export type { Ensured }

/** The proxy's core, HTTP-free: every answer is a verified file in the store. */
export interface ModuleFiles {
  /** A canonical .info/.mod/.zip: from the store (verified once per process) or upstream. */
  ensure(module: string, version: string, kind: FileKind, reason: 'request' | 'prefetch'): Promise<Ensured>
  /**
   * Verifies a stored canonical file now (joining a check or fetch in flight) without serving
   * it; true when the file was in the store. A bad copy is moved aside and fetched again.
   */
  verifyStored?(module: string, version: string, kind: FileKind): Promise<boolean>
  /** `@v/list`: mutable, with a TTL, served stale when upstream fails. */
  list(module: string): Promise<Ensured>
  /** `@latest`: mutable, like list. */
  latest(module: string): Promise<Ensured>
  /** `.info` for a non-canonical query (branch, commit, `latest`): mutable, like list. */
  query(module: string, query: string): Promise<Ensured>
}

/** Everything ModuleFiles works with; `now` is injectable so TTL tests need no sleeping. */
export interface FilesDeps {
  store: Store
  upstream: Upstream
  sums: GoSums
  journal: Journal
  log: Logger
  offline: boolean
  /** GONOPROXY globs: these modules are answered from the store alone, as if offline. */
  noProxy?: string
  mutableTtlMs: number
  /** Aborted when the proxy closes: cancels upstream fetches. */
  signal?: AbortSignal
  now?: () => number
  /** Hears every upstream fetch outcome (for metrics). */
  onFetch?: (outcome: 'fetched' | 'error' | 'refused') => void
  /** Zip verifications (inflate + hash, CPU and memory bound) running at once; default 2. */
  verifyConcurrency?: number
  /** The zip check; injectable so tests can watch how many run at once. */
  checkZip?: typeof checkZip
  /** Records of zips checked in full before, so a later process need not inflate them again. */
  stamps?: Stamps
  /** Where fetched files go when the store cannot be written (full, read-only). */
  spill?: Spill
  /** The checksum database: fetched .mod and .zip files go.sum does not list are held to it. */
  checksums?: Checksums
}

/** Creates the proxy's ModuleFiles over a store and an upstream. */
export function createModuleFiles(deps: FilesDeps): ModuleFiles {
  const shared = { ...deps, now: deps.now ?? Date.now, flights: new SingleFlight<Ensured>() }
  const verifier = new Verifier({
    store: deps.store,
    sums: deps.sums,
    log: deps.log,
    stamps: deps.stamps,
    concurrency: deps.verifyConcurrency,
    checkZip: deps.checkZip,
    checksums: deps.checksums,
  })
  const canonical = new CanonicalFiles({ ...shared, verifier })
  const mutable = new MutableAnswers(shared)
  return {
    ensure: (module, version, kind, reason) => canonical.ensure(module, version, kind, reason),
    verifyStored: (module, version, kind) => canonical.verifyStored(module, version, kind),
    list: (module) => mutable.list(module),
    latest: (module) => mutable.latest(module),
    query: (module, query) => mutable.query(module, query),
  }
}
