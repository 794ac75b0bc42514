import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import nodePath from 'node:path'
import type { Readable } from 'node:stream'
import { setTimeout as wait } from 'node:timers/promises'
import type { Dispatcher } from 'undici'
import { loadUndici, type Undici } from './undici.js'
import { parseProxyList, type ProxyEntry } from './goproxy-list.js'
import { redact, type Logger } from '../log.js'
import { Breaker, isDown, type CircuitView } from './breaker.js'
import { countedBody, type BodyState } from './counted.js'
import { goAuth, parseGoAuth, type Credentials, type Headers } from './goauth.js'

/** What one `get` ends with, after list walking and retries. */
export type FetchOutcome<T> =
  | { kind: 'found'; value: T; upstream: string } // upstream: redacted base URL
  | { kind: 'notfound'; status: 404 | 410; message: string }
  | { kind: 'error'; message: string } // after retries: 5xx, 429, timeout, reset

/** A GOPROXY-list client: GET only, bounded in time, size and connections. */
export interface Upstream {
  get<T>(
    path: string,
    consume: (body: Readable, info: { contentLength?: number }) => Promise<T>,
    opts: { maxBytes: number; signal?: AbortSignal },
  ): Promise<FetchOutcome<T>>
  /** Each http(s) entry's circuit, for /metrics and /healthz. */
  circuits?(): CircuitView[]
  close(): Promise<void>
}

/** Options of createUpstream; every number has a default fit for a CI runner. */
export interface UpstreamConfig {
  /** GOPROXY syntax: entries separated by `,` or `|`; `direct`, `off`, http(s):// or file://. */
  list: string
  /** .netrc path (default: $NETRC, else ~/.netrc). */
  netrc?: string
  /** GOAUTH: where https credentials come from (default netrc); an invalid list throws. */
  goauth?: string
  log: Logger
  /** Connections per upstream origin (default 16). */
  maxConnections?: number
  connectTimeoutMs?: number // default DEFAULT_TIMEOUTS.connectMs
  /** Longest wait for an answer's headers (default DEFAULT_TIMEOUTS.headersMs). */
  headersTimeoutMs?: number
  /** Longest silence while a body arrives (default DEFAULT_TIMEOUTS.idleMs). */
  bodyTimeoutMs?: number
  /**
   * How long an entry that hung or refused is skipped before one probe tries it again (default
   * DEFAULT_TIMEOUTS.coolDownMs); 0 turns the circuit breaker off.
   */
  coolDownMs?: number
  /** Retries after the first try for transient failures (default 2: three tries in all). */
  retries?: number
  /** First backoff delay; doubled on each retry, with jitter (default 200 ms). */
  retryBaseMs?: number
  /** Longest wait honoured from Retry-After, and for any backoff (default 5 s). */
  retryMaxDelayMs?: number
  /**
   * How a path goes into a URL: 'proxy' escapes each element as the go command's url.PathEscape
   * does for module proxies (default); 'sumdb' as its checksum database client sends paths
   * (url.URL keeps '!' and the other sub-delimiters raw).
   */
  paths?: 'proxy' | 'sumdb'
  /** Replaces the built-in undici Agent (tests, custom TLS); the caller closes it. */
  dispatcher?: Dispatcher
  /** How a backoff waits; injected by tests to record delays instead of sleeping. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
  /** The clock the circuit breakers read; injected by tests. */
  now?: () => number
}

/**
 * Timeouts that fail a hung upstream in seconds, not minutes: the go command sets none, so a
 * proxy that waits hangs the build. A slow first fetch is retried; only silence everywhere trips.
 */
export const DEFAULT_TIMEOUTS = { connectMs: 5_000, headersMs: 8_000, idleMs: 10_000, coolDownMs: 30_000 }

/** An attempt's result: final for this entry, or transient (worth another try). */
type Attempt<T> = FetchOutcome<T> | { kind: 'transient'; message: string; retryAfterMs?: number }

type Consume<T> = (body: Readable, info: { contentLength?: number }) => Promise<T>
type GetOpts = { maxBytes: number; signal?: AbortSignal }

const TOO_LARGE = 'response too large'
const ABORTED = 'aborted'

/** Builds the Upstream for a GOPROXY-style list; throws when the list is invalid. */
export function createUpstream(config: UpstreamConfig): Upstream {
  return new ListClient(config)
}

/** The HTTP client, made on the first HTTP request: a proxy serving its store may never need one. */
function lazyClient(config: UpstreamConfig): {
  client: () => Promise<Client>
  owned: () => Promise<Dispatcher | undefined>
} {
  let made: Promise<Client & { owned?: Dispatcher }> | undefined
  const client = (): Promise<Client> =>
    (made ??= loadUndici().then((undici) => {
      const owned = config.dispatcher
        ? undefined
        : new undici.Agent({
            connections: config.maxConnections ?? 16,
            pipelining: 1,
            connect: { timeout: config.connectTimeoutMs ?? DEFAULT_TIMEOUTS.connectMs },
          })
      // Proxies in front of object stores answer .zip with a redirect; undici drops Authorization
      // when a redirect leaves the origin.
      const dispatcher = (config.dispatcher ?? (owned as Dispatcher)).compose(
        undici.redirect({ maxRedirections: 5 }),
      )
      return { dispatcher, request: undici.request, owned }
    }))
  return { client, owned: async () => (await made?.catch(() => undefined))?.owned }
}

/** The settings every attempt reads, with their defaults. */
function settingsFor(config: UpstreamConfig, client: () => Promise<Client>): Settings {
  return {
    log: config.log,
    client,
    headersTimeout: config.headersTimeoutMs ?? DEFAULT_TIMEOUTS.headersMs,
    bodyTimeout: config.bodyTimeoutMs ?? DEFAULT_TIMEOUTS.idleMs,
    retries: config.retries ?? 2,
    retryBaseMs: config.retryBaseMs ?? 200,
    retryMaxDelayMs: config.retryMaxDelayMs ?? 5_000,
    sleep: config.sleep ?? ((ms: number, signal?: AbortSignal) => wait(ms, undefined, { signal })),
    paths: config.paths ?? 'proxy',
    coolDownMs: config.coolDownMs ?? DEFAULT_TIMEOUTS.coolDownMs,
    now: config.now ?? Date.now,
  }
}

/** An Upstream over a parsed GOPROXY list: walks its entries in order, as the go command does. */
class ListClient implements Upstream {
  private readonly entries: ProxyEntry[]
  private readonly auth: Map<ProxyEntry, EntryAuth | undefined>
  private readonly breakers = new Map<ProxyEntry, Breaker>()
  private readonly settings: Settings
  private readonly owned: () => Promise<Dispatcher | undefined>
  // One per get() in flight, aborted when close() gives up waiting: undici's destroy() after
  // close() leaves a request already waiting for headers to its headers timeout.
  private readonly inFlight = new Set<AbortController>()
  private readonly followers = new WeakMap<AbortSignal, Set<AbortController>>()

  constructor(config: UpstreamConfig) {
    const log = config.log
    this.entries = parseProxyList(config.list)
    const schemes = parseGoAuth(config.goauth)
    const credentials = needsCredentials(this.entries)
      ? goAuth(schemes, { netrc: config.netrc, log })
      : undefined
    this.auth = new Map(this.entries.map((e) => [e, entryAuth(e, credentials, log)]))
    const lazy = lazyClient(config)
    this.owned = lazy.owned
    this.settings = settingsFor(config, lazy.client)
    const coolDown = config.coolDownMs ?? DEFAULT_TIMEOUTS.coolDownMs
    for (const e of this.entries) {
      if (e.kind === 'http') this.breakers.set(e, new Breaker(redact(e.base), coolDown, config.now))
    }
  }

  circuits(): CircuitView[] {
    return [...this.breakers.values()].map((b) => b.view())
  }

  async get<T>(path: string, consume: Consume<T>, given: GetOpts): Promise<FetchOutcome<T>> {
    const cut = new AbortController()
    const unfollow = given.signal ? this.follow(given.signal, cut) : () => {}
    this.inFlight.add(cut)
    try {
      return await this.getEntries(path, consume, { ...given, signal: cut.signal })
    } finally {
      this.inFlight.delete(cut)
      unfollow()
    }
  }

  /**
   * Aborts `cut` with `signal`. One listener per outer signal, fanned out: a listener per get on
   * the core's one signal made prefetch's concurrent gets pass Node's MaxListeners warning.
   */
  private follow(signal: AbortSignal, cut: AbortController): () => void {
    if (signal.aborted) cut.abort()
    let cuts = this.followers.get(signal)
    if (cuts === undefined) {
      const fresh = new Set<AbortController>()
      signal.addEventListener('abort', () => fresh.forEach((c) => c.abort()), { once: true })
      this.followers.set(signal, fresh)
      cuts = fresh
    }
    const own = cuts
    own.add(cut)
    return () => own.delete(cut)
  }

  private async getEntries<T>(path: string, consume: Consume<T>, opts: GetOpts): Promise<FetchOutcome<T>> {
    if (!isRelativeStorePath(path)) return { kind: 'error', message: `invalid upstream path "${path}"` }
    const { entries, settings } = this
    for (const [i, entry] of entries.entries()) {
      if (entry.kind === 'direct') {
        return { kind: 'notfound', status: 404, message: "left to the go command's own direct fallback" }
      }
      if (entry.kind === 'off') {
        return { kind: 'notfound', status: 404, message: 'module lookup disabled by GOPROXY=off' }
      }
      const { outcome, skipped } = await this.askEntry(entry, path, consume, opts)
      if (outcome.kind === 'found' || opts.signal?.aborted) return outcome
      const next = entries[i + 1]
      if (next === undefined) return outcome
      if (outcome.kind === 'notfound') {
        settings.log.debug(`${entry.base}/${path}: ${outcome.status}; trying ${next.base}`)
        continue
      }
      if (entry.next !== '|') return outcome
      // A skipped entry was reported once, when its circuit opened.
      const line = redact(
        `upstream ${entry.base} failed for ${path}: ${outcome.message}; trying ${next.base}`,
      )
      if (skipped) settings.log.debug(line)
      else settings.log.warn(line)
    }
    // Unreachable: parseProxyList never returns an empty list.
    return { kind: 'error', message: 'no upstream' }
  }

  /** One entry, unless its circuit is open: then at once an error saying why it was skipped. */
  private async askEntry<T>(
    entry: ProxyEntry & { kind: 'http' | 'file' },
    path: string,
    consume: Consume<T>,
    opts: GetOpts,
  ): Promise<{ outcome: FetchOutcome<T>; skipped: boolean }> {
    const breaker = this.breakers.get(entry)
    const gate = breaker?.admit() ?? { probe: false }
    if ('skipped' in gate) return { outcome: { kind: 'error', message: gate.skipped }, skipped: true }
    try {
      const auth = this.auth.get(entry)
      return {
        outcome: await tryEntry(this.settings, entry, auth, path, consume, opts, breaker),
        skipped: false,
      }
    } finally {
      breaker?.settle(gate.probe)
    }
  }

  async close(): Promise<void> {
    const owned = await this.owned()
    if (!owned) return
    // Graceful first; a hung upstream must not hold shutdown, so cut what is left after 2 s.
    const timer = wait(2_000, 'timeout', { ref: false })
    if ((await Promise.race([owned.close().then(() => 'closed'), timer])) === 'timeout') {
      for (const cut of this.inFlight) cut.abort()
      await owned.destroy()
    }
  }
}

/** What HTTP attempts go through: the composed dispatcher, and undici's request on it. */
type Client = { dispatcher: Dispatcher; request: Undici['request'] }

type Settings = {
  log: Logger
  client: () => Promise<Client>
  headersTimeout: number
  bodyTimeout: number
  retries: number
  retryBaseMs: number
  retryMaxDelayMs: number
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>
  paths: 'proxy' | 'sumdb'
  coolDownMs: number
  now: () => number
}

/** One entry, with retries and backoff for transient failures. */
async function tryEntry<T>(
  s: Settings,
  entry: ProxyEntry & { kind: 'http' | 'file' },
  auth: EntryAuth | undefined,
  path: string,
  consume: Consume<T>,
  opts: GetOpts,
  breaker?: Breaker,
): Promise<FetchOutcome<T>> {
  for (let attempt = 1; ; attempt++) {
    if (opts.signal?.aborted) return { kind: 'error', message: ABORTED }
    const result =
      entry.kind === 'file'
        ? await attemptFile(s, entry, path, consume, opts)
        : await attemptHttp(s, entry, auth, path, consume, opts, breaker)
    if (result.kind !== 'transient') return result
    const where = `${entry.base}/${path}`
    // An entry found down is not asked again now: the next entry (or the error) comes at once.
    if (breaker?.isOpen) {
      return { kind: 'error', message: redact(`${where}: ${result.message} (circuit open)`) }
    }
    if (attempt > s.retries) {
      return { kind: 'error', message: redact(`${where}: ${result.message} (after ${attempt} tries)`) }
    }
    const delay = backoff(attempt, result.retryAfterMs, s.retryBaseMs, s.retryMaxDelayMs)
    s.log.debug(redact(`${where}: ${result.message}; retry ${attempt} in ${delay}ms`))
    try {
      await s.sleep(delay, opts.signal)
    } catch {
      return { kind: 'error', message: ABORTED }
    }
  }
}

/**
 * Exponential backoff with jitter, the one policy of every client here (upstreams, the cache
 * service, blob storage); a Retry-After is honoured up to the cap.
 */
export function backoff(
  attempt: number,
  retryAfterMs: number | undefined,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
  factor = 2,
): number {
  const exp = baseMs * factor ** (attempt - 1)
  // Half fixed, half random: retries from many runners do not arrive in step.
  const jittered = Math.round(exp / 2 + (random() * exp) / 2)
  return Math.min(Math.max(retryAfterMs ?? 0, jittered), maxMs)
}

async function attemptHttp<T>(
  s: Settings,
  entry: ProxyEntry & { kind: 'http' },
  auth: EntryAuth | undefined,
  path: string,
  consume: Consume<T>,
  opts: GetOpts,
  breaker?: Breaker,
): Promise<Attempt<T>> {
  // The query stays off the logged URL (and off GOAUTH's): it may carry a token.
  const shown = `${entry.base}/${path}`
  const url = `${entry.base}/${urlPath(path, s.paths)}`
  const started = Date.now()
  const since = s.now()
  let res: Dispatcher.ResponseData
  try {
    res = await send(s, `${url}${entry.search}`, await auth?.headers(url), opts)
    // As cmd/go: after a 4xx, GOAUTH runs again for this URL and the request goes once more.
    if (auth?.refreshable && res.statusCode >= 400 && res.statusCode < 500) {
      await readSome(res.body)
      await auth.refresh(url, { status: res.statusCode, headers: res.headers })
      res = await send(s, `${url}${entry.search}`, await auth.headers(url), opts)
    }
  } catch (err) {
    s.log.debug(redact(`GET ${shown} failed ${Date.now() - started}ms: ${describe(err)}`))
    if (opts.signal?.aborted) return { kind: 'error', message: ABORTED }
    if (breaker && isDown(describe(err))) tripped(s, breaker, since, describe(err))
    return { kind: 'transient', message: describe(err) }
  }
  if (breaker?.alive()) s.log.info(`upstream ${breaker.base} answers again: circuit closed`)
  const status = res.statusCode
  if (status !== 200) {
    const text = await readSome(res.body)
    s.log.debug(redact(`GET ${shown} ${status} ${Date.now() - started}ms`))
    return statusAttempt(entry.base, status, text, res.headers['retry-after'])
  }
  const length = contentLength(res.headers['content-length'])
  const result = await consumeBody(res.body, length, consume, opts)
  s.log.debug(redact(`GET ${shown} 200 ${Date.now() - started}ms`))
  return result.kind === 'found' ? { ...result, upstream: entry.base } : result
}

/** Records an entry found down; says so once when its circuit opens. */
function tripped(s: Settings, breaker: Breaker, since: number, why: string): void {
  if (breaker.down(since, why)) {
    const secs = Math.round(s.coolDownMs / 1000)
    s.log.warn(redact(`upstream ${breaker.base} is down (${why}): skipping it for ${secs}s`))
  }
}

/** One GET with the client's timeouts, and credentials when there are some. */
async function send(
  s: Settings,
  url: string,
  credentials: Headers | undefined,
  opts: GetOpts,
): Promise<Dispatcher.ResponseData> {
  const { dispatcher, request } = await s.client()
  return request(url, {
    dispatcher,
    method: 'GET',
    headers: { 'user-agent': 'go-mod-cache', ...credentials },
    signal: opts.signal,
    headersTimeout: s.headersTimeout,
    bodyTimeout: s.bodyTimeout,
  })
}

/** The outcome of a non-200 answer; 404/410 are misses, 429/5xx transient, other 4xx final. */
function statusAttempt<T>(
  base: string,
  status: number,
  text: string,
  retryAfter: string | string[] | undefined,
): Attempt<T> {
  const detail = redact(`${base}: ${status}${text ? `: ${text}` : ''}`)
  if (status === 404 || status === 410) return { kind: 'notfound', status, message: detail }
  if (status === 429 || status >= 500) {
    const after = status === 429 || status === 503 ? parseRetryAfter(retryAfter) : undefined
    return { kind: 'transient', message: `${status}${text ? `: ${text}` : ''}`, retryAfterMs: after }
  }
  return { kind: 'error', message: detail }
}

async function attemptFile<T>(
  s: Settings,
  entry: ProxyEntry & { kind: 'file' },
  path: string,
  consume: Consume<T>,
  opts: GetOpts,
): Promise<Attempt<T>> {
  const file = nodePath.join(entry.dir, ...path.split('/'))
  const started = Date.now()
  const info = await stat(file).catch(() => undefined)
  if (!info?.isFile()) {
    s.log.debug(`GET ${entry.base}/${path} 404 ${Date.now() - started}ms`)
    return { kind: 'notfound', status: 404, message: `${entry.base}: 404: not found: ${path}` }
  }
  if (info.size > opts.maxBytes) return { kind: 'error', message: TOO_LARGE }
  const result = await consumeBody(createReadStream(file), info.size, consume, opts)
  s.log.debug(`GET ${entry.base}/${path} 200 ${Date.now() - started}ms`)
  return result.kind === 'found' ? { ...result, upstream: entry.base } : result
}

/**
 * Hands a 200 body to `consume` behind a byte counter: over maxBytes is final, a body that
 * breaks (reset, idle timeout, fewer bytes than Content-Length) is transient, and a failure of
 * `consume` itself is final. The body is destroyed whatever happens.
 */
async function consumeBody<T>(
  body: Readable,
  length: number | undefined,
  consume: Consume<T>,
  opts: GetOpts,
): Promise<BodyResult<T>> {
  if (length !== undefined && length > opts.maxBytes) {
    discard(body)
    return { kind: 'error', message: TOO_LARGE }
  }
  const state: BodyState = { bytes: 0, tooLarge: false }
  const counted = countedBody(body, length, opts.maxBytes, state, TOO_LARGE)
  try {
    const value = await consume(counted, length === undefined ? {} : { contentLength: length })
    return { kind: 'found', value }
  } catch (err) {
    if (state.tooLarge) return { kind: 'error', message: TOO_LARGE }
    if (opts.signal?.aborted) return { kind: 'error', message: ABORTED }
    if (state.broken)
      return {
        kind: 'transient',
        message: `body broke after ${state.bytes} bytes: ${describe(state.broken)}`,
      }
    return { kind: 'error', message: describe(err) }
  } finally {
    discard(counted)
    discard(body)
  }
}

/** Destroys a stream that may not have ended; its late abort error has nobody to tell. */
function discard(stream: Readable): void {
  stream.on('error', () => {})
  stream.destroy()
}

type BodyResult<T> = { kind: 'found'; value: T } | { kind: 'error' | 'transient'; message: string }

/**
 * The first line of an error body, read to its end when short so the connection is kept alive;
 * a longer one is cut (destroyed) after `drainLimit` bytes.
 */
async function readSome(body: Readable, keep = 1024, drainLimit = 64 * 1024): Promise<string> {
  const chunks: Buffer[] = []
  let kept = 0
  let read = 0
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      read += chunk.length
      if (kept < keep) {
        chunks.push(chunk)
        kept += chunk.length
      }
      if (read >= drainLimit) break
    }
  } catch {
    // An error body that breaks still leaves us the status, which is what matters.
  } finally {
    discard(body)
  }
  const text = Buffer.concat(chunks).subarray(0, keep).toString('utf8')
  return text.split('\n', 1)[0]?.trim().slice(0, 300) ?? ''
}

/** Retry-After as milliseconds: delay-seconds or an HTTP date; undefined when absent or bad. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const text = Array.isArray(value) ? value[0] : value
  if (text === undefined || text.trim() === '') return undefined
  if (/^\s*\d+\s*$/.test(text)) return Number(text) * 1000
  const date = Date.parse(text)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

function contentLength(value: string | string[] | undefined): number | undefined {
  const text = Array.isArray(value) ? value[0] : value
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined
}

/** An error as one line: undici codes and socket codes say more than a stack. */
function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err)
  const code = (err as { code?: unknown }).code
  const cause = err.cause instanceof Error ? `: ${err.cause.message}` : ''
  return `${typeof code === 'string' ? `${code} ` : ''}${err.message}${cause}`
}

/** A path from modpath.storePath: relative, no empty, '.' or '..' elements, no '\\' or control. */
function isRelativeStorePath(path: string): boolean {
  return (
    !Array.from(path).some((c) => c === '\\' || c < ' ' || c === '\x7f') &&
    path.split('/').every((p) => p !== '' && p !== '.' && p !== '..')
  )
}

/**
 * A store path as the go command puts it in a URL. For a module proxy each element goes through
 * url.PathEscape, which keeps letters, digits and -._~$&+:=@ and escapes the rest (a query "a,b"
 * goes as a%2Cb, '!' as %21); its checksum database client also keeps !'()*,; raw.
 */
export function urlPath(path: string, paths: 'proxy' | 'sumdb' = 'proxy'): string {
  const keep = paths === 'proxy' ? /[A-Za-z0-9\-._~$&+:=@]/ : /[A-Za-z0-9\-._~$&+:=@!'()*,;]/
  return path
    .split('/')
    .map((elem) =>
      Array.from(Buffer.from(elem, 'utf8'))
        .map((b) => {
          const c = String.fromCharCode(b)
          return keep.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`
        })
        .join(''),
    )
    .join('/')
}

function needsCredentials(entries: ProxyEntry[]): boolean {
  return entries.some((e) => e.kind === 'http' && e.userinfo === undefined)
}

/** How an https entry's requests get credentials: fixed (URL userinfo) or from GOAUTH. */
interface EntryAuth {
  headers(url: string): Promise<Headers | undefined>
  refreshable: boolean
  refresh(
    url: string,
    rejection: { status: number; headers: Record<string, string | string[] | undefined> },
  ): Promise<void>
}

/**
 * An entry's credentials: its URL userinfo (cmd/go's GOAUTH lookup never matches a URL that
 * carries one), else GOAUTH's, and only over https, as cmd/go does; never in clear text.
 */
export function entryAuth(
  entry: ProxyEntry,
  credentials: Credentials | undefined,
  log: Logger,
): EntryAuth | undefined {
  if (entry.kind !== 'http') return undefined
  if (entry.protocol !== 'https:') {
    if (entry.userinfo)
      log.debug(`credentials from URL userinfo for ${entry.base} are not sent: it is plain http`)
    return undefined
  }
  if (entry.userinfo) {
    const { username, password } = entry.userinfo
    const fixed = { authorization: ['Basic ' + Buffer.from(`${username}:${password}`).toString('base64')] }
    log.debug(`sending credentials from URL userinfo to ${entry.base}`)
    return { headers: async () => fixed, refreshable: false, refresh: async () => {} }
  }
  if (!credentials) return undefined
  let said = false
  return {
    refreshable: credentials.refreshable,
    refresh: (url, rejection) => credentials.refresh(url, rejection),
    async headers(url) {
      const found = await credentials.headers(url)
      if (found && !said) log.debug(`sending credentials from GOAUTH to ${entry.base}`)
      said ||= found !== undefined
      return found
    },
  }
}
