// The proxy's core without a listener: go.sum, store, upstream, journal and the module files.
// startProxy serves it over HTTP; post's completion (src/entry/complete.ts) uses it directly.
import type { ProxyConfig } from '../config.js'
import { DEFAULTS } from '../config.js'
import { GoSums } from '../module/gosum.js'
import { Stamps } from '../store/stamps.js'
import { Store } from '../store/store.js'
import { sweepTempFiles } from '../store/sweep.js'
import { createUpstream, type UpstreamConfig } from '../upstream/upstream.js'
import { createModuleFiles, type ModuleFiles } from './files.js'
import { fileJournal, nullJournal, type Journal } from './journal.js'
import type { Checksums } from './verify.js'
import { Metrics } from './metrics.js'
import { Spill } from './spill.js'

/** Upstream client settings a caller may tune (tests shorten timeouts); defaults otherwise. */
export type UpstreamTuning = Pick<
  UpstreamConfig,
  | 'connectTimeoutMs'
  | 'headersTimeoutMs'
  | 'bodyTimeoutMs'
  | 'coolDownMs'
  | 'retries'
  | 'retryBaseMs'
  | 'retryMaxDelayMs'
>

/** What the core needs from a ProxyConfig: no listener, sumdb, prefetch or token. */
export type CoreConfig = Pick<
  ProxyConfig,
  | 'store'
  | 'upstream'
  | 'goSum'
  | 'offline'
  | 'noProxy'
  | 'journal'
  | 'mutableTtlMs'
  | 'concurrency'
  | 'verifyConcurrency'
  | 'netrc'
  | 'headersTimeoutMs'
  | 'idleTimeoutMs'
  | 'coolDownMs'
  | 'goauth'
  | 'log'
>

/** A running core: the module files and what they were made of; close() cancels and flushes. */
export interface Core {
  files: ModuleFiles
  sums: GoSums
  store: Store
  journal: Journal
  metrics: Metrics
  /** Aborted by close(): background work checks it. */
  signal: AbortSignal
  /** Cancels upstream fetches, closes the upstream client and flushes the journal. */
  close(): Promise<void>
}

/** The upstream timeouts a config sets; absent ones keep the client's defaults. */
export function timeoutsOf(
  config: Pick<ProxyConfig, 'headersTimeoutMs' | 'idleTimeoutMs' | 'coolDownMs'>,
): UpstreamTuning {
  const out: UpstreamTuning = {}
  if (config.headersTimeoutMs !== undefined) out.headersTimeoutMs = config.headersTimeoutMs
  if (config.idleTimeoutMs !== undefined) out.bodyTimeoutMs = config.idleTimeoutMs
  if (config.coolDownMs !== undefined) out.coolDownMs = config.coolDownMs
  return out
}

/**
 * Creates the proxy's core: every file it answers is verified against go.sum, and with `checksums`
 * a fetched .mod or .zip go.sum does not list is held to the checksum database before it is stored.
 */
export async function createCore(
  config: CoreConfig,
  tuning: UpstreamTuning = {},
  checksums?: Checksums,
): Promise<Core> {
  const { log } = config
  const sums = await GoSums.load(config.goSum)
  const store = new Store(config.store)
  const aborter = new AbortController()
  const upstream = createUpstream({
    list: config.upstream,
    netrc: config.netrc,
    goauth: config.goauth,
    log,
    maxConnections: config.concurrency.upstream,
    ...timeoutsOf(config),
    ...tuning,
  })
  const journal = config.journal
    ? fileJournal(config.journal, { onError: (err) => log.warn(`journal write failed: ${String(err)}`) })
    : nullJournal
  const metrics = new Metrics(() => upstream.circuits?.() ?? [])
  const spill = new Spill(log, () => metrics.unstored++)
  const files = createModuleFiles({
    store,
    upstream,
    sums,
    journal,
    log,
    offline: config.offline,
    noProxy: config.noProxy,
    mutableTtlMs: config.mutableTtlMs,
    signal: aborter.signal,
    verifyConcurrency: config.verifyConcurrency ?? DEFAULTS.verifyConcurrency,
    stamps: new Stamps(store, log),
    spill,
    checksums,
    onFetch: (outcome) => {
      if (outcome === 'fetched') metrics.upstreamFetches++
      else metrics.upstreamErrors++
    },
  })
  // In the background: a crash's leftovers cost nothing until then, and a big store takes a while.
  const swept = sweepTempFiles(store, log)
  const close = async (): Promise<void> => {
    aborter.abort()
    await Promise.allSettled([upstream.close(), swept])
    await journal.close()
    await spill.close()
  }
  return { files, sums, store, journal, metrics, signal: aborter.signal, close }
}
