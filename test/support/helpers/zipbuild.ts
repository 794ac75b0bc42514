/**
 * Builds zips byte by byte for the zip reader's tests, the way Go's archive/zip writes them, with
 * overrides that make a zip lie in the ways a bad or hostile one does.
 */
import { crc32, deflateRawSync } from 'node:zlib'

/** One entry of a zip built by a test. */
export interface Entry {
  name: string
  data?: Buffer | string
  method?: number
  /** Size written in the headers instead of the real one. */
  declaredSize?: number
  /** Compressed bytes written instead of the real ones. */
  raw?: Buffer
  crc?: number
  /**
   * A data descriptor after the data (flag bit 3), as Go's writer streams entries: with its
   * signature, or without it. The local header then carries no CRC or sizes.
   */
  descriptor?: 'signed' | 'unsigned'
  /** The CRC-32 written in the data descriptor instead of the header's. */
  descriptorCrc?: number
}

/** Builds a zip: local headers and data, central directory, end record (zip64 records when asked). */
export function buildZip(
  entries: Entry[],
  opts: { comment?: string | Buffer; zip64?: boolean } = {},
): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const e of entries) {
    const data = Buffer.from(e.data ?? '')
    // Go's writer stores directories, so they have no data at all.
    const method = e.method ?? (e.name.endsWith('/') ? 0 : 8)
    const raw = e.raw ?? (method === 8 ? deflateRawSync(data) : data)
    const name = Buffer.from(e.name)
    const size = e.declaredSize ?? data.length
    const crc = e.crc ?? crc32(data)
    const flags = 0x800 | (e.descriptor ? 8 : 0)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(flags, 6)
    local.writeUInt16LE(method, 8)
    if (!e.descriptor) {
      local.writeUInt32LE(crc, 14)
      local.writeUInt32LE(raw.length, 18)
      local.writeUInt32LE(size, 22)
    }
    local.writeUInt16LE(name.length, 26)
    const descriptor = e.descriptor
      ? dataDescriptor(e.descriptor, e.descriptorCrc ?? crc, raw.length, size)
      : Buffer.alloc(0)
    // zip64: sizes and offset saturate in the record and move to extra field 1.
    const extra = Buffer.alloc(opts.zip64 ? 28 : 0)
    if (opts.zip64) {
      extra.writeUInt16LE(1, 0)
      extra.writeUInt16LE(24, 2)
      extra.writeBigUInt64LE(BigInt(size), 4)
      extra.writeBigUInt64LE(BigInt(raw.length), 12)
      extra.writeBigUInt64LE(BigInt(offset), 20)
    }
    const sat = (n: number): number => (opts.zip64 ? 0xffffffff : n)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(flags, 8)
    central.writeUInt16LE(method, 10)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(sat(raw.length), 20)
    central.writeUInt32LE(sat(size), 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt16LE(extra.length, 30)
    central.writeUInt32LE(sat(offset), 42)
    locals.push(local, name, raw, descriptor)
    centrals.push(central, name, extra)
    offset += 30 + name.length + raw.length + descriptor.length
  }
  const dir = Buffer.concat(centrals)
  const comment = Buffer.from(opts.comment ?? '')
  if (!opts.zip64)
    return Buffer.concat([...locals, dir, endRecord(entries.length, dir.length, offset, comment)])
  const rec = Buffer.alloc(56)
  rec.writeUInt32LE(0x06064b50, 0)
  rec.writeBigUInt64LE(44n, 4)
  rec.writeUInt16LE(45, 12)
  rec.writeUInt16LE(45, 14)
  rec.writeBigUInt64LE(BigInt(entries.length), 24)
  rec.writeBigUInt64LE(BigInt(entries.length), 32)
  rec.writeBigUInt64LE(BigInt(dir.length), 40)
  rec.writeBigUInt64LE(BigInt(offset), 48)
  const locator = zip64Locator(offset + dir.length)
  return Buffer.concat([...locals, dir, rec, locator, endRecord(0xffff, 0xffffffff, 0xffffffff, comment)])
}

/** An end of central directory record and its comment. */
export function endRecord(
  count: number,
  dirSize: number,
  dirOffset: number,
  comment = Buffer.alloc(0),
): Buffer {
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(count, 8)
  end.writeUInt16LE(count, 10)
  end.writeUInt32LE(dirSize, 12)
  end.writeUInt32LE(dirOffset, 16)
  end.writeUInt16LE(comment.length, 20)
  return Buffer.concat([end, comment])
}

/** A zip64 end of central directory locator: the record at `recordOffset`, on disk 0 of `disks`. */
export function zip64Locator(recordOffset: number, disks = 1): Buffer {
  const locator = Buffer.alloc(20)
  locator.writeUInt32LE(0x07064b50, 0)
  locator.writeBigUInt64LE(BigInt(recordOffset), 8)
  locator.writeUInt32LE(disks, 16)
  return locator
}

function dataDescriptor(kind: 'signed' | 'unsigned', crc: number, compressed: number, size: number): Buffer {
  const d = Buffer.alloc(16)
  d.writeUInt32LE(0x08074b50, 0)
  d.writeUInt32LE(crc, 4)
  d.writeUInt32LE(compressed, 8)
  d.writeUInt32LE(size, 12)
  return kind === 'signed' ? d : d.subarray(4)
}
