import { read } from 'node:fs'
import { promisify } from 'node:util'
import type { Writable } from 'node:stream'

/**
 * The read size for files sent in pieces (bench/proxy.ts: 128 and 256 KiB pieces cost the warm
 * run 10-20 MB of peak RSS, for no gain).
 */
export const PIECE = 64 * 1024
/** Piece buffers kept for later answers: about one per answer in flight. */
const MAX_SPARE = 16
const spare: Buffer[] = []
const readAsync = promisify(read)

/**
 * Sends bytes [0, size) of an open file to `out` and ends it, through one reused buffer: each
 * piece is read only once the previous one has been handed to the socket (its write callback).
 * A read stream allocates a Buffer per piece, and one still in flight at a young-generation GC
 * is promoted and freed only by a full one (memory.ts): in a proxy serving a job's zips that garbage
 * was a third of its peak RSS. Throws when `out` fails or closes first, or the file is shorter.
 */
export async function sendFile(fd: number, size: number, out: Writable): Promise<void> {
  const buf = spare.pop() ?? Buffer.allocUnsafeSlow(PIECE)
  let clean = false
  try {
    for (let pos = 0; pos < size;) {
      const { bytesRead } = await readAsync(fd, buf, 0, Math.min(PIECE, size - pos), pos)
      if (bytesRead === 0) throw new Error(`file ended at ${pos} of ${size} bytes`)
      pos += bytesRead
      await write(out, buf.subarray(0, bytesRead))
    }
    clean = true
  } finally {
    // After a failed or abandoned write the socket may still hold the buffer: only a clean run
    // gives it back.
    if (clean && spare.length < MAX_SPARE) spare.push(buf)
  }
  out.end()
}

// Resolves once `out` has handed the chunk on; rejects when it fails or closes before that (a
// client gone mid-body may never call the callback).
function write(out: Writable, chunk: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const onClose = (): void => reject(new Error('closed before the write finished'))
    out.once('close', onClose)
    out.write(chunk, (err) => {
      out.off('close', onClose)
      if (err) reject(err)
      else resolve()
    })
  })
}
