import { createHash, timingSafeEqual } from 'node:crypto'
import { closeSync, fstatSync, openSync, readSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Ensured, ModuleFiles } from '../core/files.js'
import type { Journal, JournalFile } from '../core/journal.js'
import { clip, type Logger } from '../log.js'
import type { Metrics } from '../core/metrics.js'
import type { CircuitView } from '../upstream/breaker.js'
import { parseProxyPath, type ProxyRequest } from '../module/modpath.js'
import { IMMUTABLE, MUTABLE, NO_STORE, type Reply, textReply } from './reply.js'
import { sendFile } from './sendfile.js'

/** The /sumdb/ handler's shape (sumdb.ts's createSumdb returns one). */
export interface SumdbHandler {
  handle(rest: string, head: boolean): Promise<Reply>
}

/** What the HTTP layer routes to; everything below it is HTTP-free. */
export interface ServerDeps {
  files: ModuleFiles
  /** null: /sumdb/ answers 404, so the go command goes to the database itself. */
  sumdb: SumdbHandler | null
  journal: Journal
  metrics: Metrics
  /** Serve /metrics. */
  exposeMetrics: boolean
  token?: string
  log: Logger
}

const JSON_TYPE = 'application/json'
const TEXT_TYPE = 'text/plain; charset=utf-8'

/** The node:http request listener: auth, routing, Reply -> HTTP. Never throws, never crashes. */
export function createHandler(deps: ServerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const started = process.hrtime.bigint()
    res.once('close', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9
      deps.metrics.observe(res.statusCode, seconds)
    })
    handle(deps, req, res, started).catch((err: unknown) => {
      const where = clip((req.url ?? '').replace(/^\/_token\/[^/]*/, '/_token/***'), 200)
      deps.log.error(`unexpected error answering ${req.method} ${where}: ${clip(String(err), 300)}`)
      if (!res.headersSent) send(req, res, textReply(500, 'internal error'), deps.metrics)
      else res.destroy()
    })
  }
}

async function handle(
  deps: ServerDeps,
  req: IncomingMessage,
  res: ServerResponse,
  started: bigint,
): Promise<unknown> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD')
    return send(req, res, textReply(405, `method ${req.method} not allowed`), deps.metrics)
  }
  let raw = (req.url ?? '/').split('?')[0] ?? '/'
  if (!raw.startsWith('/')) return send(req, res, textReply(400, 'bad request path'), deps.metrics)
  // The go command refuses to send credentials to an http:// URL, so the token may also come
  // as the first path element: GOPROXY=http://host:port/_token/<token>.
  const inPath = deps.token !== undefined ? tokenInPath(raw, deps.token) : undefined
  if (inPath !== undefined) raw = inPath
  if (raw === '/healthz') {
    // Upstream names only for a client that could read /metrics too.
    const trusted =
      deps.token === undefined || inPath !== undefined || authorized(req.headers.authorization, deps.token)
    const body = healthBody(trusted ? deps.metrics.circuits() : [])
    return send(req, res, { status: 200, body, contentType: JSON_TYPE, cacheControl: NO_STORE }, deps.metrics)
  }
  if (
    deps.token !== undefined &&
    inPath === undefined &&
    !authorized(req.headers.authorization, deps.token)
  ) {
    res.setHeader('WWW-Authenticate', 'Basic realm="go-mod-cache"')
    return send(req, res, textReply(401, 'unauthorized'), deps.metrics)
  }
  if (raw === '/metrics' && deps.exposeMetrics) {
    const body = deps.metrics.render()
    return send(
      req,
      res,
      { status: 200, body, contentType: 'text/plain; version=0.0.4', cacheControl: NO_STORE },
      deps.metrics,
    )
  }
  if (raw.startsWith('/sumdb/')) {
    if (!deps.sumdb) return send(req, res, textReply(404, 'checksum database not proxied here'), deps.metrics)
    const reply = await deps.sumdb.handle(raw.slice('/sumdb/'.length), req.method === 'HEAD')
    return send(req, res, reply, deps.metrics)
  }
  return serveModule(deps, req, res, raw, started)
}

/** /healthz: ok while the proxy serves; each upstream entry's circuit when there are any. */
function healthBody(circuits: CircuitView[]): string {
  return JSON.stringify(circuits.length === 0 ? { ok: true } : { ok: true, upstreams: circuits }) + '\n'
}

/** A module proxy path: routed to the core, journaled when a canonical file is served. */
async function serveModule(
  deps: ServerDeps,
  req: IncomingMessage,
  res: ServerResponse,
  raw: string,
  started: bigint,
): Promise<unknown> {
  // As sent: parseProxyPath alone decides which escapes it undoes (%21, and the last element's).
  const parsed = parseProxyPath(raw.slice(1))
  if ('status' in parsed) return send(req, res, textReply(parsed.status, parsed.message), deps.metrics)
  const { reply, ensured } = await route(deps.files, parsed)
  if (ensured.kind !== 'found' || !isCanonical(parsed)) return send(req, res, reply, deps.metrics)
  const { module, version, kind } = parsed
  const source = ensured.source
  if (source === 'store') deps.metrics.storeHits++
  else deps.metrics.storeMisses++
  // The journal line is written as the body starts, not after it: the client may have the last
  // byte (and the proxy a SIGTERM) before this handler runs again.
  const onServe = (bytes: number): void => {
    const ms = Math.round(Number(process.hrtime.bigint() - started) / 1e6)
    deps.journal.record({ event: 'serve', module, version, file: kind as JournalFile, source, bytes, ms })
  }
  return send(req, res, reply, deps.metrics, onServe)
}

/** True for the canonical .info/.mod/.zip requests, the ones the journal records. */
function isCanonical(req: ProxyRequest): req is ProxyRequest & { version: string } {
  return req.kind === 'mod' || req.kind === 'zip' || (req.kind === 'info' && req.canonical)
}

/** Asks ModuleFiles for one proxy request and turns the answer into a Reply. */
async function route(files: ModuleFiles, req: ProxyRequest): Promise<{ reply: Reply; ensured: Ensured }> {
  let ensured: Ensured
  let contentType = JSON_TYPE
  let cacheControl = IMMUTABLE
  switch (req.kind) {
    case 'list':
      ensured = await files.list(req.module)
      contentType = TEXT_TYPE
      cacheControl = MUTABLE
      break
    case 'latest':
      ensured = await files.latest(req.module)
      cacheControl = MUTABLE
      break
    case 'info':
      if (req.canonical) {
        ensured = await files.ensure(req.module, req.version, 'info', 'request')
      } else {
        ensured = await files.query(req.module, req.version)
        cacheControl = MUTABLE
      }
      break
    case 'mod':
      ensured = await files.ensure(req.module, req.version, 'mod', 'request')
      contentType = TEXT_TYPE
      break
    case 'zip':
      ensured = await files.ensure(req.module, req.version, 'zip', 'request')
      contentType = 'application/zip'
      break
  }
  if (ensured.kind !== 'found') return { reply: textReply(ensured.status, ensured.message), ensured }
  return { reply: { status: 200, file: ensured.path, contentType, cacheControl }, ensured }
}

/**
 * Writes a Reply: Content-Length, a strong ETag (If-None-Match -> 304), HEAD without a body.
 * A file is opened once and streamed from that descriptor, so a concurrent rename over it
 * (another process storing the same file) cannot mix two versions into one answer.
 */
async function send(
  req: IncomingMessage,
  res: ServerResponse,
  reply: Reply,
  metrics: Metrics,
  onServe?: (bytes: number) => void,
): Promise<{ status: number; bytes: number }> {
  res.setHeader('Content-Type', reply.contentType)
  res.setHeader('Cache-Control', reply.cacheControl)
  const head = req.method === 'HEAD'
  if (reply.file === undefined) {
    const body = typeof reply.body === 'string' ? Buffer.from(reply.body) : (reply.body ?? Buffer.alloc(0))
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`
    if (reply.status === 200 && notModified(req, res, etag)) return { status: 304, bytes: 0 }
    if (reply.status === 200) res.setHeader('ETag', etag)
    res.statusCode = reply.status
    res.setHeader('Content-Length', body.length)
    res.end(head ? undefined : body)
    if (!head) metrics.bytesServed += body.length
    return { status: reply.status, bytes: head ? 0 : body.length }
  }
  // Opened and stat'ed at once, not through the thread pool: microseconds for a file the store
  // just checked, where a pool round trip costs two thread wake-ups per call.
  const fd = openSync(reply.file, 'r')
  try {
    const st = fstatSync(fd)
    const etag = `"${st.size.toString(16)}-${Math.trunc(st.mtimeMs).toString(16)}-${st.ino.toString(16)}"`
    if (reply.status === 200 && notModified(req, res, etag)) return { status: 304, bytes: 0 }
    res.statusCode = reply.status
    res.setHeader('ETag', etag)
    res.setHeader('Content-Length', st.size)
    if (reply.status === 200 && !head) onServe?.(st.size)
    if (head) {
      res.end()
      return { status: reply.status, bytes: 0 }
    }
    // Counted as the body starts, like the journal line, so /metrics never lags an answer.
    metrics.bytesServed += st.size
    try {
      // .info and .mod (and small zips) in one read; a stream's machinery costs more than they do.
      if (st.size <= SMALL_FILE) res.end(readWhole(fd, st.size))
      else await sendFile(fd, st.size, res)
    } catch {
      // The client went away mid-body (or the disk failed): nothing more to say to it.
      res.destroy()
      return { status: reply.status, bytes: 0 }
    }
    return { status: reply.status, bytes: st.size }
  } finally {
    closeSync(fd)
  }
}

// A small file whole, in one read where the kernel allows.
function readWhole(fd: number, size: number): Buffer {
  const buf = Buffer.allocUnsafe(size)
  for (let done = 0; done < size;) {
    const n = readSync(fd, buf, done, size - done, done)
    if (n === 0) throw new Error(`file ended at ${done} of ${size} bytes`)
    done += n
  }
  return buf
}

/**
 * Files up to this size (every .info and .mod, small zips) are read at once on the loop and sent
 * from one buffer: microseconds from the page cache, where a piece through the thread pool costs
 * two thread wake-ups. Larger ones go in pieces, off the loop.
 */
const SMALL_FILE = 64 * 1024

/** Answers 304 when the client's If-None-Match names `etag`. */
function notModified(req: IncomingMessage, res: ServerResponse, etag: string): boolean {
  const header = req.headers['if-none-match']
  if (header === undefined) return false
  const tags = header.split(',').map((t) => t.trim())
  if (!tags.includes(etag) && !tags.includes('*')) return false
  res.statusCode = 304
  res.setHeader('ETag', etag)
  res.end()
  return true
}

/** The path prefix that carries the token when the client cannot send credentials over http. */
export const TOKEN_PREFIX = '/_token/'

/** The rest of `raw` when it starts with the right token prefix, else undefined. */
function tokenInPath(raw: string, token: string): string | undefined {
  if (!raw.startsWith(TOKEN_PREFIX)) return undefined
  const end = raw.indexOf('/', TOKEN_PREFIX.length)
  if (end < 0) return undefined
  const given = Buffer.from(raw.slice(TOKEN_PREFIX.length, end))
  const want = Buffer.from(encodeURIComponent(token))
  return given.length === want.length && timingSafeEqual(given, want) ? raw.slice(end) : undefined
}

/** Basic auth with password === token (any user), or `Bearer <token>`. */
export function authorized(header: string | undefined, token: string): boolean {
  if (!header) return false
  const [scheme, value = ''] = header.trim().split(/\s+/, 2)
  let given: string | undefined
  if (scheme?.toLowerCase() === 'bearer') given = value
  if (scheme?.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8')
    const colon = decoded.indexOf(':')
    given = colon >= 0 ? decoded.slice(colon + 1) : undefined
  }
  if (given === undefined) return false
  const a = Buffer.from(given)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}
