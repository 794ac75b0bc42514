import { PassThrough, Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { setTimeout as wait } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { countedBody, type BodyState } from '../../../src/proxy/upstream/counted.js'

const TOO_LARGE = 'response too large'

/** A consumer that takes `delayMs` per chunk, as a store write behind a slow disk does. */
function slowSink(delayMs: number): { sink: Writable; chunks: Buffer[] } {
  const chunks: Buffer[] = []
  const sink = new Writable({
    highWaterMark: 1,
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk)
      setTimeout(done, delayMs)
    },
  })
  return { sink, chunks }
}

function fresh(): BodyState {
  return { bytes: 0, tooLarge: false }
}

describe('countedBody', () => {
  it('passes each chunk on as it came, never joined into a new Buffer behind a slow consumer', async () => {
    const body = new PassThrough()
    const sent = Array.from({ length: 20 }, (_, i) => Buffer.alloc(1000, i))
    for (const c of sent) body.write(c)
    body.end()
    const state = fresh()
    const { sink, chunks } = slowSink(2)
    await pipeline(countedBody(body, 20_000, 1 << 20, state, TOO_LARGE), sink)
    expect(state).toEqual({ bytes: 20_000, tooLarge: false })
    expect(chunks.length).toBe(20)
    chunks.forEach((c, i) => expect(c.buffer).toBe((sent[i] as Buffer).buffer))
  })

  it('fails past maxBytes with tooLarge, not as a broken body', async () => {
    const body = new PassThrough()
    body.end(Buffer.alloc(5000))
    const state = fresh()
    const { sink } = slowSink(0)
    await expect(pipeline(countedBody(body, undefined, 4096, state, TOO_LARGE), sink)).rejects.toThrow(
      TOO_LARGE,
    )
    expect(state.tooLarge).toBe(true)
    expect(state.broken).toBeUndefined()
  })

  it('fails a body that ends short of its length as broken', async () => {
    const body = new PassThrough()
    body.end(Buffer.alloc(100))
    const state = fresh()
    const { sink } = slowSink(0)
    await expect(pipeline(countedBody(body, 150, 1 << 20, state, TOO_LARGE), sink)).rejects.toThrow(
      'truncated: 100 of 150 bytes',
    )
    expect(state.broken).toBeInstanceOf(Error)
  })

  it('keeps an error before the consumer listens for the consumer, not uncaught, and as broken', async () => {
    const body = new PassThrough()
    const state = fresh()
    const counted = countedBody(body, 10, 1 << 20, state, TOO_LARGE)
    body.destroy(new Error('other side closed'))
    await wait(10) // an uncaught error would fail this test file
    expect((state.broken as Error).message).toBe('other side closed')
    const { sink } = slowSink(0)
    await expect(pipeline(counted, sink)).rejects.toThrow('other side closed')
  })

  it('fails a body closed without an error or an end as broken', async () => {
    const body = new PassThrough()
    const state = fresh()
    const counted = countedBody(body, undefined, 1 << 20, state, TOO_LARGE)
    body.write(Buffer.alloc(10))
    body.destroy()
    const { sink } = slowSink(0)
    await expect(pipeline(counted, sink)).rejects.toThrow(/premature close/i)
    expect(state.broken).toBeInstanceOf(Error)
  })
})
