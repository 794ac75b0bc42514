import type { Logger } from './log.js'

/** Where the checksum database is reached: `name` as the go command says it, `url` its base. */
export interface SumdbConfig {
  name: string
  url: string
  /**
   * No URL was given (GOSUMDB names only the database): like the go command, reach it through each
   * upstream module proxy that serves /sumdb/<name>/ first, and at `url` only after them.
   */
  viaProxies?: boolean
  /**
   * The verifier key, `<name>+<hash>+<key>`, as GOSUMDB gives it; without one the go command's
   * built-in key for `name` (sum.golang.org's). It checks what the proxy stores without go.sum.
   */
  key?: string
}

/** Everything the proxy needs to run; the CLI and the action's launcher both build one of these. */
export interface ProxyConfig {
  /** host:port to listen on; port 0 picks a free one. Non-loopback hosts need `token`. */
  listen: string
  /** The store directory, in GOPROXY layout (the same as GOMODCACHE/cache/download). */
  store: string
  /** Upstream list in GOPROXY syntax (`,` and `|`, `direct`, `off`). */
  upstream: string
  /** go.sum / go.work.sum files: modules are verified against them, and prefetched from them. */
  goSum: string[]
  /** Fetch every version named in goSum in the background right after start. */
  prefetch: boolean
  /**
   * Module path globs in GONOPROXY syntax (default ''). The proxy never asks an upstream for these:
   * prefetch skips them, and a request is answered from the store alone (else 404, so a go command
   * without the same GONOPROXY falls back to `direct`). Their names never reach a public proxy.
   */
  noProxy?: string
  /** Never contact upstream: serve the store, answer 404 for misses. */
  offline: boolean
  /** Access token; clients send it as the password of basic auth (or as a Bearer token). */
  token?: string
  /** The checksum database to proxy under /sumdb/<name>/; null answers 404 there. */
  sumdb: SumdbConfig | null
  /** GONOSUMDB globs (default ''): lookups of these modules are refused, never sent to the database. */
  noSumdb?: string
  /** JSONL journal of every file served and fetched; flushed on close. */
  journal?: string
  /** Expose Prometheus text at /metrics. */
  metrics: boolean
  /** How long list, @latest, version queries and sumdb /latest stay fresh. */
  mutableTtlMs: number
  /** How long close() waits for in-flight requests before cutting them. */
  shutdownTimeoutMs: number
  /** Parallel upstream connections, and parallel prefetch fetches. */
  concurrency: { upstream: number; prefetch: number }
  /** Zip verifications (inflate + hash) at once; the rest queue. Default 2. */
  verifyConcurrency?: number
  /**
   * Verify every stored zip go.sum names in the background right after start, so the go
   * command's first requests join checks already under way. For a standalone proxy with a
   * restored store; off by default, and never worth it when the store is the go command's own
   * GOMODCACHE/cache/download (the go command reads those zips itself).
   */
  verifyAtStart?: boolean
  /**
   * Background work (prefetch, verifyAtStart) starts once this settles; at once when absent. The
   * action's main starts the proxy while it still restores the store: a prefetch then would fetch
   * from upstream what the restore is about to bring.
   */
  backgroundAfter?: Promise<unknown>
  /** Longest wait for an upstream answer's headers (default: the upstream client's, a few seconds). */
  headersTimeoutMs?: number
  /** Longest silence while an upstream body arrives (default: the upstream client's). */
  idleTimeoutMs?: number
  /** How long an upstream entry that hung or refused is skipped (default: the client's); 0: never. */
  coolDownMs?: number
  /** .netrc file for https upstream credentials (default: $NETRC or ~/.netrc). */
  netrc?: string
  /** GOAUTH: where https upstream credentials come from, as the go command reads it (default netrc). */
  goauth?: string
  log: Logger
}

/** The defaults a bare `serve` uses; `store`, `upstream` and `log` are filled by the caller. */
export const DEFAULTS = {
  listen: '127.0.0.1:0',
  goSum: [] as string[],
  prefetch: true,
  offline: false,
  metrics: true,
  mutableTtlMs: 60_000,
  shutdownTimeoutMs: 5_000,
  concurrency: { upstream: 16, prefetch: 8 },
  verifyConcurrency: 2,
  verifyAtStart: false,
  sumdb: { name: 'sum.golang.org', url: 'https://sum.golang.org', viaProxies: true },
} as const

/** The accepted form of an access token, for every place that takes one (flag, env, input). */
export const TOKEN_FORM = '16-512 characters of letters, digits and ._~+/=-'

/**
 * Why a token is refused, or undefined: a short token can be guessed over the network, so
 * the proxy, `serve --token`, GO_MOD_CACHE_TOKEN, the JSON config and the action's input share
 * this rule.
 */
export function checkToken(token: string): string | undefined {
  return /^[A-Za-z0-9._~+/=-]{16,512}$/.test(token)
    ? undefined
    : `expected TOKEN of ${TOKEN_FORM}, got ${token.length} characters`
}

/** The upstream used when neither a flag nor the environment's GOPROXY says otherwise. */
export const DEFAULT_UPSTREAM = 'https://proxy.golang.org,direct'
