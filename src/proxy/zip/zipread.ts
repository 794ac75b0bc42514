// A strict, streaming zip reader for module zips: the central directory from positioned reads,
// and each entry's content hashed as it inflates, so no zip is ever held whole in memory.
// Every problem is thrown as a ZipFormatError with a reason a person can act on.
import { createHash } from 'node:crypto'
import type { FileHandle } from 'node:fs/promises'
import { createInflateRaw, crc32, inflateRawSync } from 'node:zlib'

/** A zip that cannot be read as a well-formed archive; message is the human reason. */
export class ZipFormatError extends Error {}

/** One central directory record, with sizes already widened by any zip64 extra field. */
export interface ZipEntry {
  /** The name decoded as UTF-8 (invalid bytes become U+FFFD; see validUtf8). */
  name: string
  /** The name's bytes as stored: dirhash sorts and hashes these. */
  rawName: Buffer
  validUtf8: boolean
  method: number
  flags: number
  crc32: number
  compressedSize: number
  uncompressedSize: number
  localHeaderOffset: number
}

/** The end-of-central-directory facts the entries were read from. */
export interface ZipDirectory {
  entries: ZipEntry[]
  /** Where the central directory starts: every entry's data must end before it. */
  directoryOffset: number
}

const EOCD_SIG = 0x06054b50
const EOCD64_LOCATOR_SIG = 0x07064b50
const EOCD64_SIG = 0x06064b50
const CENTRAL_SIG = 0x02014b50
const LOCAL_SIG = 0x04034b50
const EOCD_LEN = 22
const CENTRAL_LEN = 46
const LOCAL_LEN = 30
const DESCRIPTOR_SIG = 0x08074b50
/** How far from the end Go's reader looks for the end record (its second, larger search). */
const GO_END_SEARCH = 65 * 1024
/**
 * The sequential read buffer: one read covers many small entries. 256 KiB rather than 1 MiB:
 * up to MAX_SPARE of them stay for the process's life, and reads are still far fewer than
 * entries (a module zip's median entry is a few kB compressed).
 */
const READ_BUFFER = 256 * 1024
/**
 * Read buffers kept for the next verification: off-heap memory is only returned after a GC,
 * so a fresh buffer per zip piles up; verifications are bounded, so a few spares suffice.
 */
const spareBuffers: Buffer[] = []
const MAX_SPARE = 4
/** Deflated entries that fit the read buffer and inflate to at most this are inflated in one call. */
const SMALL_UNCOMPRESSED = 1024 * 1024
/** Output piece size of the streaming inflate for larger entries. */
const INFLATE_CHUNK = 256 * 1024

/** The most central directory read into memory: about a million entries, far past any real module. */
export const MAX_DIRECTORY = 64 << 20

const utf8 = new TextDecoder('utf-8', { fatal: true })

function fail(reason: string): never {
  throw new ZipFormatError(reason)
}

/** Reads exactly length bytes at position, or fails as truncated. */
export async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.allocUnsafe(length)
  let done = 0
  while (done < length) {
    const { bytesRead } = await fh.read(buf, done, length - done, position + done)
    if (bytesRead === 0) fail(`unexpected end of file at offset ${position + done} (truncated zip?)`)
    done += bytesRead
  }
  return buf
}

function u64(buf: Buffer, offset: number): number {
  const v = buf.readBigUInt64LE(offset)
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) fail('zip64 value out of range')
  return Number(v)
}

/**
 * Reads the central directory, strictly (the end record ends the file, the directory sits right
 * before it), picking the records Go's readDirectoryEnd picks: another choice could pass a zip
 * whose files the go command would extract differently.
 */
export async function readDirectory(
  fh: FileHandle,
  size: number,
  maxDirectory = MAX_DIRECTORY,
): Promise<ZipDirectory> {
  if (size < EOCD_LEN) fail(`file of ${size} bytes is too small to be a zip (truncated?)`)
  const tailLen = Math.min(size, GO_END_SEARCH)
  const tailStart = size - tailLen
  const tail = await readAt(fh, tailStart, tailLen)
  const at = findEndRecord(tail)
  const eocdPos = tailStart + at
  if (tail.readUInt16LE(at + 4) !== 0 || tail.readUInt16LE(at + 6) !== 0)
    fail('multi-disk zips are not supported')
  let count = tail.readUInt16LE(at + 10)
  let dirSize = tail.readUInt32LE(at + 12)
  let dirOffset = tail.readUInt32LE(at + 16)
  let dirEnd = eocdPos
  const zip64 = count === 0xffff || dirSize === 0xffff || dirOffset === 0xffffffff
  const loc = zip64 && eocdPos >= 20 ? await readAt(fh, eocdPos - 20, 20) : undefined
  if (
    loc &&
    loc.readUInt32LE(0) === EOCD64_LOCATOR_SIG &&
    loc.readUInt32LE(4) === 0 &&
    loc.readUInt32LE(16) === 1
  ) {
    const eocd64Pos = u64(loc, 8)
    if (eocd64Pos + 56 > eocdPos - 20) fail('zip64 end of central directory record out of place')
    const rec = await readAt(fh, eocd64Pos, 56)
    if (rec.readUInt32LE(0) !== EOCD64_SIG) fail('zip64 end of central directory record missing')
    count = u64(rec, 32)
    dirSize = u64(rec, 40)
    dirOffset = u64(rec, 48)
    dirEnd = eocd64Pos
  }
  if (dirOffset + dirSize !== dirEnd) {
    fail(`central directory (offset ${dirOffset}, ${dirSize} bytes) does not end where its end record starts`)
  }
  if (dirSize > maxDirectory) fail(`central directory of ${dirSize} bytes is too large`)
  if (count * CENTRAL_LEN > dirSize) fail(`central directory too small for ${count} entries`)
  const dir = await readAt(fh, dirOffset, dirSize)
  const entries: ZipEntry[] = []
  let p = 0
  for (let n = 0; n < count; n++) {
    const entry = parseCentral(dir, p)
    entries.push(entry.entry)
    p = entry.next
  }
  if (p !== dirSize) fail(`central directory has ${dirSize - p} bytes after its ${count} entries`)
  return { entries, directoryOffset: dirOffset }
}

/** Where in `tail` the end record Go picks starts: the last whose comment fits; it must end the file. */
function findEndRecord(tail: Buffer): number {
  let at = -1
  for (let i = tail.length - EOCD_LEN; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIG && i + EOCD_LEN + tail.readUInt16LE(i + 20) <= tail.length) {
      at = i
      break
    }
  }
  if (at < 0) fail('no end of central directory record at the end of the file (truncated, or trailing data)')
  if (at + EOCD_LEN + tail.readUInt16LE(at + 20) !== tail.length) {
    fail(
      'bytes after the end of central directory record (trailing data, or an end record inside its comment)',
    )
  }
  return at
}

function parseCentral(dir: Buffer, p: number): { entry: ZipEntry; next: number } {
  if (p + CENTRAL_LEN > dir.length || dir.readUInt32LE(p) !== CENTRAL_SIG) {
    fail(`bad central directory record at directory offset ${p}`)
  }
  const nameLen = dir.readUInt16LE(p + 28)
  const extraLen = dir.readUInt16LE(p + 30)
  const commentLen = dir.readUInt16LE(p + 32)
  const next = p + CENTRAL_LEN + nameLen + extraLen + commentLen
  if (next > dir.length) fail(`central directory record at directory offset ${p} runs past the directory`)
  const rawName = Buffer.from(dir.subarray(p + CENTRAL_LEN, p + CENTRAL_LEN + nameLen))
  let name: string
  let validUtf8 = true
  try {
    name = utf8.decode(rawName)
  } catch {
    name = rawName.toString('utf8')
    validUtf8 = false
  }
  const entry: ZipEntry = {
    name,
    rawName,
    validUtf8,
    flags: dir.readUInt16LE(p + 8),
    method: dir.readUInt16LE(p + 10),
    crc32: dir.readUInt32LE(p + 16),
    compressedSize: dir.readUInt32LE(p + 20),
    uncompressedSize: dir.readUInt32LE(p + 24),
    localHeaderOffset: dir.readUInt32LE(p + 42),
  }
  applyZip64(entry, dir.subarray(p + CENTRAL_LEN + nameLen, p + CENTRAL_LEN + nameLen + extraLen))
  return { entry, next }
}

/** Widens the sizes and offset saturated at 0xffffffff from the zip64 extra field (id 1), as Go does. */
function applyZip64(entry: ZipEntry, extra: Buffer): void {
  const needU = entry.uncompressedSize === 0xffffffff
  const needC = entry.compressedSize === 0xffffffff
  const needO = entry.localHeaderOffset === 0xffffffff
  for (let q = 0; q + 4 <= extra.length;) {
    const id = extra.readUInt16LE(q)
    const len = extra.readUInt16LE(q + 2)
    // A field longer than what is left ends the fields, as in Go: a zip64 field cut short is
    // one Go never reads, so its sizes are not read here either.
    if (q + 4 + len > extra.length) break
    const body = extra.subarray(q + 4, q + 4 + len)
    q += 4 + len
    if (id !== 1) continue
    let r = 0
    const take = (): number => {
      if (r + 8 > body.length) fail(`bad zip64 extra field for ${JSON.stringify(entry.name)}`)
      r += 8
      return u64(body, r - 8)
    }
    if (needU) entry.uncompressedSize = take()
    if (needC) entry.compressedSize = take()
    if (needO) entry.localHeaderOffset = take()
    return
  }
  if (needU || needC || needO) fail(`missing zip64 extra field for ${JSON.stringify(entry.name)}`)
}

/**
 * Reads a zip's entry region forward through one reusable buffer, so one large read serves many
 * small entries (a positioned read per entry costs more than inflating it). Views it returns are
 * only valid until the next call.
 */
export class ChunkReader {
  private readonly buf: Buffer
  /** File position of buf[0]; valid bytes are [start, end). */
  private start = 0
  private end = 0
  private discarded = false

  /** limit: no byte at or after it is read (the central directory's offset). */
  constructor(
    private readonly fh: FileHandle,
    private readonly limit: number,
    size = READ_BUFFER,
  ) {
    this.buf = (size === READ_BUFFER && spareBuffers.pop()) || Buffer.allocUnsafe(size)
  }

  /** Never gives the buffer back: zlib may still read a piece of it after a failed inflate. */
  discard(): void {
    this.discarded = true
  }

  /** Gives the buffer back for the next reader; this reader must not be used afterwards. */
  release(): void {
    if (this.discarded) return
    if (this.buf.length === READ_BUFFER && spareBuffers.length < MAX_SPARE) spareBuffers.push(this.buf)
  }

  /** The largest view one call can give. */
  get capacity(): number {
    return this.buf.length
  }

  /** Bytes [pos, pos + len) of the file as a view into the buffer; len <= capacity. */
  async view(pos: number, len: number): Promise<Buffer> {
    if (len > this.buf.length) throw new RangeError(`read of ${len} bytes exceeds the buffer`)
    if (pos >= this.start && pos + len <= this.end) {
      return this.buf.subarray(pos - this.start, pos + len - this.start)
    }
    if (pos >= this.start && pos < this.end) {
      // Keep the bytes already read that the caller still needs.
      this.buf.copy(this.buf, 0, pos - this.start, this.end - this.start)
    } else {
      this.end = pos
    }
    this.start = pos
    while (this.end < pos + len) {
      const room = Math.min(this.buf.length - (this.end - this.start), this.limit - this.end)
      const got =
        room > 0 ? (await this.fh.read(this.buf, this.end - this.start, room, this.end)).bytesRead : 0
      if (got === 0) fail(`unexpected end of file at offset ${this.end} (truncated zip?)`)
      this.end += got
    }
    return this.buf.subarray(0, len)
  }
}

/** Where an entry's data starts, from its local header; the header's name must match the directory's. */
export async function dataOffset(r: ChunkReader, e: ZipEntry, limit: number): Promise<number> {
  if (e.localHeaderOffset + LOCAL_LEN + e.rawName.length > limit) {
    fail(`local header of ${JSON.stringify(e.name)} out of range`)
  }
  const head = await r.view(e.localHeaderOffset, LOCAL_LEN + e.rawName.length)
  if (head.readUInt32LE(0) !== LOCAL_SIG) fail(`bad local header for ${JSON.stringify(e.name)}`)
  const nameLen = head.readUInt16LE(26)
  const extraLen = head.readUInt16LE(28)
  if (nameLen !== e.rawName.length || !head.subarray(LOCAL_LEN).equals(e.rawName)) {
    fail(`local header name differs from the central directory for ${JSON.stringify(e.name)}`)
  }
  const start = e.localHeaderOffset + LOCAL_LEN + nameLen + extraLen
  if (start + e.compressedSize > limit)
    fail(`data of ${JSON.stringify(e.name)} runs past the end of the entries`)
  return start
}

/** The content checks of one entry as it streams: declared size, CRC-32, and the sha256. */
class EntrySink {
  private readonly hash = createHash('sha256')
  private crc = 0
  private seen = 0

  constructor(
    private readonly e: ZipEntry,
    private readonly quoted: string,
  ) {}

  take(chunk: Buffer): void {
    this.seen += chunk.length
    if (this.seen > this.e.uncompressedSize) {
      fail(`${this.quoted} inflates to more than its declared ${this.e.uncompressedSize} bytes`)
    }
    this.hash.update(chunk)
    this.crc = crc32(chunk, this.crc)
  }

  finish(): string {
    if (this.seen !== this.e.uncompressedSize) {
      fail(
        `${this.quoted} inflates to ${this.seen} bytes, but its declared size is ${this.e.uncompressedSize}`,
      )
    }
    if (this.crc >>> 0 !== this.e.crc32) fail(`${this.quoted} fails its CRC-32 check`)
    return this.hash.digest('hex')
  }
}

/**
 * The sha256 (hex) of an entry's content, checking as Go's reader does that the content has
 * exactly the declared size and CRC-32; only store and deflate are supported.
 */
export async function hashEntry(r: ChunkReader, e: ZipEntry, start: number): Promise<string> {
  const quoted = JSON.stringify(e.name)
  if (e.flags & 1) fail(`${quoted} is encrypted`)
  if (e.method !== 0 && e.method !== 8) fail(`${quoted} uses unsupported compression method ${e.method}`)
  if (e.method === 0 && e.compressedSize !== e.uncompressedSize) {
    fail(`${quoted} is stored but its compressed and uncompressed sizes differ`)
  }
  const sink = new EntrySink(e, quoted)
  if (e.method === 0) {
    for (let done = 0; done < e.compressedSize;) {
      const n = Math.min(r.capacity, e.compressedSize - done)
      sink.take(await r.view(start + done, n))
      done += n
    }
  } else if (e.compressedSize <= r.capacity && e.uncompressedSize <= SMALL_UNCOMPRESSED) {
    // Inflated on this thread in one call: no stream, no threadpool hop, no per-chunk promise.
    sink.take(inflateSmall(await r.view(start, e.compressedSize), e, quoted))
  } else {
    await inflateStream(r, e, start, sink, quoted)
  }
  const digest = sink.finish()
  if (e.flags & 8) await checkDescriptor(r, e, start + e.compressedSize, quoted)
  return digest
}

/**
 * An entry's data descriptor (flag bit 3), checked as Go's reader checks it after the content:
 * the CRC-32 it holds, after an optional signature, must be the directory's (the sizes after it
 * Go ignores). A zip the go command would fail to read is refused here rather than stored as good.
 */
async function checkDescriptor(r: ChunkReader, e: ZipEntry, at: number, quoted: string): Promise<void> {
  const signed = (await r.view(at, 4)).readUInt32LE(0) === DESCRIPTOR_SIG
  const crc = (await r.view(signed ? at + 4 : at, 12)).readUInt32LE(0)
  if (crc !== e.crc32) fail(`${quoted} has a data descriptor whose CRC-32 differs from the directory's`)
}

function inflateSmall(data: Buffer, e: ZipEntry, quoted: string): Buffer {
  try {
    // One byte over the declared size is enough to tell "too big" from "exact".
    // One output buffer of the exact size (small ones come from Node's pool) instead of 16 KiB
    // pieces and a concatenation: every inflated byte is garbage a moment later.
    const size = e.uncompressedSize + 1
    return inflateRawSync(data, { maxOutputLength: size, chunkSize: Math.max(64, size) })
  } catch (err) {
    if (err instanceof RangeError)
      fail(`${quoted} inflates to more than its declared ${e.uncompressedSize} bytes`)
    fail(`${quoted} has corrupt deflate data: ${(err as Error).message}`)
  }
}

/** Large entries: compressed pieces from the reader into one inflate stream, output into the sink. */
async function inflateStream(
  r: ChunkReader,
  e: ZipEntry,
  start: number,
  sink: EntrySink,
  quoted: string,
): Promise<void> {
  const inflate = createInflateRaw({ chunkSize: INFLATE_CHUNK })
  let failure: unknown
  inflate.on('data', (chunk: Buffer) => {
    try {
      sink.take(chunk)
    } catch (err) {
      failure ??= err
      inflate.destroy()
    }
  })
  const ended = new Promise<void>((resolve, reject) => {
    inflate.on('end', resolve)
    inflate.on('error', reject)
    inflate.on('close', () => (failure ? reject(failure) : resolve()))
  })
  ended.catch(() => undefined)
  try {
    for (let done = 0; done < e.compressedSize && !failure;) {
      const n = Math.min(r.capacity, e.compressedSize - done)
      // The write callback runs once zlib has consumed the piece, so the view may be reused.
      const piece = await r.view(start + done, n)
      await new Promise<void>((resolve, reject) =>
        inflate.write(piece, (err) => (err ? reject(err) : resolve())),
      )
      done += n
    }
    if (!failure) inflate.end()
    await ended
    if (failure) r.discard()
  } catch (err) {
    inflate.destroy()
    r.discard()
    const first = failure ?? err
    if (first instanceof ZipFormatError) throw first
    fail(`${quoted} has corrupt deflate data: ${(first as Error).message}`)
  }
  if (failure) throw failure
}
