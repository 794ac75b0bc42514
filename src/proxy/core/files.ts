import { readFileSync } from 'node:fs'
import { readdir, readFile, utimes, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Readable } from 'node:stream'
import { hashMod } from '../zip/dirhash.js'
import type { GoSums } from '../module/gosum.js'
import type { Journal, JournalFile } from './journal.js'
import type { Logger } from '../log.js'
import { compareVersions, isCanonicalVersion, storePath, unescapeVersion } from '../module/modpath.js'
import { Semaphore } from './pool.js'
import { SingleFlight } from './singleflight.js'
import { inodeOf, type Stamps } from '../store/stamps.js'
import { bodyToFile, type Store } from '../store/store.js'
import type { Upstream } from '../upstream/upstream.js'
import { matchPrefixPatterns } from '../module/globs.js'
import { checkZip } from '../zip/zipcheck.js'

/** What ModuleFiles answers: a file in the store, a miss, or a failure (never for a miss). */
export type Ensured =
  | { kind: 'found'; path: string; size: number; source: 'store' | 'upstream' }
  | { kind: 'notfound'; status: 404 | 410; message: string }
  | { kind: 'error'; status: 502 | 503; message: string }

/** The proxy's core, HTTP-free: every answer is a verified file in the store. */
export interface ModuleFiles {
  /** A canonical .info/.mod/.zip: from the store (verified once per process) or upstream. */
  ensure(
    module: string,
    version: string,
    kind: 'info' | 'mod' | 'zip',
    reason: 'request' | 'prefetch',
  ): Promise<Ensured>
  /**
   * Verifies a stored canonical file now (joining a check or fetch in flight) without serving
   * it; true when the file was in the store. A bad copy is moved aside and fetched again.
   */
  verifyStored?(module: string, version: string, kind: 'info' | 'mod' | 'zip'): Promise<boolean>
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
}

/** Zip verifications at once by default: one per core of a typical CI runner. */
export const DEFAULT_VERIFY_CONCURRENCY = 2

const MiB = 1024 * 1024
/** Size caps per file kind (FACTS §1 zip limits; small JSON and text otherwise). */
export const MAX_BYTES = { zip: 500 * MiB, mod: 16 * MiB, info: MiB, list: MiB, latest: MiB } as const

/** A pseudo-version's tail (vX.Y.Z-[pre.]yyyymmddhhmmss-abcdefabcdef); never in a list. */
const PSEUDO = /(^|[-.])\d{14}-[0-9a-f]{12}(\+incompatible)?$/

/** Thrown inside a store write to drop the temp file when the content is refused. */
class Refused extends Error {}

/** The answer of a fetch into the store: stored, or refused (with nothing stored). */
type Stored = { refused: false; size: number; path: string } | { refused: true; reason: string }

/** Creates the proxy's ModuleFiles over a store and an upstream. */
export function createModuleFiles(deps: FilesDeps): ModuleFiles {
  const now = deps.now ?? Date.now
  const flights = new SingleFlight<Ensured>()
  // Store paths verified by this process (or written by it after verification).
  const verified = new Set<string>()
  // Ten go commands plus a prefetch may all need zips verified at once: each check is a core
  // and a read buffer, so they queue here instead of competing (and growing RSS) without bound.
  const zipSlots = new Semaphore(Math.max(1, deps.verifyConcurrency ?? DEFAULT_VERIFY_CONCURRENCY))
  const slot = <T>(task: () => Promise<T>): Promise<T> => zipSlots.run(task)
  const zipCheck = deps.checkZip ?? checkZip

  /**
   * Checks a canonical file on disk; undefined = good, else why it is refused. A zip checked in
   * full is stamped then, or, when `checkedZip` is given (a fetch's temp file), handed to it to
   * stamp once stored: renaming a file changes its ctime, so a temp file's stamp would never hold.
   */
  async function verify(
    file: string,
    module: string,
    version: string,
    kind: JournalFile,
    checkedZip?: (h1: string) => void,
  ): Promise<string | undefined> {
    const at = `${module}@${version}`
    if (kind === 'zip') {
      const rel = storePath({ kind, module, version })
      // A zip this store's proxies checked in full before needs only its bytes hashed again.
      // Stamps hash the zip in a slot, like a check, so memory stays bounded.
      let h1 = await deps.stamps?.read(rel, file, slot)
      const stamped = h1 !== undefined
      if (h1 === undefined) {
        const checked = await slot(() => zipCheck(file, module, version))
        if (!checked.ok) return `verification failed: ${at}: ${checked.reason}`
        h1 = checked.h1
      }
      const want = deps.sums.zip(module, version)
      if (want && !want.includes(h1)) {
        return `verification failed: ${at}: zip ${h1} does not match go.sum ${want.join(' or ')}`
      }
      if (!stamped) {
        const stamp = checkedZip ? checkedZip(h1) : deps.stamps?.write(rel, file, h1, slot)
        await Promise.all([writeZipHash(module, version, h1), stamp])
      }
      return undefined
    }
    // .mod and .info are small (.mod at most MAX_BYTES.mod): read at once, not through the pool.
    const data = readFileSync(file)
    if (kind === 'mod') {
      if (data.length > MAX_BYTES.mod) return `verification failed: ${at}: go.mod larger than 16 MiB`
      const want = deps.sums.mod(module, version)
      const got = hashMod(data)
      if (want && !want.includes(got)) {
        return `verification failed: ${at}: go.mod ${got} does not match go.sum ${want.join(' or ')}`
      }
      return undefined
    }
    const answered = infoVersion(data)
    if (answered !== version) {
      return `verification failed: ${at}: .info answers ${JSON.stringify(answered ?? null)}, not ${version}`
    }
    return undefined
  }

  /**
   * Records a verified zip's h1 as the go command's own `<version>.ziphash` beside it. When the
   * store is a GOMODCACHE/cache/download (the action's default), the go command then finds zip and
   * hash together and extracts without hashing the zip a second time. Best effort: the go command
   * hashes the zip itself when the file is missing.
   */
  async function writeZipHash(module: string, version: string, h1: string): Promise<void> {
    const rel = storePath({ kind: 'zip', module, version }) + 'hash'
    await deps.store
      .write(rel, (tmp) => writeFile(tmp, h1))
      .catch((err: unknown) => {
        deps.log.debug(`could not write ${rel}: ${String(err)}`)
      })
  }

  /**
   * Fetches `rel` from upstream through a store temp file; `check` runs on the temp file before
   * the rename, so refused content is never in the store, not even for a moment.
   */
  async function fetchInto(
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
          return { refused: false, size: entry.size, path: entry.path }
        } catch (err) {
          if (err instanceof Refused) return { refused: true, reason: err.message }
          throw err
        }
      },
      { maxBytes, signal: deps.signal },
    )
  }

  /** Verifies the store copy of a canonical file or fetches it; runs single-flight per path. */
  async function verifyOrFetch(
    rel: string,
    module: string,
    version: string,
    kind: JournalFile,
    reason: 'request' | 'prefetch',
  ): Promise<Ensured> {
    const at = `${module}@${version}.${kind}`
    const entry = await deps.store.stat(rel)
    if (entry) {
      const bad =
        entry.size > MAX_BYTES[kind]
          ? `verification failed: ${module}@${version}: ${kind} larger than ${MAX_BYTES[kind]} bytes`
          : await verify(entry.path, module, version, kind)
      if (bad === undefined) {
        verified.add(rel)
        deps.log.debug(`store hit ${at} (verified)`)
        return { kind: 'found', path: entry.path, size: entry.size, source: 'store' }
      }
      deps.log.warn(`store file refused, fetching again: ${bad}`)
      deps.journal.record({ event: 'refuse', module, version, file: kind, reason: bad })
      await deps.store.moveAside(rel)
      // A hash or stamp beside a refused zip describes nothing we trust.
      if (kind === 'zip') await Promise.all([deps.store.remove(rel + 'hash'), deps.stamps?.remove(rel)])
    }
    const local = storeOnly(module)
    if (local !== undefined) {
      return { kind: 'notfound', status: 404, message: `not found: ${at} is not in the store (${local})` }
    }
    // After close() a background prefetch may still ask: answer at once, touch no upstream.
    if (deps.signal?.aborted) return { kind: 'error', status: 503, message: 'the proxy is shutting down' }
    const started = now()
    let checked: { h1: string; inode: string } | undefined
    const outcome = await fetchInto(rel, MAX_BYTES[kind], (tmp) =>
      verify(tmp, module, version, kind, (h1) => {
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
    const ms = now() - started
    const { size, path: file } = outcome.value
    if (checked) await deps.stamps?.write(rel, file, checked.h1, slot, checked.inode)
    verified.add(rel)
    deps.onFetch?.('fetched')
    deps.log.info(`fetched ${at} from ${outcome.upstream} (${size} bytes, ${ms} ms, ${reason})`)
    deps.journal.record({ event: 'fetch', module, version, file: kind, reason, bytes: size, ms })
    return { kind: 'found', path: file, size, source: 'upstream' }
  }

  const canonicalPath = (module: string, version: string, kind: 'info' | 'mod' | 'zip'): string =>
    kind === 'info'
      ? storePath({ kind, module, version, canonical: true })
      : storePath({ kind, module, version })

  async function verifyStored(
    module: string,
    version: string,
    kind: 'info' | 'mod' | 'zip',
  ): Promise<boolean> {
    const rel = canonicalPath(module, version, kind)
    if (verified.has(rel)) return true
    if (!(await deps.store.stat(rel))) return false
    await flights.run(rel, () => verifyOrFetch(rel, module, version, kind, 'prefetch'))
    return true
  }

  async function ensure(
    module: string,
    version: string,
    kind: 'info' | 'mod' | 'zip',
    reason: 'request' | 'prefetch',
  ): Promise<Ensured> {
    const rel = canonicalPath(module, version, kind)
    // Fast path: a file this process already verified, or one prefetch need not read.
    if (verified.has(rel) || reason === 'prefetch') {
      const entry = await deps.store.stat(rel)
      if (entry) {
        deps.log.debug(`store hit ${module}@${version}.${kind}`)
        return { kind: 'found', path: entry.path, size: entry.size, source: 'store' }
      }
      verified.delete(rel)
    }
    // Joining a fetch in flight (a request's or prefetch's) answers source 'upstream' too.
    const { value } = await flights.run(rel, () => verifyOrFetch(rel, module, version, kind, reason))
    return value
  }

  /**
   * A mutable file: fresh by mtime -> store; stale or missing -> upstream; upstream failing ->
   * stale copy when there is one. `check` validates a fetched answer before it is stored;
   * `after` sees a stored answer (to add the canonical .info a query names).
   */
  async function mutable(
    module: string,
    rel: string,
    what: string,
    check: (tmp: string) => Promise<string | undefined>,
    missingLocally: (why: string) => Promise<Ensured>,
    after?: (file: string) => Promise<void>,
  ): Promise<Ensured> {
    const local = storeOnly(module)
    const { value } = await flights.run(rel, async (): Promise<Ensured> => {
      const entry = await deps.store.stat(rel)
      const found = (source: 'store' | 'upstream', e: { path: string; size: number }): Ensured => ({
        kind: 'found',
        path: e.path,
        size: e.size,
        source,
      })
      if (entry && (local !== undefined || now() - entry.mtimeMs < deps.mutableTtlMs)) {
        deps.log.debug(`store hit ${what}`)
        return found('store', entry)
      }
      if (local !== undefined) return missingLocally(local)
      const outcome = await fetchInto(rel, MiB, check)
      if (outcome.kind === 'found' && !outcome.value.refused) {
        deps.onFetch?.('fetched')
        deps.log.info(`fetched ${what} from ${outcome.upstream}`)
        await after?.(outcome.value.path)
        return found('upstream', outcome.value)
      }
      if (outcome.kind === 'notfound') return outcome
      const why = outcome.kind === 'error' ? outcome.message : refusal(outcome.value)
      deps.onFetch?.(outcome.kind === 'error' ? 'error' : 'refused')
      if (entry) {
        deps.log.warn(`upstream failed for ${what}, serving the stale copy: ${why}`)
        return found('store', entry)
      }
      deps.log.warn(`upstream failed for ${what}: ${why}`)
      return { kind: 'error', status: 502, message: `upstream failed for ${what}: ${why}` }
    })
    return value
  }

  /** Checks a fetched .info/@latest answer: JSON with a Version string. */
  async function checkInfo(tmp: string): Promise<string | undefined> {
    const version = infoVersion(await readFile(tmp))
    return version === undefined ? 'upstream answered an .info that is not JSON with a Version' : undefined
  }

  /** Writes the canonical .info a query or @latest answer names, when it is not there yet. */
  async function keepCanonicalInfo(module: string, file: string): Promise<void> {
    const data = await readFile(file)
    const version = infoVersion(data)
    if (version === undefined || !isCanonicalVersion(version)) return
    let rel: string
    try {
      rel = storePath({ kind: 'info', module, version, canonical: true })
    } catch {
      return
    }
    if (await deps.store.stat(rel)) return
    await deps.store.write(rel, (tmp) => writeFile(tmp, data))
  }

  /** Store only and no list stored: the canonical release versions with a .mod in the store. */
  async function synthesizeList(module: string, rel: string, why: string): Promise<Ensured> {
    const dir = path.dirname(deps.store.abs(rel))
    let names: string[]
    try {
      names = await readdir(dir)
    } catch {
      names = []
    }
    const versions = names
      .filter((n) => n.endsWith('.mod'))
      .map((n) => unescapeVersion(n.slice(0, -'.mod'.length)))
      .filter((v): v is string => v !== undefined && isCanonicalVersion(v) && !PSEUDO.test(v))
      .sort(compareVersions)
    if (versions.length === 0) {
      return {
        kind: 'notfound',
        status: 404,
        message: `not found: ${module} has no versions in the store (${why})`,
      }
    }
    const text = versions.map((v) => v + '\n').join('')
    const entry = await deps.store.write(rel, (tmp) => writeFile(tmp, text))
    // Stale from birth: a synthesized list must not hide upstream's once online again.
    await utimes(entry.path, new Date(0), new Date(0))
    return { kind: 'found', path: entry.path, size: entry.size, source: 'store' }
  }

  const localMiss =
    (what: string) =>
    async (why: string): Promise<Ensured> => ({
      kind: 'notfound',
      status: 404,
      message: `not found: ${what} is not in the store (${why})`,
    })

  // Why a module is answered from the store alone, or undefined when upstream may be asked.
  function storeOnly(module: string): string | undefined {
    if (deps.offline) return 'offline'
    if (deps.noProxy && matchPrefixPatterns(deps.noProxy, module))
      return 'it matches --noproxy (GONOPROXY): the go command fetches it direct'
    return undefined
  }

  return {
    ensure,
    verifyStored,
    list(module) {
      const rel = storePath({ kind: 'list', module })
      return mutable(
        module,
        rel,
        `${module}/@v/list`,
        async () => undefined,
        (why) => synthesizeList(module, rel, why),
      )
    },
    latest(module) {
      const rel = storePath({ kind: 'latest', module })
      return mutable(module, rel, `${module}/@latest`, checkInfo, localMiss(`${module}@latest`), (file) =>
        keepCanonicalInfo(module, file),
      )
    },
    query(module, query) {
      const rel = storePath({ kind: 'info', module, version: query, canonical: false })
      return mutable(module, rel, `${module}@${query}`, checkInfo, localMiss(`${module}@${query}`), (file) =>
        keepCanonicalInfo(module, file),
      )
    },
  }
}

/** Why a stored answer was refused (empty when it was not). */
function refusal(stored: Stored): string {
  return stored.refused ? stored.reason : ''
}

/** The Version an .info JSON names, or undefined when it is not such JSON. */
export function infoVersion(data: Buffer): string | undefined {
  try {
    const parsed: unknown = JSON.parse(data.toString('utf8'))
    if (typeof parsed === 'object' && parsed !== null && 'Version' in parsed) {
      const v = (parsed as { Version: unknown }).Version
      return typeof v === 'string' ? v : undefined
    }
  } catch {
    // Not JSON: the caller refuses it.
  }
  return undefined
}
