import { describe, expect, it } from 'vitest'
import { httpDate, isoTime } from '../../../src/proxy/runtime/clock.js'

// Instants that catch the usual calendar mistakes: the epoch, before it, leap days (including
// 2000 and the non-leap 1900 and 2100), month and year ends, the last millisecond of a day.
const edges = [
  0,
  -1,
  Date.UTC(1900, 1, 28, 23, 59, 59, 999),
  Date.UTC(1900, 2, 1),
  Date.UTC(1969, 11, 31, 23, 59, 59, 999),
  Date.UTC(2000, 1, 29, 12, 0, 0, 1),
  Date.UTC(2024, 1, 29),
  Date.UTC(2024, 11, 31, 23, 59, 59, 999),
  Date.UTC(2026, 11, 2, 7, 39, 13, 42),
  Date.UTC(2100, 1, 28, 23, 59, 59, 999),
  Date.UTC(2100, 2, 1),
  Date.UTC(9999, 11, 31, 23, 59, 59, 999),
  Date.parse('0000-01-01T00:00:00.000Z'),
]

describe('clock', () => {
  it('writes what Date.prototype.toISOString and toUTCString write, at the edges', () => {
    for (const ms of edges) {
      expect(isoTime(ms)).toBe(new Date(ms).toISOString())
      expect(httpDate(ms)).toBe(new Date(ms).toUTCString())
    }
  })

  it('writes what Date writes for instants about two weeks apart over four centuries', () => {
    // A fixed-step walk (a prime number of seconds) instead of random times: a failure repeats.
    const from = Date.UTC(1800, 0, 1)
    const to = Date.UTC(2200, 0, 1)
    const step = 1_299_709_937
    for (let ms = from; ms < to; ms += step) {
      expect(isoTime(ms)).toBe(new Date(ms).toISOString())
      expect(httpDate(ms)).toBe(new Date(ms).toUTCString())
    }
  })
})
