import { constants, InflateRaw } from 'node:zlib'

/** Output buffer of one Inflater: every inflated byte passes through it, hashed on the way. */
const OUT_SIZE = 128 * 1024

/** The native zlib handle's sync write, as Node's own inflateRawSync calls it (lib/zlib.js). */
interface Handle {
  writeSync(
    flush: number,
    input: Uint8Array,
    inOff: number,
    inLen: number,
    out: Uint8Array,
    outOff: number,
    outLen: number,
  ): void
}

/** Tests turn this off to run the public zlib path, the one a Node without the handle takes. */
export const inflateOptions = { reuseOutput: true }

/**
 * Raw inflate into one output buffer, reused for every entry of a zip. Node's public inflate
 * functions give every output piece a new buffer: checking bench/proxy.ts's 96 MB of zips made
 * 390 MB of them, garbage a moment later, and the full collections that freed them were a sixth
 * of a cold proxy's CPU. This drives the stream's native handle with a buffer of its own, the
 * way Node's inflateRawSync drives it with fresh ones.
 */
export class Inflater {
  private readonly out = Buffer.allocUnsafe(OUT_SIZE)

  private constructor(
    private readonly stream: InflateRaw,
    private readonly handle: Handle,
    private readonly state: Uint32Array,
  ) {}

  /** An Inflater, or undefined where this Node's zlib stream has no such handle. */
  static create(): Inflater | undefined {
    if (!inflateOptions.reuseOutput) return undefined
    // The smallest output buffer zlib allows: the stream's own is never used.
    const stream = new InflateRaw({ chunkSize: constants.Z_MIN_CHUNK })
    const inner = stream as unknown as { _handle?: Partial<Handle>; _writeState?: unknown }
    const handle = inner._handle
    const state = inner._writeState
    if (typeof handle?.writeSync !== 'function' || !(state instanceof Uint32Array) || state.length < 2) {
      stream.close()
      return undefined
    }
    // A corrupt stream destroys it with the error, which is emitted later; write() throws it.
    stream.on('error', () => {})
    return new Inflater(stream, handle as Handle, state)
  }

  /** Ready for the next entry's deflate stream. */
  reset(): void {
    this.stream.reset()
  }

  /**
   * Inflates one piece of an entry's deflate data (`last`: the entry's final piece), giving
   * `take` every output piece: a view into the reused buffer, valid only during the call.
   * Throws on corrupt or, with `last`, unfinished data, which closes the Inflater; a throw from
   * `take` leaves it in the middle of the entry, for reset().
   */
  write(input: Uint8Array, last: boolean, take: (piece: Buffer) => void): void {
    // A write to a closed handle aborts the process (a native assertion), never just throws.
    if (this.stream.destroyed) throw new Error('the inflater is closed')
    const flush = last ? constants.Z_FINISH : constants.Z_NO_FLUSH
    let inOff = 0
    let inLen = input.length
    for (;;) {
      this.handle.writeSync(flush, input, inOff, inLen, this.out, 0, OUT_SIZE)
      if (this.stream.destroyed) throw this.stream.errored ?? new Error('zlib closed the stream')
      const outLeft = this.state[0] as number
      const inLeft = this.state[1] as number
      if (outLeft < OUT_SIZE) take(this.out.subarray(0, OUT_SIZE - outLeft))
      // A full output buffer may hide more output: go again with the input left. Otherwise
      // zlib took what it could, and input left over lies past the end of the deflate stream.
      if (outLeft !== 0) return
      inOff += inLen - inLeft
      inLen = inLeft
    }
  }

  close(): void {
    this.stream.close()
  }
}
