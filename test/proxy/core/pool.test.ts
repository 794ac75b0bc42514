import { setTimeout as wait } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { mapLimited } from '../../../src/proxy/core/pool.js'

describe('mapLimited', () => {
  it('keeps results in the items order, whichever finishes first, with at most `limit` in flight', async () => {
    let inFlight = 0
    let most = 0
    const got = await mapLimited([30, 1, 20, 2, 10], 2, async (ms) => {
      most = Math.max(most, ++inFlight)
      await wait(ms)
      inFlight--
      return ms * 10
    })
    expect(got).toEqual([300, 10, 200, 20, 100])
    expect(most).toBe(2)
  })
})
