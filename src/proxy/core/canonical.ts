// The immutable files of a canonical version (.info, .mod, .zip): verified from the store once
// per process, or fetched, checked and stored, single-flight per path.
import type { Journal } from './journal.js'
import type { Logger } from '../log.js'
import { canonicalStorePath } from '../module/modpath.js'
import { SingleFlight } from './singleflight.js'
import { inodeOf } from '../store/stamps.js'
import type { Store, StoreEntry } from '../store/store.js'
import { fetchInto, storeOnly, type FetchDeps } from './fetch.js'
import type { Ensured } from './ensured.js'
import { MAX_BYTES, type FileKind, type Verifier } from './verify.js'

/** What CanonicalFiles works with; `flights` may be shared with the mutable answers. */
export interface CanonicalDeps extends FetchDeps {
  store: Store
  verifier: Verifier
  journal: Journal
  log: Logger
  offline: boolean
  noProxy?: string
  flights: SingleFlight<Ensured>
  now: () => number
  onFetch?: (outcome: 'fetched' | 'error' | 'refused') => void
}

/** Why a file was asked for: a go command's request, or the proxy's own prefetch. */
export type Reason = 'request' | 'prefetch'

/** A canonical version's .info/.mod/.zip, each verified before it is served. */
export class CanonicalFiles {
  /**
   * Store paths verified by this process (or written by it after verification), with the meta
   * (inode, size, mtime, ctime) they had then: a file changed since is checked again.
   */
  private readonly verified = new Map<string, string>()

  constructor(private readonly deps: CanonicalDeps) {}

  /** A canonical .info/.mod/.zip: from the store (verified once per process) or upstream. */
  async ensure(module: string, version: string, kind: FileKind, reason: Reason): Promise<Ensured> {
    const rel = canonicalStorePath(module, version, kind)
    // Fast path: a file this process verified, unchanged since, or one prefetch need not read.
    const seen = this.verified.get(rel)
    if (seen !== undefined || reason === 'prefetch') {
      const entry = await this.deps.store.stat(rel)
      if (entry && (entry.meta === seen || reason === 'prefetch')) {
        this.deps.log.debug(`store hit ${module}@${version}.${kind}`)
        return { kind: 'found', path: entry.path, size: entry.size, source: 'store' }
      }
      this.verified.delete(rel)
    }
    // Joining a fetch in flight (a request's or prefetch's) answers source 'upstream' too.
    const { value } = await this.deps.flights.run(rel, () =>
      this.verifyOrFetch(rel, module, version, kind, reason),
    )
    return value
  }

  /** Verifies a stored file now (joining work in flight); true when it was in the store. */
  async verifyStored(module: string, version: string, kind: FileKind): Promise<boolean> {
    const rel = canonicalStorePath(module, version, kind)
    const entry = await this.deps.store.stat(rel)
    if (!entry) return false
    if (this.verified.get(rel) === entry.meta) return true
    await this.deps.flights.run(rel, () => this.verifyOrFetch(rel, module, version, kind, 'prefetch'))
    return true
  }

  /** Verifies the store copy of a canonical file or fetches it. */
  private async verifyOrFetch(
    rel: string,
    module: string,
    version: string,
    kind: FileKind,
    reason: Reason,
  ): Promise<Ensured> {
    const at = `${module}@${version}.${kind}`
    const entry = await this.deps.store.stat(rel)
    if (entry) {
      const good = await this.useStored(entry, rel, module, version, kind)
      if (good) return good
    }
    const local = storeOnly(module, this.deps.offline, this.deps.noProxy)
    if (local !== undefined) {
      return { kind: 'notfound', status: 404, message: `not found: ${at} is not in the store (${local})` }
    }
    // After close() a background prefetch may still ask: answer at once, touch no upstream.
    if (this.deps.signal?.aborted)
      return { kind: 'error', status: 503, message: 'the proxy is shutting down' }
    return this.fetch(rel, module, version, kind, reason)
  }

  /** The stored copy when it verifies; else it is moved aside (with what described it). */
  private async useStored(
    entry: StoreEntry,
    rel: string,
    module: string,
    version: string,
    kind: FileKind,
  ): Promise<Ensured | undefined> {
    const bad =
      entry.size > MAX_BYTES[kind]
        ? `verification failed: ${module}@${version}: ${kind} larger than ${MAX_BYTES[kind]} bytes`
        : await this.deps.verifier.check(entry.path, module, version, kind)
    if (bad === undefined) {
      this.verified.set(rel, entry.meta)
      this.deps.log.debug(`store hit ${module}@${version}.${kind} (verified)`)
      return { kind: 'found', path: entry.path, size: entry.size, source: 'store' }
    }
    this.deps.journal.record({ event: 'refuse', module, version, file: kind, reason: bad })
    const aside = await this.deps.store.moveAside(rel)
    this.deps.log.warn(
      `store file refused, fetching again: ${bad} (moved aside to ${aside ?? 'nowhere: gone'})`,
    )
    // A hash or stamp beside a refused zip describes nothing we trust.
    if (kind === 'zip') await this.deps.verifier.forgetZip(rel)
    return undefined
  }

  /** Fetches a canonical file from upstream, verified before it enters the store. */
  private async fetch(
    rel: string,
    module: string,
    version: string,
    kind: FileKind,
    reason: Reason,
  ): Promise<Ensured> {
    const { deps } = this
    const at = `${module}@${version}.${kind}`
    const started = deps.now()
    let checked: { h1: string; inode: string } | undefined
    const outcome = await fetchInto(deps, rel, MAX_BYTES[kind], (tmp) =>
      deps.verifier.check(tmp, module, version, kind, (h1) => {
        checked = { h1, inode: inodeOf(tmp) }
      }),
    )
    if (outcome.kind === 'notfound') return outcome
    if (outcome.kind === 'error') {
      deps.onFetch?.('error')
      deps.log.warn(`upstream failed for ${at}: ${outcome.message}`)
      return { kind: 'error', status: 502, message: `upstream failed for ${at}: ${outcome.message}` }
    }
    if (outcome.value.refused) {
      const why = outcome.value.reason
      deps.onFetch?.('refused')
      deps.log.error(`refused ${at} from ${outcome.upstream}: ${why}`)
      deps.journal.record({ event: 'refuse', module, version, file: kind, reason: why })
      return { kind: 'error', status: 502, message: why }
    }
    const ms = deps.now() - started
    const { size, path: file, meta } = outcome.value
    // A copy outside the store (it could not be written) is served, never stamped.
    if (checked && !outcome.value.unstored) await deps.verifier.stamp(rel, file, checked.h1, checked.inode)
    this.verified.set(rel, meta)
    deps.onFetch?.('fetched')
    deps.log.info(`fetched ${at} from ${outcome.upstream} (${size} bytes, ${ms} ms, ${reason})`)
    deps.journal.record({ event: 'fetch', module, version, file: kind, reason, bytes: size, ms })
    return { kind: 'found', path: file, size, source: 'upstream' }
  }
}
