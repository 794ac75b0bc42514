import { randomBytes } from 'node:crypto'
import { closeSync, openSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PIECE, sendFile } from '../../../src/proxy/http/sendfile.js'
import { tempDir, type TempDir } from '../../support/helpers/gocmd.js'

/** A sink that copies what it is given and remembers which memory each piece came from. */
class Sink extends Writable {
  copies: Buffer[] = []
  memory = new Set<ArrayBufferLike>()
  ended = false
  override _write(chunk: Buffer, _enc: BufferEncoding, done: (err?: Error | null) => void): void {
    this.copies.push(Buffer.from(chunk))
    this.memory.add(chunk.buffer)
    setImmediate(done)
  }
  override _final(done: () => void): void {
    this.ended = true
    done()
  }
}

describe('sendFile', () => {
  let dir: TempDir
  let file: string
  const bytes = randomBytes(PIECE * 3 + 123)

  beforeAll(async () => {
    dir = tempDir('gmc-sendfile-')
    file = join(dir.path, 'f.zip')
    await writeFile(file, bytes)
  })
  afterAll(() => dir.remove())

  const send = async (out: Writable, size = bytes.length): Promise<void> => {
    const fd = openSync(file, 'r')
    try {
      await sendFile(fd, size, out)
    } finally {
      closeSync(fd)
    }
  }

  it('sends the file byte for byte in pieces, ends the stream, and reuses two buffers across answers', async () => {
    const first = new Sink()
    await send(first)
    expect(Buffer.concat(first.copies)).toEqual(bytes)
    expect(first.copies.map((c) => c.length)).toEqual([PIECE, PIECE, PIECE, 123])
    expect(first.ended).toBe(true)
    expect(first.memory.size).toBe(2)
    const second = new Sink()
    await send(second)
    expect(Buffer.concat(second.copies)).toEqual(bytes)
    expect([...second.memory]).toEqual([...first.memory])
  })

  it('never refills a piece the stream still holds', async () => {
    // Calls back late and only then checks the piece: a buffer read into meanwhile would differ.
    const seen: Buffer[] = []
    let pos = 0
    const slow = new Writable({
      write: (chunk: Buffer, _enc, done) => {
        const at = pos
        const want = bytes.subarray(at, at + chunk.length)
        pos += chunk.length
        setTimeout(() => {
          seen.push(Buffer.from(chunk))
          done(chunk.equals(want) ? null : new Error(`piece at ${at} changed while held`))
        }, 5)
      },
    })
    await send(slow)
    expect(Buffer.concat(seen)).toEqual(bytes)
  })

  it('rejects, and keeps its buffers out of reuse, when the stream closes with a write pending', async () => {
    let held: ArrayBufferLike | undefined
    // Takes the first piece, never calls back, and closes: a client gone mid-body.
    const stuck: Writable = new Writable({
      write: (chunk: Buffer) => {
        held = chunk.buffer
        setImmediate(() => stuck.destroy())
      },
    })
    await expect(send(stuck)).rejects.toThrow()
    expect(held).toBeDefined()
    // Whoever held the pending write may still read that buffer: later answers get another one.
    for (let i = 0; i < 2; i++) {
      const later = new Sink()
      await send(later)
      expect(Buffer.concat(later.copies)).toEqual(bytes)
      expect(later.memory.has(held as ArrayBufferLike)).toBe(false)
    }
  })

  it('rejects a failing write and a file shorter than the size it was given', async () => {
    const failing = new Writable({ write: (_c, _e, done) => done(new Error('EPIPE')) })
    failing.on('error', () => undefined)
    await expect(send(failing)).rejects.toThrow('EPIPE')
    await expect(send(new Sink(), bytes.length + 1)).rejects.toThrow(/file ended at/)
  })
})
