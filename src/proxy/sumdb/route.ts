import type { Readable } from 'node:stream'
import { parseProxyList, type ProxyEntry, type Separator } from '../upstream/goproxy-list.js'
import type { FetchOutcome, Upstream } from '../upstream/upstream.js'
import type { CircuitView } from '../upstream/breaker.js'

/** One way to the checksum database: a module proxy's /sumdb/<name>/ (asked `supported` first), or the database itself. */
export interface SumdbCandidate {
  /** A one-entry GOPROXY-style list (credentials kept) whose paths are the database's. */
  list: string
  /** A module proxy: ask `supported` before using it. */
  probe: boolean
  /** After a probe that failed: `|` moves on after any failure, `,` (or none) only after 404/410. */
  next?: Separator
}

/**
 * The ways the go command tries (cmd/go modfetch/sumdb.go): without a URL in GOSUMDB, each module
 * proxy of the list that answers `<proxy>/sumdb/<name>/supported`, in order, then the database at
 * its own URL; with a URL in GOSUMDB, that URL alone.
 */
export function sumdbCandidates(
  upstreamList: string,
  sumdb: { name: string; url: string; viaProxies?: boolean },
): SumdbCandidate[] {
  const direct: SumdbCandidate = { list: sumdb.url, probe: false }
  if (!sumdb.viaProxies) return [direct]
  const out: SumdbCandidate[] = []
  for (const entry of parseProxyList(upstreamList)) {
    if (entry.kind === 'direct' || entry.kind === 'off') break
    out.push({ list: sumdbBase(entry, sumdb.name), probe: true, ...(entry.next ? { next: entry.next } : {}) })
  }
  return [...out, direct]
}

// The entry's URL with /sumdb/<name> appended to its path; its credentials and query kept.
function sumdbBase(entry: Exclude<ProxyEntry, { kind: 'direct' | 'off' }>, name: string): string {
  if (entry.kind === 'file') return `${entry.base}/sumdb/${name}`
  const url = new URL(`${entry.base}/sumdb/${name}${entry.search}`)
  if (entry.userinfo) {
    url.username = encodeURIComponent(entry.userinfo.username)
    url.password = encodeURIComponent(entry.userinfo.password)
  }
  return url.toString()
}

/** A route to the database: an Upstream that takes the first candidate that will do, for `ttlMs`. */
export function routedUpstream(
  candidates: SumdbCandidate[],
  make: (list: string) => Upstream,
  ttlMs: number,
  now: () => number = Date.now,
): Upstream {
  return new Route(
    candidates.map((c) => ({ ...c, upstream: make(c.list) })),
    ttlMs,
    now,
  )
}

type Chosen = { upstream: Upstream } | { kind: 'error'; message: string }

class Route implements Upstream {
  private chosen: { upstream: Upstream; at: number } | undefined
  private choosing: Promise<Chosen> | undefined

  constructor(
    private readonly candidates: Array<SumdbCandidate & { upstream: Upstream }>,
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  async get<T>(
    path: string,
    consume: (body: Readable, info: { contentLength?: number }) => Promise<T>,
    opts: { maxBytes: number; signal?: AbortSignal },
  ): Promise<FetchOutcome<T>> {
    const chosen = await this.choose(opts.signal)
    if ('kind' in chosen) return chosen
    return chosen.upstream.get(path, consume, opts)
  }

  /** Every candidate's circuit breakers (their bases name the /sumdb/ path, apart from module entries'). */
  circuits(): CircuitView[] {
    return this.candidates.flatMap((c) => c.upstream.circuits?.() ?? [])
  }

  async close(): Promise<void> {
    await Promise.all(this.candidates.map((c) => c.upstream.close()))
  }

  private choose(signal?: AbortSignal): Promise<Chosen> {
    if (this.chosen && this.now() - this.chosen.at < this.ttlMs) return Promise.resolve(this.chosen)
    this.choosing ??= this.probeAll(signal).finally(() => (this.choosing = undefined))
    return this.choosing
  }

  // A proxy that answers `supported` is used alone; 404/410 (or any failure after `|`) moves on.
  private async probeAll(signal?: AbortSignal): Promise<Chosen> {
    for (const c of this.candidates) {
      if (!c.probe) return this.take(c.upstream)
      const outcome = await c.upstream.get('supported', drain, { maxBytes: 4096, signal })
      if (outcome.kind === 'found') return this.take(c.upstream)
      if (outcome.kind === 'error' && c.next !== '|')
        return { kind: 'error', message: `checksum database proxy: ${outcome.message}` }
    }
    return { kind: 'error', message: 'no way to the checksum database' }
  }

  private take(upstream: Upstream): Chosen {
    this.chosen = { upstream, at: this.now() }
    return this.chosen
  }
}

async function drain(body: Readable): Promise<void> {
  body.resume()
  await new Promise<void>((resolve, reject) => body.once('end', resolve).once('error', reject))
}
