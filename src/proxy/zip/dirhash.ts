// golang.org/x/mod/sumdb/dirhash Hash1: the "h1:" hashes go.sum holds for a .mod and a .zip.
import { createHash } from 'node:crypto'
import { open } from 'node:fs/promises'
import {
  ChunkReader,
  dataOffset,
  hashEntry,
  readDirectory,
  ZipFormatError,
  type ZipEntry,
} from './zipread.js'
import type { FileHandle } from 'node:fs/promises'

/** One file of a tree: its name as bytes (or text) and the hex sha256 of its content. */
export interface HashedFile {
  name: Buffer | string
  sha256: string
}

/** Hash1 over already hashed files: sha256 of the sorted "<hex>  <name>\n" lines, base64, "h1:" prefix. */
export function hash1(files: HashedFile[]): string {
  const lines = files.map((f) => ({
    name: Buffer.isBuffer(f.name) ? f.name : Buffer.from(f.name),
    sha: f.sha256,
  }))
  // Go sorts names as byte strings; Buffer.compare matches that where JS string order would not.
  lines.sort((a, b) => Buffer.compare(a.name, b.name))
  const summary = createHash('sha256')
  for (const line of lines) {
    if (line.name.includes(0x0a)) throw new Error('dirhash: filenames with newlines are not supported')
    summary.update(`${line.sha}  `)
    summary.update(line.name)
    summary.update('\n')
  }
  return 'h1:' + summary.digest('base64')
}

/** The go.sum hash of a .mod file ("M V/go.mod h1:..."): Hash1 over one file named "go.mod". */
export function hashMod(data: Buffer): string {
  return hash1([{ name: 'go.mod', sha256: createHash('sha256').update(data).digest('hex') }])
}

/** The go.sum hash of a module zip (dirhash.HashZip), streamed from the file; rejects on a bad zip. */
export async function hashZip(file: string): Promise<string> {
  const fh = await open(file, 'r')
  try {
    const { size } = await fh.stat()
    const dir = await readDirectory(fh, size)
    return hash1(await hashEntries(fh, dir.entries, dir.directoryOffset))
  } finally {
    await fh.close()
  }
}

/**
 * Hashes every entry, reading them in file order. As in Go's HashZip, a name listed twice is
 * hashed with the content of its last entry, once per listing.
 */
export async function hashEntries(fh: FileHandle, entries: ZipEntry[], limit: number): Promise<HashedFile[]> {
  const byName = new Map<string, string>()
  const last = new Map<string, ZipEntry>()
  for (const e of entries) last.set(e.rawName.toString('latin1'), e)
  const ordered = [...last.values()].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset)
  // Entries are read in file order through one buffer: large sequential reads, not one per entry.
  const reader = new ChunkReader(fh, limit)
  try {
    let end = 0
    for (const e of ordered) {
      const start = await dataOffset(reader, e, limit)
      // Entries sharing bytes are how zip bombs multiply content; no zip writer produces them.
      if (e.localHeaderOffset < end)
        throw new ZipFormatError(`entry ${JSON.stringify(e.name)} overlaps another`)
      end = start + e.compressedSize
      const sha = e.rawName.at(-1) === 0x2f ? directoryHash(e) : await hashEntry(reader, e, start)
      byName.set(e.rawName.toString('latin1'), sha)
    }
  } finally {
    reader.release()
  }
  return entries.map((e) => ({ name: e.rawName, sha256: byName.get(e.rawName.toString('latin1')) as string }))
}

const emptySha256 = createHash('sha256').digest('hex')

/** A directory entry reads as empty in Go, and is an error when it carries data. */
function directoryHash(e: ZipEntry): string {
  if (e.compressedSize !== 0 || e.uncompressedSize !== 0) {
    throw new ZipFormatError(`directory entry ${JSON.stringify(e.name)} has content`)
  }
  return emptySha256
}
