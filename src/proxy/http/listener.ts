// A proxy on a socket: the core (core/core.ts), the checksum database and the HTTP handler
// behind one listener, background prefetch and verification, and a graceful close.
import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { checkToken, DEFAULTS, type ProxyConfig } from '../config.js'
import { createCore, timeoutsOf, type Core, type UpstreamTuning } from '../core/core.js'
import type { ModuleFiles } from '../core/files.js'
import type { Metrics } from '../core/metrics.js'
import { prefetch, verifyAtStart } from '../core/prefetch.js'
import { createSumdb, type Sumdb } from '../sumdb/sumdb.js'
import { routedUpstream, sumdbCandidates } from '../sumdb/route.js'
import { Store } from '../store/store.js'
import { createUpstream, type Upstream } from '../upstream/upstream.js'
import { createHandler, TOKEN_PREFIX } from './server.js'

/** A started proxy: where it listens, the GOPROXY value for it, and how to stop it. */
export interface RunningProxy {
  /** http://HOST:PORT, no credentials. */
  url: string
  /** The value for GOPROXY; with a token `<url>/_token/<token>`: the go command never sends basic auth to http://. */
  goproxy: string
  port: number
  /** Settles when the background prefetch is done (zeros when there was none). */
  prefetched: Promise<{ fetched: number; failed: number; skipped: number }>
  /** The proxy's core, for callers (and tests) that want files without HTTP. */
  files: ModuleFiles
  /** Counters behind /metrics. */
  metrics: Metrics
  /** Stop accepting, finish or cut in-flight requests within shutdownTimeoutMs, flush the journal. */
  close(): Promise<void>
}

/** Splits "host:port" (IPv6 in brackets) into its parts. */
export function splitListen(listen: string): { host: string; port: number } {
  const m = /^(\[[^\]]+\]|[^:[\]]+):(\d{1,5})$/.exec(listen)
  const port = Number(m?.[2])
  if (!m?.[1] || !Number.isInteger(port) || port > 65535) {
    throw new Error(`listen: expected HOST:PORT (e.g. 127.0.0.1:0), got ${JSON.stringify(listen)}`)
  }
  return { host: m[1].replace(/^\[|\]$/g, ''), port }
}

/** Whether a host only answers this machine, so it may go without a token. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host)
}

/** Starts the proxy described by `config`; resolves once it listens. */
export async function startProxy(config: ProxyConfig, tuning: UpstreamTuning = {}): Promise<RunningProxy> {
  const { host, port } = splitListen(config.listen)
  if (!isLoopbackHost(host) && !config.token) {
    throw new Error(`listening on ${host} (not loopback) needs an access token (config.token / --token)`)
  }
  const badToken = config.token === undefined ? undefined : checkToken(config.token)
  if (badToken) throw new Error(`token: ${badToken}`)
  const log = config.log
  const { sumdb, sumdbUpstream } = sumdbFor(config, new Store(config.store))
  const checks = sumdb ? sumdb.check.bind(sumdb) : undefined
  const core = await createCore(config, tuning, checks)
  if (sumdbUpstream) core.metrics.addCircuits(() => sumdbUpstream.circuits?.() ?? [])
  const server = createServer(
    { keepAlive: true },
    createHandler({
      files: core.files,
      sumdb,
      journal: core.journal,
      metrics: core.metrics,
      exposeMetrics: config.metrics,
      token: config.token,
      log,
    }),
  )
  try {
    await listen(server, host, port)
  } catch (err) {
    await Promise.allSettled([core.close(), sumdbUpstream?.close()])
    throw new Error(`cannot listen on ${config.listen}: ${String(err)}`, { cause: err })
  }
  const actual = (server.address() as AddressInfo).port
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${actual}`
  // Not basic auth in the URL: the go command refuses to send credentials to an http:// URL.
  const goproxy = config.token ? `${url}${TOKEN_PREFIX}${encodeURIComponent(config.token)}` : url
  log.info(
    `proxy listening on ${url} (store ${core.store.root}, upstream ${config.upstream}${config.offline ? ', offline' : ''})`,
  )
  const prefetched = startBackground(config, core)
  let closing: Promise<void> | undefined
  const close = (): Promise<void> => {
    closing ??= shutdown(server, config.shutdownTimeoutMs, async () => {
      await Promise.all([core.close(), sumdbUpstream?.close().catch(() => undefined)])
      log.info(`proxy closed (${memorySummary()})`)
    })
    return closing
  }
  return { url, goproxy, port: actual, prefetched, files: core.files, metrics: core.metrics, close }
}

/** The checksum database proxy, with its own route to the database (through module proxies first, as the go command goes). */
function sumdbFor(config: ProxyConfig, store: Store): { sumdb: Sumdb | null; sumdbUpstream?: Upstream } {
  if (!config.sumdb) {
    config.log.info(
      'no checksum database (GOSUMDB=off): what is stored without a go.sum line is checked for its form only',
    )
    return { sumdb: null }
  }
  const { log, netrc, goauth } = config
  const sumdbUpstream = routedUpstream(
    sumdbCandidates(config.upstream, config.sumdb),
    (list) =>
      createUpstream({ list, netrc, goauth, log, maxConnections: 4, paths: 'sumdb', ...timeoutsOf(config) }),
    config.mutableTtlMs,
  )
  const sumdb = createSumdb({
    sumdb: config.sumdb,
    store,
    upstream: sumdbUpstream,
    ttlMs: config.mutableTtlMs,
    offline: config.offline,
    noSumdb: config.noSumdb,
    log,
  })
  if (sumdb.coverage !== undefined) log.info(sumdb.coverage)
  return { sumdb, sumdbUpstream }
}

/** Starts prefetch and verify-at-start once config.backgroundAfter settles; resolves with prefetch's counts. */
function startBackground(config: ProxyConfig, core: Core): RunningProxy['prefetched'] {
  const { log } = config
  const { sums, files } = core
  // Settled either way: a failed gate still lets the background work run.
  const gate = (config.backgroundAfter ?? Promise.resolve()).then(
    () => undefined,
    () => undefined,
  )
  const prefetched =
    config.prefetch && sums.size > 0 && !config.offline
      ? gate.then(() => prefetch(sums, files, config.concurrency.prefetch, log, config.noProxy))
      : Promise.resolve({ fetched: 0, failed: 0, skipped: 0 })
  // A restored store is verified up front only when asked (see ProxyConfig.verifyAtStart).
  if (config.verifyAtStart && sums.size > 0) {
    gate
      .then(() => verifyAtStart(sums, files, config.verifyConcurrency ?? DEFAULTS.verifyConcurrency, log))
      .catch((err: unknown) => log.warn(`verify at start failed: ${String(err)}`))
  }
  // A prefetch failure is logged, never an unhandled rejection.
  prefetched.catch((err: unknown) => log.warn(`prefetch failed: ${String(err)}`))
  return prefetched
}

/** Where the memory is at close: V8 heap, off-heap and peak RSS, to place a regression without a profiler. */
export function memorySummary(): string {
  const m = process.memoryUsage()
  const mb = (n: number): string => `${(n / 1e6).toFixed(1)} MB`
  let peak = ''
  try {
    const hwm = /VmHWM:\s*(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))
    if (hwm) peak = `, peak rss ${mb(Number(hwm[1]) * 1024)}`
  } catch {
    // Not Linux: no peak to report.
  }
  return `rss ${mb(m.rss)}${peak}, heap ${mb(m.heapUsed)} of ${mb(m.heapTotal)}, external ${mb(m.external)}, array buffers ${mb(m.arrayBuffers)}`
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
}

/**
 * Stops accepting, lets in-flight requests finish for up to `timeoutMs` (idle keep-alive sockets
 * are closed at once and again as requests finish), then cuts what is left and runs `after`.
 */
async function shutdown(server: Server, timeoutMs: number, after: () => Promise<void>): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()))
  server.closeIdleConnections()
  // A keep-alive socket turns idle when its request finishes; sweep so it does not hold close().
  const sweep = setInterval(() => server.closeIdleConnections(), 50)
  let timer: NodeJS.Timeout | undefined
  const timedOut = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs)
  })
  await Promise.race([closed, timedOut])
  clearTimeout(timer)
  clearInterval(sweep)
  server.closeAllConnections()
  await closed
  await after()
}
