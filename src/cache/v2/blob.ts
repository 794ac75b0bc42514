import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { Readable, Writable } from 'node:stream'
import { readBody, send } from './transport.js'
import { backoff } from '../../proxy/index.js'

// The Azure Blob REST version the storage SDK under @actions/cache 6.3 sends.
const AZURE_VERSION = '2026-02-06'
/** Bytes per ranged GET and per uploaded block: as big as the storage SDK's download blocks. */
export const SEGMENT = 4 << 20
/** Segments or blocks in flight: at most this many are held in memory besides the one being written. */
const IN_FLIGHT = 8
const TRIES = 3

/** How far a download is: bytes written to the sink, and the blob's size once known. */
export interface Progress {
  bytes: number
  total?: number
}

/** What a download reports to, and what stops it (every request in flight, and its retries). */
export interface Watch {
  progress: Progress
  signal?: AbortSignal
}

/**
 * Downloads a blob into `sink` in order, as it arrives, while the caller extracts it. `ranged`:
 * several ranged GETs at once, as the storage SDK downloads from Azure, where one connection is
 * slower than several; else (and from a server that ignores Range) one GET of the whole blob, as
 * the library does from any other host. Resolves with the blob's size.
 */
export async function download(
  url: string,
  sink: Writable,
  ranged: boolean,
  watch: Watch = { progress: { bytes: 0 } },
): Promise<number> {
  const { progress, signal } = watch
  const first = await retried('GET', () => get(url, 0, ranged ? SEGMENT : undefined, signal), signal)
  if (first.status === 200) {
    const expected = Number(first.res.headers['content-length'])
    if (Number.isFinite(expected)) progress.total = expected
    const size = await pipeAll(first.res, sink, progress)
    if (Number.isFinite(expected) && expected !== size)
      throw new Error(`blob ended at ${size} of ${expected} bytes`)
    return size
  }
  const total = totalOf(first.res.headers['content-range'])
  progress.total = total
  const ranges: [number, number][] = []
  for (let start = SEGMENT; start < total; start += SEGMENT)
    ranges.push([start, Math.min(start + SEGMENT, total)])
  // The first segment is written while the others are fetched.
  const pending: Promise<Buffer>[] = []
  const next = (): void => {
    const range = ranges[pending.length]
    if (range === undefined) return
    const data = segment(url, range[0], range[1], signal)
    // Handled now: after a failure the segments still on their way are never awaited.
    data.catch(() => undefined)
    pending.push(data)
  }
  for (let i = 0; i < IN_FLIGHT; i++) next()
  await written(sink, await body(first.res, Math.min(SEGMENT, total)), progress)
  for (let i = 0; i < ranges.length; i++) {
    const data = await pending[i]!
    next()
    await written(sink, data, progress)
  }
  return total
}

/**
 * Uploads `source` as a block blob: Put Block for every `blockBytes` (several in flight), then Put
 * Block List, as the storage SDK does for a large file; the size need not be known beforehand.
 * Resolves with the blob's size.
 */
export async function upload(url: string, source: Readable, blockBytes = SEGMENT): Promise<number> {
  const ids: string[] = []
  const inFlight = new Set<Promise<void>>()
  const prefix = randomUUID()
  let failure: unknown
  let size = 0
  const put = (data: Buffer): void => {
    const id = blockId(prefix, ids.length)
    ids.push(id)
    size += data.length
    const done = putBlock(url, id, data).then(
      () => void inFlight.delete(done),
      (error: unknown) => {
        failure ??= error
        inFlight.delete(done)
      },
    )
    inFlight.add(done)
  }
  let held: Buffer[] = []
  let heldBytes = 0
  for await (const chunk of source as AsyncIterable<Buffer>) {
    held.push(chunk)
    heldBytes += chunk.length
    while (heldBytes >= blockBytes) {
      const all = Buffer.concat(held)
      put(all.subarray(0, blockBytes))
      held = [all.subarray(blockBytes)]
      heldBytes -= blockBytes
      // Backpressure: the archiver waits while IN_FLIGHT blocks are on their way.
      while (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight)
      if (failure !== undefined) throw failure
    }
  }
  if (heldBytes > 0 || ids.length === 0) put(Buffer.concat(held))
  await Promise.all(inFlight)
  if (failure !== undefined) throw failure
  const xml = `<?xml version="1.0" encoding="utf-8"?><BlockList>${ids.map((id) => `<Latest>${id}</Latest>`).join('')}</BlockList>`
  await retried(`Put Block List`, async () => {
    const res = await send(withQuery(url, { comp: 'blocklist' }), {
      method: 'PUT',
      headers: { 'x-ms-version': AZURE_VERSION, 'Content-Type': 'application/xml' },
      body: xml,
    })
    await expectStatus(res, 201)
  })
  return size
}

/**
 * A block's id as the storage SDK makes it (generateBlockID): base64 of the upload's UUID and the
 * block's index, zero-padded to 48 characters. Self-hosted servers read the index back from it.
 */
export function blockId(prefix: string, index: number): string {
  return Buffer.from(prefix + String(index).padStart(48 - prefix.length, '0')).toString('base64')
}

/**
 * `url` with `params` set, as the storage SDK's setURLParameter does: a signed URL may carry no
 * query at all, and the pairs it has are kept byte for byte (re-encoding could break a signature).
 */
export function withQuery(url: string, params: Record<string, string>): string {
  const parsed = new URL(url)
  const names = new Set(Object.keys(params).map(encodeURIComponent))
  const pairs = parsed.search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '' && !names.has(pair.split('=')[0] ?? ''))
  for (const [name, value] of Object.entries(params))
    pairs.push(`${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
  parsed.search = `?${pairs.join('&')}`
  return parsed.href
}

async function putBlock(url: string, id: string, data: Buffer): Promise<void> {
  await retried('Put Block', async () => {
    const res = await send(withQuery(url, { comp: 'block', blockid: id }), {
      method: 'PUT',
      headers: { 'x-ms-version': AZURE_VERSION },
      body: data,
    })
    await expectStatus(res, 201)
  })
}

// A GET of bytes [start, end), or of the whole blob without `end`.
async function get(
  url: string,
  start: number,
  end?: number,
  signal?: AbortSignal,
): Promise<{ status: number; res: IncomingMessage }> {
  const headers: Record<string, string> = { 'x-ms-version': AZURE_VERSION }
  if (end !== undefined) headers.Range = `bytes=${start}-${end - 1}`
  const res = await send(url, { method: 'GET', headers, signal })
  const status = res.statusCode ?? 0
  if (status === 200 || status === 206) return { status, res }
  const text = (await readBody(res).catch(() => Buffer.alloc(0))).toString('utf8')
  throw new BlobError(`GET answered ${status}${reason(res, text)}`, status)
}

// One later segment, retried: its bytes are held until every segment before it is written.
function segment(url: string, start: number, end: number, signal?: AbortSignal): Promise<Buffer> {
  return retried(
    `GET bytes ${start}-${end - 1}`,
    async () => {
      const { status, res } = await get(url, start, end, signal)
      if (status !== 206) {
        res.destroy()
        throw new BlobError(`GET of a range answered ${status}`, status)
      }
      return body(res, end - start)
    },
    signal,
  )
}

// A segment's body, which must be exactly `length` bytes.
async function body(res: IncomingMessage, length: number): Promise<Buffer> {
  const data = await readBody(res, length + 1)
  if (data.length !== length) throw new BlobError(`a segment ended at ${data.length} of ${length} bytes`)
  return data
}

async function pipeAll(res: IncomingMessage, sink: Writable, progress: Progress): Promise<number> {
  let size = 0
  for await (const chunk of res as AsyncIterable<Buffer>) {
    size += chunk.length
    await written(sink, chunk, progress)
  }
  return size
}

// Progress counts what the extractor took: a download that waits on a stuck extractor stalls too.
async function written(sink: Writable, data: Buffer, progress: Progress): Promise<void> {
  await write(sink, data)
  progress.bytes += data.length
}

async function write(sink: Writable, data: Buffer): Promise<void> {
  // The extractor may have died: its stdin then closes and never drains.
  if (sink.destroyed) throw new Error('the archive reader stopped')
  if (sink.write(data)) return
  // Both listeners go as soon as either fires: a race of events.once() promises left the loser's
  // listeners behind at every wait, and Node warned of a leak on the step's stderr.
  await new Promise<void>((resolve) => {
    const done = (): void => {
      sink.off('drain', done)
      sink.off('close', done)
      resolve()
    }
    sink.on('drain', done)
    sink.on('close', done)
  })
}

function totalOf(contentRange: string | undefined): number {
  const total = Number(/\/(\d+)$/.exec(contentRange ?? '')?.[1])
  if (!Number.isSafeInteger(total))
    throw new BlobError(`a ranged GET answered Content-Range ${contentRange ?? '(none)'}`)
  return total
}

async function expectStatus(res: IncomingMessage, status: number): Promise<void> {
  const text = (await readBody(res).catch(() => Buffer.alloc(0))).toString('utf8')
  if (res.statusCode !== status)
    throw new BlobError(`answered ${res.statusCode ?? 0}${reason(res, text)}`, res.statusCode)
}

// Azure's error XML names the reason in <Code>; a self-hosted server's status line may say it.
function reason(res: IncomingMessage, xml: string): string {
  const code = /<Code>([^<]*)<\/Code>/.exec(xml)?.[1] ?? res.statusMessage
  return code ? ` (${code})` : ''
}

/** A storage request that failed; 4xx other than 408/429 are never retried. */
class BlobError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message)
  }
}

async function retried<T>(what: string, call: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call()
    } catch (error) {
      // Stopped from outside (a stalled restore): that reason, not another try.
      if (signal?.aborted) throw signal.reason
      const status = error instanceof BlobError ? error.status : undefined
      const final = status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429
      if (final || attempt >= TRIES) throw new Error(`${what}: ${(error as Error).message}`, { cause: error })
      await new Promise((resolve) => setTimeout(resolve, backoff(attempt, undefined, 500, 4_000)))
    }
  }
}
