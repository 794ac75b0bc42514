import { readdir, readFile } from 'node:fs/promises'
import type { SumdbConfig } from '../config.js'
import { matchPrefixPatterns } from '../module/globs.js'
import type { Logger } from '../log.js'
import {
  escapePath,
  escapeVersion,
  isCanonicalVersion,
  unescapePath,
  unescapeVersion,
  storePathProblem,
} from '../module/modpath.js'
import { IMMUTABLE, MUTABLE, type Reply, textReply } from '../http/reply.js'
import {
  KNOWN_KEYS,
  openTreeNote,
  parseRecord,
  parseVerifierKey,
  PATH_BASE,
  proveRecord,
  tileHashReader,
  TILE_HEIGHT,
  tilePath,
  type NoteVerifier,
} from './tlog.js'
import { SingleFlight } from '../core/singleflight.js'
import { bodyToFile, isMissing, type Store } from '../store/store.js'
import type { FetchOutcome, Upstream } from '../upstream/upstream.js'

/** What the /sumdb/ handler needs; `upstream` is an Upstream whose list is the database URL. */
export interface SumdbDeps {
  sumdb: SumdbConfig
  store: Store
  upstream: Upstream
  /** How long /latest and the `supported` probe stay fresh. */
  ttlMs: number
  /** Never contact the database: answer from the store only. */
  offline: boolean
  /**
   * GONOSUMDB globs: a lookup of a matching module is refused (403), never sent to the database,
   * so a go command without the same GONOSUMDB cannot tell it a private module's name.
   */
  noSumdb?: string
  log: Logger
  /** The clock, injectable for TTL tests. */
  now?: () => number
}

/** The /sumdb/<name>/... handler, and the database's word on what the proxy is about to store. */
export interface Sumdb {
  /** Answers `rest`, the raw URL path after "/sumdb/". */
  handle(rest: string, head: boolean): Promise<Reply>
  /**
   * Why a module@version's .mod or .zip of hash `h1` is refused by the database (a record proved
   * against its signed tree head, as cmd/go proves it), or undefined when it agrees. Modules
   * under GONOSUMDB, and a database without a known key, are not asked (see `coverage`).
   */
  check(module: string, version: string, kind: 'mod' | 'zip', h1: string): Promise<string | undefined>
  /** One line on what `check` leaves out, or undefined when it leaves out nothing. */
  readonly coverage: string | undefined
}

/** A parsed database path: what to fetch upstream, where to keep it, and whether it ever changes. */
export type SumdbRequest =
  | { kind: 'supported' }
  | { kind: 'latest'; path: 'latest' }
  | { kind: 'lookup'; path: string; module: string }
  | { kind: 'tile'; path: string }

// Caps on what the database may send: a lookup is one record plus a signed tree head; a tile is
// at most 2^H hashes of 32 bytes (8 KiB at sum.golang.org's H=8) or as many short records.
const MAX_BYTES = { latest: 64 * 1024, lookup: 1024 * 1024, tile: 8 * 1024 * 1024 } as const
const TEXT = 'text/plain; charset=utf-8'
const BINARY = 'application/octet-stream'

/** Creates the handler; only `deps.sumdb.name` is served, every other name answers 404. */
export function createSumdb(deps: SumdbDeps): Sumdb {
  return new SumdbProxy(deps)
}

/** The database proxy: its state is the single-flight fetches and the last `supported` probe. */
class SumdbProxy implements Sumdb {
  private readonly now: () => number
  private readonly prefix: string
  private readonly base: string
  private readonly flights = new SingleFlight<FetchOutcome<void>>()
  private probe: { ok: boolean; at: number } | undefined
  private readonly verifier: NoteVerifier | undefined
  readonly coverage: string | undefined

  constructor(private readonly deps: SumdbDeps) {
    this.now = deps.now ?? Date.now
    this.prefix = `${deps.sumdb.name}/`
    this.base = `sumdb/${deps.sumdb.name}`
    const { verifier, coverage } = verifierFor(deps.sumdb, deps.noSumdb)
    this.verifier = verifier
    this.coverage = coverage
  }

  async check(module: string, version: string, kind: 'mod' | 'zip', h1: string): Promise<string | undefined> {
    const { deps } = this
    const name = deps.sumdb.name
    if (!this.verifier || (deps.noSumdb && matchPrefixPatterns(deps.noSumdb, module))) return undefined
    const lines = await this.provedLines(module, version, this.verifier)
    if (typeof lines === 'string') return `checksum database ${name}: ${lines}`
    const want = kind === 'zip' ? version : `${version}/go.mod`
    const listed = lines.filter(([m, v]) => m === module && v === want).map((l) => l[2] ?? '')
    if (listed.length === 0) return `checksum database ${name} has no ${want} line for ${module}`
    const what = kind === 'mod' ? 'go.mod' : 'zip'
    return listed.includes(h1) ? undefined : `${what} ${h1} does not match ${name}'s ${listed.join(' or ')}`
  }

  /** The go.sum lines of a lookup, split in fields, once its record is proved; else why not. */
  private async provedLines(module: string, version: string, v: NoteVerifier): Promise<string[][] | string> {
    const got = await this.obtain('lookup', `lookup/${escapePath(module)}@${escapeVersion(version)}`)
    if (!('body' in got)) return `lookup failed: ${describe(got)}`
    try {
      const { id, text, note } = parseRecord(got.body.toString('utf8'))
      const tree = openTreeNote(note, v)
      const tiles = new Map<string, Promise<Buffer>>()
      const tile = (level: number, k: number, width: number): Promise<Buffer> => {
        const path = tilePath(TILE_HEIGHT, level, k, width)
        let data = tiles.get(path)
        if (!data) tiles.set(path, (data = this.tileBytes(path)))
        return data
      }
      await proveRecord(tree, id, text, tileHashReader(tree.n, tile))
      return text
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => l.split(' '))
    } catch (err) {
      return err instanceof Error ? err.message : String(err)
    }
  }

  private async tileBytes(path: string): Promise<Buffer> {
    const got = await this.obtain('tile', path)
    if ('body' in got) return got.body
    throw new Error(`${path}: ${describe(got)}`)
  }

  /** A lookup or tile: from the store (a tile perhaps cut from a wider one), else the database. */
  private async obtain(
    kind: 'lookup' | 'tile',
    path: string,
  ): Promise<{ body: Buffer } | FetchOutcome<void>> {
    const { deps } = this
    const rel = `${this.base}/${path}`
    const cached = await deps.store.stat(rel)
    if (cached) return { body: await readFile(cached.path) }
    const cut = kind === 'tile' ? await cutFromWider(deps.store, this.base, path) : undefined
    if (cut) return { body: cut }
    if (deps.offline) return { kind: 'notfound', status: 404, message: `offline: ${path} not cached` }
    const outcome = await this.fetchInto(rel, path, MAX_BYTES[kind])
    return outcome.kind === 'found' ? { body: await readFile(deps.store.abs(rel)) } : outcome
  }

  async handle(rest: string): Promise<Reply> {
    const { deps } = this
    if (!rest.startsWith(this.prefix)) return textReply(404, 'unknown checksum database')
    const req = parseSumdbPath(rest.slice(this.prefix.length))
    if ('status' in req) return textReply(req.status, req.message)
    if (req.kind === 'supported') return this.supported(`${this.base}/latest`)
    if (req.kind === 'latest') return this.latest(`${this.base}/latest`)
    if (req.kind === 'lookup' && deps.noSumdb && matchPrefixPatterns(deps.noSumdb, req.module)) {
      return textReply(
        403,
        `${req.module} matches --nosumdb (GONOSUMDB): this proxy does not send its name to ${deps.sumdb.name}; ` +
          'set GONOSUMDB or GOPRIVATE for it',
      )
    }
    return this.immutable(req)
  }

  /** Lookups and tiles: immutable (a partial tile of an append-only log too), stored forever. */
  private async immutable(req: SumdbRequest & { kind: 'lookup' | 'tile' }): Promise<Reply> {
    const { deps } = this
    const rel = `${this.base}/${req.path}`
    const type = req.kind === 'lookup' ? TEXT : BINARY
    const cached = await deps.store.stat(rel)
    if (cached) return fileReply(cached.path, IMMUTABLE, type)
    const cut = req.kind === 'tile' ? await cutFromWider(deps.store, this.base, req.path) : undefined
    if (cut) return { status: 200, body: cut, contentType: type, cacheControl: IMMUTABLE }
    if (deps.offline) return textReply(404, `offline: ${req.path} not cached`)
    const outcome = await this.fetchInto(rel, req.path, MAX_BYTES[req.kind])
    if (outcome.kind === 'found') return fileReply(deps.store.abs(rel), IMMUTABLE, type)
    return failReply(outcome)
  }

  /** Fetches `path` from the database into the store at `rel` (temp + rename: never a half file). */
  private fetchInto(rel: string, path: string, maxBytes: number): Promise<FetchOutcome<void>> {
    const { deps } = this
    return this.flights
      .run(rel, async () => {
        // A box, not a plain let: the outcome is set inside the write callback.
        const got: { outcome: FetchOutcome<void> } = { outcome: { kind: 'error', message: 'not fetched' } }
        try {
          await deps.store.write(rel, async (tmp) => {
            got.outcome = await deps.upstream.get(path, (body) => bodyToFile(body, tmp), { maxBytes })
            if (got.outcome.kind !== 'found') throw new NotStored()
          })
        } catch (err) {
          if (!(err instanceof NotStored))
            got.outcome = { kind: 'error', message: `storing ${rel}: ${String(err)}` }
        }
        if (path === 'latest') this.probe = { ok: got.outcome.kind === 'found', at: this.now() }
        return got.outcome
      })
      .then((r) => r.value)
  }

  private async latest(rel: string): Promise<Reply> {
    const { deps } = this
    const cached = await deps.store.stat(rel)
    if (cached && (deps.offline || this.now() - cached.mtimeMs < deps.ttlMs))
      return fileReply(cached.path, MUTABLE, TEXT)
    if (deps.offline) return textReply(404, 'offline: no cached /latest for this checksum database')
    const outcome = await this.fetchInto(rel, 'latest', MAX_BYTES.latest)
    if (outcome.kind === 'found') return fileReply(deps.store.abs(rel), MUTABLE, TEXT)
    // A stale signed tree head is still a valid one: the go command checks it is not older than
    // what it has seen, so serving it keeps a build going while the database is unreachable.
    const stale = await deps.store.stat(rel)
    if (stale) {
      deps.log.warn(`sumdb ${deps.sumdb.name}: /latest failed (${describe(outcome)}); serving the cached one`)
      return fileReply(stale.path, MUTABLE, TEXT)
    }
    return failReply(outcome)
  }

  private async supported(latestRel: string): Promise<Reply> {
    const { deps } = this
    // 200 commits the go command to this proxy for every later lookup (FACTS §2), so say yes
    // only when lookups can work: the database answers, or we hold its signed head from before.
    if (deps.offline) {
      const ok = (await deps.store.stat(latestRel)) !== undefined
      return ok ? textReply(200, 'ok') : textReply(404, 'offline: checksum database not cached')
    }
    if (!this.probe || this.now() - this.probe.at >= deps.ttlMs) {
      const outcome = await this.fetchInto(latestRel, 'latest', MAX_BYTES.latest)
      if (outcome.kind !== 'found')
        deps.log.warn(`sumdb ${deps.sumdb.name} unreachable: ${describe(outcome)}`)
    }
    if (this.probe?.ok) return textReply(200, 'ok')
    // Unreachable now, but it answered before: what the store holds (a job's usual lookups) can
    // still be served, and the go command, sent elsewhere, would meet the same unreachable database.
    if (await deps.store.stat(latestRel))
      return textReply(200, 'ok (the database is unreachable: answering from the store)')
    return textReply(404, 'checksum database unreachable through this proxy')
  }
}

class NotStored extends Error {}

/** The database's verifier key (GOSUMDB's, else the go command's built-in one) and what goes unchecked. */
function verifierFor(
  sumdb: SumdbConfig,
  noSumdb: string | undefined,
): { verifier?: NoteVerifier; coverage?: string } {
  const key = sumdb.key ?? KNOWN_KEYS[sumdb.name]
  const skipped = noSumdb ? `; modules matching GONOSUMDB ${JSON.stringify(noSumdb)} are not checked` : ''
  if (key === undefined) {
    const coverage = `no key for checksum database ${sumdb.name} (GOSUMDB=NAME+HASH+KEY gives one): what is stored without a go.sum line is checked against nothing`
    return { coverage }
  }
  try {
    const verifier = parseVerifierKey(key)
    if (verifier.name !== sumdb.name) throw new Error(`key names ${verifier.name}, not ${sumdb.name}`)
    return { verifier, coverage: skipped ? `checksum database ${sumdb.name}${skipped}` : undefined }
  } catch (err) {
    return { coverage: `${String(err)}: what is stored without a go.sum line is checked against nothing` }
  }
}

const HASH_SIZE = 32

/**
 * A partial hash tile cut from a wider stored copy (append-only log: its first W hashes), as the
 * go command's client does; it answers proofs against older tree heads while the database is down.
 * Data tiles hold records of varying length and are never cut.
 */
async function cutFromWider(store: Store, base: string, tile: string): Promise<Buffer | undefined> {
  const m = /^(tile\/(\d+)\/\d+\/(?:x\d{3}\/)*\d{3})\.p\/(\d+)$/.exec(tile)
  if (!m) return undefined
  const [, stem, h, w] = m
  const width = Number(w)
  const wider = [{ rel: `${base}/${stem}`, width: 2 ** Number(h) }]
  try {
    for (const name of await readdir(store.abs(`${base}/${stem}.p`))) {
      if (/^[1-9]\d*$/.test(name) && Number(name) > width)
        wider.push({ rel: `${base}/${stem}.p/${name}`, width: Number(name) })
    }
  } catch (err) {
    if (!isMissing(err)) throw err
  }
  for (const t of wider) {
    // A size that does not match its width is not a tile this log wrote: skip it.
    const st = await store.stat(t.rel)
    if (st?.size !== t.width * HASH_SIZE) continue
    const data = await readFile(st.path)
    if (data.length === st.size) return data.subarray(0, width * HASH_SIZE)
  }
  return undefined
}

function fileReply(file: string, cacheControl: string, contentType: string): Reply {
  return { status: 200, file, contentType, cacheControl }
}

// Misses pass through as the database said them (the go command prints the message); anything
// else is a gateway error.
function failReply(outcome: FetchOutcome<void>): Reply {
  if (outcome.kind === 'notfound') return textReply(outcome.status, outcome.message)
  return textReply(502, `checksum database: ${describe(outcome)}`)
}

function describe(outcome: FetchOutcome<void>): string {
  return outcome.kind === 'found' ? 'ok' : outcome.message
}

/**
 * Validates a path below /sumdb/<name>/ and rebuilds it from parsed values (so only canonical
 * spellings reach the store and the database): supported, latest, lookup/M@V, tile/H/L/K[.p/W],
 * tile/H/data/K[.p/W].
 */
export function parseSumdbPath(rest: string): SumdbRequest | { status: 400 | 404; message: string } {
  if (rest === 'supported') return { kind: 'supported' }
  if (rest === 'latest') return { kind: 'latest', path: 'latest' }
  if (rest.startsWith('lookup/')) return parseLookup(rest.slice('lookup/'.length))
  if (rest.startsWith('tile/')) {
    const tile = parseTilePath(rest)
    return tile === undefined ? { status: 404, message: 'invalid tile path' } : { kind: 'tile', path: tile }
  }
  return { status: 404, message: 'not found' }
}

function parseLookup(mv: string): SumdbRequest | { status: 400 | 404; message: string } {
  const at = mv.lastIndexOf('@')
  const path = at > 0 ? unescapePath(mv.slice(0, at)) : undefined
  const version = at > 0 ? unescapeVersion(mv.slice(at + 1)) : undefined
  if (path === undefined || version === undefined || !isCanonicalVersion(version)) {
    return { status: 400, message: 'invalid lookup: expected lookup/MODULE@VERSION (escaped, canonical)' }
  }
  const rebuilt = `${escapePath(path)}@${escapeVersion(version)}`
  if (rebuilt !== mv) return { status: 400, message: 'invalid lookup: not canonically escaped' }
  // A module the store could not hold is one the database never signed for this proxy: a miss.
  const problem = storePathProblem(`lookup/${rebuilt}`)
  if (problem !== undefined) return { status: 404, message: `not found: ${problem}` }
  return { kind: 'lookup', path: `lookup/${rebuilt}`, module: path }
}

/**
 * A port of golang.org/x/mod/sumdb/tlog.ParseTilePath: the tile path if valid and canonical
 * (it round-trips through Tile.Path), else undefined. Index elements are limited so N stays a
 * safe integer.
 */
export function parseTilePath(path: string): string | undefined {
  const f = path.split('/')
  if (f.length < 4 || f.length > 9 || f[0] !== 'tile') return undefined
  const h = digits(f[1])
  const isData = f[2] === 'data'
  const l = isData ? 0 : digits(f[2])
  if (h === undefined || l === undefined || h < 1 || h > 30 || l > 63) return undefined
  let w = 2 ** h
  let elems = f.slice(3)
  const dotP = elems.at(-2)
  if (dotP?.endsWith('.p')) {
    const ww = digits(elems.at(-1))
    if (ww === undefined || ww <= 0 || ww >= w) return undefined
    w = ww
    elems = [...elems.slice(0, -2), dotP.slice(0, -2)]
  }
  let n = 0
  for (const [i, s] of elems.entries()) {
    const last = i === elems.length - 1
    // Every element but the last carries the "x" prefix; the last never does (Tile.Path).
    if (last === s.startsWith('x')) return undefined
    const nn = digits(last ? s : s.slice(1))
    if (nn === undefined || nn >= PATH_BASE) return undefined
    n = n * PATH_BASE + nn
  }
  const rebuilt = tilePath(h, isData ? -1 : l, n, w)
  return rebuilt === path ? rebuilt : undefined
}

function digits(s: string | undefined): number | undefined {
  return s !== undefined && /^\d{1,9}$/.test(s) ? Number(s) : undefined
}
