// A strict, streaming zip reader for module zips: the central directory from positioned reads,
// and each entry's content hashed as it inflates, so no zip is ever held whole in memory.
// Every problem is thrown as a ZipFormatError with a reason a person can act on.
import { createHash } from 'node:crypto'
import type { FileHandle } from 'node:fs/promises'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
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
const CHUNK = 64 * 1024
/** Entries this small are read and inflated in one step; larger ones stream. */
const SMALL_COMPRESSED = 64 * 1024
const SMALL_UNCOMPRESSED = 1024 * 1024

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
 * Reads the central directory. Strict where Go is lenient: the end record must end the file
 * exactly, and the directory must sit right before it, so truncation and appended bytes show.
 */
export async function readDirectory(
  fh: FileHandle,
  size: number,
  maxDirectory = MAX_DIRECTORY,
): Promise<ZipDirectory> {
  if (size < EOCD_LEN) fail(`file of ${size} bytes is too small to be a zip (truncated?)`)
  const tailLen = Math.min(size, EOCD_LEN + 0xffff)
  const tailStart = size - tailLen
  const tail = await readAt(fh, tailStart, tailLen)
  let at = -1
  for (let i = tailLen - EOCD_LEN; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIG && i + EOCD_LEN + tail.readUInt16LE(i + 20) === tailLen) {
      at = i
      break
    }
  }
  if (at < 0) fail('no end of central directory record at the end of the file (truncated, or trailing data)')
  const eocdPos = tailStart + at
  if (tail.readUInt16LE(at + 4) !== 0 || tail.readUInt16LE(at + 6) !== 0)
    fail('multi-disk zips are not supported')
  let count = tail.readUInt16LE(at + 10)
  let dirSize = tail.readUInt32LE(at + 12)
  let dirOffset = tail.readUInt32LE(at + 16)
  let dirEnd = eocdPos
  if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) {
    if (eocdPos < 20) fail('zip64 end of central directory locator missing')
    const loc = await readAt(fh, eocdPos - 20, 20)
    if (loc.readUInt32LE(0) !== EOCD64_LOCATOR_SIG) fail('zip64 end of central directory locator missing')
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

/** Where an entry's data starts, from its local header; the header's name must match the directory's. */
export async function dataOffset(fh: FileHandle, e: ZipEntry, limit: number): Promise<number> {
  if (e.localHeaderOffset + LOCAL_LEN > limit) fail(`local header of ${JSON.stringify(e.name)} out of range`)
  const head = await readAt(fh, e.localHeaderOffset, LOCAL_LEN + e.rawName.length)
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

async function* readRange(fh: FileHandle, start: number, length: number): AsyncGenerator<Buffer> {
  for (let done = 0; done < length;) {
    const n = Math.min(CHUNK, length - done)
    yield await readAt(fh, start + done, n)
    done += n
  }
}

/**
 * The sha256 (hex) of an entry's content, checking as Go's reader does that the content has
 * exactly the declared size and CRC-32; only store and deflate are supported.
 */
export async function hashEntry(fh: FileHandle, e: ZipEntry, start: number): Promise<string> {
  const quoted = JSON.stringify(e.name)
  if (e.flags & 1) fail(`${quoted} is encrypted`)
  if (e.method !== 0 && e.method !== 8) fail(`${quoted} uses unsupported compression method ${e.method}`)
  if (e.method === 0 && e.compressedSize !== e.uncompressedSize) {
    fail(`${quoted} is stored but its compressed and uncompressed sizes differ`)
  }
  const hash = createHash('sha256')
  let crc = 0
  let seen = 0
  const take = (chunk: Buffer): void => {
    seen += chunk.length
    if (seen > e.uncompressedSize)
      fail(`${quoted} inflates to more than its declared ${e.uncompressedSize} bytes`)
    hash.update(chunk)
    crc = crc32(chunk, crc)
  }
  if (e.method === 0) {
    for await (const chunk of readRange(fh, start, e.compressedSize)) take(chunk)
  } else if (e.compressedSize <= SMALL_COMPRESSED && e.uncompressedSize <= SMALL_UNCOMPRESSED) {
    take(inflateSmall(await readAt(fh, start, e.compressedSize), e, quoted))
  } else {
    await inflateStream(fh, e, start, take, quoted)
  }
  if (seen !== e.uncompressedSize) {
    fail(`${quoted} inflates to ${seen} bytes, but its declared size is ${e.uncompressedSize}`)
  }
  if (crc >>> 0 !== e.crc32) fail(`${quoted} fails its CRC-32 check`)
  return hash.digest('hex')
}

function inflateSmall(data: Buffer, e: ZipEntry, quoted: string): Buffer {
  try {
    // One byte over the declared size is enough to tell "too big" from "exact".
    return inflateRawSync(data, { maxOutputLength: e.uncompressedSize + 1 })
  } catch (err) {
    if (err instanceof RangeError)
      fail(`${quoted} inflates to more than its declared ${e.uncompressedSize} bytes`)
    fail(`${quoted} has corrupt deflate data: ${(err as Error).message}`)
  }
}

async function inflateStream(
  fh: FileHandle,
  e: ZipEntry,
  start: number,
  take: (chunk: Buffer) => void,
  quoted: string,
): Promise<void> {
  try {
    await pipeline(
      Readable.from(readRange(fh, start, e.compressedSize)),
      createInflateRaw(),
      async (source) => {
        for await (const chunk of source) take(chunk as Buffer)
      },
    )
  } catch (err) {
    if (err instanceof ZipFormatError) throw err
    fail(`${quoted} has corrupt deflate data: ${(err as Error).message}`)
  }
}
