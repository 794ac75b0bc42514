import { finished, Transform, type Readable } from 'node:stream'

/** How an upstream body went, for the caller to tell a broken body from a refused one. */
export interface BodyState {
  bytes: number
  tooLarge: boolean
  broken?: unknown
}

/**
 * `body` behind a byte counter: over `maxBytes` sets `tooLarge`, a broken or short body `broken`
 * (both before the returned stream errors). Piped, not async-iterated: paused-mode reads join
 * buffered chunks into new Buffers (bench/README.md, "Memory notes").
 */
export function countedBody(
  body: Readable,
  length: number | undefined,
  maxBytes: number,
  state: BodyState,
  tooLargeMessage: string,
): Readable {
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      state.bytes += chunk.length
      if (state.bytes > maxBytes) {
        state.tooLarge = true
        done(new Error(tooLargeMessage))
        return
      }
      done(null, chunk)
    },
    flush(done) {
      if (length !== undefined && state.bytes !== length) {
        const truncated = new Error(`truncated: ${state.bytes} of ${length} bytes`)
        state.broken = truncated
        done(truncated)
        return
      }
      done()
    },
  })
  // The consumer may not listen yet (it opens its file first): this keeps an early error from
  // being uncaught, and the consumer still gets it from the stream's errored state.
  counter.on('error', () => {})
  finished(body, (err) => {
    if (!err || counter.destroyed) return
    if (!state.tooLarge) state.broken = err
    counter.destroy(err)
  })
  return body.pipe(counter)
}
