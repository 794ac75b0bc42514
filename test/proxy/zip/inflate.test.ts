import { createHash } from 'node:crypto'
import { deflateRawSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import { Inflater, inflateOptions } from '../../../src/proxy/zip/inflate.js'

/** Bytes that deflate only a little, so the output is several times the 128 KiB buffer. */
function noise(n: number, seed = 0): Buffer {
  const out = Buffer.alloc(n)
  for (let i = 0; i < n; i += 32)
    createHash('sha256')
      .update(`${seed}:${i % 4096}`)
      .digest()
      .copy(out, i)
  return out
}

/** Inflates `raw` in pieces of `step` bytes; returns what came out, joined. */
function inflateAll(inflater: Inflater, raw: Buffer, step: number): Buffer {
  const pieces: Buffer[] = []
  inflater.reset()
  for (let off = 0; off < raw.length; off += step) {
    const end = Math.min(raw.length, off + step)
    inflater.write(raw.subarray(off, end), end === raw.length, (p) => pieces.push(Buffer.from(p)))
  }
  return Buffer.concat(pieces)
}

const created: Inflater[] = []
function inflater(): Inflater {
  const made = Inflater.create()
  if (!made) throw new Error("this Node's zlib stream has no handle to drive")
  created.push(made)
  return made
}
afterEach(() => {
  for (const i of created.splice(0)) i.close()
  inflateOptions.reuseOutput = true
})

describe('Inflater', () => {
  it('inflates an entry given in pieces of any size, and entry after entry after reset', () => {
    const one = inflater()
    const a = noise(3 << 20, 1)
    const b = Buffer.from('package b\n'.repeat(5000))
    expect(inflateAll(one, deflateRawSync(a), 1 << 20).equals(a)).toBe(true)
    expect(inflateAll(one, deflateRawSync(b), 7).equals(b)).toBe(true)
    expect(inflateAll(one, deflateRawSync(a), 100_000).equals(a)).toBe(true)
    expect(inflateAll(one, deflateRawSync(Buffer.alloc(0)), 1).length).toBe(0)
  })

  it('gives its output through one reused buffer: inflating 24 MiB leaves no new array buffers', () => {
    const one = inflater()
    const raw = deflateRawSync(noise(3 << 20, 2))
    const before = process.memoryUsage().arrayBuffers
    let seen = 0
    for (let i = 0; i < 8; i++) {
      one.reset()
      one.write(raw, true, (p) => (seen += p.length))
    }
    expect(seen).toBe(8 * (3 << 20))
    // Node's public inflate would have made 24 MiB of output buffers here.
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(1 << 20)
  })

  it("ignores bytes past the end of the deflate stream, as Node's inflateRawSync does", () => {
    const data = Buffer.from('hello, module\n')
    const raw = Buffer.concat([deflateRawSync(data), Buffer.from('trailing')])
    expect(inflateAll(inflater(), raw, 4).equals(data)).toBe(true)
  })

  it("throws zlib's reason for corrupt data, and for a stream cut short on its last piece", () => {
    const bad = Buffer.from(deflateRawSync(Buffer.from('hello hello hello')))
    bad[0] = 0xff
    const broken = inflater()
    expect(() => broken.write(bad, true, () => {})).toThrow(/invalid block type/)
    // Closed by the error: another write throws instead of reaching the closed native handle.
    expect(() => broken.write(bad, true, () => {})).toThrow(/closed/)
    const raw = deflateRawSync(noise(1 << 20, 3))
    const cut = inflater()
    expect(() => cut.write(raw.subarray(0, raw.length >> 1), true, () => {})).toThrow(
      /unexpected end of file/,
    )
    // The same half as a middle piece is fine: more may follow.
    const middle = inflater()
    expect(() => middle.write(raw.subarray(0, raw.length >> 1), false, () => {})).not.toThrow()
  })

  it('passes on a throw from take, and works again after reset', () => {
    const one = inflater()
    const raw = deflateRawSync(noise(1 << 20, 4))
    expect(() =>
      one.write(raw, true, () => {
        throw new Error('too big')
      }),
    ).toThrow('too big')
    expect(inflateAll(one, raw, 1 << 16).equals(noise(1 << 20, 4))).toBe(true)
  })

  it('is not made when the public zlib path is asked for', () => {
    inflateOptions.reuseOutput = false
    expect(Inflater.create()).toBeUndefined()
  })
})
