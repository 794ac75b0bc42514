import { randomBytes, randomInt, randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import type { Readable } from 'node:stream'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BlobFiles, type Written } from './blobs.js'
import { checkKey, findEntry, type CacheEntry } from './cache-entries.js'
import { readSmallBody, sendAzureError, sendJson, sendServerError, sendTwirpError } from './http-util.js'
import { blockIndex, DOWNLOAD_PREFIX, pathId, UPLOAD_PREFIX } from './self-hosted.js'

export type { CacheEntry } from './cache-entries.js'

/** The three Twirp methods @actions/cache 6 calls (FACTS §4). */
export type TwirpMethod = 'CreateCacheEntry' | 'FinalizeCacheEntryUpload' | 'GetCacheEntryDownloadURL'

/** Where a fault applies: one Twirp method, the blob upload or download, or everything. */
export type FaultTarget = TwirpMethod | 'blob-upload' | 'blob-download' | 'all'

/**
 * A fault: answer a status (500, 429, 409 ...), delay the answer, reset the connection, cut a blob
 * download's body after some bytes (`truncate`, blob-download only), go silent after some bytes
 * with the connection left open (`stall`, blob-download only: a hung storage download), or
 * `down`: stop listening so connections are refused (service-wide, whatever the target).
 */
export type Fault =
  | ({ kind: 'status'; status: number; retryAfter?: number } & FaultScope)
  | ({ kind: 'slow'; delayMs: number } & FaultScope)
  | ({ kind: 'reset' } & FaultScope)
  | ({ kind: 'truncate'; afterBytes: number } & FaultScope)
  | ({ kind: 'stall'; afterBytes: number } & FaultScope)
  | { kind: 'down' }

/** Which requests a fault hits: all of its target's, unless narrowed. */
export interface FaultScope {
  /** How many requests it hits; unlimited when absent. */
  times?: number
  /**
   * Only requests about entries whose key starts with this: the `key` a Twirp call's body names
   * (a lookup's primary key), or the key of the entry a blob URL is for. One entry's failures
   * (the build cache's, say) then leave the job's other entries alone.
   */
  keyPrefix?: string
}

/** One request the service answered, for tests to assert on. */
export interface CallRecord {
  method: TwirpMethod | 'blob-upload' | 'blob-download' | 'unknown'
  status: number
  key?: string
  version?: string
  restoreKeys?: string[]
  matchedKey?: string
  op?: 'put-blob' | 'put-block' | 'put-block-list' | 'get' | 'head'
  bytes?: number
  fault?: Fault['kind']
}

/** Options of the emulated service. */
export interface CacheServiceOptions {
  token?: string
  /** The scope new entries get (the run's branch). */
  scope?: string
  /** Scopes a restore reads, in order; defaults to [scope]. */
  readScopes?: string[]
  /** Answer CreateCacheEntry like a read-only token does ("cache write denied: ..."). */
  readOnly?: boolean
  /** Where blobs go; a fresh temp dir (removed by stop) when absent. */
  dir?: string
  /** Answer a ranged blob GET with 206 and the range, as Azure does (default); false ignores Range (200). */
  ranges?: boolean
  /** Answer GetCacheEntryDownloadURL like a token without read access does ("cache read denied: ..."). */
  denyReads?: boolean
  /**
   * `github` (default): GitHub's service and Azure storage. `self-hosted`: as the independent v2
   * server self-hosted fleets run (self-hosted.ts): signed URLs without a query string, block ids
   * of 48 or 64 bytes only, `ok: false` on CreateCacheEntry while the key is reserved, no Range.
   */
  flavour?: 'github' | 'self-hosted'
}

/** A running emulation of the Actions cache service v2 and its blob storage. */
export interface CacheService {
  /** Value for ACTIONS_RESULTS_URL, with a trailing '/'. */
  url: string
  /** Value for ACTIONS_RUNTIME_TOKEN. */
  token: string
  /** Every call answered so far, oldest first. */
  calls: CallRecord[]
  /** Copies of all entries, reserved and finalized. */
  entries(): CacheEntry[]
  /** A committed blob's bytes (an entry's archive). */
  readBlob(id: number): Readable
  /** Bytes received by blob uploads and sent by blob downloads. */
  stats(): { bytesUploaded: number; bytesDownloaded: number }
  /** Sets (or with undefined clears; 'all' clears everything, down included) a fault. */
  setFault(target: FaultTarget, fault: Fault | undefined): Promise<void>
  /** Changes the run's branch scope and the scopes restores read (as a run on another branch). */
  setScopes(scope: string, readScopes?: string[]): void
  /** Closes the server and removes its temp dir. */
  stop(): Promise<void>
}

const twirpPrefix = '/twirp/github.actions.results.api.v1.CacheService/'
const blobPrefix = '/devstoreaccount1/actions-cache/'
const blobTargets = ['blob-upload', 'blob-download'] as const

/** Starts the emulated cache service on 127.0.0.1, port 0. */
export async function startCacheService(opts: CacheServiceOptions = {}): Promise<CacheService> {
  const ownDir = opts.dir === undefined
  const dir = opts.dir ?? (await mkdtemp(join(tmpdir(), 'cache-service-')))
  const service = new Service({ ...opts }, new BlobFiles(dir))
  await service.listen(0)
  return {
    url: `http://127.0.0.1:${service.port}/`,
    token: service.token,
    calls: service.calls,
    entries: () => service.entries.map((e) => ({ ...e })),
    readBlob: (id) => service.blobs.read(id),
    stats: () => ({ ...service.counters }),
    setFault: (target, fault) => service.setFault(target, fault),
    setScopes: (scope, readScopes) => {
      service.opts.scope = scope
      service.opts.readScopes = readScopes
    },
    stop: async () => {
      await service.close()
      if (ownDir) await rm(dir, { recursive: true, force: true })
    },
  }
}

class Service {
  readonly token: string
  readonly calls: CallRecord[] = []
  readonly entries: CacheEntry[] = []
  readonly counters = { bytesUploaded: 0, bytesDownloaded: 0 }
  port = 0
  private readonly faults = new Map<FaultTarget, Fault>()
  private readonly sockets = new Set<Socket>()
  private server: Server
  private down = false
  private nextId = 1

  constructor(
    readonly opts: CacheServiceOptions,
    readonly blobs: BlobFiles,
  ) {
    this.token = opts.token ?? `emul-${randomBytes(12).toString('hex')}`
    this.server = this.newServer()
  }

  private newServer(): Server {
    const server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        if (!res.headersSent) sendTwirpError(res, 500, `emulation error: ${String(err)}`)
        else res.destroy()
      })
    })
    server.on('connection', (socket) => {
      this.sockets.add(socket)
      socket.on('close', () => this.sockets.delete(socket))
    })
    return server
  }

  listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject)
      this.server.listen(port, '127.0.0.1', () => {
        const address = this.server.address()
        if (address && typeof address === 'object') this.port = address.port
        resolve()
      })
    })
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()))
    for (const socket of this.sockets) socket.destroy()
    await closed
  }

  async setFault(target: FaultTarget, fault: Fault | undefined): Promise<void> {
    if (fault?.kind === 'down') {
      if (!this.down) {
        this.down = true
        await this.close()
      }
      return
    }
    if (fault) {
      this.faults.set(target, { ...fault })
      return
    }
    if (target !== 'all') {
      this.faults.delete(target)
      return
    }
    this.faults.clear()
    if (this.down) {
      // A new server object on the same port: a closed one cannot be reused reliably.
      this.down = false
      this.server = this.newServer()
      await this.listen(this.port)
    }
  }

  // Returns the fault to apply to this request (about the entry `key`), counting down `times`.
  private takeFault(target: Exclude<FaultTarget, 'all'>, key: string | undefined): Fault | undefined {
    for (const name of [target, 'all'] as const) {
      const fault = this.faults.get(name)
      if (!fault || fault.kind === 'down') continue
      if (fault.keyPrefix !== undefined && !(key ?? '').startsWith(fault.keyPrefix)) continue
      if (fault.times !== undefined) {
        if (fault.times <= 0) continue
        fault.times -= 1
      }
      return fault
    }
    return undefined
  }

  // Applies a fault; returns true when the request was answered (or cut) by it.
  private async applyFault(
    target: Exclude<FaultTarget, 'all'>,
    res: ServerResponse,
    record: CallRecord,
    key: string | undefined,
  ): Promise<boolean> {
    const fault = this.takeFault(target, key)
    if (!fault) return false
    record.fault = fault.kind
    if (fault.kind === 'slow') {
      await new Promise((resolve) => setTimeout(resolve, fault.delayMs))
      return false
    }
    if (fault.kind === 'truncate' || fault.kind === 'stall') return false
    if (fault.kind === 'reset') {
      record.status = 0
      res.socket?.destroy()
      this.calls.push(record)
      return true
    }
    if (fault.kind !== 'status') return false
    record.status = fault.status
    this.calls.push(record)
    const headers: Record<string, string> = fault.retryAfter
      ? { 'Retry-After': String(fault.retryAfter) }
      : {}
    if (target.startsWith('blob-'))
      sendAzureError(res, fault.status, 'InjectedFault', `injected ${fault.status}`)
    else sendTwirpError(res, fault.status, faultMessage(fault.status), headers)
    return true
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    if (req.method === 'POST' && url.pathname.startsWith(twirpPrefix)) {
      return this.twirp(url.pathname.slice(twirpPrefix.length), req, res)
    }
    if (this.selfHosted()) {
      if (url.pathname.startsWith(UPLOAD_PREFIX) || url.pathname.startsWith(DOWNLOAD_PREFIX))
        return this.blob(url, req, res)
    } else if (url.pathname.startsWith(blobPrefix)) return this.blob(url, req, res)
    this.calls.push({ method: 'unknown', status: 404 })
    sendTwirpError(res, 404, `no route for ${req.method ?? ''} ${url.pathname}`)
  }

  private async twirp(name: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isTwirpMethod(name)) {
      this.calls.push({ method: 'unknown', status: 404 })
      return sendTwirpError(res, 404, `no such method ${name}`)
    }
    const record: CallRecord = { method: name, status: 0 }
    // The body first: a fault may be for one entry's calls only, named by the key they send.
    const body = await readJson(req)
    record.key = typeof body?.key === 'string' ? body.key : undefined
    if (await this.applyFault(name, res, record, record.key)) return
    let status = 200
    const reply = (code: number, body: unknown): void => {
      status = code
      if (code === 200) sendJson(res, 200, body)
      else sendTwirpError(res, code, String(body))
    }
    if (req.headers.authorization !== `Bearer ${this.token}`) {
      reply(401, 'missing or wrong bearer token')
    } else if (!body) {
      reply(400, 'malformed JSON body')
    } else {
      record.version = typeof body.version === 'string' ? body.version : undefined
      this[name](body, reply, record)
    }
    record.status = status
    this.calls.push(record)
  }

  CreateCacheEntry(body: Json, reply: Reply): void {
    const key = body.key
    const version = body.version
    if (this.opts.readOnly) {
      return reply(200, { ok: false, message: 'cache write denied: the token of this run is read-only' })
    }
    const bad =
      checkKey(key) ?? (typeof version === 'string' && version !== '' ? undefined : 'version is required')
    if (bad || typeof key !== 'string' || typeof version !== 'string') return reply(400, bad)
    const scope = this.scope()
    const same = this.entries.find((e) => e.key === key && e.version === version && e.scope === scope)
    // That server answers an open reservation with a bare `ok: false`; a finalized entry it would
    // overwrite, but GitHub's entries are immutable (409), and that rule is kept here.
    if (same && !same.finalized && this.selfHosted()) return reply(200, { ok: false })
    if (same) return reply(409, 'cache entry with the same key, version, and scope already exists')
    const entry: CacheEntry = {
      id: this.nextId++,
      key,
      version,
      scope,
      finalized: false,
      createdAt: Date.now(),
      // Unguessable either way; the self-hosted server's are numbers in the path.
      uploadSig: this.selfHosted() ? String(randomInt(2 ** 47)) : randomBytes(16).toString('hex'),
      downloadSig: this.selfHosted() ? String(randomInt(2 ** 47)) : randomBytes(16).toString('hex'),
    }
    this.entries.push(entry)
    reply(200, { ok: true, signed_upload_url: this.blobUrl(entry, entry.uploadSig, 'cw') })
  }

  FinalizeCacheEntryUpload(body: Json, reply: Reply): void {
    const scope = this.scope()
    const entry = this.entries.find(
      (e) => e.key === body.key && e.version === body.version && e.scope === scope && !e.finalized,
    )
    if (!entry) return reply(404, 'no reserved cache entry with this key and version')
    if (entry.blobBytes === undefined)
      return reply(200, { ok: false, message: 'no blob was uploaded for this entry' })
    const size = Number(body.size_bytes)
    entry.sizeBytes = Number.isFinite(size) ? size : undefined
    entry.finalized = true
    entry.finalizedAt = Date.now()
    reply(200, { ok: true, entry_id: String(entry.id) })
  }

  GetCacheEntryDownloadURL(body: Json, reply: Reply, record: CallRecord): void {
    if (this.opts.denyReads) return reply(403, 'cache read denied: the token of this run cannot read caches')
    const restoreKeys = Array.isArray(body.restore_keys) ? body.restore_keys.map(String) : []
    record.restoreKeys = restoreKeys
    const keys = [body.key, ...restoreKeys]
    if (keys.length > 10) return reply(400, 'at most 10 keys')
    const bad = keys.map(checkKey).find((reason) => reason !== undefined)
    if (bad || typeof body.key !== 'string' || typeof body.version !== 'string')
      return reply(400, bad ?? 'version is required')
    const readScopes = this.opts.readScopes ?? [this.scope()]
    const entry = findEntry(this.entries, { key: body.key, restoreKeys, version: body.version }, readScopes)
    if (!entry) return reply(200, { ok: false, signed_download_url: '', matched_key: '' })
    record.matchedKey = entry.key
    reply(200, {
      ok: true,
      signed_download_url: this.blobUrl(entry, entry.downloadSig, 'r'),
      matched_key: entry.key,
    })
  }

  private scope(): string {
    return this.opts.scope ?? 'refs/heads/main'
  }

  private selfHosted(): boolean {
    return this.opts.flavour === 'self-hosted'
  }

  private blobUrl(entry: CacheEntry, sig: string, permissions: string): string {
    if (this.selfHosted())
      return `http://127.0.0.1:${this.port}${permissions === 'r' ? DOWNLOAD_PREFIX : UPLOAD_PREFIX}${sig}`
    const expiry = new Date(Date.now() + 3600_000).toISOString()
    return `http://127.0.0.1:${this.port}${blobPrefix}${entry.id}?sv=2025-01-05&sp=${permissions}&se=${encodeURIComponent(expiry)}&sig=${sig}`
  }

  private async blob(url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const upload = req.method === 'PUT'
    const target = upload ? blobTargets[0] : blobTargets[1]
    const record: CallRecord = { method: target, status: 0 }
    const { entry, sig } = this.blobEntry(url, upload)
    if (await this.applyFault(target, res, record, entry?.key)) return
    let status: number
    if (sig === undefined) {
      // The self-hosted server's path parameter is a number: anything else there is a 400.
      status = 400
      sendServerError(res, 400, `Invalid path parameters: ${url.pathname}`)
    } else if (!entry || sig !== (upload ? entry.uploadSig : entry.downloadSig)) {
      status = 403
      sendAzureError(res, 403, 'AuthenticationFailed', 'Signature did not match or blob does not exist')
    } else if (upload) status = await this.blobPut(entry, url, req, res, record)
    else status = await this.blobGet(entry, req, res, record)
    record.status = status
    this.calls.push(record)
  }

  // The entry a blob URL names and the signature it carries (undefined: a malformed path).
  private blobEntry(url: URL, upload: boolean): { entry?: CacheEntry; sig?: string } {
    if (this.selfHosted()) {
      const sig = pathId(url.pathname, upload ? UPLOAD_PREFIX : DOWNLOAD_PREFIX)
      const entry = this.entries.find((e) => (upload ? e.uploadSig : e.downloadSig) === sig)
      return { entry, sig }
    }
    const entry = this.entries.find((e) => String(e.id) === url.pathname.slice(blobPrefix.length))
    return { entry, sig: url.searchParams.get('sig') ?? '' }
  }

  private async blobPut(
    entry: CacheEntry,
    url: URL,
    req: IncomingMessage,
    res: ServerResponse,
    record: CallRecord,
  ): Promise<number> {
    if (entry.finalized) {
      sendAzureError(res, 409, 'BlobImmutable', 'the cache entry is finalized')
      return 409
    }
    const comp = url.searchParams.get('comp')
    if (comp === 'block') {
      record.op = 'put-block'
      const blockId = url.searchParams.get('blockid')
      if (!blockId) return missing(res, 'blockid')
      if (this.selfHosted() && blockIndex(blockId) === undefined) {
        sendServerError(res, 400, `Invalid block id: ${blockId}`)
        return 400
      }
      return this.finishWrite(res, req, record, await this.blobs.putBlock(entry.id, blockId, req), false)
    }
    // The self-hosted server ignores the list and joins the blocks in the order of the indexes
    // their ids hold; Azure commits the list as sent, and that rule is kept here.
    if (comp === 'blocklist') {
      record.op = 'put-block-list'
      const ids = parseBlockList((await readSmallBody(req, 16 << 20)).toString('utf8'))
      const written = await this.blobs.commitBlocks(entry.id, ids)
      if ('missing' in written) {
        sendAzureError(res, 400, 'InvalidBlockList', `block ${written.missing} was not staged`)
        return 400
      }
      entry.blobBytes = written.bytes
      return this.finishWrite(res, req, record, { ...written, md5: '' }, true, false)
    }
    record.op = 'put-blob'
    if (req.headers['x-ms-blob-type'] !== 'BlockBlob') return missing(res, 'x-ms-blob-type: BlockBlob')
    const written = await this.blobs.putBlob(entry.id, req)
    entry.blobBytes = written.bytes
    return this.finishWrite(res, req, record, written, true)
  }

  // Answers a write the way Azure does: 201 with ETag/Last-Modified for blobs, Content-MD5 for data.
  private finishWrite(
    res: ServerResponse,
    req: IncomingMessage,
    record: CallRecord,
    written: Written,
    isBlob: boolean,
    counts = true,
  ): number {
    if (counts) {
      record.bytes = written.bytes
      this.counters.bytesUploaded += written.bytes
    }
    const sentMd5 = req.headers['content-md5']
    if (counts && typeof sentMd5 === 'string' && sentMd5 !== written.md5) {
      sendAzureError(res, 400, 'Md5Mismatch', 'the MD5 value specified in the request did not match')
      return 400
    }
    const headers: Record<string, string> = {
      ...azureHeaders(req),
      'x-ms-request-server-encrypted': 'true',
      'Content-Length': '0',
    }
    if (counts) headers['Content-MD5'] = written.md5
    if (isBlob) {
      headers.ETag = `"0x${Date.now().toString(16).toUpperCase()}"`
      headers['Last-Modified'] = new Date().toUTCString()
    }
    res.writeHead(201, headers)
    res.end()
    return 201
  }

  private async blobGet(
    entry: CacheEntry,
    req: IncomingMessage,
    res: ServerResponse,
    record: CallRecord,
  ): Promise<number> {
    record.op = req.method === 'HEAD' ? 'head' : 'get'
    if (!entry.finalized || entry.blobBytes === undefined) {
      sendAzureError(res, 404, 'BlobNotFound', 'The specified blob does not exist.')
      return 404
    }
    const ignoresRange = this.opts.ranges === false || this.selfHosted()
    const range = ignoresRange ? undefined : parseRange(req, entry.blobBytes)
    if (range === 'unsatisfiable') {
      sendAzureError(
        res,
        416,
        'InvalidRange',
        'The range specified is invalid for the current size of the resource.',
      )
      return 416
    }
    const status = range === undefined ? 200 : 206
    const headers: Record<string, string> = {
      ...azureHeaders(req),
      'Content-Type': 'application/octet-stream',
      'Content-Length': String(range === undefined ? entry.blobBytes : range.end - range.start + 1),
      'Accept-Ranges': 'bytes',
      'x-ms-blob-type': 'BlockBlob',
      'Last-Modified': new Date(entry.finalizedAt ?? entry.createdAt).toUTCString(),
    }
    if (range !== undefined) headers['Content-Range'] = `bytes ${range.start}-${range.end}/${entry.blobBytes}`
    res.writeHead(status, headers)
    if (req.method === 'HEAD') {
      res.end()
      return status
    }
    let bytes = 0
    const cut = this.faults.get('blob-download')
    const short = (cut?.kind === 'truncate' || cut?.kind === 'stall') && record.fault === cut.kind
    const cutAfter = short ? cut.afterBytes : undefined
    const start = range?.start ?? 0
    const end = cutAfter === undefined ? range?.end : Math.min(range?.end ?? Infinity, start + cutAfter - 1)
    const source = this.blobs.read(entry.id, start, end)
    source.on('data', (chunk) => (bytes += chunk.length))
    await new Promise<void>((resolve) => {
      // A cut body: the socket closes short of Content-Length; a stalled one stays open, silent,
      // until the client gives up (or the service stops).
      // A client that went away mid-body is its own problem, never the service's.
      res.on('error', () => source.destroy())
      source.pipe(res, { end: cutAfter === undefined })
      if (cutAfter !== undefined && record.fault === 'truncate') source.on('end', () => res.socket?.destroy())
      res.on('close', () => (source.destroy(), resolve()))
    })
    record.bytes = bytes
    this.counters.bytesDownloaded += bytes
    return status
  }
}

type Json = Record<string, unknown>
type Reply = (status: number, body: unknown) => void

function isTwirpMethod(name: string): name is TwirpMethod {
  return (
    name === 'CreateCacheEntry' || name === 'FinalizeCacheEntryUpload' || name === 'GetCacheEntryDownloadURL'
  )
}

async function readJson(req: IncomingMessage): Promise<Json | undefined> {
  try {
    const value: unknown = JSON.parse((await readSmallBody(req)).toString('utf8'))
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined
  } catch {
    return undefined
  }
}

function faultMessage(status: number): string {
  if (status === 409) return 'cache entry with the same key, version, and scope already exists'
  if (status === 429) return 'rate limited (injected)'
  return `injected fault ${status}`
}

function azureHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {
    'x-ms-request-id': randomUUID(),
    'x-ms-version': String(req.headers['x-ms-version'] ?? '2025-01-05'),
    Date: new Date().toUTCString(),
  }
  const clientId = req.headers['x-ms-client-request-id']
  if (typeof clientId === 'string') headers['x-ms-client-request-id'] = clientId
  return headers
}

function missing(res: ServerResponse, what: string): number {
  sendAzureError(res, 400, 'MissingRequiredHeader', `missing ${what}`)
  return 400
}

/** Block ids of a Put Block List body, in order (Latest, Committed and Uncommitted alike). */
export function parseBlockList(xml: string): string[] {
  return [...xml.matchAll(/<(Latest|Committed|Uncommitted)>([^<]*)<\/\1>/g)].map((m) => m[2] ?? '')
}

/**
 * The one byte range of a GET (`x-ms-range` wins over `Range`, as in Azure), inclusive; undefined
 * for none or a form Azure ignores (several ranges), 'unsatisfiable' past the end.
 */
export function parseRange(
  req: IncomingMessage,
  size: number,
): { start: number; end: number } | 'unsatisfiable' | undefined {
  const header = req.headers['x-ms-range'] ?? req.headers.range
  const m = typeof header === 'string' ? /^bytes=(\d+)-(\d*)$/.exec(header.trim()) : null
  if (!m) return undefined
  const start = Number(m[1])
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1)
  if (start >= size || end < start) return 'unsatisfiable'
  return { start, end }
}
