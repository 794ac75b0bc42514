import { createHash } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { copyFile, mkdir, rename, stat } from 'node:fs/promises'
import type { IncomingMessage } from 'node:http'
import { join } from 'node:path'
import { PassThrough, type Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'

/** What one streamed write put on disk. */
export interface Written {
  bytes: number
  md5: string // base64, as Azure's Content-MD5
}

/**
 * The blob side of the emulated cache service: block blobs on disk (never whole in memory), the
 * way Azure's Put Blob / Put Block / Put Block List compose them. A committed blob is the list of
 * its parts (one for Put Blob, the staged blocks for Put Block List): Azure commits a block list
 * without copying the blocks, and a copy here would charge an upload for work the real service
 * never makes its client wait for.
 */
export class BlobFiles {
  private readonly parts = new Map<number, Part[]>()
  private commits = 0

  constructor(private readonly root: string) {}

  /** Size of the committed blob, or undefined when nothing was committed. */
  size(id: number): number | undefined {
    return this.parts.get(id)?.reduce((sum, p) => sum + p.size, 0)
  }

  /** Bytes [start, end] (inclusive; to the end without `end`) of a committed blob, streamed. */
  read(id: number, start = 0, end?: number): Readable {
    const parts = this.parts.get(id) ?? []
    const last = end ?? (this.size(id) ?? 0) - 1
    const ranges: { file: string; start: number; end: number }[] = []
    let offset = 0
    for (const part of parts) {
      const from = Math.max(start, offset)
      const to = Math.min(last, offset + part.size - 1)
      if (from <= to) ranges.push({ file: part.file, start: from - offset, end: to - offset })
      offset += part.size
    }
    const only = ranges[0]
    if (ranges.length === 1 && only) return createReadStream(only.file, only)
    // Parts one after another, each piped whole: as fast as one file.
    const out = new PassThrough()
    let current: Readable | undefined
    const next = (i: number): void => {
      const range = ranges[i]
      if (range === undefined) return void out.end()
      const source = createReadStream(range.file, range)
      current = source
      source.on('error', (error) => out.destroy(error))
      source.on('end', () => next(i + 1))
      source.pipe(out, { end: false })
    }
    // A reader that went away stops the part being read.
    out.on('close', () => current?.destroy())
    next(0)
    return out
  }

  /** Put Blob: the request body becomes the whole blob. */
  async putBlob(id: number, body: IncomingMessage): Promise<Written> {
    await mkdir(this.root, { recursive: true })
    const file = join(this.root, `${id}.blob`)
    const written = await writeCounted(body, file)
    this.parts.set(id, [{ file, size: written.bytes }])
    return written
  }

  /** Put Block: stage one block under its (base64) id. */
  async putBlock(id: number, blockId: string, body: IncomingMessage): Promise<Written> {
    const dir = this.blockDir(id)
    await mkdir(dir, { recursive: true })
    return writeCounted(body, join(dir, blockFileName(blockId)))
  }

  /**
   * Put Block List: the named staged blocks, in order, become the blob. They move aside (a rename
   * each), so a block staged again under the same id later never changes the committed blob.
   */
  async commitBlocks(id: number, blockIds: string[]): Promise<{ bytes: number } | { missing: string }> {
    const staged: Part[] = []
    for (const blockId of blockIds) {
      const file = join(this.blockDir(id), blockFileName(blockId))
      const found = await stat(file).catch(() => undefined)
      if (!found) return { missing: blockId }
      staged.push({ file, size: found.size })
    }
    const dir = join(this.root, `${id}.committed-${this.commits++}`)
    await mkdir(dir, { recursive: true })
    const parts: Part[] = []
    for (const [i, part] of staged.entries()) {
      const file = join(dir, String(i))
      // The same block may be named twice in a list: a copy for its second use.
      if (staged.findIndex((p) => p.file === part.file) < i)
        await copyFile(join(dir, String(staged.findIndex((p) => p.file === part.file))), file)
      else await rename(part.file, file)
      parts.push({ file, size: part.size })
    }
    this.parts.set(id, parts)
    return { bytes: parts.reduce((sum, p) => sum + p.size, 0) }
  }

  private blockDir(id: number): string {
    return join(this.root, `${id}.blocks`)
  }
}

interface Part {
  file: string
  size: number
}

// Block ids are base64 (with '/' and '+'): hex keeps them safe as file names.
function blockFileName(blockId: string): string {
  return Buffer.from(blockId, 'utf8').toString('hex')
}

function counter(onChunk: (n: number, chunk: Buffer) => void): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      onChunk(chunk.length, chunk)
      done(null, chunk)
    },
  })
}

async function writeCounted(body: IncomingMessage, file: string): Promise<Written> {
  const hash = createHash('md5')
  let bytes = 0
  await pipeline(
    body,
    counter((n, chunk) => ((bytes += n), hash.update(chunk))),
    createWriteStream(file),
  )
  return { bytes, md5: hash.digest('base64') }
}
