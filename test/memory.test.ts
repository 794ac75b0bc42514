import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { boundBufferGarbage, type Collect } from '../src/proxy/memory.js'

const external = (): number => process.memoryUsage().arrayBuffers

/**
 * Allocates `mb` MiB of Buffers into `into` and churns through enough young-generation
 * collections for them to be promoted, as a Buffer in flight during I/O is.
 */
function makeBuffers(mb: number, into: Buffer[]): number {
  into.push(...Array.from({ length: mb }, () => Buffer.alloc(1 << 20, 1)))
  let churn: { i: number }[] = []
  for (let i = 0; i < 4_000_000; i++) churn = i % 1000 === 0 ? [] : [...churn.slice(-1), { i }]
  return churn.length
}

async function waitFor(done: () => boolean, ms: number): Promise<void> {
  for (let waited = 0; !done() && waited < ms; waited += 20) await sleep(20)
}

describe('boundBufferGarbage', () => {
  it('has promoted dead array buffers collected once they grow past the limit', async () => {
    const base = external()
    const stop = boundBufferGarbage(8e6)
    try {
      const dead: Buffer[] = []
      makeBuffers(32, dead)
      expect(external()).toBeGreaterThan(base + 30e6)
      dead.length = 0
      // An idle process: nothing but the governor starts a collection.
      await waitFor(() => external() <= base + 8e6, 5_000)
      expect(external()).toBeLessThanOrEqual(base + 8e6)
    } finally {
      stop()
    }
  })

  it('measures growth from where the last collection left it: live Buffers cause one collection, not one a tick', async () => {
    let collections = 0
    const count: Collect = async () => void collections++
    const live: Buffer[] = []
    const stop = boundBufferGarbage(8e6, count)
    try {
      makeBuffers(32, live)
      await waitFor(() => collections > 0, 2_000)
      await sleep(300)
      expect(collections).toBe(1)
      expect(live.length).toBe(32)
    } finally {
      stop()
    }
  })
})
