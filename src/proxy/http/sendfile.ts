import { read } from 'node:fs'
import { promisify } from 'node:util'
import type { Writable } from 'node:stream'

/** Read size of a piece: larger pieces mean fewer reads and writes, smaller ones less memory (bench/README.md). */
export const PIECE = 128 * 1024
/** Piece buffers kept for later answers: two per answer in flight for a few answers at once. */
const MAX_SPARE = 8
const spare: Buffer[] = []
const readAsync = promisify(read)

/**
 * Sends bytes [0, size) of an open file to `out` and ends it through two reused buffers (a read
 * stream makes a Buffer per piece); a buffer is refilled only after its write callback. Throws
 * when `out` fails or closes first, or the file is shorter.
 */
export async function sendFile(fd: number, size: number, out: Writable): Promise<void> {
  const bufs = [takeSpare(), takeSpare()]
  let clean = false
  try {
    // Two buffers: the next piece is read while the last one is still with the socket, so the
    // client is not kept waiting on a thread-pool read between pieces.
    let writing: Promise<void> = Promise.resolve()
    for (let pos = 0, i = 0; pos < size; i ^= 1) {
      const buf = bufs[i] as Buffer // its own last write ended before the other one began
      const { bytesRead } = await readAsync(fd, buf, 0, Math.min(PIECE, size - pos), pos)
      if (bytesRead === 0) throw new Error(`file ended at ${pos} of ${size} bytes`)
      pos += bytesRead
      await writing
      writing = write(out, buf.subarray(0, bytesRead))
      writing.catch(() => {}) // seen by the next await; a failure meanwhile is not unhandled
    }
    await writing
    clean = true
  } finally {
    // After a failed or abandoned write the socket may still hold the buffers: only a clean run
    // gives them back.
    if (clean) for (const buf of bufs) if (spare.length < MAX_SPARE) spare.push(buf)
  }
  out.end()
}

function takeSpare(): Buffer {
  return spare.pop() ?? Buffer.allocUnsafeSlow(PIECE)
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
