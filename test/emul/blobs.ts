import { createHash } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir, rm, stat } from 'node:fs/promises'
import type { IncomingMessage } from 'node:http'
import { join } from 'node:path'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'

/** What one streamed write put on disk. */
export interface Written {
  bytes: number
  md5: string // base64, as Azure's Content-MD5
}

/**
 * The blob side of the emulated cache service: block blobs on disk (never whole in memory),
 * one file per blob and one per staged block, the way Azure's Put Blob / Put Block /
 * Put Block List compose them.
 */
export class BlobFiles {
  constructor(private readonly root: string) {}

  /** Path of the committed blob of an entry. */
  blobPath(id: number): string {
    return join(this.root, `${id}.blob`)
  }

  /** Size of the committed blob, or undefined when nothing was committed. */
  async size(id: number): Promise<number | undefined> {
    const info = await stat(this.blobPath(id)).catch(() => undefined)
    return info?.size
  }

  /** Put Blob: the request body becomes the whole blob. */
  async putBlob(id: number, body: IncomingMessage): Promise<Written> {
    await mkdir(this.root, { recursive: true })
    return writeCounted(body, this.blobPath(id))
  }

  /** Put Block: stage one block under its (base64) id. */
  async putBlock(id: number, blockId: string, body: IncomingMessage): Promise<Written> {
    const dir = this.blockDir(id)
    await mkdir(dir, { recursive: true })
    return writeCounted(body, join(dir, blockFileName(blockId)))
  }

  /** Put Block List: concatenate the named staged blocks, in order, into the blob. */
  async commitBlocks(id: number, blockIds: string[]): Promise<Written | { missing: string }> {
    const dir = this.blockDir(id)
    for (const blockId of blockIds) {
      const exists = await stat(join(dir, blockFileName(blockId))).catch(() => undefined)
      if (!exists) return { missing: blockId }
    }
    const out = createWriteStream(this.blobPath(id))
    const hash = createHash('md5')
    let bytes = 0
    for (const blockId of blockIds) {
      const source = createReadStream(join(dir, blockFileName(blockId)))
      await pipeline(
        source,
        counter((n, chunk) => ((bytes += n), hash.update(chunk))),
        out,
        {
          end: false,
        },
      )
    }
    await new Promise<void>((resolve, reject) =>
      out.end((err?: Error | null) => (err ? reject(err) : resolve())),
    )
    await rm(dir, { recursive: true, force: true })
    return { bytes, md5: hash.digest('base64') }
  }

  private blockDir(id: number): string {
    return join(this.root, `${id}.blocks`)
  }
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
