// The answers that move (list, @latest, .info of a query): fresh by mtime within a TTL, fetched
// again when stale, and served stale when upstream fails.
import { readdir, readFile, utimes, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Logger } from '../log.js'
import { compareVersions, isCanonicalVersion, storePath, unescapeVersion } from '../module/modpath.js'
import type { SingleFlight } from './singleflight.js'
import type { Store, StoreEntry } from '../store/store.js'
import { fetchInto, storeOnly, type FetchDeps, type Stored } from './fetch.js'
import type { Ensured } from './ensured.js'
import { infoVersion, listProblem, MAX_BYTES } from './verify.js'

/** What MutableAnswers works with; `now` is injectable so TTL tests need no sleeping. */
export interface MutableDeps extends FetchDeps {
  store: Store
  log: Logger
  offline: boolean
  noProxy?: string
  mutableTtlMs: number
  flights: SingleFlight<Ensured>
  now: () => number
  onFetch?: (outcome: 'fetched' | 'error' | 'refused') => void
}

/** A pseudo-version's tail (vX.Y.Z-[pre.]yyyymmddhhmmss-abcdefabcdef); never in a list. */
const PSEUDO = /(^|[-.])\d{14}-[0-9a-f]{12}(\+incompatible)?$/

/** One mutable answer: where it lives, what to call it, and how to check, miss and keep it. */
interface Answer {
  module: string
  rel: string
  what: string
  check: (tmp: string) => Promise<string | undefined>
  missingLocally: (why: string) => Promise<Ensured>
  after?: (file: string) => Promise<void>
}

const found = (source: 'store' | 'upstream', e: { path: string; size: number }): Ensured => ({
  kind: 'found',
  path: e.path,
  size: e.size,
  source,
})

/** `@v/list`, `@latest` and query `.info` answers, with a TTL and a stale fallback. */
export class MutableAnswers {
  constructor(private readonly deps: MutableDeps) {}

  /** `@v/list`: synthesized from the store's .mod files when only the store may answer. */
  list(module: string): Promise<Ensured> {
    const rel = storePath({ kind: 'list', module })
    const what = `${module}/@v/list`
    return this.answer({
      module,
      rel,
      what,
      check: async (tmp) => listProblem(await readFile(tmp)),
      missingLocally: (why) => this.synthesizeList(module, rel, why),
    })
  }

  /** `@latest`: like list; the canonical .info it names is kept too. */
  latest(module: string): Promise<Ensured> {
    return this.infoAnswer(module, storePath({ kind: 'latest', module }), `${module}@latest`)
  }

  /** `.info` for a non-canonical query (branch, commit, `latest`). */
  query(module: string, query: string): Promise<Ensured> {
    const rel = storePath({ kind: 'info', module, version: query, canonical: false })
    return this.infoAnswer(module, rel, `${module}@${query}`)
  }

  private infoAnswer(module: string, rel: string, what: string): Promise<Ensured> {
    return this.answer({
      module,
      rel,
      what,
      check: checkInfo,
      missingLocally: async (why) => ({
        kind: 'notfound',
        status: 404,
        message: `not found: ${what} is not in the store (${why})`,
      }),
      after: (file) => this.keepCanonicalInfo(module, file),
    })
  }

  /** Fresh by mtime -> store; stale or missing -> upstream; upstream failing -> stale copy. */
  private async answer(a: Answer): Promise<Ensured> {
    const local = storeOnly(a.module, this.deps.offline, this.deps.noProxy)
    const { value } = await this.deps.flights.run(a.rel, async (): Promise<Ensured> => {
      const entry = await this.deps.store.stat(a.rel)
      if (entry && (local !== undefined || this.deps.now() - entry.mtimeMs < this.deps.mutableTtlMs)) {
        this.deps.log.debug(`store hit ${a.what}`)
        return found('store', entry)
      }
      if (local !== undefined) return a.missingLocally(local)
      return this.refresh(a, entry)
    })
    return value
  }

  /** Asks upstream for a stale or missing answer; the stale copy stands in when that fails. */
  private async refresh(a: Answer, entry: StoreEntry | undefined): Promise<Ensured> {
    const { deps } = this
    const outcome = await fetchInto(deps, a.rel, MAX_BYTES.list, a.check)
    if (outcome.kind === 'found' && !outcome.value.refused) {
      deps.onFetch?.('fetched')
      deps.log.info(`fetched ${a.what} from ${outcome.upstream}`)
      if (!outcome.value.unstored) await a.after?.(outcome.value.path)
      return found('upstream', outcome.value)
    }
    if (outcome.kind === 'notfound') return outcome
    const why = outcome.kind === 'error' ? outcome.message : refusal(outcome.value)
    deps.onFetch?.(outcome.kind === 'error' ? 'error' : 'refused')
    if (entry) {
      deps.log.warn(`upstream failed for ${a.what}, serving the stale copy: ${why}`)
      return found('store', entry)
    }
    deps.log.warn(`upstream failed for ${a.what}: ${why}`)
    return { kind: 'error', status: 502, message: `upstream failed for ${a.what}: ${why}` }
  }

  /** Writes the canonical .info a query or @latest answer names, when it is not there yet. */
  private async keepCanonicalInfo(module: string, file: string): Promise<void> {
    const data = await readFile(file)
    const version = infoVersion(data)
    if (version === undefined || !isCanonicalVersion(version)) return
    let rel: string
    try {
      rel = storePath({ kind: 'info', module, version, canonical: true })
    } catch {
      return
    }
    if (await this.deps.store.stat(rel)) return
    await this.deps.store.write(rel, (tmp) => writeFile(tmp, data))
  }

  /** Store only and no list stored: the canonical release versions with a .mod in the store. */
  private async synthesizeList(module: string, rel: string, why: string): Promise<Ensured> {
    const dir = path.dirname(this.deps.store.abs(rel))
    const names = await readdir(dir).catch(() => [] as string[])
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
    const entry = await this.deps.store.write(rel, (tmp) => writeFile(tmp, text))
    // Stale from birth: a synthesized list must not hide upstream's once online again.
    await utimes(entry.path, new Date(0), new Date(0))
    return { kind: 'found', path: entry.path, size: entry.size, source: 'store' }
  }
}

/** Checks a fetched .info/@latest answer: JSON whose Version is a canonical version. */
async function checkInfo(tmp: string): Promise<string | undefined> {
  const version = infoVersion(await readFile(tmp))
  if (version === undefined) return 'upstream answered an .info that is not JSON with a Version'
  return isCanonicalVersion(version)
    ? undefined
    : `upstream answered an .info whose Version ${JSON.stringify(version.slice(0, 100))} is not canonical`
}

/** Why a stored answer was refused (empty when it was not). */
function refusal(stored: Stored): string {
  return stored.refused ? stored.reason : ''
}
