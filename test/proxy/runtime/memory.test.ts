import { spawnSync } from 'node:child_process'
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import {
  boundBufferGarbage,
  bufferWorkStarting,
  jobNodeFlags,
  type Collect,
} from '../../../src/proxy/runtime/memory.js'

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
    const governor = boundBufferGarbage({ limit: 8e6 })
    try {
      const dead: Buffer[] = []
      makeBuffers(32, dead)
      expect(external()).toBeGreaterThan(base + 30e6)
      dead.length = 0
      // An idle process: nothing but the governor starts a collection.
      await waitFor(() => external() <= base + 8e6, 5_000)
      expect(external()).toBeLessThanOrEqual(base + 8e6)
    } finally {
      governor.stop()
    }
  })

  it('measures growth from where the last collection left it: live Buffers cause one collection, not one a tick', async () => {
    let collections = 0
    const count: Collect = async () => void collections++
    const live: Buffer[] = []
    const governor = boundBufferGarbage({ limit: 8e6, collect: count })
    try {
      makeBuffers(32, live)
      await waitFor(() => collections > 0, 2_000)
      await sleep(300)
      expect(collections).toBe(1)
      expect(live.length).toBe(32)
    } finally {
      governor.stop()
    }
  })

  it('collects when the used heap grows past its limit, counted from where the last collection left it', async () => {
    let collections = 0
    let heap = 10e6
    const governor = boundBufferGarbage({
      limit: 8e6,
      heapLimit: 4e6,
      collect: async () => void collections++,
      measure: () => ({ buffers: 1e6, heap }),
    })
    try {
      heap = 13e6
      await sleep(200)
      expect(collections).toBe(0)
      heap = 15e6
      await waitFor(() => collections > 0, 2_000)
      expect(collections).toBe(1)
      // What the collection left (all of it alive) is the new floor: no collection a tick.
      await sleep(200)
      expect(collections).toBe(1)
      heap = 19.5e6
      await waitFor(() => collections > 1, 2_000)
      expect(collections).toBe(2)
    } finally {
      governor.stop()
    }
  })

  it('checks rarely once array buffers stay still, and at full rate again as soon as work starts', async () => {
    let collections = 0
    let bytes = 1e6
    const governor = boundBufferGarbage({
      limit: 8e6,
      collect: async () => void collections++,
      idleAfterMs: 50,
      idleCheckMs: 60_000,
      measure: () => ({ buffers: bytes, heap: 0 }),
    })
    try {
      expect(governor.checkEveryMs()).toBe(20)
      await waitFor(() => governor.checkEveryMs() === 60_000, 2_000)
      expect(governor.checkEveryMs()).toBe(60_000)
      bytes = 40e6
      await sleep(200)
      expect(collections).toBe(0)
      bufferWorkStarting()
      expect(governor.checkEveryMs()).toBe(20)
      await waitFor(() => collections > 0, 2_000)
      expect(collections).toBe(1)
    } finally {
      governor.stop()
    }
  })

  it('goes back to full rate by itself when array buffers move while it checks rarely', async () => {
    let bytes = 1e6
    const governor = boundBufferGarbage({
      limit: 8e6,
      collect: async () => undefined,
      idleAfterMs: 300,
      idleCheckMs: 100,
      measure: () => ({ buffers: bytes, heap: 0 }),
    })
    try {
      await waitFor(() => governor.checkEveryMs() === 100, 2_000)
      expect(governor.checkEveryMs()).toBe(100)
      bytes = 2e6
      await waitFor(() => governor.checkEveryMs() === 20, 2_000)
      expect(governor.checkEveryMs()).toBe(20)
    } finally {
      governor.stop()
    }
  })
})

describe('jobNodeFlags', () => {
  it('gives the wrapper flag only to a V8 that knows it', () => {
    const common = ['--liftoff-only', '--max-opt=0', '--single-threaded-gc']
    expect(jobNodeFlags('11.3.244.8-node.38')).toEqual(common)
    expect(jobNodeFlags('13.6.233.17-node.35')).toEqual([
      ...common,
      '--wasm-wrapper-tiering-budget=2147483647',
    ])
  })

  it('are flags this node starts with (an unknown V8 flag stops node before any code runs)', () => {
    const run = spawnSync(process.execPath, [...jobNodeFlags(), '-e', 'process.stdout.write("ok")'], {
      encoding: 'utf8',
    })
    expect(run.stderr).toBe('')
    expect(run.stdout).toBe('ok')
  })
})
